"""Screening quality and speed: counterflow against OpenSanctions' nomenklatura logic-v2.

Part 1, quality: every pair of ``tests/data/name_pairs.csv`` (built by
``bench/build_name_pairs.py``) scored by both matchers; precision, recall and F1 of the
"same name" class at each matcher's default threshold (counterflow: ``MatchConfig``;
logic-v2: 0.7, yente's default ``SCORE_THRESHOLD``), overall and per kind of pair.

Part 2, speed: queries screened against the OFAC SDN and UN consolidated lists together (every
alias). counterflow runs its whole path (name preparation, index retrieval, scoring,
evidence). nomenklatura has no in-memory retrieval, so it is handed counterflow's candidate
entries and timed on its scoring alone (which favours the peer). One thread each.

    .venv/bin/python bench/screening_vs_nomenklatura.py --queries 1000
"""

from __future__ import annotations

import argparse
import itertools
import random
import shlex
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT.parent / "shared" / "data" / "lists"
PAIRS = ROOT / "tests" / "data" / "name_pairs.csv"

from counterflow.model import EntityKind, ScreeningQuery, WatchlistEntry  # noqa: E402
from counterflow.screening import Screener, read_list  # noqa: E402
from counterflow.screening.match import MatchConfig  # noqa: E402
from counterflow.screening.names import prepare_name  # noqa: E402
from counterflow.screening.pairs import pair_quality, read_pairs, score_pairs  # noqa: E402

NK_THRESHOLD = 0.7
_ids = itertools.count()


def nk_entity(names: list[str], kind: str = "Person", **props: list[str]) -> Any:
    """A FollowTheMoney entity for nomenklatura (fresh id: its caches key on ids)."""
    from followthemoney import model

    e = model.make_entity(kind)
    e.id = f"e{next(_ids)}"
    e.add("name", names[0])
    for n in names[1:]:
        e.add("alias", n)
    for k, v in props.items():
        e.add(k, v)
    return e


def nk_of(entry: WatchlistEntry) -> Any:
    schema = "Person" if entry.kind is EntityKind.PERSON else "LegalEntity"
    props: dict[str, list[str]] = {}
    if entry.kind is EntityKind.PERSON and entry.dates_of_birth:
        props["birthDate"] = list(entry.dates_of_birth)
    return nk_entity([n.text for n in entry.names], schema, **props)


def quality_part(rows: list[str]) -> None:
    from nomenklatura.matching import LogicV2

    pairs = read_pairs(PAIRS)
    labels = [p.label or 0 for p in pairs]
    started = time.perf_counter()
    ours = score_pairs(pairs)
    ours_s = time.perf_counter() - started
    cfg = LogicV2.default_config()
    started = time.perf_counter()
    peer = [LogicV2.compare(nk_entity([p.name_a]), nk_entity([p.name_b]), cfg).score for p in pairs]
    peer_s = time.perf_counter() - started
    thr = MatchConfig().threshold
    kinds: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        kinds[p.kind].append(i)
    rows.append(
        f"pairs: {len(pairs):,} ({sum(labels):,} same, {len(pairs) - sum(labels):,} different)"
    )
    rows.append("| set | counterflow P | R | F1 | FP rate | logic-v2 P | R | F1 | FP rate |")
    rows.append("|---|---|---|---|---|---|---|---|---|")
    for name, idx in [("all", list(range(len(pairs)))), *sorted(kinds.items())]:
        y = [labels[i] for i in idx]
        a = pair_quality(y, [ours[i] for i in idx], thr)
        b = pair_quality(y, [peer[i] for i in idx], NK_THRESHOLD)
        rows.append(
            f"| {name} ({len(idx)}) | {a.precision:.3f} | {a.recall:.3f} | {a.f1:.3f} | "
            f"{a.false_positive_rate:.3f} | {b.precision:.3f} | {b.recall:.3f} | {b.f1:.3f} | "
            f"{b.false_positive_rate:.3f} |"
        )
    rows.append(
        f"thresholds: counterflow {thr}, logic-v2 {NK_THRESHOLD}; scoring time "
        f"counterflow {ours_s:.1f} s, logic-v2 {peer_s:.1f} s"
    )


