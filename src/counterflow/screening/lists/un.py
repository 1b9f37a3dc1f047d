"""The UN Security Council Consolidated List (official XML).

The Consolidated List gathers every individual and entity subject to measures (assets freeze,
travel ban, arms embargo) imposed by the Security Council's sanctions committees: Al-Qaida and
ISIL (resolutions 1267/1989/2253), the Taliban (1988), the DPRK (1718), Iraq, Libya, Somalia,
the DRC and others. UN member states must apply it without delay, so it is the first list any
national screening system loads.

The file follows the schema it names, https://www.un.org/sc/resources/sc-sanctions.xsd: a
``CONSOLIDATED_LIST`` root dated by ``dateGenerated`` holding ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY`` records. The fields used here:

- ``REFERENCE_NUMBER`` (``QDi.001``): the permanent reference, the entry id (``un:QDi.001``);
  its letters name the regime (``QD`` Al-Qaida, ``TA`` Taliban, ``KP`` DPRK ...) and whether
  it is an individual (``i``) or an entity (``e``);
- ``FIRST_NAME`` .. ``FOURTH_NAME``: the name in Latin script, in the list's order, joined as
  the primary name; ``NAME_ORIGINAL_SCRIPT`` (often Arabic or Korean) is a strong name;
- ``INDIVIDUAL_ALIAS`` / ``ENTITY_ALIAS`` with ``QUALITY``: ``Good`` and ``a.k.a.`` aliases are
  strong, ``f.k.a.`` (formerly known as) too, ``Low`` aliases are weak: the committees'
  guidance says a low-quality alias alone is not enough to identify anyone;
- ``INDIVIDUAL_DATE_OF_BIRTH`` with ``DATE``, ``YEAR`` or ``FROM_YEAR``/``TO_YEAR`` (or only a
  free-text ``NOTE`` such as "Nov. 1973"), plus dates given on aliases;
- ``NATIONALITY/VALUE`` (UN country names, resolved to alpha-2), ``GENDER``,
  ``INDIVIDUAL_DOCUMENT`` (passports and identity numbers), ``DESIGNATION`` (positions),
  ``TITLE``, ``COMMENTS1`` (the narrative summary), addresses and place of birth.
"""

from __future__ import annotations

import re
from pathlib import Path

from counterflow.model import (
    EntityKind,
    EntryName,
    IdentityDocument,
    ListSource,
    NameStrength,
    WatchlistEntry,
)
from counterflow.screening.lists.countries import country_code, nationality
from counterflow.screening.lists.dates import partial_iso, written_dates, year_span
from counterflow.screening.lists.documents import document_kind
from counterflow.screening.lists.errors import ListError
from counterflow.screening.lists.safe_xml import Element, parse_xml
from counterflow.screening.lists.snapshot import EntryCollector, ListSnapshot

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_QUALITY: dict[str, tuple[NameStrength, str]] = {
    "good": (NameStrength.STRONG, "aka"),
    "a.k.a.": (NameStrength.STRONG, "aka"),
    "": (NameStrength.STRONG, "aka"),
    "f.k.a.": (NameStrength.STRONG, "fka"),
    "low": (NameStrength.WEAK, "aka"),
}
_GENDER_NOTE = re.compile(r"\bgender:\s*(male|female)\b", re.IGNORECASE)
_REGIME = re.compile(r"[A-Za-z]+")
_SPACES = re.compile(r"\s+")
_NOT_AVAILABLE = {"na", "n/a", ""}


def _text(element: Element | None) -> str:
    """The element's text with whitespace runs collapsed ("" when absent or empty)."""
    if element is None or element.text is None:
        return ""
    return _SPACES.sub(" ", element.text).strip()


def _values(record: Element, tag: str) -> list[str]:
    return [v for v in (_text(e) for e in record.iterfind(f"{tag}/VALUE")) if v]


