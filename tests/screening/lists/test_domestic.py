"""The domestic CSV list: UTF-8 (Khmer), flexible columns, every mistake located."""

from __future__ import annotations

import pytest
from list_files import DATA

from counterflow.model import EntityKind, EntryName, IdentityDocument, ListSource, NameStrength
from counterflow.screening.lists import ListError
from counterflow.screening.lists.domestic import read_domestic

HEADER = "name,kind,date_of_birth,gender,id_numbers"


@pytest.fixture(scope="module")
def snapshot():
    return read_domestic(DATA / "domestic.csv")


def test_khmer_names_and_all_columns(snapshot):
    assert snapshot.source is ListSource.DOMESTIC
    assert [e.entry_id for e in snapshot.entries] == [
        "domestic:D-0001",
        "domestic:D-0002",
        "domestic:D-0003",
    ]
    person = snapshot.entries[0]
    assert person.kind is EntityKind.PERSON
    assert person.names == (
        EntryName("សុខ ចាន់ថា"),
        EntryName("Sok Chantha", NameStrength.STRONG, "aka"),
        EntryName("Chantha Sok", NameStrength.STRONG, "aka"),
    )
    assert person.dates_of_birth == ("1980-05-17",)
    assert person.nationalities == ("KH",)
    assert person.gender == "female"
    assert person.documents == (
        IdentityDocument("national id", "010203040"),
        IdentityDocument("passport", "N0123456"),
    )
    assert person.remarks.startswith("Suspected of recruiting")
    company = snapshot.entries[1]
    assert company.kind is EntityKind.ORGANIZATION
    assert company.names[1] == EntryName("ក្រុមហ៊ុន ឧទាហរណ៍", NameStrength.STRONG, "aka")
    assert company.nationalities == ("KH",)
    assert company.gender is None
    third = snapshot.entries[2]
    assert third.nationalities == ("CN", "TH")
    assert third.documents == (IdentityDocument("id", "A1234567"),)
    assert third.positions == ("Recruiter",)


def _read(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "domestic.csv"
    path.write_bytes(text.encode(encoding))
    return path, lambda: read_domestic(path)


def test_without_entry_id_the_id_is_stable_and_content_derived(tmp_path):
    path, read = _read(tmp_path, f"{HEADER}\nសុខ ចាន់ថា,person,1980,,\n")
    first = read().entries[0].entry_id
    path.write_text(f"{HEADER}\n\nOther Person,person,,,\nសុខ ចាន់ថា,person,1980,,\n")
    assert read().entries[1].entry_id == first
    assert first.startswith("domestic:")


def test_a_byte_order_mark_and_crlf_are_accepted(tmp_path):
    _, read = _read(tmp_path, f"\ufeff{HEADER}\r\nA,person,,,\r\n")
    assert read().entries[0].names == (EntryName("A"),)


@pytest.mark.parametrize(
    ("rows", "line", "field", "expected"),
    [
        (",person,1980,,", 2, "name", "missing name"),
        ("A,person,1980-02-30,,", 2, "date_of_birth", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("A,person,17/05/1980,,", 2, "date_of_birth", "bad date '17/05/1980'"),
        ("A,company,,,", 2, "kind", "unknown kind 'company'; expected person or organization"),
        ("A,,,,", 2, "kind", "unknown kind nothing"),
        ("A,person,,unknown,", 2, "gender", "expected male, female or empty"),
        ("A,person,,,passport:", 2, "id_numbers", "has no number"),
        ("A,person,,,\nB,person,1980", 3, "gender", "row has 3 fields, expected 5"),
        ("A,person,,,\n\nB,person,,,,extra", 4, None, "row has 6 fields"),
        ('A,person,,,\n"B,person,,,\n', 3, None, "malformed CSV"),
        ("A,person,,,\nA,person,,,", 3, "entry_id", "duplicate entry id"),
    ],
    ids=[
        "no-name",
        "impossible-date",
        "day-first",
        "kind",
        "no-kind",
        "gender",
        "id",
        "truncated",
        "long",
        "quote",
        "duplicate",
    ],
)
def test_bad_rows_name_line_field_and_expectation(tmp_path, rows, line, field, expected):
    path, read = _read(tmp_path, f"{HEADER}\n{rows}\n")
    with pytest.raises(ListError, match=expected) as err:
        read()
    assert (err.value.path, err.value.line, err.value.field) == (str(path), line, field)


@pytest.mark.parametrize(
    ("header", "field", "expected"),
    [
        ("name,kind,birthday", "birthday", "unknown column"),
        ("name,aliases", "kind", "required column missing"),
        ("name,kind,name", "name", "twice"),
        ("", None, "empty file"),
    ],
)
def test_bad_header_is_line_one(tmp_path, header, field, expected):
    _, read = _read(tmp_path, f"{header}\n" if header else "")
    with pytest.raises(ListError, match=expected) as err:
        read()
    assert (err.value.line, err.value.field) == (1, field)


def test_invalid_utf8_names_its_line(tmp_path):
    path, read = _read(tmp_path, f"{HEADER}\nA,person,,,\n")
    path.write_bytes(path.read_bytes() + "Ch\u00e9,person,,,\n".encode("latin-1"))
    with pytest.raises(ListError, match="expected a UTF-8 CSV file") as err:
        read()
    assert err.value.line == 3
