"""HTCDS 2.0 spreadsheets and CSV: every mapping, who counts, the official template, and
hostile workbooks."""

from __future__ import annotations

import csv
import io
import shutil
import struct
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from counterflow.ingest import victim_tables
from counterflow.ingest.htcds import OPTIONAL, REQUIRED, age_on, import_htcds, read_htcds
from counterflow.ingest.victim_codes import ALPHA3, ALPHA3_OF, country_code
from counterflow.model import InputError
from counterflow.model.codes import NATIONALITIES
from counterflow.model.victim_record import VictimRecord

DATA = Path(__file__).parents[1] / "data" / "victims"
SAMPLE = DATA / "htcds_sample.csv"
TEMPLATE = (
    Path(__file__).parents[2]
    / ".."
    / "shared"
    / "data"
    / "trafficking"
    / "htcds"
    / "HTCDS Excel Spreadsheet v2.0.xlsx"
)
FIELDS = ("prs_FirstName", *REQUIRED, *OPTIONAL)
LABELS = (
    "First Name",
    "Gender",
    "Birthdate",
    "Citizenship",
    "Type of Exploitation",
    "Methods of Control",
    "Incoming Referral Date",
    "Status",
    "Trafficking Status",
)
GOOD: dict[str, object] = {
    "prs_FirstName": "Victim",
    "prs_Gender": "Feminine",
    "prs_Birthdate": "2001-05-06",
    "prs_Citizenship": "KH",
    "vic_TypeOfExploitation": "SexualExploitation",
    "vic_MethodsOfControl": "DebtBondage",
    "cas_IncomingReferralDate": "2022-03-01",
    "cas_Status": "Active",
    "vic_TraffickingStatus": "ActualVictimOfTrafficking",
}

EXPLOITATION_EXPECTED = (
    "HTCDS 2.0 values separated by ';' or ',': ForcedLabour, SexualExploitation, ChildLabour, "
    "ForcedMarriage, Servitude, ForcedMilitaryByNonStateActors, OrganRemoval, ForcedBegging, "
    "ForcedAdoption, Surrogacy, Other, ForcedCriminality"
)
CONTROL_EXPECTED = (
    "HTCDS 2.0 values separated by ';' or ',': PhysicalThreats, ThreatsLawEnforcement, "
    "ThreatensChildrenFamily, DebtBondage, FalsePromises, PhysicalAbuse, SexualAbuse, "
    "TakesEarnings, RestrictsFinancialAccess, RestrictsMedicalCare, WithholdsNecessities, "
    "PsychologicalAbuse, PsychoactiveSubstance, ExcessiveWorkingHours, WithholdsDocuments, "
    "RestrictsMovement, Other"
)


def csv_text(header: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(name) is None else row.get(name) for name in header])
    return out.getvalue()


@pytest.fixture
def htcds_csv(tmp_path: Path):
    """Write an HTCDS CSV: :data:`FIELDS`, rows of :data:`GOOD` updated by each dict."""

    def write(*updates: dict[str, object], header: tuple[str, ...] = FIELDS) -> Path:
        path = tmp_path / "htcds.csv"
        path.write_text(csv_text(header, [GOOD | u for u in updates]), encoding="utf-8")
        return path

    return write


@pytest.fixture
def htcds_xlsx(tmp_path: Path):
    """Write an HTCDS workbook: field names in row 1, labels in row 2, then the rows."""

    def write(
        *updates: dict[str, object], header: tuple[str, ...] = FIELDS, labels: bool = True
    ) -> Path:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(header)
        if labels:
            sheet.append(LABELS[: len(header)])
        for update in updates:
            row = GOOD | update
            sheet.append([row.get(name) for name in header])
        path = tmp_path / "htcds.xlsx"
        workbook.save(path)
        return path

    return write


def one(path: Path) -> VictimRecord:
    (record,) = read_htcds(path)
    return record


# --- the sample file ----------------------------------------------------------------------


