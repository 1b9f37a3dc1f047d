"""Markdown: GitHub-flavoured tables, for a wiki page or a briefing drafted in text."""

from __future__ import annotations

import re

from counterflow.stats.export.base import Cell, Document, display, is_figure

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def escape(text: str) -> str:
    """Text safe inside a table cell: ``|`` would end the cell and a line break the row;
    ``<`` opening a tag becomes ``&lt;`` so no HTML passes through, while ``<10`` stays
    readable as written."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = " ".join(text.splitlines())
    return _TAG_START.sub("&lt;", text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: tuple[str, ...], rows: tuple[tuple[Cell, ...], ...]) -> list[str]:
    figures = [any(is_figure(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        _row([escape(h) for h in header]),
        _row(["---:" if figure else "---" for figure in figures]),
    ]
    lines += [_row([escape(display(c)) for c in row]) for row in rows]
    return lines


def render_markdown(document: Document) -> bytes:
    """The document as Markdown: a heading per sheet, its table, its notes as a list."""
    lines = [f"# {escape(document.title)}", ""]
    if document.subtitle:
        lines += [escape(document.subtitle), ""]
    for sheet in document.sheets:
        lines += [f"## {escape(sheet.title)}", ""]
        lines += _table(sheet.header, sheet.rows)
        lines.append("")
        if sheet.notes:
            lines += [f"- {escape(note)}" for note in sheet.notes]
            lines.append("")
    return "\n".join(lines).encode()
