"""Reading a batch of people to screen (``counterflow screen file``).

CSV, UTF-8, with a header. ``name`` is required; ``date_of_birth`` (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``), ``country`` (ISO 3166-1 alpha-2), ``gender``, ``id_number`` and ``ref`` (the
caller's own identifier) are optional. Rows without a ``ref`` are referred to as
``/absolute/path/FILE#LINE`` so that a hit can always be traced to its row.
"""

from __future__ import annotations

import re
from pathlib import Path

from counterflow.model import InputError, ScreeningQuery
from counterflow.screening.csvfile import csv_rows

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_GENDERS = frozenset({"male", "female", "m", "f"})


def read_people(path: Path) -> list[ScreeningQuery]:
    """Every row of ``path`` as a query; the first bad row raises naming line and field."""
    where = str(path)
    out: list[ScreeningQuery] = []
    for line, row in csv_rows(path, ("name",)):

        def bad(message: str, field: str, line: int = line) -> InputError:
            return InputError(message, path=where, line=line, field=field)

        name = row.get("name")
        if not name:
            raise bad("empty name", "name")
        dob = row.get("date_of_birth") or None
        if dob is not None and not _DATE.match(dob):
            raise bad(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {dob!r}", "date_of_birth")
        country = row.get("country") or None
        if country is not None and not _COUNTRY.match(country):
            raise bad(f"expected a two-letter ISO country code, got {country!r}", "country")
        gender = row.get("gender") or None
        if gender is not None:
            if gender.lower() not in _GENDERS:
                raise bad(f"expected male or female, got {gender!r}", "gender")
            gender = "male" if gender.lower() in ("male", "m") else "female"
        out.append(
            ScreeningQuery(
                name=name,
                date_of_birth=dob,
                country=country.upper() if country else None,
                gender=gender,
                id_number=row.get("id_number") or None,
                ref=row.get("ref") or f"{path.resolve()}#{line}",
            )
        )
    return out
