"""What the joint statistics count: plain facts about cases, persons and financial records.

The platform slices read these from the database (and from imported historical records);
this package never sees an ORM object. A fact says which *source* it comes from and which
day (or, for some historical records, only which year) places it in a reporting period.

Placement rule: a case, and every person recorded in it, counts in the period in which the
case was *reported* (the date the joint reports of the National Police and Gendarmerie use);
arrests, charges and verdicts recorded later are counted with their case, so re-running a
report for a past period after the courts have ruled shows the pipeline's progress for the
cases of that period. Historical victim records count on their identification date, or,
when their source gives only a year (CTDC ``yearRegister``), only in periods that cover that
whole year; in other periods they are reported as *not placeable*, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from counterflow.stats.table import PLATFORM_SOURCE, Period


@dataclass(frozen=True, slots=True)
class CaseFact:
    """A case as the statistics see it (no names, no references)."""

    reported_on: date
    category: str
    lead_agency: str
    province: str | None
    forms: tuple[str, ...]
    cross_border: bool | None
    status: str
    foreign_suspect: bool
    same_foreign_nationality: bool
    financial_link: bool
    """Accounts are linked to the case or an alert was escalated into it."""
    source: str = PLATFORM_SOURCE


@dataclass(frozen=True, slots=True)
class PersonFact:
    """A victim or a suspect, with the attributes the joint report breaks down by.

    ``None`` means not recorded (counted as unknown), never "no".
    """

    role: str
    """``victim`` or ``suspect``."""
    when: date | None
    year: int | None = None
    """When only the year is known (``when`` is then ``None``)."""
    sex: str = "unknown"
    age: int | None = None
    minor: bool | None = None
    """Under 18 when the source says so without an age."""
    nationality: str | None = None
    origin_region: str | None = None
    forms: tuple[str, ...] = ()
    control_methods: tuple[str, ...] = ()
    handed_to: str | None = None
    rescued: bool | None = None
    arrested: bool | None = None
    charged: bool | None = None
    sent_to_court: bool | None = None
    convicted: bool | None = None
    public_official: bool | None = None
    tip_case: bool = True
    """In a trafficking or sexual-exploitation case (always true for imported victims)."""
    same_nationality_case: bool = False
    """In a case where a foreign suspect exploited victims of their own nationality."""
    source: str = PLATFORM_SOURCE


@dataclass(frozen=True, slots=True)
class RecordFact:
    """A financial-side record: a report received by the FIU, an alert, an asset freeze."""

    kind: str
    """``report`` (suspicious or cash transaction reports received), ``alert``, ``freeze``."""
    when: date
    detail: str = ""
    """Report type (``str``, ``ctr``), alert typology, or the frozen case's category."""
    count: int = 1
    """How many records this fact stands for (FIU report tallies come by month)."""
    amount_usd: int = 0
    """Whole US dollars (asset freezes)."""
    source: str = PLATFORM_SOURCE


def placement(when: date | None, year: int | None, period: Period) -> bool | None:
    """Whether a fact dated ``when`` (or only ``year``) falls in ``period``.

    ``None``: the fact has only a year that the period covers in part, so it cannot be
    placed (module docstring).
    """
    if when is not None:
        return when in period
    if year is None:
        return None
    whole = Period(date(year, 1, 1), date(year, 12, 31))
    if period.covers(whole):
        return True
    return None if period.overlaps(whole) else False
