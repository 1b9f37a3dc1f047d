"""FollowTheMoney JSON lines: screenable entities kept, linked records folded in."""

from __future__ import annotations

import json

import pytest
from list_files import DATA

from counterflow.model import EntityKind, EntryName, IdentityDocument, ListSource, NameStrength
from counterflow.screening.lists import ListError
from counterflow.screening.lists.ftm import read_ftm


@pytest.fixture(scope="module")
def snapshot():
    return read_ftm(DATA / "entities.ftm.json")


def test_only_screenable_schemas_become_entries(snapshot):
    assert snapshot.source is ListSource.FTM
    assert [(e.entry_id, e.kind) for e in snapshot.entries] == [
        ("ex-person-1", EntityKind.PERSON),
        ("ex-company-1", EntityKind.ORGANIZATION),
        ("ex-vessel-1", EntityKind.VESSEL),
        ("ex-legal-1", EntityKind.UNKNOWN),
        ("ex-person-2", EntityKind.PERSON),
    ]
    assert len(snapshot.version) == 12


def test_person_properties(snapshot):
    person = snapshot.by_id()["ex-person-1"]
    assert person.names == (
        EntryName("Ivan Testov"),
        EntryName("Иван Тестов", NameStrength.STRONG, "aka"),
        EntryName("Ivan Testoff", NameStrength.STRONG, "fka"),
        EntryName("Vanya", NameStrength.WEAK, "aka"),
    )
    assert person.dates_of_birth == ("1961-02-03", "1962")
    assert person.nationalities == ("RU", "CY")  # "country" (residence) is not nationality
    assert person.gender == "male"
    assert person.positions == ("Deputy Minister of Examples",)
    assert person.remarks == "Invented for tests."
    assert person.extra["datasets"] == "example_sanctions"
    assert person.extra["target"] == "true"


def test_sanction_passport_and_address_records_are_folded_in(snapshot):
    person = snapshot.by_id()["ex-person-1"]
    assert person.programmes == ("PEP", "EX-RUS")
    assert person.documents == (
        IdentityDocument("passport", "750000001"),
        IdentityDocument("national id", "770123456789"),
        IdentityDocument("passport", "720000002", "RU"),
    )
    assert person.addresses == ("1 Example Street, Moscow, Russia",)


def test_organisations_vessels_and_name_parts(snapshot):
    company = snapshot.by_id()["ex-company-1"]
    assert company.nationalities == ("CY",)  # jurisdiction
    assert company.programmes == ("Example Regime",)
    assert set(company.documents) == {
        IdentityDocument("registration", "HE123456"),
        IdentityDocument("tax id", "CY10123456X"),
    }
    assert company.addresses == ("Limassol, Cyprus",)
    vessel = snapshot.by_id()["ex-vessel-1"]
    assert vessel.nationalities == ("PA",)  # flag
    assert IdentityDocument("imo", "9123456") in vessel.documents
    khmer = snapshot.by_id()["ex-person-2"]
    assert khmer.names == (EntryName("សុខ ចាន់"),)
    assert (khmer.gender, khmer.nationalities, khmer.programmes) == ("female", ("KH",), ("PEP",))


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ('{"id": "x", "schema": "Person", "properties": {"name": ["A"]}', None, "not valid JSON"),
        ("[1, 2]", None, "JSON object"),
        ('{"schema": "Person", "properties": {"name": ["A"]}}', "id", "without an id"),
        ('{"id": "x", "properties": {"name": ["A"]}}', "schema", "without a schema"),
        ('{"id": "x", "schema": "Person", "properties": {"name": "A"}}', "properties.name", "list"),
        ('{"id": "x", "schema": "Person", "properties": []}', "properties", "object"),
        ('{"id": "x", "schema": "Person", "properties": {}}', "properties.name", "without a name"),
        (
            '{"id": "x", "schema": "Person", '
            '"properties": {"name": ["A"], "birthDate": ["1961-13"]}}',
            "properties.birthDate",
            "bad date",
        ),
    ],
    ids=["json", "array", "id", "schema", "str-value", "props", "no-name", "date"],
)
def test_bad_lines_name_line_and_field(tmp_path, line, field, expected):
    good = json.dumps({"id": "ok", "schema": "Person", "properties": {"name": ["B"]}})
    path = tmp_path / "entities.ftm.json"
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(ListError, match=expected) as err:
        read_ftm(path)
    assert (err.value.path, err.value.line, err.value.field) == (str(path), 3, field)


def test_duplicate_ids_and_bad_bytes_are_refused(tmp_path):
    good = json.dumps({"id": "ok", "schema": "Person", "properties": {"name": ["B"]}})
    path = tmp_path / "entities.ftm.json"
    path.write_text(f"{good}\n{good}\n", encoding="utf-8")
    with pytest.raises(ListError, match="duplicate entry id 'ok'") as err:
        read_ftm(path)
    assert err.value.line == 2
    path.write_bytes(good.encode() + b"\n\xff\xfe\n")
    with pytest.raises(ListError, match="invalid UTF-8") as err:
        read_ftm(path)
    assert err.value.line == 2