def test_sample_csv_maps_every_row():
    def rec(line: int, **fields: object) -> VictimRecord:
        return VictimRecord(source_format="htcds", line=line, **fields)  # type: ignore[arg-type]

    result = import_htcds(SAMPLE)
    assert result.records == [
        rec(3, year=2022, identified_on=date(2022, 3, 1), gender="female", age=16, nationality="KHM", exploitation_forms=("sexual_exploitation",), control_methods=("debt_bondage", "confiscation_of_documents"), case_status="Active"),  # noqa: E501
        rec(4, year=2022, identified_on=date(2022, 7, 20), gender="male", age=32, nationality="VNM", exploitation_forms=("forced_labour",), control_methods=("threats", "restricted_movement"), case_status="Closed"),  # noqa: E501
        rec(6, year=2023, identified_on=date(2023, 2, 28), gender="other", age=22, nationality=None, exploitation_forms=("forced_criminality",), control_methods=(), case_status="ClosedReferred"),  # noqa: E501
        rec(9, year=None, identified_on=None, gender="female", age=None, nationality="KHM", exploitation_forms=("forced_labour", "domestic_servitude"), control_methods=("threats_to_family",), case_status="Active"),  # noqa: E501
    ]  # fmt: skip
    assert result.rows == 7  # the labels row and the blank numbered row 7 are not rows
    assert result.status_checked
    assert result.excluded == {
        "PossibleVictimOfTrafficking": 1,
        "NotAVictimOfTrafficking": 1,
        "(not recorded)": 1,
    }
    assert result.several_citizenships == 1  # "TH;KH"
    assert result.unrecognised_citizenship == {}  # "Narnia" is on a row that does not count


def test_sample_with_possible_victims():
    result = import_htcds(SAMPLE, include_possible=True)
    assert [r.line for r in result.records] == [3, 4, 5, 6, 9]
    possible = result.records[2]
    assert (possible.gender, possible.nationality, possible.age) == ("unknown", None, None)
    assert possible.case_status == "FollowUp"
    assert result.excluded == {"NotAVictimOfTrafficking": 1, "(not recorded)": 1}
    assert result.unrecognised_citizenship == {"Narnia": 1}


# --- mappings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("Feminine", "female"),
        ("feminine", "female"),
        ("Female", "female"),
        ("Masculine", "male"),
        ("Male", "male"),
        ("TransgenderFeminine", "other"),
        ("Transgender Feminine", "other"),
        ("TransgenderMasculine", "other"),
        ("Transgender Masculine", "other"),
        ("NonConforming", "other"),
        ("Non-Conforming", "other"),
        ("NonSpecifiedUnknown", "unknown"),
        ("Not Specified/Unknown", "unknown"),
        ("", "unknown"),
    ],
)
def test_gender(htcds_csv, text, gender):
    assert one(htcds_csv({"prs_Gender": text})).gender == gender


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("ForcedLabour", ("forced_labour",)),
        ("Forced labour", ("forced_labour",)),
        ("SexualExploitation", ("sexual_exploitation",)),
        ("Sexual exploitation", ("sexual_exploitation",)),
        ("ChildLabour", ("forced_labour",)),
        ("Child labour", ("forced_labour",)),
        ("ForcedMarriage", ("forced_marriage",)),
        ("Forced marriage", ("forced_marriage",)),
        ("Servitude", ("domestic_servitude",)),
        ("ForcedMilitaryByNonStateActors", ("other",)),
        ("Forced military (by non-state actors)", ("other",)),
        ("OrganRemoval", ("organ_removal",)),
        ("Organ removal", ("organ_removal",)),
        ("ForcedBegging", ("begging",)),
        ("Forced begging", ("begging",)),
        ("ForcedAdoption", ("other",)),
        ("Surrogacy", ("other",)),
        ("Other", ("other",)),
        ("ForcedCriminality", ("forced_criminality",)),
        ("", ()),
        # Multi-select: ';' or ',', any order, duplicates folded, platform code order.
        ("ForcedLabour;SexualExploitation", ("sexual_exploitation", "forced_labour")),
        ("Forced labour, Sexual exploitation;", ("sexual_exploitation", "forced_labour")),
        ("ForcedLabour;ChildLabour", ("forced_labour",)),
    ],
)
def test_type_of_exploitation(htcds_csv, text, forms):
    assert one(htcds_csv({"vic_TypeOfExploitation": text})).exploitation_forms == forms


