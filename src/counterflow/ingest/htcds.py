"""Reader of IOM HTCDS 2.0 case spreadsheets: the official .xlsx template, or CSV with the
same field names.

The Human Trafficking Case Data Standard (HTCDS 2.0, IOM, github.com/UNMigration/HTCDS,
CC BY 4.0) gives case-management systems common field names and picklists, so that partners
(IOM, NGOs, social services) can exchange case data and pool it, for example into CTDC. Its
toolkit includes a flat Excel template: row 1 holds the field names (``prs_`` person,
``vic_`` victim context, ``cas_`` case), row 2 their labels, and data start on row 3; the
blank template numbers 1000 empty rows in an unnamed first column. Such rows, with no value
under a named field, are skipped. Columns are found by field name (case-insensitive, any
order); extra columns are ignored; the labels row is recognised by its text and skipped, so a
file without it reads the same. A CSV file may hold the same fields.

Fields read (all required except the last two):

======================== ============================================================
prs_Gender               ``gender``: the picklist (:data:`.victim_codes.HTCDS_GENDER`)
prs_Birthdate            ``age``: whole years at the incoming referral date
prs_Citizenship          ``nationality``: ISO 3166-1 alpha-3 (see below)
vic_TypeOfExploitation   ``exploitation_forms``: multi-select, values separated by ; or ,
vic_MethodsOfControl     ``control_methods``: multi-select, values separated by ; or ,
cas_IncomingReferralDate ``identified_on`` and ``year``
cas_Status               ``case_status``, as written (Active, FollowUp, Closed ...)
vic_TraffickingStatus    which rows count (see below)
======================== ============================================================

Decisions, each a reading of the standard:

- **Who counts.** HTCDS records every person related to a case, with a trafficking status:
  *actual* (determined to be a victim), *possible* (indicators, not verified) or *not a
  victim*. The joint report counts victims *identified*, so by default only actual victims
  count; ``include_possible=True`` adds possible ones. When the column is present, a row
  with no status is not counted either (nothing marks the person as a victim); without the
  column, every row counts. Rows not counted are tallied in
  :attr:`HtcdsImport.excluded` by status and their other fields are not validated.
- **Identification date.** The template has no identification date; the incoming referral
  date (when the organisation took the case) stands for it. Without it, date, year and age
  are None.
- **Age** is the age on that date, from ``prs_Birthdate``; a birth date after the referral,
  or an age above :data:`MAX_AGE`, is an error. ``is_minor`` stays None: it is for sources
  that say "minor" without an age.
- **Citizenship** should be ISO 3166 codes (the standard's note); names in English or Khmer
  and common spellings are accepted too (:func:`.victim_codes.country_code`). It is a
  multi-select: several citizenships, or one the tables do not know, leave ``nationality``
  None and are tallied in :class:`HtcdsImport` rather than refusing the file, because
  country text is free text in practice, and an unknown nationality is a counted unknown in
  every table. Gender, exploitation, control and status are closed picklists: an unknown
  value there means a mapping is missing or the file does not follow the standard, and
  raises :class:`~counterflow.model.InputError` naming the field and listing the accepted
  values.

Dates are date cells, or text ``YYYY-MM-DD`` (a time after it is ignored).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TypeVar

from counterflow.ingest.victim_codes import (
    HTCDS_CONTROL,
    HTCDS_EXPLOITATION,
    HTCDS_GENDER,
    HTCDS_TRAFFICKING_STATUS,
    Picklist,
    TraffickingStatus,
    country_code,
    is_missing,
)
from counterflow.ingest.victim_tables import Table, bad_value, open_csv, open_xlsx
from counterflow.model import InputError
from counterflow.model.codes import ControlMethod, ExploitationForm, Gender
from counterflow.model.victim_record import VictimRecord

E = TypeVar("E", bound=Enum)

SOURCE_FORMAT = "htcds"
GENDER = "prs_Gender"
BIRTHDATE = "prs_Birthdate"
CITIZENSHIP = "prs_Citizenship"
EXPLOITATION = "vic_TypeOfExploitation"
CONTROL = "vic_MethodsOfControl"
REFERRAL_DATE = "cas_IncomingReferralDate"
CASE_STATUS = "cas_Status"
TRAFFICKING_STATUS = "vic_TraffickingStatus"

REQUIRED: tuple[str, ...] = (GENDER, BIRTHDATE, CITIZENSHIP, EXPLOITATION, CONTROL, REFERRAL_DATE)
OPTIONAL: tuple[str, ...] = (CASE_STATUS, TRAFFICKING_STATUS)
LABELS: Mapping[str, str] = {
    GENDER: "Gender",
    BIRTHDATE: "Birthdate",
    CITIZENSHIP: "Citizenship",
    EXPLOITATION: "Type of Exploitation",
    CONTROL: "Methods of Control",
    REFERRAL_DATE: "Incoming Referral Date",
    CASE_STATUS: "Status",
    TRAFFICKING_STATUS: "Trafficking Status",
}
"""Row 2 of the template: the labels of the fields read."""

NOT_RECORDED = "(not recorded)"
"""Key of :attr:`HtcdsImport.excluded` for rows with an empty trafficking status."""
MAX_AGE = 120
FIRST_YEAR = 1900
LAST_YEAR = 2100
MAX_STATUS_CHARS = 64
_SEPARATORS = re.compile(r"[;,]")
_DATE_EXPECTED = "a date (a date cell or YYYY-MM-DD text), or blank"


@dataclass(frozen=True, slots=True)
class HtcdsImport:
    """The records of one HTCDS file, and what was not counted or not recognised."""

    records: list[VictimRecord]
    rows: int
    """Rows with a value (the labels row and blank rows not included)."""
    status_checked: bool
    """The file has ``vic_TraffickingStatus``; without it every row counts."""
    excluded: dict[str, int]
    """Rows not counted, by trafficking status value name (or :data:`NOT_RECORDED`)."""
    unrecognised_citizenship: dict[str, int]
    """Citizenship text no table knows → number of rows (their nationality is None)."""
    several_citizenships: int
    """Rows listing more than one citizenship (their nationality is None)."""


def _text(cell: object) -> str:
    return "" if cell is None else cell if isinstance(cell, str) else str(cell)


def _ordered(found: Iterable[E], members: Iterable[E]) -> tuple[E, ...]:
    wanted = set(found)
    return tuple(member for member in members if member in wanted)


def age_on(birth: date, day: date) -> int:
    """Whole years from ``birth`` to ``day`` (a birthday not yet reached that year: one less)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class _Reader:
    """Turns rows into records and keeps the tallies of :class:`HtcdsImport`."""

    def __init__(self, table: Table, *, include_possible: bool) -> None:
        self.path = table.path
        self.at = table.columns((*REQUIRED, *OPTIONAL), required=REQUIRED)
        self.counted = {TraffickingStatus.ACTUAL}
        if include_possible:
            self.counted.add(TraffickingStatus.POSSIBLE)
        self.excluded: Counter[str] = Counter()
        self.unrecognised: Counter[str] = Counter()
        self.several = 0
        self.line = 0
        self.cells: tuple[object, ...] = ()

    def cell(self, field: str) -> object:
        index = self.at.get(field)
        return None if index is None else self.cells[index]

    def bad(self, field: str, value: object, expected: str) -> InputError:
        return bad_value(self.path, self.line, field, value, expected)

    def is_label_row(self, cells: tuple[object, ...]) -> bool:
        texts = {field: _text(cells[i]).strip().casefold() for field, i in self.at.items()}
        written = {field: text for field, text in texts.items() if text}
        return bool(written) and all(LABELS[f].casefold() == t for f, t in written.items())

    def counts(self) -> bool:
        """Whether this row's person counts as a victim (module docstring)."""
        if TRAFFICKING_STATUS not in self.at:
            return True
        text = _text(self.cell(TRAFFICKING_STATUS))
        if is_missing(text):
            self.excluded[NOT_RECORDED] += 1
            return False
        status = HTCDS_TRAFFICKING_STATUS.get(text)
        if status is None:
            raise self.bad(
                TRAFFICKING_STATUS,
                text.strip(),
                f"one of {HTCDS_TRAFFICKING_STATUS.expected}, or blank",
            )
        if status not in self.counted:
            self.excluded[status.value] += 1
            return False
        return True

    def day(self, field: str) -> date | None:
        cell = self.cell(field)
        if isinstance(cell, datetime):
            value = cell.date()
        elif isinstance(cell, date):
            value = cell
        else:
            text = _text(cell).strip()
            if is_missing(text):
                return None
            try:
                value = date.fromisoformat(text)
            except ValueError:
                try:
                    value = datetime.fromisoformat(text).date()
                except ValueError:
                    raise self.bad(field, text, _DATE_EXPECTED) from None
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise self.bad(field, value.isoformat(), f"a date from {FIRST_YEAR} to {LAST_YEAR}")
        return value

    def age(self, referral: date | None) -> int | None:
        birth = self.day(BIRTHDATE)
        if birth is None or referral is None:
            return None
        if birth > referral:
            raise self.bad(
                BIRTHDATE,
                birth.isoformat(),
                f"a birth date on or before the incoming referral date {referral.isoformat()}",
            )
        age = age_on(birth, referral)
        if age > MAX_AGE:
            raise self.bad(BIRTHDATE, birth.isoformat(), f"an age of at most {MAX_AGE} years")
        return age

    def gender(self) -> Gender:
        text = _text(self.cell(GENDER))
        if is_missing(text):
            return Gender.UNKNOWN
        value = HTCDS_GENDER.get(text)
        if value is None:
            raise self.bad(GENDER, text.strip(), f"one of {HTCDS_GENDER.expected}, or blank")
        return value

    def multi(self, field: str, picklist: Picklist[tuple[E, ...]]) -> list[E]:
        values: list[E] = []
        for part in _SEPARATORS.split(_text(self.cell(field))):
            if is_missing(part):
                continue
            codes = picklist.get(part)
            if codes is None:
                raise self.bad(
                    field,
                    part.strip(),
                    f"HTCDS 2.0 values separated by ';' or ',': {picklist.expected}",
                )
            values.extend(codes)
        return values

    def nationality(self) -> str | None:
        codes: set[str] = set()
        unknown = False
        for part in _text(self.cell(CITIZENSHIP)).split(";"):
            if is_missing(part):
                continue
            code = country_code(part)
            if code is None and "," in part:  # "Korea, Republic of" is one name, "TH, KH" two
                pieces = [country_code(p) for p in part.split(",") if not is_missing(p)]
                if pieces and None not in pieces:
                    codes.update(c for c in pieces if c)
                    continue
            if code is None:
                self.unrecognised[" ".join(part.split())[:64]] += 1
                unknown = True
            else:
                codes.add(code)
        if len(codes) > 1:
            self.several += 1
        return codes.pop() if len(codes) == 1 and not unknown else None

    def case_status(self) -> str | None:
        text = " ".join(_text(self.cell(CASE_STATUS)).split())
        if not text:
            return None
        if len(text) > MAX_STATUS_CHARS:
            raise self.bad(CASE_STATUS, text, f"a status of at most {MAX_STATUS_CHARS} characters")
        return text

    def record(self, line: int, cells: tuple[object, ...]) -> VictimRecord | None:
        self.line, self.cells = line, cells
        if not self.counts():
            return None
        referral = self.day(REFERRAL_DATE)
        return VictimRecord(
            source_format=SOURCE_FORMAT,
            line=line,
            year=referral.year if referral else None,
            identified_on=referral,
            gender=self.gender(),
            age=self.age(referral),
            nationality=self.nationality(),
            exploitation_forms=_ordered(
                self.multi(EXPLOITATION, HTCDS_EXPLOITATION), ExploitationForm
            ),
            control_methods=_ordered(self.multi(CONTROL, HTCDS_CONTROL), ControlMethod),
            case_status=self.case_status(),
        )


