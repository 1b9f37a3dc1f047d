"""A historical victim record from outside the platform (CTDC, HTCDS spreadsheets).

Victims identified before the platform existed, or by partners who record them in IOM's
formats, enter the joint statistics as records of their own *source*: they are never
merged into case data and every table counts them separately (a record from the Counter
Trafficking Data Collaborative is not a platform case). Fields are the subset the joint
report needs, in the platform's code values (:mod:`counterflow.model.codes`); a value the
source did not record is ``None`` (or an empty tuple), never a guess.

Sources: IOM CTDC global victim-perpetrator dataset (December 2022 release: ``yearRegister,
gender, majorityStatus, isForcedLabour, isSexualExploit, UN_COO_Region ...``); IOM Human
Trafficking Case Data Standard 2.0 spreadsheet template (``prs_Gender, prs_Birthdate,
prs_Citizenship, vic_TypeOfExploitation, vic_MethodsOfControl ...``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class VictimRecord:
    """One victim as an external source recorded them (module docstring)."""

    source_format: str
    """``ctdc`` or ``htcds``."""
    line: int
    """Line (CSV) or row (spreadsheet) in the source file, 1-based with the header."""
    year: int | None
    """Year the victim was registered/identified (CTDC ``yearRegister``)."""
    identified_on: date | None = None
    """Full date when the source has one (HTCDS referral date); its year is ``year``."""
    gender: str = "unknown"
    """A :class:`~counterflow.model.codes.Gender` value."""
    age: int | None = None
    """Age at identification when known (from a birth date)."""
    is_minor: bool | None = None
    """Under 18, when the source says so without an age (CTDC ``majorityStatus``)."""
    nationality: str | None = None
    """ISO 3166-1 alpha-3 when the source gives a country."""
    origin_region: str | None = None
    """UN M49 region of origin when only a region is known (CTDC ``UN_COO_Region``)."""
    exploitation_forms: tuple[str, ...] = ()
    """:class:`~counterflow.model.codes.ExploitationForm` values (multi-select)."""
    control_methods: tuple[str, ...] = ()
    """:class:`~counterflow.model.codes.ControlMethod` values (multi-select)."""
    case_status: str | None = None
    """The source's own case status, as written (HTCDS ``cas_Status``)."""
