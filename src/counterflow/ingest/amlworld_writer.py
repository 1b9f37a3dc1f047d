"""Writer of AMLworld files: ``{name}_Trans.csv`` and ``{name}_Patterns.txt``.

This lets any tool built for IBM's AMLworld (snapml's graph feature miner, published GNN
baselines) run on our simulated or ingested ledgers. Layouts are exactly those read by
:mod:`.amlworld` and :mod:`.amlworld_patterns`:

* Accounts: AMLworld separates bank and account. An account string ``bank/local`` whose
  prefix is its bank (as the AMLworld reader names accounts) is written as ``local``, so a
  read gives back the same string; any other account string is written whole.
* Amounts: two decimals (``2848.96``) when that is exact, else the shortest exact decimal;
  both sides (received, paid) carry the one canonical amount and currency.
* ``Payment Format``: AMLworld's spelling for its formats (``credit_card`` -> ``Credit
  Card``), else Title Case with spaces (``mobile_money`` -> ``Mobile Money``).
* ``Timestamp``: minute resolution (seconds are cut): the one lossy step of a round trip.
* Patterns: one block per ``pattern_id`` (ascending; a read renumbers them 0, 1, ...),
  headed ``BEGIN LAUNDERING ATTEMPT - FAN-OUT:  Max 3-degree Fan-Out`` with the instance's
  real degree (hop count for CYCLE/RANDOM; no description for SCATTER-GATHER, BIPARTITE and
  STACK, as in AMLworld; a size for our own typologies). ``unpatterned`` laundering rows are
  in the transaction file only.

Fields are not quoted in AMLworld, so a value containing a comma, quote or line break is an
error. Everything is formatted by Polars expressions; files are written atomically.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from counterflow.ingest.amlworld_format import HEADER, PAYMENT_FORMATS, TIMESTAMP_FORMAT
from counterflow.ingest.amlworld_patterns import block_name
from counterflow.ingest.atomic import atomic_path
from counterflow.ingest.canonical_writer import canonical_frame
from counterflow.ingest.currency import CODE_TO_NAME, name_from_code
from counterflow.model import InputError, Typology

_FORMAT_OF_CHANNEL = {f.lower().replace(" ", "_"): f for f in PAYMENT_FORMATS}
_FIELDS = [f"f{i}" for i in range(len(HEADER))]
_FREE_TEXT = ["f1", "f2", "f3", "f4", "f9"]  # banks, accounts, format: the only free text
_BLOCK_NAMES = {t.value: block_name(t.value) for t in Typology}
T = Typology


def _amount_text(x: pl.Expr) -> pl.Expr:
    cents = (x * 100).round().cast(pl.Int64, strict=False)
    digits = cents.cast(pl.String).str.zfill(3)
    two_places = pl.concat_str(digits.str.head(-2), pl.lit("."), digits.str.tail(2))
    exact = (x < 1e15) & (cents.cast(pl.Float64) / 100 == x)
    return pl.when(exact).then(two_places).otherwise(x.cast(pl.String))


def _local(account: str, bank: str) -> pl.Expr:
    return pl.col(account).str.strip_prefix(pl.concat_str(pl.col(bank), pl.lit("/")))


def _rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The 11 AMLworld fields as strings (columns f0..f10), plus ground truth."""
    currency = name_from_code(pl.col("currency"))
    fallback = pl.col("channel").str.replace_all("_", " ").str.to_titlecase()
    payment = pl.col("channel").replace_strict(_FORMAT_OF_CHANNEL, default=fallback)
    amount = _amount_text(pl.col("amount"))
    label = pl.col("label").fill_null(0) if "label" in frame.columns else pl.lit(0)
    values = [
        pl.col("ts").dt.strftime(TIMESTAMP_FORMAT),
        pl.col("src_bank"),
        _local("src_account", "src_bank"),
        pl.col("dst_bank"),
        _local("dst_account", "dst_bank"),
        amount,
        currency,
        amount,
        currency,
        payment,
        label.cast(pl.String),
    ]
    rows = frame.with_columns(v.alias(f) for v, f in zip(values, _FIELDS, strict=True))
    unknown = rows.filter(pl.col("f6").is_null())["currency"].unique().sort().to_list()
    if unknown:
        raise InputError(
            f"currency codes {unknown} have no AMLworld name; expected one of "
            + ", ".join(CODE_TO_NAME),
            field="currency",
        )
    bad = pl.any_horizontal(pl.col(f).str.contains_any([",", '"', "\r", "\n"]) for f in _FREE_TEXT)
    offending = rows.filter(bad)
    if offending.height:
        raise InputError(
            "a value contains a comma, quote or line break, which AMLworld files cannot "
            f"hold: txn_id {offending['txn_id'][0]!r}",
            field="txn_id",
        )
    return rows


