"""A CSV file or an xlsx worksheet read as a header plus numbered rows, with hostile files
refused before they cost memory or time.

The victim importers (:mod:`.ctdc`, :mod:`.htcds`) read files that arrive from outside:
exports of partners' case systems, spreadsheets filled by hand, downloads. So every file is
treated as hostile and bounded *before* it is parsed:

- an xlsx is a zip archive of XML parts; its entries are counted and their *declared*
  uncompressed sizes summed before openpyxl opens it (a "zip bomb" declares gigabytes).
  Python's zipfile never inflates an entry beyond its declared size (it stops and fails the
  CRC check), so the declared sizes bound the work;
- openpyxl parses the XML through defusedxml (no entity expansion, no network) and reads in
  read-only mode with ``data_only``: a formula is never evaluated, its cached value (or
  nothing) is read;
- a CSV file is bounded by its size on disk;
- rows, columns and characters per cell are bounded (:data:`MAX_ROWS`, :data:`MAX_COLUMNS`,
  :data:`MAX_CELL_CHARS`, the limit of a cell in Excel).

Errors are :class:`~counterflow.model.InputError` naming the file, the line (CSV, the first
physical line of the record) or row (xlsx) as an editor shows it, header included, and the
field. A table's rows are produced lazily; the importers build their whole result before
returning it, so an error never leaves a partial import behind.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from counterflow.ingest.rawcsv import _utf8_error as utf8_error
from counterflow.model import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest CSV file, and largest total uncompressed size of an xlsx archive's entries."""
MAX_ZIP_ENTRIES = 10_000
"""Most entries in an xlsx archive (the HTCDS template has 10)."""
MAX_ROWS = 1_000_000
"""Most data rows after the header, rows of empty cells included."""
MAX_COLUMNS = 1_024
"""Most columns in the header (the HTCDS template has 39)."""
MAX_CELL_CHARS = 32_767
"""Most characters in one cell: Excel's own limit, so a longer cell was not typed."""
SHOWN_CHARS = 40
"""A bad value is quoted in an error up to this many characters."""

Row = tuple[int, tuple[object, ...]]
"""A data row: its line (CSV) or row (xlsx) number and its cells, one per header column."""


def shown(value: object) -> str:
    """``value`` quoted for an error message, cut to :data:`SHOWN_CHARS` characters."""
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…")


def bad_value(path: str, line: int, field: str, value: object, expected: str) -> InputError:
    """The error for a cell whose value is not one of the expected ones."""
    return InputError(
        f"{shown(value)} is not valid; expected {expected}", path=path, line=line, field=field
    )


@dataclass(frozen=True, slots=True)
class Table:
    """The header and the data rows of one CSV file or worksheet.

    ``header`` holds the column names as written (trimmed; ``""`` for an unnamed column).
    ``rows`` yields, once, every row that has a value in some named column; blank rows
    (the HTCDS template numbers 1000 of them in its unnamed first column) are skipped.
    """

    path: str
    header: tuple[str, ...]
    rows: Iterator[Row]

    def columns(self, names: Iterable[str], *, required: Collection[str] = ()) -> dict[str, int]:
        """Position of each of ``names`` present in the header, matched case-insensitively.

        InputError (line 1) for a ``required`` name that is missing, or a name found twice.
        """
        folded = [name.casefold() for name in self.header]
        found: dict[str, int] = {}
        for name in names:
            hits = [i for i, header_name in enumerate(folded) if header_name == name.casefold()]
            if len(hits) > 1:
                raise InputError(
                    f"column {name!r} appears {len(hits)} times; expected it once",
                    path=self.path,
                    line=1,
                    field=name,
                )
            if hits:
                found[name] = hits[0]
            elif name in required:
                raise InputError(
                    f"missing column {name!r}; expected a header naming "
                    + ", ".join(required)
                    + " (in any order)",
                    path=self.path,
                    line=1,
                    field=name,
                )
        return found


def _column_name(header: Sequence[str], index: int) -> str:
    return header[index] or f"column {get_column_letter(index + 1)}"


def _check_cells(path: str, line: int, header: Sequence[str], cells: Sequence[object]) -> bool:
    """Whether the row has a value under a named column; InputError for an oversized cell."""
    has_value = False
    for index, cell in enumerate(cells):
        if isinstance(cell, str):
            if len(cell) > MAX_CELL_CHARS:
                raise InputError(
                    f"a cell of {len(cell):,} characters; expected at most {MAX_CELL_CHARS:,}",
                    path=path,
                    line=line,
                    field=_column_name(header, index),
                )
            if "\x00" in cell:
                raise InputError(
                    "a NUL character; expected text (is this a binary file?)",
                    path=path,
                    line=line,
                    field=_column_name(header, index),
                )
            has_value = has_value or (bool(header[index]) and bool(cell.strip()))
        elif cell is not None:
            has_value = has_value or bool(header[index])
    return has_value


def _too_many_rows(path: str, line: int) -> InputError:
    return InputError(
        f"more than {MAX_ROWS:,} rows; expected at most {MAX_ROWS:,} rows after the header",
        path=path,
        line=line,
    )


