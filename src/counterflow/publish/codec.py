"""Public tables to canonical JSON and back: what a release freezes and hashes.

Canonical means sorted keys, no insignificant spaces, UTF-8: the same tables always give the
same bytes, so the content hash of a release can be recomputed by anyone from the JSON the
public page offers.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from counterflow.stats.table import Column, Period, PublicCell, PublicRow, PublicTable, Unit


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _period(p: Period) -> list[str]:
    return [p.start.isoformat(), p.end.isoformat()]


def table_to_dict(t: PublicTable) -> dict[str, Any]:
    return {
        "key": t.key,
        "title": t.title,
        "population": t.population,
        "unit": t.unit.value,
        "dimensions": list(t.dimensions),
        "columns": [{"period": _period(c.period), "source": c.source} for c in t.columns],
        "rows": [
            {"key": list(r.key), "cells": [[c.shown, c.low, c.high] for c in r.cells]}
            for r in t.rows
        ],
        "totals": list(t.totals),
        "rules_version": t.rules_version,
        "min_percent_denominator": t.min_percent_denominator,
        "multi_select": t.multi_select,
        "denominator_rule": t.denominator_rule,
        "definition": t.definition,
    }


def table_from_dict(d: dict[str, Any]) -> PublicTable:
    return PublicTable(
        key=d["key"],
        title=d["title"],
        population=d["population"],
        unit=Unit(d["unit"]),
        dimensions=tuple(d["dimensions"]),
        columns=tuple(
            Column(
                Period(date.fromisoformat(c["period"][0]), date.fromisoformat(c["period"][1])),
                c["source"],
            )
            for c in d["columns"]
        ),
        rows=tuple(
            PublicRow(tuple(r["key"]), tuple(PublicCell(s, lo, hi) for s, lo, hi in r["cells"]))
            for r in d["rows"]
        ),
        totals=tuple(d["totals"]),
        rules_version=d["rules_version"],
        min_percent_denominator=d["min_percent_denominator"],
        multi_select=d["multi_select"],
        denominator_rule=d["denominator_rule"],
        definition=d["definition"],
    )