class _Record:
    """One INDIVIDUAL or ENTITY element, read into a :class:`WatchlistEntry`."""

    def __init__(self, path: Path, record: Element) -> None:
        self.path = path
        self.record = record

    def fail(self, element: Element, message: str) -> ListError:
        return ListError(
            message, path=str(self.path), line=element.sourceline, field=str(element.tag)
        )

    def date(self, element: Element) -> str:
        value = partial_iso(_text(element))
        if value is None:
            raise self.fail(element, f"bad date {_text(element)!r}; expected YYYY-MM-DD")
        return value

    def year(self, element: Element) -> int:
        text = _text(element)
        if not re.fullmatch(r"\d{4}", text):
            raise self.fail(element, f"bad year {text!r}; expected four digits")
        return int(text)

    def names(self, kind: EntityKind) -> tuple[EntryName, ...]:
        primary = " ".join(p for p in (_text(self.record.find(t)) for t in _NAME_PARTS) if p)
        if not primary:
            raise self.fail(self.record, "record without a name; expected FIRST_NAME")
        names = [EntryName(primary)]
        for script in self.record.iterfind("NAME_ORIGINAL_SCRIPT"):
            if text := _text(script):
                names.append(EntryName(text, NameStrength.STRONG, "original script"))
        tag = "INDIVIDUAL_ALIAS" if kind is EntityKind.PERSON else "ENTITY_ALIAS"
        for alias in self.record.iterfind(tag):
            text = _text(alias.find("ALIAS_NAME"))
            if not text:
                continue
            quality = alias.find("QUALITY")
            label = _text(quality).casefold()
            if label not in _QUALITY:
                raise self.fail(
                    quality, f"unknown alias quality {label!r}; expected Good, Low, a.k.a., f.k.a."
                )
            strength, name_kind = _QUALITY[label]
            names.extend(EntryName(part, strength, name_kind) for part in split_alias(text))
        return tuple(dict.fromkeys(names))

    def dates_of_birth(self) -> tuple[str, ...]:
        dates: list[str] = []
        for dob in self.record.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
            if (exact := dob.find("DATE")) is not None:
                dates.append(self.date(exact))
            elif (year := dob.find("YEAR")) is not None:
                dates.append(str(self.year(year)))
            elif (first := dob.find("FROM_YEAR")) is not None:
                last = dob.find("TO_YEAR")
                end = self.year(last) if last is not None else self.year(first)
                dates.extend(year_span(self.year(first), end))
            else:
                # Only a note such as "Nov. 1973": keep it if it reads as a date.
                dates.extend(written_dates(_text(dob.find("NOTE"))))
        for alias_dob in self.record.iterfind("INDIVIDUAL_ALIAS/DATE_OF_BIRTH"):
            if _text(alias_dob):
                dates.append(self.date(alias_dob))
        return tuple(dict.fromkeys(dates))

    def nationalities(self) -> tuple[str, ...]:
        values = _values(self.record, "NATIONALITY")
        return tuple(
            dict.fromkeys(nationality(v) for v in values if v.casefold() not in _NOT_AVAILABLE)
        )

    def gender(self) -> str | None:
        text = _text(self.record.find("GENDER")).casefold()
        if text in ("male", "female"):
            return text
        note = _GENDER_NOTE.search(_text(self.record.find("COMMENTS1")))
        return note.group(1).casefold() if note else None

    def documents(self) -> tuple[IdentityDocument, ...]:
        docs: list[IdentityDocument] = []
        for doc in self.record.iterfind("INDIVIDUAL_DOCUMENT"):
            number = _text(doc.find("NUMBER"))
            if not number:
                continue
            label = _text(doc.find("TYPE_OF_DOCUMENT")) or _text(doc.find("TYPE_OF_DOCUMENT2"))
            kind = document_kind(label)
            issuer = _text(doc.find("ISSUING_COUNTRY")) or _text(doc.find("COUNTRY_OF_ISSUE"))
            docs.append(IdentityDocument(kind, number, country_code(issuer) if issuer else None))
        return tuple(dict.fromkeys(docs))

    def addresses(self, tag: str) -> tuple[str, ...]:
        parts = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
        out = []
        for address in self.record.iterfind(tag):
            text = ", ".join(p for p in (_text(address.find(t)) for t in parts) if p)
            if text:
                out.append(text)
        return tuple(dict.fromkeys(out))

    def extra(self) -> dict[str, str]:
        extra = {
            "listed_on": _text(self.record.find("LISTED_ON")),
            "last_updated": (_values(self.record, "LAST_DAY_UPDATED") or [""])[-1],
            "titles": "; ".join(_values(self.record, "TITLE")),
            "dataid": _text(self.record.find("DATAID")),
        }
        births = []
        for pob in self.record.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
            parts = (_text(pob.find(t)) for t in ("CITY", "STATE_PROVINCE", "COUNTRY"))
            if text := ", ".join(p for p in parts if p):
                births.append(text)
        extra["place_of_birth"] = "; ".join(births)
        return {k: v for k, v in extra.items() if v}

    def entry(self) -> WatchlistEntry:
        person = self.record.tag == "INDIVIDUAL"
        kind = EntityKind.PERSON if person else EntityKind.ORGANIZATION
        reference_element = self.record.find("REFERENCE_NUMBER")
        reference = _text(reference_element)
        if not reference:
            raise self.fail(self.record, "record without a REFERENCE_NUMBER")
        list_type = _text(self.record.find("UN_LIST_TYPE"))
        regime = _REGIME.match(reference)
        programmes = tuple(
            dict.fromkeys(p for p in (list_type, regime.group(0) if regime else "") if p)
        )
        return WatchlistEntry(
            entry_id=f"un:{reference}",
            source=ListSource.UN,
            kind=kind,
            names=self.names(kind),
            dates_of_birth=self.dates_of_birth() if person else (),
            nationalities=self.nationalities(),
            gender=self.gender() if person else None,
            documents=self.documents(),
            programmes=programmes,
            positions=tuple(_values(self.record, "DESIGNATION")),
            remarks=_text(self.record.find("COMMENTS1")),
            addresses=self.addresses("INDIVIDUAL_ADDRESS" if person else "ENTITY_ADDRESS"),
            extra=self.extra(),
        )


