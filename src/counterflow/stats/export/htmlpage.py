"""HTML: a standalone, printable report (one file, opened from a USB stick or mailed).

Everything is inside the file: the styles, the tables, the charts as inline SVG drawn on
the server, no script and nothing fetched (deployments are often offline, and a report
mailed around must look the same everywhere). Every text is escaped. The ``lang``
attribute tells the browser the language, and the font list names the Khmer fonts a
Cambodian office has (Noto Sans Khmer, Khmer OS) before the generic ones, so Khmer
prints with correct glyph shaping. The same page is what :mod:`.pdf` prints.
"""

from __future__ import annotations

import re
from html import escape

from counterflow.stats.chartdata import FONT_STACK
from counterflow.stats.export.base import Document, display, is_figure
from counterflow.stats.table import Sheet

_CSS = """
@page { size: A4; margin: 16mm 14mm; }
:root { color: #1a1a1a; background: #fff; }
body { font-family: FONTS; font-size: 11pt; line-height: 1.45; margin: 0 auto;
       max-width: 60rem; padding: 1.5rem; }
:lang(km) body, body:lang(km) { line-height: 1.8; }
header { border-bottom: 2px solid #1f4e79; margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; color: #1f4e79; }
.subtitle { margin: 0 0 .75rem; color: #444; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
section { margin: 0 0 2rem; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: auto; min-width: 50%; margin-bottom: .5rem; }
thead { display: table-header-group; }
th, td { border: 1px solid #c9d3dc; padding: .25rem .6rem; vertical-align: top; }
thead th { background: #e8eef4; text-align: left; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { text-align: left; font-weight: normal; }
tbody tr:last-child th, tbody tr:last-child td { font-weight: 700; border-top: 2px solid #1f4e79; }
figure { margin: .75rem 0; }
figure svg { max-width: 100%; height: auto; }
.notes { margin: .25rem 0 0; padding-left: 1.2rem; color: #333; font-size: .9em; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
""".replace("FONTS", FONT_STACK)


def _anchor(key: str) -> str:
    return "sheet-" + re.sub(r"[^a-z0-9_-]+", "-", key.lower())


def _table(sheet: Sheet) -> list[str]:
    # A column holding any figure is a figure column: right-aligned, its released texts
    # ("<10", "x") and empty cells included, so they line up with the numbers around them.
    figures = [any(is_figure(row[j]) for row in sheet.rows) for j in range(len(sheet.header))]
    out = ["<table>", "<thead><tr>"]
    out += [
        f'<th scope="col" class="num">{escape(h)}</th>'
        if figure
        else f'<th scope="col">{escape(h)}</th>'
        for h, figure in zip(sheet.header, figures, strict=True)
    ]
    out += ["</tr></thead>", "<tbody>"]
    for row in sheet.rows:
        cells = [f'<th scope="row">{escape(display(row[0]))}</th>'] if row else []
        cells += [
            f'<td class="num">{escape(display(cell))}</td>'
            if figure
            else f"<td>{escape(display(cell))}</td>"
            for cell, figure in zip(row[1:], figures[1:], strict=True)
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def render_html(document: Document) -> bytes:
    """The document as one standalone HTML page (module docstring)."""
    lang = re.sub(r"[^A-Za-z0-9-]", "", document.lang) or "en"
    title = escape(document.title)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{title}</h1>",
    ]
    if document.subtitle:
        out.append(f'<p class="subtitle">{escape(document.subtitle)}</p>')
    out.append("</header>")
    out.append("<main>")
    for sheet in document.sheets:
        out.append(f'<section id="{_anchor(sheet.key)}">')
        out.append(f"<h2>{escape(sheet.title)}</h2>")
        out += _table(sheet)
        chart = document.charts.get(sheet.key)
        if chart is not None:
            # An Svg comes from counterflow.stats.charts, which escaped its every text.
            out.append(f"<figure>{chart.markup}</figure>")
        if sheet.notes:
            out.append('<ul class="notes">')
            out += [f"<li>{escape(note)}</li>" for note in sheet.notes]
            out.append("</ul>")
        out.append("</section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out).encode()
