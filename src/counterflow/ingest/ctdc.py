"""Reader of IOM CTDC's global victim-perpetrator synthetic dataset (CSV).

The Counter Trafficking Data Collaborative (CTDC, ctdatacollaborative.org) is IOM's global
hub of case data on victims of trafficking, pooled from IOM and partner organisations. To
publish record-level data without exposing any victim, CTDC released in December 2022 a
*synthetic* victim-perpetrator dataset: records generated under differential privacy, so
that counts and cross-tabulations resemble the real data while no row is a real person
(figures from it are estimates, never case counts). Its terms allow non-commercial use and
forbid redistribution, so the platform imports a copy each user downloads.

Layout: a comma-separated file with a header of 16 columns, multi-valued cells separated by
``;``, about 21,000 rows. **Each row is a victim-perpetrator pair**: a victim exploited by
several perpetrators appears on several rows, and the synthetic release has no victim id
to fold them back together. So every figure from this source counts *rows* (victim-
perpetrator pairs), not distinct victims; a table must say so, never present it as a number
of people.

Columns read (the victim's side of the pair); the ``IP_*`` columns describe the perpetrator
("individual perpetrator": sex, age, region of citizenship, relation, role) and are not read,
because a :class:`~counterflow.model.victim_record.VictimRecord` describes a victim:

=============== ====================== ==========================================
column          record field           values
=============== ====================== ==========================================
yearRegister    ``year``               a year such as 2019 (``2019.0`` accepted)
gender          ``gender``             Female, Male, Trans/Transgender/NonConforming
majorityStatus  ``is_minor``           Adult, Minor
isForcedLabour  ``exploitation_forms`` 1 adds forced_labour (0/1 or true/false)
isSexualExploit ``exploitation_forms`` 1 adds sexual_exploitation
UN_COO_Region   ``origin_region``      a UN M49 region, as written
=============== ====================== ==========================================

CTDC gives regions, not countries, so ``nationality`` is always None (a region of origin is
counted as an unknown nationality group). Column names and values are matched
case-insensitively; column order, a byte-order mark, CRLF line ends and extra columns do not
matter. A missing value (blank, ``NULL``, ``NA``, ``Unknown``) is None or unknown, never a
guess; any other unexpected value raises :class:`~counterflow.model.InputError` naming the
file, line and column. A region cell listing several different regions is unknown.
"""

from __future__ import annotations

import re
from pathlib import Path

from counterflow.ingest.victim_codes import (
    CTDC_FLAG_FORMS,
    CTDC_GENDER,
    CTDC_MAJORITY,
    FLAG_VALUES,
    is_missing,
)
from counterflow.ingest.victim_tables import bad_value, open_csv
from counterflow.model import InputError
from counterflow.model.codes import ExploitationForm, Gender
from counterflow.model.victim_record import VictimRecord

SOURCE_FORMAT = "ctdc"
YEAR = "yearRegister"
GENDER = "gender"
MAJORITY = "majorityStatus"
ORIGIN_REGION = "UN_COO_Region"
COLUMNS: tuple[str, ...] = (YEAR, GENDER, MAJORITY, *(c for c, _ in CTDC_FLAG_FORMS), ORIGIN_REGION)
"""The columns the mapping needs; a file without one of them is refused."""

FIRST_YEAR = 1990
LAST_YEAR = 2100
MAX_REGION_CHARS = 64
_YEAR = re.compile(r"\d{4}(?:\.0*)?")


def _text(cell: object) -> str:
    return cell if isinstance(cell, str) else ""


class _Row:
    """One data line and where it is, for error messages."""

    def __init__(self, path: str, line: int, cells: dict[str, str]) -> None:
        self.path = path
        self.line = line
        self.cells = cells

    def bad(self, column: str, expected: str) -> InputError:
        return bad_value(self.path, self.line, column, self.cells[column].strip(), expected)

    def year(self) -> int | None:
        text = self.cells[YEAR].strip()
        if is_missing(text):
            return None
        if _YEAR.fullmatch(text) and FIRST_YEAR <= int(text[:4]) <= LAST_YEAR:
            return int(text[:4])
        raise self.bad(YEAR, f"a year from {FIRST_YEAR} to {LAST_YEAR} such as 2019, or blank")

    def gender(self) -> Gender:
        text = self.cells[GENDER]
        if is_missing(text):
            return Gender.UNKNOWN
        value = CTDC_GENDER.get(text)
        if value is None:
            raise self.bad(GENDER, f"one of {CTDC_GENDER.expected}, or blank (unknown)")
        return value

    def is_minor(self) -> bool | None:
        text = self.cells[MAJORITY]
        if is_missing(text):
            return None
        value = CTDC_MAJORITY.get(text)
        if value is None:
            raise self.bad(MAJORITY, f"one of {CTDC_MAJORITY.expected}, or blank (unknown)")
        return value

    def forms(self) -> tuple[ExploitationForm, ...]:
        forms: set[ExploitationForm] = set()
        for column, form in CTDC_FLAG_FORMS:
            text = self.cells[column].strip()
            if is_missing(text):
                continue
            flag = FLAG_VALUES.get(text.casefold())
            if flag is None:
                raise self.bad(column, "1 or 0 (also true/false), or blank (unknown)")
            if flag:
                forms.add(form)
        return tuple(form for form in ExploitationForm if form in forms)

    def origin_region(self) -> str | None:
        parts = {" ".join(part.split()) for part in self.cells[ORIGIN_REGION].split(";")}
        regions = {part for part in parts if not is_missing(part)}
        if len(regions) != 1:
            return None  # not recorded, or several regions for one victim
        region = regions.pop()
        if len(region) > MAX_REGION_CHARS:
            raise self.bad(
                ORIGIN_REGION, f"a UN M49 region name of at most {MAX_REGION_CHARS} characters"
            )
        return region

    def record(self) -> VictimRecord:
        return VictimRecord(
            source_format=SOURCE_FORMAT,
            line=self.line,
            year=self.year(),
            gender=self.gender(),
            is_minor=self.is_minor(),
            origin_region=self.origin_region(),
            exploitation_forms=self.forms(),
        )


def read_ctdc(path: Path | str) -> list[VictimRecord]:
    """Every row of a CTDC victim-perpetrator CSV file as a victim record, in file order.

    One record per row, that is per victim-perpetrator pair (module docstring): count them
    as pairs, not people. Raises :class:`~counterflow.model.InputError` on the first bad
    value; nothing is returned then.
    """
    with open_csv(Path(path)) as table:
        at = table.columns(COLUMNS, required=COLUMNS)
        return [
            _Row(table.path, line, {name: _text(cells[i]) for name, i in at.items()}).record()
            for line, cells in table.rows
        ]
