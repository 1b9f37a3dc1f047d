"""Hand-built transaction stores for the tracer tests: a list of tuples -> a canonical frame.

Each payment is ``(src, dst, usd, hour)`` or ``(src, dst, usd, hour, extra)`` where
``extra`` may set ``channel``, ``src_bank``, ``dst_bank`` or ``txn_id``. Rows keep their
order, so equal hours are ordered as listed (the store order the tracer uses for ties).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl

T0 = datetime(2024, 3, 1, tzinfo=UTC)


def at(hour: float) -> datetime:
    return T0 + timedelta(hours=hour)


def frame(rows: list[tuple[Any, ...]], *, bank: str = "B1") -> pl.DataFrame:
    records = []
    for i, row in enumerate(rows):
        src, dst, usd, hour = row[:4]
        extra: dict[str, Any] = row[4] if len(row) > 4 else {}
        cash = str(dst).startswith("CASH@") or str(src).startswith("CASH@")
        records.append(
            {
                "txn_id": extra.get("txn_id", f"t{i}"),
                "ts": at(hour),
                "src_account": src,
                "dst_account": dst,
                "amount": float(usd) * extra.get("rate", 1.0),
                "currency": extra.get("currency", "USD"),
                "amount_usd": float(usd),
                "channel": extra.get("channel", "cash" if cash else "wire"),
                "src_bank": extra.get("src_bank", bank),
                "dst_bank": extra.get("dst_bank", bank),
            }
        )
    return pl.DataFrame(
        records,
        schema={
            "txn_id": pl.String,
            "ts": pl.Datetime("us", "UTC"),
            "src_account": pl.String,
            "dst_account": pl.String,
            "amount": pl.Float64,
            "currency": pl.String,
            "amount_usd": pl.Float64,
            "channel": pl.String,
            "src_bank": pl.String,
            "dst_bank": pl.String,
        },
    )
