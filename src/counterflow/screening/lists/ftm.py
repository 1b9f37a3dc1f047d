"""FollowTheMoney entities, one JSON object per line (the OpenSanctions export format).

FollowTheMoney (FtM) is the data model of OpenSanctions and of OCCRP's Aleph: every record is
an *entity* ``{"id", "schema", "properties": {name: [values]}, "datasets": [...]}`` whose schema
says what it is (https://followthemoney.tech/explorer/). OpenSanctions publishes each of its
collections (sanctions lists, PEPs, wanted persons ...) as ``entities.ftm.json``, so one parser
reads any of them.

Only *things that can be screened* become entries: ``Person``, ``Organization``, ``Company``,
``PublicBody``, ``LegalEntity`` (a person or an organisation, not known which), ``Vessel`` and
``Airplane``. Three other schemas describe them and are folded in:

- ``Sanction`` (``entity`` -> the sanctioned entity's id; ``programId``/``program``) adds its
  programme to the entity's ``programmes``;
- ``Passport`` and ``Identification`` (``holder``, ``number``, ``country``, ``type``) add an
  identity document;
- ``Address`` (``full``), referenced from an entity's ``addressEntity``, adds an address.

Every other schema (ownership, family and membership links, positions as entities ...) is
skipped. Property values are always lists of strings; names keep their strength: ``name`` is
primary, ``alias`` and ``previousName`` strong, ``weakAlias`` weak. A ``role.pep`` topic adds
the programme ``PEP`` (politically exposed person, FATF Recommendation 12).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from counterflow.model import (
    EntityKind,
    EntryName,
    IdentityDocument,
    ListSource,
    NameStrength,
    WatchlistEntry,
)
from counterflow.screening.lists import documents as doc
from counterflow.screening.lists.countries import country_code, nationality
from counterflow.screening.lists.dates import partial_iso
from counterflow.screening.lists.errors import ListError
from counterflow.screening.lists.snapshot import EntryCollector, ListSnapshot, content_version

ENTITY_SCHEMAS: dict[str, EntityKind] = {
    "Person": EntityKind.PERSON,
    "Organization": EntityKind.ORGANIZATION,
    "Company": EntityKind.ORGANIZATION,
    "PublicBody": EntityKind.ORGANIZATION,
    "LegalEntity": EntityKind.UNKNOWN,
    "Vessel": EntityKind.VESSEL,
    "Airplane": EntityKind.AIRCRAFT,
}
_NAMES = (
    ("name", NameStrength.PRIMARY, "name"),
    ("alias", NameStrength.STRONG, "aka"),
    ("previousName", NameStrength.STRONG, "fka"),
    ("weakAlias", NameStrength.WEAK, "aka"),
)
_DOCUMENTS = {
    "passportNumber": doc.PASSPORT,
    "idNumber": doc.NATIONAL_ID,
    "taxNumber": doc.TAX_ID,
    "innCode": doc.TAX_ID,
    "vatCode": doc.TAX_ID,
    "registrationNumber": doc.REGISTRATION,
    "ogrnCode": doc.REGISTRATION,
    "leiCode": doc.REGISTRATION,
    "swiftBic": doc.REGISTRATION,
    "imoNumber": doc.IMO,
    "mmsi": doc.MMSI,
}
# Persons have nationalities; organisations, ships and aircraft have a jurisdiction or flag.
_COUNTRIES = {
    EntityKind.PERSON: ("nationality", "citizenship"),
    EntityKind.UNKNOWN: ("nationality", "citizenship", "jurisdiction"),
}
_OTHER_COUNTRIES = ("jurisdiction", "country", "flag")
_REMARKS = ("notes", "summary", "description")

Properties = dict[str, list[str]]


class _Reader:
    """One pass over the file: entries as they come, linked facts gathered by entity id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries = EntryCollector(path)
        self.address_refs: dict[str, list[str]] = {}
        self.addresses: dict[str, list[str]] = {}
        self.programmes: dict[str, list[str]] = defaultdict(list)
        self.documents: dict[str, list[IdentityDocument]] = defaultdict(list)

    def fail(self, line: int, message: str, field: str | None = None) -> ListError:
        return ListError(message, path=str(self.path), line=line, field=field)

    def properties(self, line: int, raw: Any) -> Properties:
        if not isinstance(raw, dict):
            raise self.fail(line, "properties must be an object", "properties")
        for name, values in raw.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise self.fail(line, "expected a list of strings", f"properties.{name}")
        return {k: [v.strip() for v in vs if v.strip()] for k, vs in raw.items()}

    def read(self, line: int, record: Any) -> None:
        if not isinstance(record, dict):
            raise self.fail(line, "expected a JSON object per line")
        entity_id, schema = record.get("id"), record.get("schema")
        if not isinstance(entity_id, str) or not entity_id:
            raise self.fail(line, "entity without an id; expected a non-empty string", "id")
        if not isinstance(schema, str) or not schema:
            raise self.fail(line, "entity without a schema; expected e.g. Person", "schema")
        props = self.properties(line, record.get("properties", {}))
        if schema in ENTITY_SCHEMAS:
            self.entity(line, entity_id, schema, props, record)
        elif schema == "Sanction":
            for target in props.get("entity", ()):
                self.programmes[target].extend(props.get("programId") or props.get("program", []))
        elif schema in ("Passport", "Identification"):
            label = " ".join(props.get("type", [])) or schema
            kind = doc.PASSPORT if schema == "Passport" else doc.document_kind(label)
            country = next((c for c in map(country_code, props.get("country", [])) if c), None)
            for holder in props.get("holder", ()):
                for number in props.get("number", ()):
                    self.documents[holder].append(IdentityDocument(kind, number, country))
        elif schema == "Address":
            self.addresses[entity_id] = props.get("full", [])

    def entity(
        self, line: int, entity_id: str, schema: str, props: Properties, record: dict[str, Any]
    ) -> None:
        kind = ENTITY_SCHEMAS[schema]
        names = [EntryName(t, s, k) for prop, s, k in _NAMES for t in props.get(prop, ())]
        if not any(n.strength is NameStrength.PRIMARY for n in names):
            parts = ("firstName", "middleName", "lastName")
            if whole := " ".join(v for p in parts for v in props.get(p, ())):
                names.insert(0, EntryName(whole))
            else:
                raise self.fail(
                    line, "entity without a name; expected a name value", "properties.name"
                )
        births = []
        for value in props.get("birthDate", ()):
            if (iso := partial_iso(value[:10])) is None:
                raise self.fail(
                    line, f"bad date {value!r}; expected ISO 8601", "properties.birthDate"
                )
            births.append(iso)
        countries = _COUNTRIES.get(kind, _OTHER_COUNTRIES)
        gender = next((g for g in props.get("gender", ()) if g in ("male", "female")), None)
        topics = props.get("topics", [])
        programmes = props.get("programId", []) + props.get("program", [])
        datasets = record.get("datasets", [])
        extra = {
            "schema": schema,
            "topics": "; ".join(topics),
            "datasets": "; ".join(d for d in datasets if isinstance(d, str)),
        }
        if "target" in record:
            extra["target"] = str(bool(record["target"])).lower()
        if refs := props.get("addressEntity"):
            self.address_refs[entity_id] = refs
        entry = WatchlistEntry(
            entry_id=entity_id,
            source=ListSource.FTM,
            kind=kind,
            names=tuple(dict.fromkeys(names)),
            dates_of_birth=tuple(dict.fromkeys(births)),
            nationalities=tuple(
                dict.fromkeys(nationality(c) for prop in countries for c in props.get(prop, ()))
            ),
            gender=gender,
            documents=tuple(
                dict.fromkeys(
                    IdentityDocument(doc_kind, number)
                    for prop, doc_kind in _DOCUMENTS.items()
                    for number in props.get(prop, ())
                )
            ),
            programmes=tuple(dict.fromkeys(programmes + (["PEP"] if "role.pep" in topics else []))),
            positions=tuple(props.get("position", ())),
            remarks="\n".join(v for prop in _REMARKS for v in props.get(prop, ())),
            addresses=tuple(dict.fromkeys(props.get("address", ()))),
            extra={k: v for k, v in extra.items() if v},
        )
        self.entries.add(entry, line=line, field="id")

    def linked(self, entry: WatchlistEntry) -> WatchlistEntry:
        """``entry`` with the programmes, documents and addresses other records give it."""
        key = entry.entry_id
        programmes = self.programmes.get(key, [])
        documents = self.documents.get(key, [])
        addresses = [
            a for ref in self.address_refs.get(key, ()) for a in self.addresses.get(ref, ())
        ]
        if not (programmes or documents or addresses):
            return entry
        return dataclasses.replace(
            entry,
            programmes=tuple(dict.fromkeys((*entry.programmes, *programmes))),
            documents=tuple(dict.fromkeys((*entry.documents, *documents))),
            addresses=tuple(dict.fromkeys((*entry.addresses, *addresses))),
        )


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open("rb") as f:
            for line, raw in enumerate(f, start=1):
                try:
                    yield line, raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise ListError(
                        f"invalid UTF-8 ({exc.reason}); expected UTF-8 JSON lines",
                        path=str(path),
                        line=line,
                    ) from exc
    except OSError as exc:
        raise ListError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc


def read_ftm(path: Path) -> ListSnapshot:
    """Every screenable entity of a FollowTheMoney JSON-lines file (``entities.ftm.json``).

    Blank lines are skipped. The file carries no version of its own, so the version is a
    digest of its bytes. Raises :class:`~counterflow.screening.lists.errors.ListError` on a
    line that is not a JSON object, an entity without id, schema or name, a property that is
    not a list of strings, an unreadable birth date, or an id seen twice.
    """
    path = Path(path)
    reader = _Reader(path)
    for line, text in _lines(path):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise reader.fail(line, f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
        reader.read(line, record)
    snapshot = reader.entries.snapshot(ListSource.FTM, content_version((path,)))
    return dataclasses.replace(snapshot, entries=tuple(map(reader.linked, snapshot.entries)))