@pytest.mark.parametrize(
    ("text", "methods"),
    [
        ("PhysicalThreats", ("threats",)),
        ("Physical threats", ("threats",)),
        ("ThreatsLawEnforcement", ("threats",)),
        ("Threats of law enforcement", ("threats",)),
        ("ThreatensChildrenFamily", ("threats_to_family",)),
        ("Threatens children/family", ("threats_to_family",)),
        ("DebtBondage", ("debt_bondage",)),
        ("FalsePromises", ("false_promises",)),
        ("PhysicalAbuse", ("physical_sexual_abuse",)),
        ("SexualAbuse", ("physical_sexual_abuse",)),
        ("TakesEarnings", ("takes_earnings",)),
        ("RestrictsFinancialAccess", ("takes_earnings",)),
        ("RestrictsMedicalCare", ("withholding_necessities",)),
        ("WithholdsNecessities", ("withholding_necessities",)),
        ("PsychologicalAbuse", ()),
        ("PsychoactiveSubstance", ("psychoactive_substances",)),
        ("ExcessiveWorkingHours", ()),
        ("WithholdsDocuments", ("confiscation_of_documents",)),
        ("Withholds documents", ("confiscation_of_documents",)),
        ("Other", ()),
        # The names of Field Definitions.md, with or without their prefix.
        ("MethodsOfControlRestrictsMovement", ("restricted_movement",)),
        ("RestrictsMovement", ("restricted_movement",)),
        ("MethodsOfControlUsesChildren", ("threats_to_family",)),
        ("MethodsOfControlThreatOfLawEnforcement", ("threats",)),
        ("MethodsOfControlPsychoactiveSubstances", ("psychoactive_substances",)),
        ("MethodsOfControlDebtBondage", ("debt_bondage",)),
        ("", ()),
        (
            "SexualAbuse;PhysicalAbuse, DebtBondage;FalsePromises",
            ("debt_bondage", "physical_sexual_abuse", "false_promises"),
        ),
    ],
)
def test_methods_of_control(htcds_csv, text, methods):
    assert one(htcds_csv({"vic_MethodsOfControl": text})).control_methods == methods


@pytest.mark.parametrize(
    ("birth", "referral", "age"),
    [
        ("2005-06-15", "2022-03-01", 16),
        ("2004-03-01", "2022-03-01", 18),  # the 18th birthday itself
        ("2004-03-02", "2022-03-01", 17),  # the day before it
        ("2000-02-29", "2023-02-28", 22),
        ("2000-02-29", "2024-02-29", 24),
        ("2022-03-01", "2022-03-01", 0),
        ("", "2022-03-01", None),
        ("2005-06-15", "", None),  # no referral date: no age
    ],
)
def test_age_at_referral(htcds_csv, birth, referral, age):
    fields = {"prs_Birthdate": birth, "cas_IncomingReferralDate": referral}
    record = one(htcds_csv(fields))
    assert record.age == age
    assert record.is_minor is None  # only for sources that give no age


