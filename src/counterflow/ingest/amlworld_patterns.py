"""AMLworld ``*_Patterns.txt``: which laundering transactions belong to which planted attempt.

Beside each ``X_Trans.csv`` AMLworld ships ``X_Patterns.txt``, a list of blocks::

    BEGIN LAUNDERING ATTEMPT - FAN-OUT:  Max 16-degree Fan-Out
    2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH,1
    2022/09/01 04:33,021174,800737690,020,80020C5B0,8630.40,Euro,8630.40,Euro,ACH,1
    END LAUNDERING ATTEMPT - FAN-OUT

    BEGIN LAUNDERING ATTEMPT - STACK
    ...

Rows use the transaction file's layout. The eight AMLworld types (FAN-OUT, FAN-IN,
GATHER-SCATTER, SCATTER-GATHER, CYCLE, RANDOM, BIPARTITE, STACK) and our own typologies
(written upper-case, ``-`` for ``_``: STRUCTURING, WAGE-SWEEP, ...) map to
:class:`~counterflow.model.Typology`; the text after ``:`` is a description we keep out of
the data. Block ``k`` (0-based, file order) becomes ``pattern_id = k``.

The rows carry no transaction id, so they are matched to transactions on the full natural
key (timestamp, both banks and accounts, amount paid, payment currency, format). Keys
repeat (minute timestamps), so the k-th block row with a key takes the k-th laundering
transaction with that key, i.e. each block row claims the first unused match. Laundering
transactions in no block are ``unpatterned`` (about a third in HI-Small); block rows with
no laundering transaction to match are ignored. A malformed patterns file is always fatal.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from counterflow.ingest.amlworld_format import HEADER, KEY, specs
from counterflow.ingest.fields import validate
from counterflow.ingest.quarantine import Quarantine
from counterflow.ingest.rawcsv import LINE, NFIELDS, RAW, field_column, read_text_lines
from counterflow.model import InputError, Typology

_BEGIN = re.compile(r"^BEGIN LAUNDERING ATTEMPT - ([A-Za-z][A-Za-z_-]*)\s*(?::.*)?$")
_END = re.compile(r"^END LAUNDERING ATTEMPT - ([A-Za-z][A-Za-z_-]*)\s*$")
_RANK = "_rank"


def patterns_path_for(trans_path: Path) -> Path | None:
    """``HI-Small_Trans.csv`` -> ``HI-Small_Patterns.txt``; None if not named ``*_Trans.csv``."""
    if not trans_path.name.endswith("_Trans.csv"):
        return None
    return trans_path.with_name(trans_path.name.removesuffix("_Trans.csv") + "_Patterns.txt")


def typology_of(name: str) -> Typology | None:
    """``FAN-OUT`` -> ``Typology.FAN_OUT``; None for an unknown name."""
    try:
        return Typology(name.lower().replace("-", "_"))
    except ValueError:
        return None


def block_name(typology: str) -> str:
    """``fan_out`` -> ``FAN-OUT`` (the inverse of :func:`typology_of`)."""
    return typology.upper().replace("_", "-")


def _blocks(markers: pl.DataFrame, path: str) -> list[str]:
    """Check BEGIN/END nesting (marker lines only); return each block's typology value."""
    kinds: list[str] = []
    open_at: int | None = None
    open_name = ""
    for line, text in markers.select(LINE, RAW).iter_rows():
        text = text.rstrip()
        if text.startswith("BEGIN"):
            match = _BEGIN.match(text)
            typology = typology_of(match.group(1)) if match else None
            if open_at is not None:
                msg = f"a new attempt begins before the one opened on line {open_at} ended"
                raise InputError(msg, path=path, line=line)
            if match is None or typology is None:
                raise InputError(
                    f"got {text!r}, expected 'BEGIN LAUNDERING ATTEMPT - TYPE' with TYPE one "
                    "of " + ", ".join(block_name(t.value) for t in Typology),
                    path=path,
                    line=line,
                )
            open_at, open_name = line, match.group(1)
            kinds.append(typology.value)
        else:
            match = _END.match(text)
            if open_at is None or match is None or match.group(1) != open_name:
                expected = f"'END LAUNDERING ATTEMPT - {open_name}'" if open_at else "a BEGIN"
                raise InputError(f"got {text!r}, expected {expected}", path=path, line=line)
            open_at = None
    if open_at is not None:
        raise InputError("the attempt opened here is never ended", path=path, line=open_at)
    return kinds


def read_patterns(path: Path) -> pl.DataFrame:
    """Parse a patterns file into typed rows with ``pattern`` and ``pattern_id`` columns."""
    where = str(path)
    lines = read_text_lines(path)
    text = pl.col(RAW).str.strip_chars_end()
    is_begin = text.str.starts_with("BEGIN LAUNDERING ATTEMPT")
    is_end = text.str.starts_with("END LAUNDERING ATTEMPT")
    lines = lines.with_columns(
        begin=is_begin,
        marker=is_begin | is_end,
        inside=(is_begin.cum_sum() - is_end.cum_sum()) > 0,
        block=(is_begin.cum_sum() - 1).cast(pl.Int64),
    )
    kinds = _blocks(lines.filter("marker"), where)
    data = lines.filter(~pl.col("marker") & (text.str.len_bytes() > 0))
    stray = data.filter(~pl.col("inside"))
    if stray.height:
        raise InputError(
            "a transaction row outside any BEGIN/END block; expected it inside one",
            path=where,
            line=int(stray[LINE][0]),
        )
    parts = pl.col(RAW).str.split(",")
    rows = data.with_columns(
        parts.list.len().cast(pl.Int32).alias(NFIELDS),
        *(
            parts.list.get(i, null_on_oob=True).replace("", None).alias(field_column(i))
            for i in range(len(HEADER))
        ),
    )
    checked = validate(rows, specs(), path=where, width=len(HEADER), header=HEADER)
    good = Quarantine(None).keep_good(checked)
    pattern = pl.col("pattern_id").replace_strict(dict(enumerate(kinds)), return_dtype=pl.String)
    block = rows.select(LINE, pl.col("block").alias("pattern_id"))
    return good.join(block, on=LINE, how="left").with_columns(pattern.alias("pattern"))


def attach_patterns(txns: pl.DataFrame, patterns: pl.DataFrame | None) -> pl.DataFrame:
    """Add ``pattern`` and ``pattern_id`` to typed AMLworld rows (which carry ``label``)."""
    laundering = pl.col("label") == 1
    if patterns is None or patterns.height == 0:
        return txns.with_columns(
            pl.when(laundering).then(pl.lit(Typology.UNPATTERNED.value)).alias("pattern"),
            pl.lit(None, dtype=pl.Int64).alias("pattern_id"),
        )
    key = list(KEY)
    occurrence = pl.int_range(pl.len(), dtype=pl.Int64).over(key).alias(_RANK)
    claims = patterns.sort("pattern_id", LINE).select(*key, "pattern", "pattern_id", occurrence)
    dirty = txns.filter(laundering).select(LINE, *key).with_columns(occurrence)
    matched = dirty.join(claims, on=[*key, _RANK], how="inner").select(
        LINE, "pattern", "pattern_id"
    )
    return txns.join(matched, on=LINE, how="left", maintain_order="left").with_columns(
        pl.when(laundering)
        .then(pl.col("pattern").fill_null(Typology.UNPATTERNED.value))
        .alias("pattern"),
        pl.when(laundering).then(pl.col("pattern_id")).alias("pattern_id"),
    )
