"""The Remarks column of OFAC's SDN list: identifying details packed into one text field.

The legacy SDN files (``sdn.csv``, OFAC "SDN Data Specification") have no columns for dates
of birth, nationalities or identity documents; OFAC writes them into ``Remarks`` as
semicolon-separated phrases, ending with a full stop::

    DOB 19 Jun 1951; POB Giza, Egypt; Passport 1084010 (Egypt); alt. Passport 19820215;
    nationality Egypt; Gender Male; a.k.a. 'ABU MOHAMMED'.

``alt.`` introduces a further value of the same kind. Weak aliases (OFAC FAQ 122-123: broad
or generic names such as noms de guerre, which OFAC does not expect anyone to screen on alone)
are not in ``alt.csv``; the legacy files carry them here, single-quoted after ``a.k.a.``.
Remarks longer than the 1,000-character column are cut short (the rest is in the separate
``sdn_comments.csv``), so a last phrase may be incomplete and is then ignored.

:func:`parse_remarks` reads the phrases it knows; the full text stays in
``WatchlistEntry.remarks`` for the analyst.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from counterflow.model import EntryName, IdentityDocument, NameStrength
from counterflow.screening.lists.countries import country_code, nationality
from counterflow.screening.lists.dates import written_dates
from counterflow.screening.lists.documents import IMO, document_kind

# Phrase labels that introduce an identity document, as OFAC writes them.
_DOCUMENT_LABELS = (
    "Passport",
    "Diplomatic Passport",
    "National ID No.",
    "National Foreign ID Number",
    "Personal ID Card",
    "Cedula No.",
    "D.N.I.",
    "C.U.R.P. #",
    "C.U.R.P.",
    "Identification Number",
    "NIT #",
    "Tax ID No.",
    "RUC #",
    "R.F.C.",
    "RFC #",
    "RIF #",
    "US FEIN",
    "V.A.T. Number",
    "C.U.I.T.",
    "SSN",
    "Registration ID",
    "Registration Number",
    "Company Number",
    "UK Company Number",
    "Commercial Registry Number",
    "Business Registration Number",
    "Business Registration Document #",
    "Chamber of Commerce Number",
    "Public Registration Number",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "Trade License No.",
    "Government Gazette Number",
    "D-U-N-S Number",
    "Vessel Registration Identification",
    "MMSI",
    "Driver's License No.",
    "Birth Certificate Number",
    "Residency Number",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Tail Number",
)
_LABELS = "|".join(re.escape(label) for label in sorted(_DOCUMENT_LABELS, key=len, reverse=True))
_DOCUMENT = re.compile(
    rf"(?P<label>{_LABELS})\s+(?P<number>.+?)(?:\s*\((?P<country>[^()]*)\))?"
    r"(?:\s+(?:issued|expires|Issue Date|Expire Date)\b.*)?"
)
_ALT = re.compile(r"^alt\.\s+")
_DOB = re.compile(r"DOB\s+(.+)")
_POB = re.compile(r"POB\s+(.+)")
_NATIONALITY = re.compile(r"(?:nationality|citizen)\s+(.+)")
_GENDER = re.compile(r"Gender\s+(Male|Female)", re.IGNORECASE)
_ALIAS = re.compile(r"(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'")
_CRYPTO = re.compile(r"Digital Currency Address - (\w+)\s+(\S+)")
_LINKED = re.compile(r"Linked To:\s+(.+)")
_EMAIL = re.compile(r"Email Address\s+(\S+)")
_WEBSITE = re.compile(r"Website\s+(\S+)")


@dataclass(slots=True)
class Remarks:
    """What :func:`parse_remarks` understood in one Remarks field."""

    dates_of_birth: list[str] = field(default_factory=list)
    places_of_birth: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    gender: str | None = None
    documents: list[IdentityDocument] = field(default_factory=list)
    weak_aliases: list[EntryName] = field(default_factory=list)
    linked_to: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)


def _document(m: re.Match[str]) -> IdentityDocument:
    number = m.group("number").strip().rstrip(".")
    kind = document_kind(m.group("label"))
    if number.upper().startswith("IMO "):
        kind, number = IMO, number[4:].strip()
    country = m.group("country")
    return IdentityDocument(kind, number, country_code(country) if country else None)


def _phrases(remarks: str) -> list[str]:
    text = remarks.strip()
    if text.endswith("."):
        text = text[:-1]
    return [p.strip() for p in text.split(";") if p.strip()]


def parse_remarks(remarks: str, *, reorder_alias: bool) -> Remarks:
    """The identifying details in an SDN Remarks field.

    ``reorder_alias`` drops the "LAST, First" comma from weak aliases, as for the entry's
    other names (individuals only).
    """
    out = Remarks()
    for phrase in _phrases(remarks):
        phrase = _ALT.sub("", phrase)
        if m := _DOB.fullmatch(phrase):
            out.dates_of_birth.extend(written_dates(m.group(1)))
        elif m := _POB.fullmatch(phrase):
            out.places_of_birth.append(m.group(1))
        elif m := _NATIONALITY.fullmatch(phrase):
            out.nationalities.append(nationality(m.group(1)))
        elif m := _GENDER.fullmatch(phrase):
            out.gender = m.group(1).casefold()
        elif m := _ALIAS.fullmatch(phrase):
            text = m.group(2).strip()
            if reorder_alias:
                text = individual_name(text)
            kind = m.group(1).replace(".", "")
            out.weak_aliases.append(EntryName(text, NameStrength.WEAK, kind))
        elif m := _CRYPTO.fullmatch(phrase):
            kind = f"digital currency address {m.group(1).casefold()}"
            out.documents.append(IdentityDocument(kind, m.group(2)))
        elif m := _DOCUMENT.fullmatch(phrase):
            out.documents.append(_document(m))
        elif m := _LINKED.fullmatch(phrase):
            out.linked_to.append(m.group(1))
        elif m := _EMAIL.fullmatch(phrase):
            out.emails.append(m.group(1))
        elif m := _WEBSITE.fullmatch(phrase):
            out.websites.append(m.group(1))
    return out


def individual_name(text: str) -> str:
    """An SDN individual's name without the comma after the surname.

    OFAC writes individuals as ``SURNAME, Given Names`` (surname in capitals). The words are
    kept in the list's order, since name matching ignores order; only the comma goes.
    """
    return " ".join(text.replace(",", " ").split())