def test_age_on():
    assert age_on(date(2000, 12, 31), date(2001, 12, 30)) == 0
    assert age_on(date(2000, 12, 31), date(2001, 12, 31)) == 1


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-03-01", date(2022, 3, 1)),
        ("2022-03-01 10:30:00", date(2022, 3, 1)),
        ("2022-03-01T10:30", date(2022, 3, 1)),
        (" 2022-03-01 ", date(2022, 3, 1)),
        ("", None),
    ],
)
def test_referral_date_is_identification(htcds_csv, text, day):
    record = one(htcds_csv({"cas_IncomingReferralDate": text}))
    assert record.identified_on == day
    assert record.year == (day.year if day else None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KH", "KHM"),
        ("kh", "KHM"),
        ("KHM", "KHM"),
        ("Cambodia", "KHM"),
        ("CAMBODIA", "KHM"),
        ("Cambodian", "KHM"),
        ("Khmer", "KHM"),
        ("កម្ពុជា", "KHM"),
        ("ខ្មែរ", "KHM"),
        ("VN", "VNM"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Lao PDR", "LAO"),
        ("Laos", "LAO"),
        ("Myanmar", "MMR"),
        ("Burma", "MMR"),
        ("Thailand", "THA"),
        ("Thai", "THA"),
        ("ថៃ", "THA"),
        ("China", "CHN"),
        ("People's Republic of China", "CHN"),
        ("Taiwan", "TWN"),
        ("Hong Kong", "HKG"),
        ("Korea, Republic of", "KOR"),
        ("South Korea", "KOR"),
        ("Philippines", "PHL"),
        ("Filipino", "PHL"),
        ("UK", "GBR"),
        ("United States of America", "USA"),
        ("Côte d'Ivoire", "CIV"),
        ("Bosnia & Herzegovina", "BIH"),
        ("Saint Lucia", "LCA"),
        ("KH;KHM; Cambodia", "KHM"),  # the same country three ways: one citizenship
        ("", None),
    ],
)
def test_citizenship(htcds_csv, text, code):
    result = import_htcds(htcds_csv({"prs_Citizenship": text}))
    assert result.records[0].nationality == code
    assert (result.several_citizenships, result.unrecognised_citizenship) == (0, {})


@pytest.mark.parametrize(
    ("text", "several", "unrecognised"),
    [
        ("TH;KH", 1, {}),
        ("TH, KH", 1, {}),
        ("Thailand; Cambodia", 1, {}),
        ("Narnia", 0, {"Narnia": 1}),
        ("KH; Narnia", 0, {"Narnia": 1}),
        ("Stateless", 0, {"Stateless": 1}),
        ("Congo", 0, {"Congo": 1}),  # two countries have that name: not guessed
    ],
)
def test_citizenship_left_unknown_and_counted(htcds_csv, text, several, unrecognised):
    result = import_htcds(htcds_csv({"prs_Citizenship": text}, {"prs_Citizenship": "KH"}))
    assert [r.nationality for r in result.records] == [None, "KHM"]
    assert result.several_citizenships == several
    assert result.unrecognised_citizenship == unrecognised


def test_country_table_covers_iso_and_the_region():
    assert len(ALPHA3_OF) == len(ALPHA3) == 249
    for alpha3, (alpha2, adjective) in NATIONALITIES.items():
        assert country_code(alpha2) == alpha3
        assert country_code(alpha3.lower()) == alpha3
        assert country_code(adjective) == alpha3
    assert all(country_code(alpha2) == alpha3 for alpha2, alpha3 in ALPHA3_OF.items())


def test_case_status_as_written(htcds_csv):
    assert one(htcds_csv({"cas_Status": "  Closed  Referred "})).case_status == "Closed Referred"
    assert one(htcds_csv({"cas_Status": ""})).case_status is None


# --- who counts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "counted", "with_possible"),
    [
        ("ActualVictimOfTrafficking", True, True),
        ("Actual victim of trafficking", True, True),
        ("PossibleVictimOfTrafficking", False, True),
        ("possible victim of trafficking", False, True),
        ("NotAVictimOfTrafficking", False, False),
        ("Not a victim of trafficking", False, False),
        ("", False, False),
    ],
)
def test_trafficking_status(htcds_csv, status, counted, with_possible):
    path = htcds_csv({"vic_TraffickingStatus": status})
    assert len(read_htcds(path)) == int(counted)
    assert len(read_htcds(path, include_possible=True)) == int(with_possible)


def test_without_status_column_every_row_counts(htcds_csv):
    header = tuple(name for name in FIELDS if name != "vic_TraffickingStatus")
    result = import_htcds(htcds_csv({}, {"prs_Gender": "Masculine"}, header=header))
    assert [r.gender for r in result.records] == ["female", "male"]
    assert not result.status_checked
    assert result.excluded == {}


def test_rows_not_counted_are_not_validated(htcds_csv):
    path = htcds_csv({"vic_TraffickingStatus": "NotAVictimOfTrafficking", "prs_Gender": "?"})
    assert read_htcds(path) == []