def queries_for(entries: list[WatchlistEntry], n: int, seed: int) -> list[ScreeningQuery]:
    """Half list names with one slip, half names of people on no list."""
    rng = random.Random(seed)
    people = [e for e in entries if e.kind is EntityKind.PERSON]
    out = []
    for e in rng.sample(people, n // 2):
        name = rng.choice(e.names).text
        if len(name) > 6:
            j = rng.randrange(1, len(name) - 1)
            name = name[:j] + name[j + 1 :]
        out.append(ScreeningQuery(name))
    given = ["Sokha", "Dara", "Vannak", "Maria", "John", "Wei", "Ahmad", "Olga", "Sophea"]
    family = ["Chan", "Sok", "Nguyen", "Smith", "Ivanova", "Rahman", "Li", "Kim", "Mao"]
    while len(out) < n:
        out.append(ScreeningQuery(f"{rng.choice(given)} {rng.choice(family)} {rng.choice(given)}"))
    return out


def speed_part(rows: list[str], n: int, seed: int) -> None:
    from nomenklatura.matching import LogicV2

    un = read_list(LISTS / "un_consolidated.xml", "un")
    ofac = read_list(LISTS / "ofac_sdn", "ofac")
    entries = [*un.entries, *ofac.entries]
    names = sum(len(e.names) for e in entries)
    started = time.perf_counter()
    screener = Screener(entries, versions={"un": un.version, "ofac": ofac.version})
    build_s = time.perf_counter() - started
    queries = queries_for(entries, n, seed)
    prepare_name.cache_clear()
    started = time.perf_counter()
    hits = [screener.screen(q) for q in queries]
    ours_s = time.perf_counter() - started
    # The peer scores the same candidate entries counterflow retrieved.
    cand: list[list[int]] = []
    for q in queries:
        forms = prepare_name(q.name).forms
        ids = {screener.index.records[r].entry for r in screener.index.candidates(forms, 200)}
        cand.append(sorted(ids))
    nk_entries = {i: nk_of(entries[i]) for c in cand for i in c}
    cfg = LogicV2.default_config()
    started = time.perf_counter()
    for q, c in zip(queries, cand, strict=True):
        qe = nk_entity([q.name])
        for i in c:
            LogicV2.compare(qe, nk_entries[i], cfg)
    peer_s = time.perf_counter() - started
    pairs = sum(len(c) for c in cand)
    rows.append(
        f"lists: UN {len(un.entries):,} + OFAC {len(ofac.entries):,} entries, {names:,} names; "
        f"index built in {build_s:.1f} s; {n:,} queries, {sum(map(len, hits)):,} hits"
    )
    rows.append("| matcher | queries/s (1 thread) | candidate pairs scored |")
    rows.append("|---|---|---|")
    rows.append(f"| counterflow (retrieval + scoring) | {n / ours_s:,.0f} | {pairs:,} |")
    rows.append(f"| nomenklatura logic-v2 (scoring only) | {n / peer_s:,.1f} | {pairs:,} |")
    rows.append(f"speed-up: {peer_s / ours_s:.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-speed", action="store_true")
    a = ap.parse_args()
    if not PAIRS.exists():
        sys.exit(f"no pairs file at {PAIRS}: run bench/build_name_pairs.py")
    rows: list[str] = []
    quality_part(rows)
    if not a.skip_speed:
        if not LISTS.is_dir():
            sys.exit(f"no lists at {LISTS}")
        rows.append("")
        speed_part(rows, a.queries, a.seed)
    print("\n".join(rows))
    print(
        "\nreproduce: .venv/bin/python bench/screening_vs_nomenklatura.py "
        + shlex.join(sys.argv[1:])
    )


if __name__ == "__main__":
    main()
