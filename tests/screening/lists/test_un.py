"""The UN Consolidated List parser, on a small hand-written file in the UN layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from list_files import DATA

from counterflow.model import EntityKind, EntryName, IdentityDocument, ListSource, NameStrength
from counterflow.screening.lists import ListError
from counterflow.screening.lists.un import read_un


@pytest.fixture(scope="module")
def snapshot():
    return read_un(DATA / "un_small.xml")


def test_version_is_date_generated_and_records_are_all_read(snapshot):
    assert snapshot.source is ListSource.UN
    assert snapshot.version == "2026-01-15T00:00:01.000Z"
    assert [e.entry_id for e in snapshot.entries] == ["un:QDi.901", "un:CDi.902", "un:KPe.903"]
    assert [e.kind for e in snapshot.entries] == [
        EntityKind.PERSON,
        EntityKind.PERSON,
        EntityKind.ORGANIZATION,
    ]


def test_names_keep_order_script_and_alias_quality(snapshot):
    person = snapshot.by_id()["un:QDi.901"]
    assert person.names == (
        EntryName("AHMAD KARIM ABD AL TESTANI"),
        EntryName("أحمد كريم عبد ال تستاني", NameStrength.STRONG, "original script"),
        EntryName("Ahmed Kareem Testani", NameStrength.STRONG, "aka"),
        EntryName("Abu Testa", NameStrength.STRONG, "aka"),
        EntryName("Ahmad Old-Name", NameStrength.STRONG, "fka"),
        EntryName("The Teacher", NameStrength.WEAK, "aka"),
    )
    company = snapshot.by_id()["un:KPe.903"]
    assert [n.text for n in company.names] == [
        "EXAMPLE TRADING COMPANY",
        "예시 무역 회사",
        "ETC Ltd",
        "Old Example Corporation",
    ]


def test_dates_of_birth_keep_partial_precision(snapshot):
    person = snapshot.by_id()["un:QDi.901"]
    # DATE, YEAR, FROM_YEAR-TO_YEAR, a NOTE that reads as a month; the Hijri note is dropped;
    # the alias's own date of birth comes last.
    assert person.dates_of_birth == (
        "1960-04-11",
        "1958",
        "1962",
        "1963",
        "1964",
        "1973-11",
        "1961-02-03",
    )
    assert snapshot.by_id()["un:CDi.902"].dates_of_birth == ()


def test_nationalities_documents_gender_and_the_rest(snapshot):
    person = snapshot.by_id()["un:QDi.901"]
    assert person.nationalities == ("IR", "KP", "Freedonia")  # "na" = not available
    assert person.documents == (
        IdentityDocument("passport", "X1234567", "IR"),
        IdentityDocument("national id", "0012345678", "TR"),
    )
    assert person.gender == "male"  # from "Gender: Male." in the comments
    assert person.programmes == ("Al-Qaida", "QDi")
    assert person.positions == ("Financier of a listed group",)
    assert person.addresses == ("12 Example Street, Tehran, Iran (Islamic Republic of)",)
    assert person.remarks.startswith("Invented for tests.")
    assert person.extra["titles"] == "Mullah; Dr."
    assert person.extra["place_of_birth"] == "Mashhad, Iran (Islamic Republic of)"
    assert person.extra["last_updated"] == "2020-06-30"
    other = snapshot.by_id()["un:CDi.902"]
    assert (other.gender, other.nationalities, other.documents) == ("female", ("CD",), ())
    company = snapshot.by_id()["un:KPe.903"]
    assert company.programmes == ("DPRK", "KPe")
    assert company.addresses == ("Pyongyang, Democratic People's Republic of Korea",)


def _one_record(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "un.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-01-01">\n'
        "<INDIVIDUALS>\n<INDIVIDUAL>\n"
        f"{body}\n"
        "</INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("body", "line", "field", "expected"),
    [
        (
            "<FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>\n"
            "<INDIVIDUAL_DATE_OF_BIRTH>\n<DATE>1960-13-01</DATE>\n</INDIVIDUAL_DATE_OF_BIRTH>",
            7,
            "DATE",
            "expected YYYY-MM-DD",
        ),
        (
            "<FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>\n"
            "<INDIVIDUAL_DATE_OF_BIRTH><YEAR>60s</YEAR></INDIVIDUAL_DATE_OF_BIRTH>",
            6,
            "YEAR",
            "four digits",
        ),
        ("<FIRST_NAME>A</FIRST_NAME>", 4, "INDIVIDUAL", "REFERENCE_NUMBER"),
        ("<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>", 4, "INDIVIDUAL", "FIRST_NAME"),
        (
            "<FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>\n"
            "<INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>B</ALIAS_NAME>"
            "</INDIVIDUAL_ALIAS>",
            6,
            "QUALITY",
            "expected Good, Low",
        ),
    ],
)
def test_malformed_record_names_line_and_field(tmp_path, body, line, field, expected):
    path = _one_record(tmp_path, body)
    with pytest.raises(ListError, match=expected) as err:
        read_un(path)
    assert (err.value.path, err.value.line, err.value.field) == (str(path), line, field)


def test_duplicate_reference_number_is_refused(tmp_path):
    record = "<FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"
    path = _one_record(tmp_path, f"{record}\n</INDIVIDUAL>\n<INDIVIDUAL>\n{record}")
    with pytest.raises(ListError, match=r"duplicate entry id 'un:QDi.1' \(first on line 4\)"):
        read_un(path)


def test_wrong_root_or_missing_date_is_refused(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<sdnList/>", encoding="utf-8")
    with pytest.raises(ListError, match="expected CONSOLIDATED_LIST"):
        read_un(path)
    path.write_text("<CONSOLIDATED_LIST/>", encoding="utf-8")
    with pytest.raises(ListError, match="dateGenerated"):
        read_un(path)