def _has_fields(header: tuple[str, ...]) -> bool:
    names = {name.casefold() for name in header}
    return any(field.casefold() in names for field in REQUIRED)


def _open(path: Path) -> AbstractContextManager[Table]:
    if path.suffix.lower() == ".csv":
        return open_csv(path)
    return open_xlsx(path, is_header=_has_fields)


def import_htcds(path: Path | str, *, include_possible: bool = False) -> HtcdsImport:
    """Read an HTCDS 2.0 spreadsheet (.xlsx) or CSV file: the victims it counts (module
    docstring) and the tallies of what was left out or not recognised.

    Raises :class:`~counterflow.model.InputError` on the first bad value; nothing is
    returned then.
    """
    records: list[VictimRecord] = []
    rows = 0
    with _open(Path(path)) as table:
        reader = _Reader(table, include_possible=include_possible)
        for index, (line, cells) in enumerate(table.rows):
            if index == 0 and reader.is_label_row(cells):
                continue
            rows += 1
            record = reader.record(line, cells)
            if record is not None:
                records.append(record)
    return HtcdsImport(
        records=records,
        rows=rows,
        status_checked=TRAFFICKING_STATUS in reader.at,
        excluded=dict(reader.excluded),
        unrecognised_citizenship=dict(reader.unrecognised),
        several_citizenships=reader.several,
    )


def read_htcds(path: Path | str, *, include_possible: bool = False) -> list[VictimRecord]:
    """The victim records of an HTCDS 2.0 file (:func:`import_htcds` without the tallies)."""
    return import_htcds(path, include_possible=include_possible).records