# --- bad values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("update", "field", "message"),
    [
        (
            {"prs_Gender": "Femme"},
            "prs_Gender",
            "'Femme' is not valid; expected one of Feminine, Masculine, TransgenderFeminine, "
            "TransgenderMasculine, NonConforming, NonSpecifiedUnknown, or blank",
        ),
        (
            {"vic_TypeOfExploitation": "ForcedLabour;Slavery"},
            "vic_TypeOfExploitation",
            f"'Slavery' is not valid; expected {EXPLOITATION_EXPECTED}",
        ),
        (
            {"vic_MethodsOfControl": "DebtBondage, Blackmail"},
            "vic_MethodsOfControl",
            f"'Blackmail' is not valid; expected {CONTROL_EXPECTED}",
        ),
        (
            {"vic_TraffickingStatus": "Victim"},
            "vic_TraffickingStatus",
            "'Victim' is not valid; expected one of ActualVictimOfTrafficking, "
            "PossibleVictimOfTrafficking, NotAVictimOfTrafficking, or blank",
        ),
        (
            {"cas_IncomingReferralDate": "01/03/2022"},
            "cas_IncomingReferralDate",
            "'01/03/2022' is not valid; expected a date (a date cell or YYYY-MM-DD text), or blank",
        ),
        (
            {"prs_Birthdate": "2022-03-02"},
            "prs_Birthdate",
            "'2022-03-02' is not valid; expected a birth date on or before the incoming "
            "referral date 2022-03-01",
        ),
        (
            {"prs_Birthdate": "1900-01-01"},
            "prs_Birthdate",
            "'1900-01-01' is not valid; expected an age of at most 120 years",
        ),
        (
            {"prs_Birthdate": "1850-01-01", "cas_IncomingReferralDate": ""},
            "prs_Birthdate",
            "'1850-01-01' is not valid; expected a date from 1900 to 2100",
        ),
        (
            {"cas_Status": "S" * 65},
            "cas_Status",
            f"'{'S' * 40}…' is not valid; expected a status of at most 64 characters",
        ),
    ],
)
def test_bad_value_names_file_line_field(htcds_csv, update, field, message):
    path = htcds_csv({}, {}, update)
    with pytest.raises(InputError) as caught:
        read_htcds(path)  # two good rows first: nothing is returned
    assert str(caught.value) == f"file {path}, line 4, field {field!r}: {message}"
    assert (caught.value.line, caught.value.field) == (4, field)


@pytest.mark.parametrize("missing", REQUIRED)
def test_missing_required_field(htcds_csv, missing):
    header = tuple(name for name in FIELDS if name != missing)
    with pytest.raises(InputError) as caught:
        read_htcds(htcds_csv({}, header=header))
    assert (caught.value.line, caught.value.field) == (1, missing)
    assert f"missing column {missing!r}" in str(caught.value)


def test_csv_with_bom_crlf_any_order_no_labels(tmp_path):
    header = tuple(reversed(FIELDS))
    text = csv_text(header, [GOOD, GOOD | {"prs_Gender": "Masculine"}]).replace("\n", "\r\n")
    path = tmp_path / "htcds.csv"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    records = read_htcds(path)
    assert [(r.line, r.gender, r.nationality) for r in records] == [
        (2, "female", "KHM"),
        (3, "male", "KHM"),
    ]


# --- spreadsheets -------------------------------------------------------------------------


def test_xlsx_with_date_cells(htcds_xlsx):
    path = htcds_xlsx(
        {
            "prs_Birthdate": datetime(2004, 3, 2),
            "cas_IncomingReferralDate": date(2022, 3, 1),
            "vic_TypeOfExploitation": "ForcedLabour, ForcedCriminality",
        }
    )
    (record,) = read_htcds(path)
    assert (record.line, record.identified_on, record.year, record.age) == (
        3,
        date(2022, 3, 1),
        2022,
        17,
    )
    assert record.exploitation_forms == ("forced_labour", "forced_criminality")


def test_xlsx_without_labels_row(htcds_xlsx):
    assert [r.line for r in read_htcds(htcds_xlsx({}, {}, labels=False))] == [2, 3]


