"""XLSX: one worksheet per table, for analysts who keep working on the figures.

Figures are stored as numbers (so a reader can add them up) and every text as a string
cell: openpyxl would store a text starting with ``=`` as a formula, which Excel then runs
(formula injection, see :mod:`counterflow.stats.export.csvfile`), so the cell type is set
to string explicitly and flagged with Excel's "quote prefix", which keeps it text even
when someone edits the cell.
"""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from counterflow.stats.export.base import Cell, Document, is_figure

MAX_NAME = 31
"""Excel refuses longer worksheet names."""
_FORBIDDEN_IN_NAME = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")


def sheet_name(wanted: str, used: set[str]) -> str:
    """A worksheet name Excel accepts, unique within ``used`` (compared case-blind, as Excel
    does), which it then joins: without ``[]:*?/\\``, no apostrophe at either end, at most
    31 characters, never empty, never Excel's reserved ``History``."""
    name = _FORBIDDEN_IN_NAME.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", wanted))
    name = " ".join(name.split()).strip("'")[:MAX_NAME].strip() or "Sheet"
    if name.casefold() == "history":
        name = "History table"
    candidate, n = name, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = name[: MAX_NAME - len(suffix)].rstrip() + suffix
    used.add(candidate.casefold())
    return candidate


def _put(ws: Any, row: int, column: int, value: Cell) -> Any:
    # openpyxl has no type information: worksheets and cells are Any here.
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never "f" (module docstring)
        cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, float):
            cell.number_format = "0.0"
        elif is_figure(value):
            cell.number_format = "#,##0"
    return cell


def render_xlsx(document: Document) -> bytes:
    """The document as an Excel workbook: per table a worksheet with the title in A1, the
    bold header in row 2 (frozen while scrolling), the rows, and the notes below."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", document.title)
    workbook.properties.subject = ILLEGAL_CHARACTERS_RE.sub("", document.subtitle)
    workbook.properties.language = document.lang
    workbook.properties.creator = "counterflow"
    used: set[str] = set()
    for sheet in document.sheets:
        ws = workbook.create_sheet(sheet_name(sheet.title or sheet.key, used))
        _put(ws, 1, 1, sheet.title).font = Font(bold=True, size=13)
        for j, text in enumerate(sheet.header, start=1):
            cell = _put(ws, 2, j, text)
            cell.font = _BOLD
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, row in enumerate(sheet.rows, start=3):
            for j, value in enumerate(row, start=1):
                _put(ws, i, j, value)
        below = len(sheet.rows) + 4
        for k, note in enumerate(sheet.notes):
            _put(ws, below + k, 1, note)
        ws.freeze_panes = "A3"
        _size_columns(ws, sheet.header, sheet.rows)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _size_columns(ws: Any, header: tuple[str, ...], rows: tuple[tuple[Cell, ...], ...]) -> None:
    # Wide enough for the longest label or figure, within reason: headers wrap.
    for j in range(len(header)):
        longest = max([len(str(row[j])) for row in rows if row[j] is not None] + [8])
        longest = max(longest, min(len(header[j]), 24))
        ws.column_dimensions[get_column_letter(j + 1)].width = min(longest + 2, 48)
