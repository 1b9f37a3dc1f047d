"""Watch-list entries: one shape for every list counterflow screens against.

A watch list is a published set of persons, organisations, vessels and aircraft that someone
must not deal with or must look at twice: the UN Security Council Consolidated List
(resolutions under Chapter VII, e.g. 1267/1989/2253 on ISIL and Al-Qaida), the US Treasury
OFAC Specially Designated Nationals list, the OpenSanctions collections (published as
FollowTheMoney entities), politically exposed persons (FATF Recommendation 12) and the
domestic list of persons of interest kept by the national authorities.

Every source parser produces :class:`WatchlistEntry` objects, so matching never needs to know
where an entry came from. Names keep their *strength*: OFAC and the UN distinguish a "good
quality" alias from a "low quality" (weak) one, which should raise a hit only with other
evidence (OFAC FAQ 91; UN list technical notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ListSource(StrEnum):
    """Where a list comes from (the ``--source`` of ``counterflow lists load``)."""

    UN = "un"
    OFAC = "ofac"
    FTM = "ftm"
    DOMESTIC = "domestic"


class EntityKind(StrEnum):
    """What an entry designates."""

    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


class NameStrength(StrEnum):
    """How much a name alone should be trusted."""

    PRIMARY = "primary"
    """The entry's main name."""
    STRONG = "strong"
    """A good-quality alias (OFAC "a.k.a.", UN "Good")."""
    WEAK = "weak"
    """A low-quality alias (OFAC weak a.k.a., UN "Low"): raise a hit only with other evidence."""


@dataclass(frozen=True, slots=True)
class EntryName:
    """One name of an entry, as the list wrote it."""

    text: str
    strength: NameStrength = NameStrength.PRIMARY
    kind: str = "name"
    """The list's own label: ``name``, ``aka``, ``fka``, ``nka``, ``original script`` ..."""


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    """A passport, national identity card, tax or registration number."""

    kind: str
    number: str
    country: str | None = None
    """ISO 3166-1 alpha-2 where the list says it, else ``None``."""


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """One designated person, organisation, vessel or aircraft.

    ``dates_of_birth`` are ISO 8601 and may be partial (``1955``, ``1955-03``,
    ``1955-03-04``) because lists often know only the year. ``nationalities`` are ISO 3166-1
    alpha-2 codes (upper case) where they could be resolved, else the list's own text.
    """

    entry_id: str
    """Stable within its source: ``ofac:36``, ``un:QDi.001``, the FtM entity id ..."""
    source: ListSource
    kind: EntityKind
    names: tuple[EntryName, ...]
    dates_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    """``male``, ``female`` or ``None`` when the list does not say."""
    documents: tuple[IdentityDocument, ...] = ()
    programmes: tuple[str, ...] = ()
    """Sanctions programmes or regimes (``SDGT``, ``QDi``, ``PEP`` ...)."""
    positions: tuple[str, ...] = ()
    """Offices held (PEPs) or titles the list records."""
    remarks: str = ""
    """Free text: listing reason, comments."""
    addresses: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def primary_name(self) -> str:
        """The first primary name, else the first name."""
        for n in self.names:
            if n.strength is NameStrength.PRIMARY:
                return n.text
        return self.names[0].text if self.names else ""
