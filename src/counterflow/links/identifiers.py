"""Identifiers in one comparable form, and the ones several people or accounts share.

The rule is the case slice's (:mod:`counterflow.cases.identifiers`, tested equal): phones to
digits with Cambodia's national ``0xx`` turned into ``855xx`` (ITU-T E.164 without the
plus), documents to upper-case letters and digits, e-mails and addresses case- and
space-folded. It is repeated here because the compute core cannot import a platform slice.

A shared identifier is a red flag when it sits on many unrelated customers: FATF-APG (2018,
"Financial Flows from Human Trafficking") lists the same phone, address or device across
many customers and one person signatory on many workers' accounts, the trace a controller
leaves when he opens and operates the accounts of the people he exploits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from counterflow.links.records import LinkRecord
from counterflow.model.network import NodeKind
from counterflow.screening.normalize import fold

CAMBODIA_CALLING_CODE = "855"


class SharedKind(StrEnum):
    """What a shared value is (``signatory``: a person who may operate the accounts)."""

    PHONE = "phone"
    ID_DOCUMENT = "id_document"
    EMAIL = "email"
    ADDRESS = "address"
    SIGNATORY = "signatory"


NODE_KINDS: dict[SharedKind, NodeKind] = {
    SharedKind.PHONE: NodeKind.PHONE,
    SharedKind.ID_DOCUMENT: NodeKind.ID_DOCUMENT,
    SharedKind.EMAIL: NodeKind.EMAIL,
    SharedKind.ADDRESS: NodeKind.ADDRESS,
}


def normalise_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return CAMBODIA_CALLING_CODE + digits[1:]
    return digits


def normalise(kind: SharedKind, value: str) -> str:
    """The comparable form of ``value``; empty if nothing is left."""
    text = value.strip()
    if kind is SharedKind.PHONE:
        return normalise_phone(text)
    if kind is SharedKind.ID_DOCUMENT:
        return re.sub(r"[^0-9A-Za-z]", "", text).upper()
    if kind is SharedKind.EMAIL:
        return text.casefold()
    if kind is SharedKind.SIGNATORY:
        return fold(text)
    return " ".join(text.casefold().split())


def values_of(record: LinkRecord, kind: SharedKind) -> tuple[str, ...]:
    """The record's identifiers of ``kind`` as written."""
    return {
        SharedKind.PHONE: record.phones,
        SharedKind.ID_DOCUMENT: record.documents,
        SharedKind.EMAIL: record.emails,
        SharedKind.ADDRESS: record.addresses,
        SharedKind.SIGNATORY: record.signatories,
    }[kind]


@dataclass(frozen=True, slots=True)
class SharedIdentifier:
    """One value found on several records: who has it, on which accounts, how many."""

    kind: SharedKind
    value: str
    """Normalised."""
    shown: str
    """As first written."""
    records: tuple[str, ...]
    """Keys of the records carrying it, sorted."""
    accounts: tuple[str, ...]
    """Accounts of those records (held, or operated by the signatory), sorted."""

    @property
    def people(self) -> int:
        return len(self.records)


def shared_identifiers(
    records: Iterable[LinkRecord],
    *,
    kinds: Iterable[SharedKind] = tuple(SharedKind),
    min_records: int = 2,
) -> list[SharedIdentifier]:
    """Values of ``kinds`` carried by at least ``min_records`` records (or, for a
    signatory, operating at least that many accounts), most shared first."""
    wanted = tuple(kinds)
    holders: dict[tuple[SharedKind, str], set[str]] = defaultdict(set)
    accounts: dict[tuple[SharedKind, str], set[str]] = defaultdict(set)
    shown: dict[tuple[SharedKind, str], str] = {}
    for record in records:
        for kind in wanted:
            for raw in values_of(record, kind):
                value = normalise(kind, raw)
                if not value:
                    continue
                key = (kind, value)
                holders[key].add(record.key)
                accounts[key].update(record.accounts)
                shown.setdefault(key, raw.strip())
    found = [
        SharedIdentifier(
            kind=kind,
            value=value,
            shown=shown[(kind, value)],
            records=tuple(sorted(holders[(kind, value)])),
            accounts=tuple(sorted(accounts[(kind, value)])),
        )
        for (kind, value) in holders
        if len(accounts[(kind, value)] if kind is SharedKind.SIGNATORY else holders[(kind, value)])
        >= min_records
    ]
    found.sort(key=lambda s: (-max(s.people, len(s.accounts)), s.kind.value, s.value))
    return found
