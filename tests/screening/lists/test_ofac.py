"""OFAC's legacy SDN CSV: three files joined on ent_num, remarks read, errors located."""

from __future__ import annotations

import pytest
from list_files import ADD_ROWS, ALT_ROWS, SDN_ROWS

from counterflow.model import EntityKind, EntryName, IdentityDocument, ListSource, NameStrength
from counterflow.screening.lists import ListError
from counterflow.screening.lists.ofac import read_ofac


@pytest.fixture
def snapshot(write_ofac):
    return read_ofac(write_ofac())


def test_entries_kinds_and_version(snapshot, write_ofac):
    assert snapshot.source is ListSource.OFAC
    assert [e.entry_id for e in snapshot.entries] == [f"ofac:{n}" for n in range(101, 106)]
    assert [e.kind for e in snapshot.entries] == [
        EntityKind.PERSON,
        EntityKind.ORGANIZATION,
        EntityKind.VESSEL,
        EntityKind.AIRCRAFT,
        EntityKind.PERSON,
    ]
    assert len(snapshot.version) == 12
    # Same bytes, same version; one changed byte, another.
    assert read_ofac(write_ofac(folder="again")).version == snapshot.version
    changed = write_ofac(sdn=(*SDN_ROWS[:-1], SDN_ROWS[-1].replace("1970", "1971")), folder="b")
    assert read_ofac(changed).version != snapshot.version


def test_individual_names_lose_the_comma_and_keep_alias_kinds(snapshot):
    person = snapshot.by_id()["ofac:101"]
    assert person.names == (
        EntryName("TESTOV Ivan Petrovich"),
        EntryName("TESTOV Ivan", NameStrength.STRONG, "aka"),
        EntryName("TESTOFF Ivan", NameStrength.STRONG, "fka"),
        EntryName("THE FOX", NameStrength.WEAK, "aka"),
    )
    company = snapshot.by_id()["ofac:102"]
    # Organisations keep their commas: "CO., LTD." is part of the name.
    assert company.names == (
        EntryName("EXAMPLE SHIPPING CO., LTD."),
        EntryName("EXAMPLE MARITIME LTD.", NameStrength.STRONG, "nka"),
        EntryName("ESC", NameStrength.WEAK, "aka"),
    )


def test_remarks_give_dates_nationalities_documents_gender(snapshot):
    person = snapshot.by_id()["ofac:101"]
    assert person.dates_of_birth == ("1955-01-01", "1957")
    assert person.nationalities == ("RU", "KP")
    assert person.gender == "male"
    assert person.documents == (
        IdentityDocument("passport", "7701234", "RU"),
        IdentityDocument("national id", "123-456", "RU"),
    )
    assert person.programmes == ("SDGT", "IFSR")
    assert person.addresses == ("1 Example Street, Moscow 101000, Russia",)
    assert person.extra["place_of_birth"] == "Example City, Russia"
    assert person.remarks.startswith("DOB 01 Jan 1955; alt. DOB circa 1957;")
    other = snapshot.by_id()["ofac:105"]
    assert other.dates_of_birth == ("1970", "1971", "1972")
    assert other.gender == "female"
    assert other.documents == (IdentityDocument("national id", "12345678", "CO"),)
    assert other.positions == ("Director of Example Exchange",)


def test_vessels_and_aircraft(snapshot):
    vessel = snapshot.by_id()["ofac:103"]
    assert vessel.nationalities == ("KP",)  # the flag
    assert vessel.documents == (
        IdentityDocument("imo", "9123456"),
        IdentityDocument("mmsi", "445123000"),
        IdentityDocument("call sign", "HMEX1"),
    )
    assert vessel.extra["vessel_type"] == "Crude Oil Tanker"
    assert vessel.extra["linked_to"] == "EXAMPLE SHIPPING CO., LTD."
    aircraft = snapshot.by_id()["ofac:104"]
    assert aircraft.documents == (
        IdentityDocument("aircraft serial number", "12345"),
        IdentityDocument("aircraft tail number", "EP-XYZ"),
    )
    assert snapshot.by_id()["ofac:102"].extra["website"] == "www.example.test"


def test_path_of_sdn_csv_and_upper_case_names_work(write_ofac):
    folder = write_ofac()
    assert len(read_ofac(folder / "sdn.csv")) == 5
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        (folder / name).rename(folder / name.upper())
    assert len(read_ofac(folder)) == 5


def test_missing_sibling_file_is_refused(write_ofac):
    folder = write_ofac()
    (folder / "alt.csv").unlink()
    with pytest.raises(ListError, match=r"alt\.csv not found"):
        read_ofac(folder)


@pytest.mark.parametrize(
    ("files", "name", "line", "field", "expected"),
    [
        (
            {"sdn": (*SDN_ROWS[:2], '103,"CUT SHORT","vessel"')},
            "sdn.csv",
            3,
            "Program",
            "truncated",
        ),
        ({"sdn": (SDN_ROWS[0], "x" + SDN_ROWS[1])}, "sdn.csv", 2, "ent_num", "whole number"),
        ({"sdn": (SDN_ROWS[0], SDN_ROWS[0])}, "sdn.csv", 2, "ent_num", "duplicate entry id"),
        (
            {"sdn": (SDN_ROWS[1].replace('-0- ,"IRAN"', '"ship","IRAN"'),)},
            "sdn.csv",
            1,
            "SDN_Type",
            "unknown SDN_Type",
        ),
        ({"sdn": ('106,"UNCLOSED, Quote,-0- ,-0-',)}, "sdn.csv", 1, None, "malformed CSV"),
        ({"alt": (*ALT_ROWS, '101,9,"also","X",-0- ')}, "alt.csv", 5, "alt_type", "aka, fka"),
        ({"alt": (*ALT_ROWS, '999,9,"aka","X",-0- ')}, "alt.csv", 5, "ent_num", "not in sdn"),
        (
            {"add": (*ADD_ROWS, "101,3,-0- ")},
            "add.csv",
            3,
            "City/State/Province/Postal Code",
            "truncated",
        ),
    ],
    ids=[
        "truncated",
        "ent-num",
        "duplicate",
        "sdn-type",
        "open-quote",
        "alt-type",
        "orphan",
        "short-add",
    ],
)
def test_bad_rows_name_file_line_and_field(write_ofac, files, name, line, field, expected):
    folder = write_ofac(**files)
    with pytest.raises(ListError, match=expected) as err:
        read_ofac(folder)
    assert (err.value.path, err.value.line, err.value.field) == (str(folder / name), line, field)


def test_multi_line_remarks_keep_line_numbers(write_ofac):
    """A quoted field may span lines; the next row's line number still matches an editor's."""
    spanning = SDN_ROWS[1].replace("a.k.a. 'ESC';", "a.k.a. 'ESC';\r\n")
    folder = write_ofac(sdn=(SDN_ROWS[0], spanning, "x" + SDN_ROWS[2]))
    with pytest.raises(ListError) as err:
        read_ofac(folder)
    assert err.value.line == 4
