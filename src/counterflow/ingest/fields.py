"""Field specifications and vectorised row validation.

A reader describes each output column as a :class:`FieldSpec`: where its raw value is, how
to parse it, what a good value looks like. :func:`validate` parses every field of every row
in one Polars pass and marks a row bad when a required value is missing, a present value
does not parse (the strict=False cast gave null), the parsed value fails its check (a
negative amount, NaN, a label of 2), a unique value repeats, or the line has the wrong
number of fields. Only for bad rows, usually none, does it build the human message: which
field, the value found, what was expected. The happy path costs a few column passes.

Two shortcuts keep the happy path cheap on millions of rows:

* a spec may have a ``fallback`` parser: ``parse`` handles the common form fast (e.g. our
  own ``2022-09-01T00:20:00Z``) and the general parser runs only if some value needed it;
* uniqueness is checked on 64-bit hashes first, then exactly, only among the rows whose
  hash repeats (equal strings have equal hashes, so no repeat is missed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from counterflow.ingest.parsers import Parse
from counterflow.ingest.rawcsv import LINE, NFIELDS, RAW

#: The columns of a table of rejected rows (and of the quarantine file).
REJECT_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "line": pl.Int64(),
    "field": pl.String(),
    "reason": pl.String(),
    "raw": pl.String(),
}
_BAD = "_bad"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field to read: raw ``source`` column -> typed ``name`` column.

    ``label`` is the field's name as the file's own header spells it, used in messages;
    ``valid`` checks a parsed value; ``required`` makes a missing value an error; ``unique``
    makes a repeat of an earlier row's value an error; ``fallback`` parses the values that
    ``parse`` left null (see the module docstring).
    """

    name: str
    source: str
    label: str
    parse: Parse
    expected: str
    valid: Parse | None = None
    required: bool = True
    unique: bool = False
    fallback: Parse | None = None

    @property
    def flag(self) -> str:
        return f"_bad_{self.name}"

    @property
    def repeat_flag(self) -> str:
        return f"_repeat_{self.name}"

    def bad(self) -> pl.Expr:
        """True where this field makes the row bad (the parsed column must exist)."""
        raw, value = pl.col(self.source), pl.col(self.name)
        bad = raw.is_not_null() & value.is_null()
        if self.required:
            bad = bad | raw.is_null()
        if self.valid is not None:
            bad = bad | (value.is_not_null() & ~self.valid(value))
        if self.unique:
            bad = bad | pl.col(self.repeat_flag)
        return bad.fill_null(True)

    def reason(self) -> pl.Expr:
        """The message for a bad row, built only on the (few) bad rows."""
        raw = pl.col(self.source).cast(pl.String)
        found = pl.when(raw.is_null()).then(pl.lit("nothing")).otherwise(pl.format("'{}'", raw))
        expected = pl.lit(self.expected)
        if self.unique:
            # Elementwise on purpose (runs on the bad rows only): a unique field whose value
            # parsed and passed its check can only be bad because it repeats.
            value = pl.col(self.name)
            fine = value.is_not_null() & (self.valid(value) if self.valid else pl.lit(True))
            expected = pl.when(fine).then(pl.lit("a value not used on an earlier line"))
            expected = expected.otherwise(pl.lit(self.expected))
        return pl.format("got {}, expected {}", found, expected)


@dataclass(frozen=True, slots=True)
class Validated:
    """Result of :func:`validate`: good rows (LINE + typed columns) and rejected rows."""

    good: pl.DataFrame
    rejects: pl.DataFrame


def empty_rejects() -> pl.DataFrame:
    """A rejects table with no rows."""
    return pl.DataFrame(schema=REJECT_SCHEMA)


def repeats(values: pl.Series) -> pl.Series:
    """True where a non-null value already occurred on an earlier row."""
    candidates = values.hash(seed=7).is_duplicated() & values.is_not_null()
    flags = np.zeros(values.len(), dtype=np.bool_)
    if candidates.any():
        rows = candidates.arg_true()
        again = ~values.gather(rows).is_first_distinct()
        flags[rows.filter(again).to_numpy()] = True
    return pl.Series(flags)


def _parse(rows: pl.DataFrame, specs: Sequence[FieldSpec]) -> pl.DataFrame:
    typed = rows.with_columns(spec.parse(pl.col(spec.source)).alias(spec.name) for spec in specs)
    for spec in specs:
        missed = typed[spec.name].is_null() & typed[spec.source].is_not_null()
        if spec.fallback is not None and missed.any():
            general = spec.fallback(pl.col(spec.source))
            typed = typed.with_columns(pl.coalesce(spec.name, general).alias(spec.name))
    return typed.with_columns(
        repeats(typed[spec.name]).alias(spec.repeat_flag) for spec in specs if spec.unique
    )


def _count_checks(width: int, header: Sequence[str]) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    n = pl.col(NFIELDS)
    missing = {i: header[i] for i in range(min(width, len(header)))}
    field = n.replace_strict(missing, default="(extra field)", return_dtype=pl.String)
    reason = pl.format("found {} fields on the line, expected {}", n, pl.lit(width))
    return n != width, field, reason


def validate(
    rows: pl.DataFrame,
    specs: Sequence[FieldSpec],
    *,
    path: str,
    width: int | None = None,
    header: Sequence[str] = (),
) -> Validated:
    """Parse ``rows`` by ``specs``; split the good rows from the rejected ones.

    ``rows`` needs :data:`LINE`, the specs' source columns and, when ``width`` is given,
    :data:`NFIELDS` (lines with another number of fields are rejected first). The raw line
    shown in a reject is :data:`RAW` if present, else the source values joined by commas.
    """
    flags = [spec.bad().alias(spec.flag) for spec in specs]
    count_bad, count_field, count_reason = (
        _count_checks(width, header) if width is not None else (pl.lit(False), None, None)
    )
    checked = (
        _parse(rows, specs)
        .lazy()
        .with_columns(flags)
        .with_columns(pl.any_horizontal(count_bad, *(pl.col(s.flag) for s in specs)).alias(_BAD))
        .collect()
    )
    keep = [LINE, *(spec.name for spec in specs)]
    if not checked[_BAD].any():
        return Validated(good=checked.select(keep), rejects=empty_rejects())

    fields: list[pl.Expr] = []
    reasons: list[pl.Expr] = []
    if count_field is not None and count_reason is not None:
        fields.append(pl.when(count_bad).then(count_field))
        reasons.append(pl.when(count_bad).then(count_reason))
    for spec in specs:
        fields.append(pl.when(pl.col(spec.flag)).then(pl.lit(spec.label)))
        reasons.append(pl.when(pl.col(spec.flag)).then(spec.reason()))
    sources = list(dict.fromkeys(spec.source for spec in specs))
    raw = (
        pl.col(RAW)
        if RAW in checked.columns
        else pl.concat_str(
            [pl.col(s).cast(pl.String).fill_null("") for s in sources], separator=","
        )
    )
    rejects = (
        checked.lazy()
        .filter(pl.col(_BAD))
        .with_columns(
            pl.lit(path).alias("file"),
            pl.col(LINE).cast(pl.Int64).alias("line"),
            pl.coalesce(fields).alias("field"),
            pl.coalesce(reasons).alias("reason"),
            raw.alias("raw"),
        )
        .select(list(REJECT_SCHEMA))
        .collect()
    )
    good = checked.filter(~pl.col(_BAD)).select(keep)
    return Validated(good=good, rejects=rejects)
