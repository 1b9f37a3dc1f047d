"""The records link analysis works on: a person in a case, or an account holder.

Both are brought to one shape, :class:`LinkRecord`, so that the same comparisons (names,
birth dates, identifiers) run over case files and bank KYC data alike. ``key`` is the
record's node id in a :class:`~counterflow.model.network.Graph` (``"person:12"`` for a case
person, ``"person:h7"`` for account holder row 7): the caller chooses it and gets it back in
candidates and graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from counterflow.ingest.holders import HolderKind, HolderRecord


class RecordSource(StrEnum):
    CASE_PERSON = "case_person"
    HOLDER = "holder"


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A person or company as one source recorded it; ``""`` / ``()`` when unknown."""

    key: str
    source: RecordSource
    name: str = ""
    name_khmer: str = ""
    company: bool = False
    date_of_birth: str = ""
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    nationality: str = ""
    phones: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    """Accounts the record holds (a holder: its account; a case person: linked to them)."""
    signatories: tuple[str, ...] = ()
    """Names of people who may operate the record's accounts."""
    case_id: int | None = None

    @property
    def label(self) -> str:
        return self.name or self.name_khmer or self.key


def holder_record(key: str, holder: HolderRecord) -> LinkRecord:
    """The link record of one KYC row."""

    def one(value: str) -> tuple[str, ...]:
        return (value,) if value else ()

    return LinkRecord(
        key=key,
        source=RecordSource.HOLDER,
        name=holder.name,
        name_khmer=holder.name_khmer,
        company=holder.holder_kind is HolderKind.COMPANY,
        date_of_birth=holder.date_of_birth,
        nationality=holder.nationality,
        phones=one(holder.phone),
        documents=one(holder.id_document),
        emails=one(holder.email),
        addresses=one(holder.address),
        accounts=(holder.account,),
        signatories=one(holder.signatory),
    )
