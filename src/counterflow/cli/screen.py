"""``counterflow screen``: screen a name, a file of people, or labelled name pairs.

Thin: read the current list versions from the database, build a
:class:`~counterflow.screening.Screener`, screen, remember who was screened (so that list
changes re-screen them), print. ``screen pairs`` needs no lists: it compares two names.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from counterflow.cli._common import fail_cleanly, step
from counterflow.cli._db import database
from counterflow.cli._watchlists import current_screener
from counterflow.model import InputError, ScreeningHit
from counterflow.screening import (
    MatchConfig,
    Screener,
    make_query,
    pair_quality,
    read_pairs,
    read_people,
    score_pairs,
)
from counterflow.watchlists import (
    codec,
    record_screening,
)

app = typer.Typer(help="Screen names against the loaded watch lists.")
out = Console()

HIT_COLUMNS = (
    "ref",
    "name",
    "score",
    "entry_id",
    "source",
    "list_version",
    "matched_name",
    "explanation",
)


@app.callback()
def screen() -> None:
    """Screen names against the loaded watch lists."""


def _screener(threshold: float | None) -> Screener:
    with database() as session:
        screener = current_screener(session, threshold)
    if not screener.entries:
        raise InputError(
            "no watch lists loaded: run `counterflow lists load PATH --source un|ofac|ftm|domestic`"
        )
    return screener


def _hit_dict(hit: ScreeningHit) -> dict[str, object]:
    out = codec.hit_to_dict(hit)
    del out["query"]  # printed once, beside the hits
    out["explanation"] = hit.explanation()
    return out


@app.command()
def name(
    text: Annotated[str, typer.Argument(metavar="NAME", help="the name, in any script")],
    dob: Annotated[str | None, typer.Option(help="date of birth, YYYY[-MM[-DD]]")] = None,
    country: Annotated[str | None, typer.Option(help="nationality, ISO alpha-2")] = None,
    gender: Annotated[str | None, typer.Option(help="male | female")] = None,
    id_number: Annotated[str | None, typer.Option(help="passport or ID number")] = None,
    threshold: Annotated[float | None, typer.Option(help="report hits at or above")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False,
) -> None:
    """Screen one name; every hit says why."""
    query = fail_cleanly(
        lambda: make_query(
            name=text, date_of_birth=dob, country=country, gender=gender, id_number=id_number
        )
    )
    with step("loading watch lists"):
        screener = fail_cleanly(lambda: _screener(threshold))
    hits = screener.screen(query)

    def remember() -> None:
        with database() as session:
            record_screening(session, query=query, hits=hits, origin="cli")

    fail_cleanly(remember)
    if as_json:
        typer.echo(
            json.dumps({"query": text, "hits": [_hit_dict(h) for h in hits]}, ensure_ascii=False)
        )
        return
    if not hits:
        out.print(f"no hit for {text!r} at threshold {screener.config.threshold}")
        return
    table = Table(title=f"hits for {text!r}")
    for col in ("score", "list", "entry", "matched name", "why"):
        table.add_column(col, overflow="fold")
    for h in hits:
        table.add_row(
            f"{h.score:.2f}",
            f"{h.source} {h.list_version}",
            escape(h.entry_id),
            escape(h.matched_name),
            escape(h.explanation()),
        )
    out.print(table)


@app.command()
def file(
    people: Annotated[Path, typer.Argument(help="CSV: name[,date_of_birth,country,...]")],
    out_path: Annotated[Path, typer.Option("--out", help="hits CSV to write")],
    threshold: Annotated[float | None, typer.Option(help="report hits at or above")] = None,
) -> None:
    """Screen every row of a CSV of people; write one row per hit."""
    queries = fail_cleanly(lambda: read_people(people))
    with step("loading watch lists"):
        screener = fail_cleanly(lambda: _screener(threshold))
    with step(f"screening {len(queries):,} people"):
        results = screener.screen_many(queries)

    def remember() -> None:
        with database() as session:
            for q, hits in zip(queries, results, strict=True):
                record_screening(session, query=q, hits=hits, origin="file")

    fail_cleanly(remember)
    tmp = out_path.with_name(out_path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HIT_COLUMNS)
        for q, hits in zip(queries, results, strict=True):
            for h in hits:
                w.writerow(
                    [
                        q.ref,
                        q.name,
                        h.score,
                        h.entry_id,
                        h.source,
                        h.list_version,
                        h.matched_name,
                        h.explanation(),
                    ]
                )
    tmp.replace(out_path)
    n_hits = sum(map(len, results))
    flagged = sum(1 for r in results if r)
    out.print(
        f"{len(queries):,} people screened, {flagged:,} with hits ({n_hits:,} hits) → {out_path}"
    )


@app.command()
def pairs(
    path: Annotated[Path, typer.Argument(help="CSV: name_a,name_b[,label[,kind]]")],
    threshold: Annotated[float | None, typer.Option(help="decision threshold")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False,
) -> None:
    """Score name pairs; with labels, precision/recall/F1 at the threshold."""
    rows = fail_cleanly(lambda: read_pairs(path))
    with step(f"scoring {len(rows):,} pairs"):
        scores = score_pairs(rows)
    cut = MatchConfig().threshold if threshold is None else threshold
    labelled = all(r.label is not None for r in rows) and bool(rows)
    if labelled:
        q = pair_quality([r.label or 0 for r in rows], scores, cut)
        if as_json:
            typer.echo(json.dumps(q.as_dict()))
            return
    elif as_json:
        typer.echo(
            json.dumps(
                {
                    "pairs": [
                        {"name_a": r.name_a, "name_b": r.name_b, "score": s}
                        for r, s in zip(rows, scores, strict=True)
                    ],
                    "threshold": cut,
                },
                ensure_ascii=False,
            )
        )
        return
    table = Table(title=f"{len(rows):,} pairs (threshold {cut})")
    for col in ("name a", "name b", "score", "same?") + (("label",) if labelled else ()):
        table.add_column(col)
    for r, s in list(zip(rows, scores, strict=True))[:200]:
        cells = [escape(r.name_a), escape(r.name_b), f"{s:.3f}", "yes" if s >= cut else "no"]
        if labelled:
            cells.append(str(r.label))
        table.add_row(*cells)
    out.print(table)
    if len(rows) > 200:
        out.print(f"(first 200 of {len(rows):,} shown)")
    if labelled:
        out.print(
            f"precision {q.precision:.3f}  recall {q.recall:.3f}  F1 {q.f1:.3f}  "
            f"(threshold {cut}, {q.false_positives} false and {q.false_negatives} missed)"
        )
