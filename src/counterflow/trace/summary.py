"""The plain sentence an investigator reads first.

Forward, for example: "USD 182,400 of 240,000 reached 3 accounts at B003 within 36 hours;
61 % left the country; USD 12,000 was withdrawn in cash." The first figure is the traced
money the trace left in accounts it can still name (where a freeze can bite); then what left
the domestic bank data (abroad, as cash, to exchanges), what came back to the seeds, and what
reached accounts already named in other cases. Backward, the same figures read as sources:
"USD 40,000 of 52,000 paid into A came from 7 accounts at 2 banks (most at B004) within 5
days before; 12 % came from abroad." Amounts are rounded to whole dollars.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from counterflow.trace.index import to_micros
from counterflow.trace.query import Direction, TraceQuery
from counterflow.trace.result import Endpoint, EndpointKind, TraceResult

_HOUR = 3_600_000_000


@dataclass(frozen=True, slots=True)
class Totals:
    """The figures a summary needs (totals over every endpoint, kept or not)."""

    query: TraceQuery
    seed_usd: float
    returned_usd: float
    totals: Mapping[EndpointKind, float]
    endpoints: tuple[Endpoint, ...]
    span_micros: int


def usd(amount: float) -> str:
    return f"{round(amount):,}"


def _share(part: float, whole: float) -> str:
    pct = 100.0 * part / whole
    return "<1 %" if 0 < pct < 0.5 else f"{round(pct)} %"


def _span(micros: int) -> str:
    hours = micros / _HOUR
    if hours < 1:
        minutes = max(1, math.ceil(micros / 60_000_000))
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if hours <= 72:
        whole = math.ceil(hours)
        return f"{whole} hour{'s' if whole != 1 else ''}"
    return f"{math.ceil(hours / 24)} days"


def _banks(retained: list[Endpoint]) -> str:
    by_bank: dict[str, float] = defaultdict(float)
    for end in retained:
        by_bank[end.bank] += end.traced_usd
    if not by_bank:
        return ""
    top = max(sorted(by_bank), key=lambda b: by_bank[b])
    return f" at {top}" if len(by_bank) == 1 else f" at {len(by_bank)} banks (most at {top})"


def _seeds(query: TraceQuery) -> str:
    return query.accounts[0] if len(query.accounts) == 1 else f"{len(query.accounts)} accounts"


def _nothing(query: TraceQuery) -> str:
    where = "out of" if query.direction is Direction.FORWARD else "into"
    window = ""
    if query.start is not None:
        window += f" from {query.start:%Y-%m-%d %H:%M}"
    if query.end is not None:
        window += f" to {query.end:%Y-%m-%d %H:%M}"
    minimum = f" of at least USD {usd(query.min_amount_usd)}" if query.min_amount_usd else ""
    return f"Nothing to trace: no payments {where} {_seeds(query)}{minimum}{window}."


def summarise_totals(t: Totals) -> str:
    """The sentence for the figures ``t``."""
    q = t.query
    if t.seed_usd <= 0:
        return _nothing(q)
    forward = q.direction is Direction.FORWARD
    retained = [e for e in t.endpoints if e.kind is EndpointKind.RETAINED]
    kept = t.totals.get(EndpointKind.RETAINED, 0.0)
    n = len({e.account for e in retained})
    accounts = f"{n} account{'s' if n != 1 else ''}{_banks(retained)}"
    span = f" within {_span(t.span_micros)}" + ("" if forward else " before")
    if n == 0:
        into = "" if forward else f" paid into {_seeds(q)}"
        parts = [
            f"Of USD {usd(t.seed_usd)}{into}, none {'stayed in' if forward else 'came from'}"
            f" accounts the trace can name"
        ]
    elif forward:
        parts = [f"USD {usd(kept)} of {usd(t.seed_usd)} reached {accounts}{span}"]
    else:
        parts = [
            f"USD {usd(kept)} of {usd(t.seed_usd)} paid into {_seeds(q)} came from {accounts}{span}"
        ]
    abroad = t.totals.get(EndpointKind.CROSS_BORDER, 0.0)
    if abroad > 0:
        verb = "left the country" if forward else "came from abroad"
        parts.append(f"{_share(abroad, t.seed_usd)} {verb}")
    phrases = (
        (EndpointKind.CASH_OUT, "was withdrawn in cash", "was paid in as cash"),
        (EndpointKind.EXCHANGE, "went to exchanges", "came from exchanges"),
    )
    for kind, ahead, behind in phrases:
        amount = t.totals.get(kind, 0.0)
        if amount > 0:
            parts.append(f"USD {usd(amount)} {ahead if forward else behind}")
    if t.returned_usd > 0:
        back = "came back to the seeds" if forward else "had come from the seeds (a round trip)"
        parts.append(f"USD {usd(t.returned_usd)} {back}")
    other = t.totals.get(EndpointKind.OTHER_CASE, 0.0)
    if other > 0:
        labels = sorted(
            {c for e in t.endpoints if e.kind is EndpointKind.OTHER_CASE for c in e.cases}
        )
        shown = ", ".join(labels[:3]) + (f" and {len(labels) - 3} more" if len(labels) > 3 else "")
        verb = "reached" if forward else "passed through"
        parts.append(f"USD {usd(other)} {verb} accounts in other cases ({shown})")
    return "; ".join(parts) + "."


def summarise(result: TraceResult) -> str:
    """The sentence for a result (its ``summary`` already holds it)."""
    edges = result.edges
    span = 0
    if edges:
        span = to_micros(max(e.ts for e in edges)) - to_micros(min(e.ts for e in edges))
    return summarise_totals(
        Totals(
            result.query,
            result.seed_usd,
            result.returned_usd,
            result.totals,
            result.endpoints,
            span,
        )
    )
