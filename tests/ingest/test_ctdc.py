"""CTDC victim-perpetrator CSV: every mapping, the layout variants, bad values and limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterflow.ingest import victim_tables
from counterflow.ingest.ctdc import COLUMNS, read_ctdc
from counterflow.model import InputError
from counterflow.model.victim_record import VictimRecord

SAMPLE = Path(__file__).parents[1] / "data" / "victims" / "ctdc_sample.csv"
HEADER = (
    "yearRegister,gender,majorityStatus,isForcedLabour,isSexualExploit,UN_COO_Region,"
    "UN_COE_Region,IP_Exploiter,IP_Gender,IP_ageBroad,IP_citizen_UNRegion,IP_Relation,"
    "IP_PayMoney,IP_RecruiterBroker,IP_TransactionProcess,IP_ControlAbuseKidnap"
)
GOOD = {
    "yearRegister": "2019",
    "gender": "Female",
    "majorityStatus": "Adult",
    "isForcedLabour": "1",
    "isSexualExploit": "0",
    "UN_COO_Region": "South-eastern Asia",
}


def ctdc_line(**values: str) -> str:
    """A data line of the 16-column layout: :data:`GOOD` with ``values`` replacing some."""
    cells = dict.fromkeys(HEADER.split(","), "") | GOOD | values
    return ",".join(cells[name] for name in HEADER.split(","))


@pytest.fixture
def ctdc_file(tmp_path: Path):
    """Write a CTDC file of :data:`HEADER` plus ``lines`` and return its path."""

    def write(*lines: str, header: str = HEADER) -> Path:
        path = tmp_path / "ctdc.csv"
        path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
        return path

    return write


def one(path: Path) -> VictimRecord:
    (record,) = read_ctdc(path)
    return record


def test_sample_file_maps_every_row():
    def rec(line: int, **fields: object) -> VictimRecord:
        return VictimRecord(source_format="ctdc", line=line, **fields)  # type: ignore[arg-type]

    sea = "South-eastern Asia"
    assert read_ctdc(SAMPLE) == [
        rec(2, year=2019, gender="female", is_minor=True, exploitation_forms=("sexual_exploitation",), origin_region=sea),  # noqa: E501
        rec(3, year=2019, gender="female", is_minor=True, exploitation_forms=("sexual_exploitation",), origin_region=sea),  # noqa: E501
        rec(4, year=2021, gender="male", is_minor=False, exploitation_forms=("forced_labour",), origin_region="Eastern Asia"),  # noqa: E501
        rec(5, year=2020, gender="other", is_minor=False, exploitation_forms=("sexual_exploitation", "forced_labour"), origin_region="Southern Asia"),  # noqa: E501
        # line 6 is blank: no record
        rec(7, year=2022, gender="unknown"),
        rec(8, year=2018, gender="female", is_minor=True, exploitation_forms=("forced_labour",), origin_region="Sub-Saharan Africa"),  # noqa: E501
    ]  # fmt: skip


def test_rows_are_pairs_not_people():
    # One victim with two perpetrators is two rows with the same victim fields and no id:
    # the importer keeps both; counts from CTDC are counts of pairs.
    first, second = read_ctdc(SAMPLE)[:2]
    assert (first.line, second.line) == (2, 3)
    assert {k: v for k, v in vars_of(first).items() if k != "line"} == {
        k: v for k, v in vars_of(second).items() if k != "line"
    }


def vars_of(record: VictimRecord) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__slots__}


def test_no_country_no_date(ctdc_file):
    record = one(ctdc_file(ctdc_line()))
    assert (record.nationality, record.identified_on, record.age) == (None, None, None)
    assert record.control_methods == ()
    assert record.case_status is None


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("Female", "female"),
        ("FEMALE", "female"),
        ("woman", "female"),
        ("Male", "male"),
        ("man", "male"),
        ("Trans/Transgender/NonConforming", "other"),
        ("transgender", "other"),
        ("Other", "other"),
        ("", "unknown"),
        ("NULL", "unknown"),
        ("Unknown", "unknown"),
    ],
)
def test_gender(ctdc_file, text, gender):
    assert one(ctdc_file(ctdc_line(gender=text))).gender == gender


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("Adult", False),
        ("adult", False),
        ("Minor", True),
        ("MINOR", True),
        ("", None),
        ("NA", None),
    ],
)
def test_majority_status(ctdc_file, text, minor):
    record = one(ctdc_file(ctdc_line(majorityStatus=text)))
    assert record.is_minor is minor
    assert record.age is None  # CTDC gives no exact age


@pytest.mark.parametrize(
    ("labour", "sexual", "forms"),
    [
        ("1", "0", ("forced_labour",)),
        ("0", "1", ("sexual_exploitation",)),
        ("1", "1", ("sexual_exploitation", "forced_labour")),
        ("0", "0", ()),
        ("true", "FALSE", ("forced_labour",)),
        ("1.0", "0.0", ("forced_labour",)),
        ("no", "Yes", ("sexual_exploitation",)),
        ("", "", ()),
        ("NULL", "1", ("sexual_exploitation",)),
    ],
)
def test_exploitation_flags(ctdc_file, labour, sexual, forms):
    line = ctdc_line(isForcedLabour=labour, isSexualExploit=sexual)
    assert one(ctdc_file(line)).exploitation_forms == forms


@pytest.mark.parametrize(
    ("text", "year"), [("2019", 2019), ("2002", 2002), ("2019.0", 2019), ("", None), ("NULL", None)]
)
def test_year(ctdc_file, text, year):
    assert one(ctdc_file(ctdc_line(yearRegister=text))).year == year


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Eastern Asia", "Eastern Asia"),
        ('"  Eastern   Asia "', "Eastern Asia"),
        ("Americas/Oceania", "Americas/Oceania"),
        ("Eastern Asia;Eastern Asia", "Eastern Asia"),
        ("Eastern Asia;Southern Asia", None),  # several regions for one victim: unknown
        ("", None),
        ("Unknown", None),
    ],
)
def test_origin_region_as_written(ctdc_file, text, region):
    assert one(ctdc_file(ctdc_line(UN_COO_Region=text))).origin_region == region


def test_bom_crlf_column_order_case_and_extra_columns(tmp_path):
    header = "Extra,UN_COO_REGION,issexualexploit,IsForcedLabour,MajorityStatus,GENDER,yearregister"
    rows = ["x,Eastern Asia,1,0,Minor,Male,2020", "y,,0,1,Adult,Female,2021"]
    path = tmp_path / "ctdc.csv"
    path.write_bytes(("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode("utf-8"))
    records = read_ctdc(path)
    assert [(r.line, r.year, r.gender, r.is_minor) for r in records] == [
        (2, 2020, "male", True),
        (3, 2021, "female", False),
    ]
    assert records[0].exploitation_forms == ("sexual_exploitation",)
    assert records[0].origin_region == "Eastern Asia"


def test_a_quoted_line_break_keeps_line_numbers(ctdc_file):
    relation = '"Family;\nFriend"'
    path = ctdc_file(ctdc_line(IP_Relation=relation), ctdc_line(gender="Male"))
    assert [(r.line, r.gender) for r in read_ctdc(path)] == [(2, "female"), (4, "male")]


def test_header_only_gives_no_record(ctdc_file):
    assert read_ctdc(ctdc_file()) == []


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"gender": "Femme"},
            "gender",
            "'Femme' is not valid; expected one of Female, Male, "
            "Trans/Transgender/NonConforming, Other, or blank (unknown)",
        ),
        (
            {"majorityStatus": "Child"},
            "majorityStatus",
            "'Child' is not valid; expected one of Adult, Minor, or blank (unknown)",
        ),
        (
            {"isForcedLabour": "2"},
            "isForcedLabour",
            "'2' is not valid; expected 1 or 0 (also true/false), or blank (unknown)",
        ),
        (
            {"isSexualExploit": "10"},
            "isSexualExploit",
            "'10' is not valid; expected 1 or 0 (also true/false), or blank (unknown)",
        ),
        (
            {"yearRegister": "2015-2017"},
            "yearRegister",
            "'2015-2017' is not valid; expected a year from 1990 to 2100 such as 2019, or blank",
        ),
        (
            {"yearRegister": "1889"},
            "yearRegister",
            "'1889' is not valid; expected a year from 1990 to 2100 such as 2019, or blank",
        ),
        (
            {"UN_COO_Region": "R" * 65},
            "UN_COO_Region",
            f"'{'R' * 40}…' is not valid; expected a UN M49 region name of at most 64 characters",
        ),
    ],
)
def test_bad_value_names_file_line_field(ctdc_file, values, field, message):
    path = ctdc_file(ctdc_line(), ctdc_line(), ctdc_line(**values))
    with pytest.raises(InputError) as caught:
        read_ctdc(path)  # the first two lines are good: nothing is returned
    assert str(caught.value) == f"file {path}, line 4, field {field!r}: {message}"
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 4, field)


@pytest.mark.parametrize("missing", COLUMNS)
def test_missing_column(ctdc_file, missing):
    header = ",".join(name for name in HEADER.split(",") if name != missing)
    with pytest.raises(InputError) as caught:
        read_ctdc(ctdc_file(header=header))
    assert caught.value.line == 1
    assert caught.value.field == missing
    assert f"missing column {missing!r}" in str(caught.value)


def test_duplicate_column(ctdc_file):
    path = ctdc_file(ctdc_line() + ",Male", header=HEADER + ",Gender")
    with pytest.raises(InputError, match="column 'gender' appears 2 times") as caught:
        read_ctdc(path)
    assert (caught.value.line, caught.value.field) == (1, "gender")


def test_short_line(ctdc_file):
    path = ctdc_file(ctdc_line(), "2019,Female,Adult")
    with pytest.raises(InputError) as caught:
        read_ctdc(path)
    assert str(caught.value) == f"file {path}, line 3: 3 fields; expected 16, one per header column"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty; expected a header line"):
        read_ctdc(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\n" + ctdc_line() + "\n").encode() + b"2019,F\xe9minin\n")
    with pytest.raises(InputError, match="invalid UTF-8") as caught:
        read_ctdc(path)
    assert caught.value.line == 3


def test_nul_byte(tmp_path):
    path = tmp_path / "nul.csv"
    line = ctdc_line(yearRegister="20\x0019")
    path.write_bytes((HEADER + "\n" + ctdc_line() + "\n" + line + "\n").encode())
    with pytest.raises(InputError) as caught:
        read_ctdc(path)
    assert str(caught.value) == (
        f"file {path}, line 3, field 'yearRegister': a NUL character; expected text "
        "(is this a binary file?)"
    )


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_ctdc(tmp_path / "absent.csv")


def test_too_many_rows(ctdc_file, monkeypatch):
    monkeypatch.setattr(victim_tables, "MAX_ROWS", 2)
    path = ctdc_file(ctdc_line(), ctdc_line(), ctdc_line())
    with pytest.raises(InputError) as caught:
        read_ctdc(path)
    assert str(caught.value) == (
        f"file {path}, line 4: more than 2 rows; expected at most 2 rows after the header"
    )


def test_absurd_cell(ctdc_file, monkeypatch):
    monkeypatch.setattr(victim_tables, "MAX_CELL_CHARS", 100)
    path = ctdc_file(ctdc_line(IP_Relation="x" * 101))
    with pytest.raises(InputError) as caught:
        read_ctdc(path)
    assert str(caught.value) == (
        f"file {path}, line 2, field 'IP_Relation': a cell of 101 characters; expected at most 100"
    )


def test_absurd_cell_at_the_real_limit(ctdc_file):
    path = ctdc_file(ctdc_line(IP_Relation="x" * 40_000))
    with pytest.raises(InputError, match="a cell of 40,000 characters; expected at most 32,767"):
        read_ctdc(path)


def test_file_too_large(ctdc_file, monkeypatch):
    monkeypatch.setattr(victim_tables, "MAX_FILE_BYTES", 100)
    path = ctdc_file(ctdc_line())
    with pytest.raises(InputError, match="expected a CSV file of at most 100 bytes"):
        read_ctdc(path)