def read_un(path: Path) -> ListSnapshot:
    """Every individual and entity of a UN Consolidated List XML file.

    The version is the file's ``dateGenerated``. Raises
    :class:`~counterflow.screening.lists.errors.ListError` for unsafe or malformed XML, a
    root other than ``CONSOLIDATED_LIST``, a record without reference number or name, a
    malformed structured date, or a reference number listed twice.
    """
    path = Path(path)
    root = parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListError(
            f"root element is {root.tag!r}; expected CONSOLIDATED_LIST",
            path=str(path),
            line=root.sourceline,
        )
    version = root.get("dateGenerated") or ""
    if not version:
        raise ListError(
            "CONSOLIDATED_LIST has no dateGenerated attribute",
            path=str(path),
            line=root.sourceline,
            field="dateGenerated",
        )
    entries = EntryCollector(path)
    for record in root.iterfind("INDIVIDUALS/INDIVIDUAL"):
        entries.add(_Record(path, record).entry(), line=record.sourceline, field="REFERENCE_NUMBER")
    for record in root.iterfind("ENTITIES/ENTITY"):
        entries.add(_Record(path, record).entry(), line=record.sourceline, field="REFERENCE_NUMBER")
    return entries.snapshot(ListSource.UN, version)


_ENUMERATOR = re.compile(r"(?:^|\s)[a-z]\)\s+")
_REMARK = re.compile(r"\([^)]*\)")
_BORN = re.compile(r",\s*(?:born|dob|date of birth)\b.*$", re.IGNORECASE)


def split_alias(text: str) -> list[str]:
    """The names packed into one UN alias field.

    Some records put several spellings in one ``ALIAS_NAME``, separated by semicolons or
    enumerated ("Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet"), or append a
    remark ("Abdel Ilah Sabri (false identity related to ...)", "..., born 1 Jan. 1953").
    Each spelling becomes its own alias; remarks are dropped (they stay in the list file).
    """
    text = _BORN.sub("", _REMARK.sub(" ", text))
    parts = [p for chunk in text.split(";") for p in _ENUMERATOR.split(chunk)]
    out = [" ".join(p.split()).strip(" ,.") for p in parts]
    return [p for p in out if p] or [" ".join(text.split())]
