"""Export report sheets: CSV, XLSX, Markdown, JSON, HTML and PDF.

    data = export(sheets, "xlsx", title="Joint report, January-September 2022")
    page = export(sheets, "pdf", title=..., subtitle=..., lang="km",
                  charts={t.key: svg_bars(t) for t in tables})

Every format takes the same :class:`~counterflow.stats.table.Sheet` objects (from
:mod:`counterflow.stats.sheets`, exact or public) and gives bytes; :data:`EXPORTERS` is the
registry, with the media type and file extension a download needs. The data formats (CSV,
XLSX, JSON) keep figures as numbers and defuse texts a spreadsheet would run as formulas;
the page formats (HTML, Markdown, PDF) show figures as a reader expects them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from counterflow.stats.export.base import Document, ExportError, Format
from counterflow.stats.export.csvfile import render_csv
from counterflow.stats.export.htmlpage import render_html
from counterflow.stats.export.jsonfile import render_json
from counterflow.stats.export.markdown import render_markdown
from counterflow.stats.export.pdf import render_pdf
from counterflow.stats.export.xlsxfile import render_xlsx
from counterflow.stats.svg import Svg
from counterflow.stats.table import Sheet

EXPORTERS: Mapping[str, Format] = {
    f.name: f
    for f in (
        Format("csv", "text/csv; charset=utf-8", "csv", render_csv),
        Format(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            render_xlsx,
        ),
        Format("md", "text/markdown; charset=utf-8", "md", render_markdown),
        Format("json", "application/json", "json", render_json),
        Format("html", "text/html; charset=utf-8", "html", render_html),
        Format("pdf", "application/pdf", "pdf", render_pdf),
    )
}
"""Every export format by name, in the order a download menu lists them."""

__all__ = ["EXPORTERS", "Document", "ExportError", "Format", "export"]


def export(
    sheets: Sequence[Sheet],
    fmt: str,
    *,
    title: str,
    subtitle: str = "",
    lang: str = "en",
    charts: Mapping[str, Svg] | None = None,
) -> bytes:
    """The sheets as one file in format ``fmt`` (a key of :data:`EXPORTERS`).

    ``lang`` is the language of the texts (the page formats declare it); ``charts`` maps
    sheet keys to server-drawn charts, which the page formats show under their table.
    """
    try:
        chosen = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}: choose one of {', '.join(EXPORTERS)}"
        ) from None
    document = Document(
        sheets=tuple(sheets), title=title, subtitle=subtitle, lang=lang, charts=charts or {}
    )
    return chosen.render(document)