def _description(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per block: pattern_id and its BEGIN/END lines."""
    out_deg = rows.group_by("pattern_id", "src_account").agg(pl.col("dst_account").n_unique())
    in_deg = rows.group_by("pattern_id", "dst_account").agg(pl.col("src_account").n_unique())
    blocks = (
        rows.group_by("pattern_id")
        .agg(
            pl.col("pattern").first(),
            pl.len().alias("n"),
            pl.col("src_account").append(pl.col("dst_account")).n_unique().alias("accounts"),
        )
        .join(
            out_deg.group_by("pattern_id").agg(pl.col("dst_account").max().alias("out")),
            on="pattern_id",
        )
        .join(
            in_deg.group_by("pattern_id").agg(pl.col("src_account").max().alias("in")),
            on="pattern_id",
        )
    )
    kind = pl.col("pattern")
    name = kind.replace_strict(_BLOCK_NAMES, default=None, return_dtype=pl.String)
    detail = (
        pl.when(kind == T.FAN_OUT.value)
        .then(pl.format(":  Max {}-degree Fan-Out", "out"))
        .when(kind.is_in([T.FAN_IN.value, T.GATHER_SCATTER.value]))
        .then(pl.format(":  Max {}-degree Fan-In", "in"))
        .when(kind.is_in([T.CYCLE.value, T.RANDOM.value]))
        .then(pl.format(":  Max {} hops", "n"))
        .when(kind.is_in([T.SCATTER_GATHER.value, T.BIPARTITE.value, T.STACK.value]))
        .then(pl.lit(""))
        .otherwise(pl.format(":  {} transactions among {} accounts", "n", "accounts"))
    )
    return blocks.select(
        "pattern_id",
        pl.concat_str(pl.lit("BEGIN LAUNDERING ATTEMPT - "), name, detail).alias("begin"),
        pl.concat_str(pl.lit("END LAUNDERING ATTEMPT - "), name).alias("end"),
    )


def _pattern_lines(rows: pl.DataFrame) -> pl.DataFrame:
    planted = rows.filter(
        pl.col("pattern").is_not_null()
        & (pl.col("pattern") != T.UNPATTERNED.value)
        & pl.col("pattern_id").is_not_null()
    ).sort("pattern_id", "ts", maintain_order=True)
    unknown = planted.filter(~pl.col("pattern").is_in(list(_BLOCK_NAMES)))["pattern"]
    if unknown.len():
        raise InputError(
            f"got pattern {unknown[0]!r}, expected a typology value such as fan_out",
            field="pattern",
        )
    blocks = _description(planted)
    body = planted.select(
        "pattern_id",
        pl.lit(1).alias("part"),
        pl.concat_str([pl.col(f) for f in _FIELDS], separator=",").alias("line"),
    )
    parts = [
        blocks.select("pattern_id", pl.lit(0).alias("part"), pl.col("begin").alias("line")),
        body,
        blocks.select("pattern_id", pl.lit(2).alias("part"), pl.col("end").alias("line")),
        blocks.select("pattern_id", pl.lit(3).alias("part"), pl.lit("").alias("line")),
    ]
    return pl.concat(parts).sort("pattern_id", "part", maintain_order=True).select("line")


def write_amlworld(txns: pl.DataFrame, out_dir: Path, name: str) -> tuple[Path, Path]:
    """Write ``{name}_Trans.csv`` and ``{name}_Patterns.txt`` into ``out_dir``."""
    frame = canonical_frame(txns).sort("ts", maintain_order=True)
    has_patterns = {"pattern", "pattern_id"} <= set(frame.columns)
    rows = _rows(frame)
    out_dir = Path(out_dir)
    trans, patterns = out_dir / f"{name}_Trans.csv", out_dir / f"{name}_Patterns.txt"
    empty = pl.DataFrame(schema={"line": pl.String})
    lines = _pattern_lines(rows) if has_patterns else empty
    # Both files are complete before either is renamed into place.
    with atomic_path(trans) as trans_tmp, atomic_path(patterns) as patterns_tmp:
        with trans_tmp.open("wb") as handle:
            handle.write((",".join(HEADER) + "\n").encode())
            rows.select(_FIELDS).write_csv(handle, include_header=False, quote_style="never")
        lines.write_csv(patterns_tmp, include_header=False, quote_style="never")
    return trans, patterns