def test_xlsx_number_in_a_date_field(htcds_xlsx):
    path = htcds_xlsx({"cas_IncomingReferralDate": 44621})
    with pytest.raises(InputError) as caught:
        read_htcds(path)
    assert str(caught.value) == (
        f"file {path}, line 3, field 'cas_IncomingReferralDate': '44621' is not valid; "
        "expected a date (a date cell or YYYY-MM-DD text), or blank"
    )


def test_xlsx_formula_is_not_evaluated(htcds_xlsx):
    # openpyxl writes formulas without a cached value; read as data, such a cell is empty.
    path = htcds_xlsx({"prs_Citizenship": '="K"&"H"', "prs_Gender": "=1/0"})
    (record,) = read_htcds(path)
    assert (record.nationality, record.gender) == (None, "unknown")


def test_xlsx_reads_the_first_sheet_with_field_names(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Notes about this file"])
    data = workbook.create_sheet("Cases")
    data.append(list(FIELDS))
    data.append([GOOD[name] for name in FIELDS])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    assert [r.line for r in read_htcds(path)] == [2]


def test_xlsx_without_field_names(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Sex"])
    path = tmp_path / "other.xlsx"
    workbook.save(path)
    with pytest.raises(InputError) as caught:
        read_htcds(path)
    assert str(caught.value) == (
        f"file {path}, line 1: no worksheet has the expected field names in row 1"
    )


# --- the official template ----------------------------------------------------------------


@pytest.fixture
def template(tmp_path: Path) -> Path:
    if not TEMPLATE.is_file():
        pytest.skip(f"HTCDS template not found at {TEMPLATE.resolve()} (../shared/data absent)")
    copy = tmp_path / "HTCDS Excel Spreadsheet v2.0.xlsx"
    shutil.copyfile(TEMPLATE, copy)
    return copy


def test_empty_template_gives_no_record(template):
    result = import_htcds(template)
    assert result.records == []
    assert result.rows == 0  # 1000 numbered blank rows and the labels row
    assert result.status_checked


def test_filled_template(template):
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.active
    column = {cell.value: cell.column for cell in sheet[1] if cell.value}
    assert set(REQUIRED) | set(OPTIONAL) <= set(column)  # the importer's names are IOM's
    rows = [
        GOOD | {"prs_Birthdate": date(2005, 6, 15), "cas_IncomingReferralDate": date(2022, 3, 1)},
        GOOD | {"prs_Gender": "Masculine", "prs_Citizenship": "Viet Nam", "vic_MethodsOfControl": "Physical threats, Withholds documents"},  # noqa: E501
        GOOD | {"vic_TraffickingStatus": "NotAVictimOfTrafficking"},
        GOOD | {"prs_Citizenship": "Narnia", "vic_TraffickingStatus": "Possible victim of trafficking"},  # noqa: E501
    ]  # fmt: skip
    for offset, row in enumerate(rows):
        for name, value in row.items():
            if name in column:
                sheet.cell(row=3 + offset, column=column[name], value=value)
    workbook.save(template)

    result = import_htcds(template)
    first, second = result.records
    assert (first.line, first.age, first.identified_on) == (3, 16, date(2022, 3, 1))
    assert (first.gender, first.nationality, first.case_status) == ("female", "KHM", "Active")
    assert first.exploitation_forms == ("sexual_exploitation",)
    assert first.control_methods == ("debt_bondage",)
    assert (second.line, second.gender, second.nationality) == (4, "male", "VNM")
    assert second.control_methods == ("threats", "confiscation_of_documents")
    assert result.rows == 4
    assert result.excluded == {"NotAVictimOfTrafficking": 1, "PossibleVictimOfTrafficking": 1}
    assert import_htcds(template, include_possible=True).unrecognised_citizenship == {"Narnia": 1}


# --- hostile workbooks --------------------------------------------------------------------


def declare_size(path: Path, member: str, size: int) -> None:
    """Rewrite the central directory of ``path`` so that ``member`` claims ``size`` bytes."""
    data = bytearray(path.read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        name = bytes(data[start + 46 : start + 46 + name_length]).decode()
        if name == member:
            struct.pack_into("<I", data, start + 24, size)
            path.write_bytes(bytes(data))
            return
        start += 46
    raise AssertionError(f"{member} not in {path}")


def test_zip_bomb_is_refused_unopened(htcds_xlsx, monkeypatch):
    path = htcds_xlsx({})
    declare_size(path, "xl/worksheets/sheet1.xml", 3_000_000_000)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl must not open a refused archive")

    monkeypatch.setattr(victim_tables.openpyxl, "load_workbook", never)
    with pytest.raises(InputError) as caught:
        read_htcds(path)
    assert str(caught.value).startswith(f"file {path}: the archive expands to 3,000,")
    assert str(caught.value).endswith(f"expected at most {200 * 1024 * 1024:,} (refused unopened)")


def test_highly_compressed_entry_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(victim_tables, "MAX_FILE_BYTES", 1_000_000)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 2_000_000)
    assert path.stat().st_size < 10_000
    with pytest.raises(InputError, match="the archive expands to 2,000,000 bytes"):
        read_htcds(path)


def test_too_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(victim_tables, "MAX_ZIP_ENTRIES", 3)
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(4):
            archive.writestr(f"part{index}.xml", b"<a/>")
    with pytest.raises(InputError, match="the archive has 4 entries; expected at most 3"):
        read_htcds(path)


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("prs_Gender\nFeminine\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_htcds(path)
    assert str(caught.value) == (
        f"file {path}: not an xlsx workbook (not a zip archive); expected an .xlsx file such "
        "as the HTCDS template, or a CSV file"
    )


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match=r"cannot be read as an xlsx workbook \(KeyError"):
        read_htcds(path)


def rewrite_part(path: Path, member: str, edit: Callable[[bytes], bytes]) -> Path:
    """A copy of the workbook ``path`` with the part ``member`` edited (a crafted file)."""
    crafted = path.with_name("crafted.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(crafted, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            target.writestr(entry, edit(data) if entry.filename == member else data)
    return crafted


def test_entity_declarations_are_refused(htcds_xlsx):
    doctype = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    path = rewrite_part(htcds_xlsx({}), "xl/worksheets/sheet1.xml", lambda xml: doctype + xml)
    with pytest.raises(InputError) as caught:
        read_htcds(path)
    assert str(caught.value).startswith(f"file {path}: cannot be read as an xlsx workbook (")
    cause = caught.value.__cause__
    assert cause is not None
    assert type(cause.__cause__).__name__ == "EntitiesForbidden"  # defusedxml refused it


def test_xlsx_absurd_cell(htcds_xlsx):
    # openpyxl cuts what it writes at Excel's limit, so the long cell is crafted afterwards.
    path = htcds_xlsx({}, {"cas_Status": "ABSURD"})
    path = rewrite_part(
        path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"ABSURD", b"x" * 40_000)
    )
    with pytest.raises(InputError) as caught:
        read_htcds(path)
    assert str(caught.value) == (
        f"file {path}, line 4, field 'cas_Status': a cell of 40,000 characters; "
        "expected at most 32,767"
    )


def test_xlsx_too_many_rows(htcds_xlsx, monkeypatch):
    monkeypatch.setattr(victim_tables, "MAX_ROWS", 2)
    path = htcds_xlsx({}, {}, labels=False)
    assert len(read_htcds(path)) == 2
    path = htcds_xlsx({}, {}, {}, labels=False)
    with pytest.raises(InputError, match="more than 2 rows") as caught:
        read_htcds(path)
    assert caught.value.line == 4


def test_xlsx_far_away_row_is_refused_without_walking_to_it(tmp_path, monkeypatch):
    monkeypatch.setattr(victim_tables, "MAX_ROWS", 1_000)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(FIELDS))
    sheet.cell(row=1_048_576, column=2, value="Feminine")
    path = tmp_path / "far.xlsx"
    workbook.save(path)
    with pytest.raises(InputError, match="more than 1,000 rows") as caught:
        read_htcds(path)
    assert caught.value.line == 1_002