def _check_header(path: str, header: tuple[str, ...]) -> tuple[str, ...]:
    while header and not header[-1]:
        header = header[:-1]
    if len(header) > MAX_COLUMNS:
        raise InputError(
            f"{len(header):,} columns; expected at most {MAX_COLUMNS:,}", path=path, line=1
        )
    if not header:
        raise InputError("the header is empty; expected column names", path=path, line=1)
    return header


# --- CSV ----------------------------------------------------------------------------------


def _decode(path: Path) -> str:
    if not path.is_file():
        raise InputError("no such file; expected a CSV file", path=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{size:,} bytes; expected a CSV file of at most {MAX_FILE_BYTES:,} bytes",
            path=str(path),
        )
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise utf8_error(path) from exc  # the line and bytes at fault


def _csv_rows(
    path: str, reader: Iterator[list[str]], header: tuple[str, ...], width: int
) -> Iterator[Row]:
    line_num = getattr(reader, "line_num", 0)
    records = 0
    while True:
        start = line_num + 1
        try:
            fields = next(reader, None)
        except csv.Error as exc:
            raise InputError(
                f"cannot be parsed as CSV ({exc}); expected comma-separated text",
                path=path,
                line=start,
            ) from exc
        line_num = getattr(reader, "line_num", start)
        if fields is None:
            return
        if not fields:
            continue  # an empty line
        records += 1
        if records > MAX_ROWS:
            raise _too_many_rows(path, start)
        if len(fields) != width:
            raise InputError(
                f"{len(fields)} fields; expected {width}, one per header column",
                path=path,
                line=start,
            )
        cells = tuple(fields[: len(header)])
        if _check_cells(path, start, header, cells):
            yield start, cells


@contextmanager
def open_csv(path: Path) -> Iterator[Table]:
    """``path`` as a :class:`Table`: UTF-8 (a byte-order mark is dropped), comma-separated,
    RFC 4180 quoting, any line ending; every line must have one field per header column."""
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        first = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"cannot be parsed as CSV ({exc})", path=str(path), line=1) from exc
    if first is None:
        raise InputError("the file is empty; expected a header line", path=str(path), line=1)
    raw_header = tuple(name.strip() for name in first)
    header = _check_header(str(path), raw_header)
    yield Table(str(path), header, _csv_rows(str(path), reader, header, len(raw_header)))


# --- xlsx ---------------------------------------------------------------------------------


def _check_archive(path: Path) -> None:
    if not path.is_file():
        raise InputError("no such file; expected an .xlsx workbook", path=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            "not an xlsx workbook (not a zip archive); expected an .xlsx file such as the "
            "HTCDS template, or a CSV file",
            path=str(path),
        ) from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputError(
            f"the archive has {len(entries):,} entries; expected at most {MAX_ZIP_ENTRIES:,}",
            path=str(path),
        )
    declared = sum(entry.file_size for entry in entries)
    if declared > MAX_FILE_BYTES:
        raise InputError(
            f"the archive expands to {declared:,} bytes; expected at most {MAX_FILE_BYTES:,} "
            "(refused unopened)",
            path=str(path),
        )


def _unreadable(path: Path, exc: Exception, line: int | None = None) -> InputError:
    text = str(exc).strip()
    reason = f"{type(exc).__name__}: {text.splitlines()[0][:200]}" if text else type(exc).__name__
    return InputError(
        f"cannot be read as an xlsx workbook ({reason}); expected an .xlsx file",
        path=str(path),
        line=line,
    )


def _header_of(cells: Sequence[object]) -> tuple[str, ...]:
    return tuple("" if cell is None else str(cell).strip() for cell in cells)


def _xlsx_rows(path: Path, sheet: Any, header: tuple[str, ...]) -> Iterator[Row]:
    iterator = sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
    number = 1
    while True:
        try:
            cells = next(iterator, None)
        except Exception as exc:  # malformed XML, refused entities, broken archive
            raise _unreadable(path, exc, number + 1) from exc
        if cells is None:
            return
        number += 1
        if number - 1 > MAX_ROWS:
            raise _too_many_rows(str(path), number)
        if _check_cells(str(path), number, header, cells):
            yield number, tuple(cells)


@contextmanager
def open_xlsx(path: Path, *, is_header: Callable[[tuple[str, ...]], bool]) -> Iterator[Table]:
    """The first worksheet of ``path`` whose row 1 satisfies ``is_header``, as a
    :class:`Table` (data from row 2; cells as openpyxl gives them: str, int, float, bool,
    datetime or None). The archive is checked first (module docstring)."""
    _check_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        raise _unreadable(path, exc) from exc
    try:
        for sheet in workbook.worksheets:
            # The <dimension> a file declares may be wrong; trusting it would drop rows.
            sheet.reset_dimensions()
            try:
                first = next(
                    sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True),
                    (),
                )
            except Exception as exc:
                raise _unreadable(path, exc, 1) from exc
            header = _header_of(first)
            if is_header(header):
                header = _check_header(str(path), header)
                yield Table(str(path), header, _xlsx_rows(path, sheet, header))
                return
        raise InputError(
            "no worksheet has the expected field names in row 1", path=str(path), line=1
        )
    finally:
        workbook.close()
