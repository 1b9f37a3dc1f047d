"""The screening part of ``counterflow demo``: load lists, screen a few names, show why.

A small domestic list of fictional persons of interest (written in Latin, Khmer and Chinese
script) is always loaded; the real UN and OFAC lists are loaded too when the shared data
folder is there. The queries show the three things screening must get right: a Khmer-script
name against its Latin spelling, Chinese characters against pinyin, and a near-miss that must
not hit.
"""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from rich.table import Table

from counterflow.cli._common import console, step
from counterflow.cli._db import database
from counterflow.cli._watchlists import current_screener, store_snapshot
from counterflow.model import ListSource, ScreeningQuery
from counterflow.screening import read_list

DOMESTIC = "\n".join(
    (
        "entry_id,name,aliases,date_of_birth,nationality,id_numbers,position,reason,kind",
        "demo-1,SOK Dara,សុខ ដារា,1979-04-12,KH,passport:N0123456,,"
        "recruiter in a labour trafficking case (fictional),person",
        "demo-2,WANG Jianguo,王建国;Wong Kin Kwok,1971,CN,,,"
        "controller of a scam compound's payment accounts (fictional),person",
        "demo-3,CHEA Sophal,ជា សុផល,1985,KH,,provincial official,"
        "politically exposed person (fictional),person",
        "",
    )
)

QUERIES = (
    ScreeningQuery("សុខ ដារា", date_of_birth="1979"),
    ScreeningQuery("Wang Jian Guo"),
    ScreeningQuery("Lok Chumteav Chea Sophal"),
    ScreeningQuery("Sok Dalin"),
    ScreeningQuery("Ayman al-Zawahiri"),
)

SHARED_LISTS = Path("..") / "shared" / "data" / "lists"


def screening_demo(out: Path) -> None:
    """Load the demo lists into the configured database and screen :data:`QUERIES`."""
    domestic = out / "demo_persons_of_interest.csv"
    domestic.write_text(DOMESTIC, encoding="utf-8")
    sources = [(domestic, ListSource.DOMESTIC)]
    if SHARED_LISTS.is_dir():
        sources += [
            (SHARED_LISTS / "un_consolidated.xml", ListSource.UN),
            (SHARED_LISTS / "ofac_sdn", ListSource.OFAC),
        ]
    with step("loading watch lists"), database() as session:
        for path, source in sources:
            store_snapshot(session, read_list(path, source))
        screener = current_screener(session)
    console.rule("watch-list screening")
    console.print(
        f"{len(screener.entries):,} list entries ({', '.join(sorted(screener.versions))}); "
        f"threshold {screener.config.threshold}"
    )
    table = Table(show_lines=True)
    for col in ("query", "hit", "score", "why"):
        table.add_column(col, overflow="fold")
    for q in QUERIES:
        hits = screener.screen(q, limit=1)
        if hits:
            h = hits[0]
            hit = escape(f"{h.entry_id}\n{h.matched_name}")
            table.add_row(escape(q.name), hit, f"{h.score:.2f}", escape(h.explanation()))
        else:
            table.add_row(escape(q.name), "no hit", "", "")
    console.print(table)
