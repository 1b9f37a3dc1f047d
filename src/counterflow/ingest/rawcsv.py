"""A comma-separated text file read as strings, each row knowing its line number.

Validation needs three things a plain ``read_csv`` does not give: the line number of every
row *as an editor shows it* (header = line 1, blank lines counted), the number of fields on
each line (a short or long line is an error, not silently padded or cut), and the raw line
text (written to the quarantine file). So a file is read twice, both times by Polars'
multi-threaded readers and never row by row in Python:

1. :func:`polars.read_lines` gives every line with its number and raw text;
2. :func:`polars.read_csv`, every column as a string, gives the field values with RFC 4180
   quoting undone (``"a,b"`` is one field, ``""`` inside quotes is a quote).

The two line up one to one as long as no quoted field spans a line break. Transaction
files have no business containing line breaks inside fields, so such a file (or one with an
unclosed quote, which looks the same) is rejected with the line where the quote opens.
Empty lines are skipped; a line of spaces is a row with the wrong number of fields.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from counterflow.model import InputError

#: Column holding the 1-based line number of a row (header = 1).
LINE = "_line"
#: Column holding the raw text of the line.
RAW = "_raw"
#: Column holding the number of comma-separated fields found on the line.
NFIELDS = "_nfields"
# A quoted field, RFC 4180: doubled quotes inside are literal quotes.
_QUOTED = r'"(?:[^"]|"")*"'


def field_column(index: int) -> str:
    """Name of the string column holding the field at 0-based ``index`` of each line."""
    return f"c{index}"


@dataclass(frozen=True, slots=True)
class RawTable:
    """The header and the data rows of a CSV file, every value still a string.

    ``rows`` has :data:`LINE`, :data:`RAW`, :data:`NFIELDS` and one String column per header
    position (see :func:`field_column`); empty fields are null.
    """

    path: str
    header: tuple[str, ...]
    rows: pl.DataFrame

    def position(self, name: str) -> int | None:
        """0-based position of the first header field called ``name``, or None."""
        try:
            return self.header.index(name)
        except ValueError:
            return None


def _utf8_error(path: Path) -> InputError:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 4]
        return InputError(
            f"invalid UTF-8 byte sequence {bad!r}; expected a UTF-8 text file",
            path=str(path),
            line=line,
        )
    return InputError("cannot be read as text; expected a UTF-8 CSV file", path=str(path))


def read_text_lines(path: Path) -> pl.DataFrame:
    """Every line of a UTF-8 text file: :data:`LINE` (1-based) and :data:`RAW` (no EOL)."""
    if not path.is_file():
        raise InputError("no such file; expected a CSV file", path=str(path))
    try:
        return pl.read_lines(path, name=RAW, row_index_name=LINE, row_index_offset=1)
    except pl.exceptions.ComputeError as exc:
        raise _utf8_error(path) from exc


def _odd_quotes(lines: pl.DataFrame) -> pl.DataFrame:
    return lines.filter((pl.col(RAW).str.count_matches('"', literal=True) % 2) == 1)


def _unbalanced_quote(lines: pl.DataFrame, path: Path) -> InputError:
    odd = _odd_quotes(lines)
    line = int(odd[LINE][0]) if odd.height else None
    return InputError(
        "a quoted field is not closed on the same line; expected every quote to close "
        "before the end of the line (fields may not contain line breaks)",
        path=str(path),
        line=line,
    )


def read_raw_csv(path: Path) -> RawTable:
    """Read ``path`` as a header plus string fields; raise InputError if it is not CSV text."""
    lines = read_text_lines(path)
    if lines.height == 0:
        raise InputError("the file is empty; expected a header line", path=str(path), line=1)
    header_text = str(lines[RAW][0]).removeprefix("\ufeff")
    header = tuple(name.strip() for name in next(csv.reader([header_text])))
    width = len(header)
    schema = {field_column(i): pl.String for i in range(width + 1)}  # +1 catches long lines
    body = lines.slice(1)
    try:
        values = pl.read_csv(
            path,
            has_header=False,
            skip_rows=1,
            schema=schema,
            missing_columns="insert",
            extra_columns="ignore",
            truncate_ragged_lines=True,
            infer_schema=False,
        )
    except pl.exceptions.PolarsError as exc:
        if _odd_quotes(body).height:
            raise _unbalanced_quote(body, path) from exc
        first = str(exc).strip().splitlines()[0]
        raise InputError(
            f"cannot be parsed as CSV ({first}); expected comma-separated text", path=str(path)
        ) from exc
    if values.height != body.height:
        raise _unbalanced_quote(body, path)
    raw = pl.col(RAW)
    quoted = body[RAW].str.contains('"', literal=True).any()
    unquoted = raw.str.replace_all(_QUOTED, "q") if quoted else raw
    rows = pl.concat([body, values.drop(field_column(width))], how="horizontal")
    if (body[RAW].str.len_bytes() == 0).any():
        rows = rows.filter(raw.str.len_bytes() > 0)  # (a filter copies every column)
    rows = rows.with_columns(
        (unquoted.str.count_matches(",", literal=True) + 1).cast(pl.Int32).alias(NFIELDS)
    )
    return RawTable(path=str(path), header=header, rows=rows)
