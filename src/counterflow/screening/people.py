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


def make_query(
    *,
    name: str | None,
    date_of_birth: str | None = None,
    country: str | None = None,
    gender: str | None = None,
    id_number: str | None = None,
    ref: str | None = None,
    path: str | None = None,
    line: int | None = None,
) -> ScreeningQuery:
    """A checked query: the date, country and gender must be what screening understands.

    The same rules serve a row of a people file and the options of ``screen name``; an error
    names the field (and the file and line when there is one).
    """

    def bad(message: str, field: str) -> InputError:
        return InputError(message, path=path, line=line, field=field)

    name = (name or "").strip()
    if not name:
        raise bad("empty name", "name")
    dob = (date_of_birth or "").strip() or None
    if dob is not None and not _DATE.match(dob):
        raise bad(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {dob!r}", "date_of_birth")
    code = (country or "").strip() or None
    if code is not None and not _COUNTRY.match(code):
        raise bad(f"expected a two-letter ISO country code, got {code!r}", "country")
    sex = (gender or "").strip().lower() or None
    if sex is not None:
        if sex not in _GENDERS:
            raise bad(f"expected male or female, got {gender!r}", "gender")
        sex = "male" if sex in ("male", "m") else "female"
    return ScreeningQuery(
        name=name,
        date_of_birth=dob,
        country=code.upper() if code else None,
        gender=sex,
        id_number=(id_number or "").strip() or None,
        ref=ref,
    )


def read_people(path: Path) -> list[ScreeningQuery]:
    """Every row of ``path`` as a query; the first bad row raises naming line and field."""
    return [
        make_query(
            name=row.get("name"),
            date_of_birth=row.get("date_of_birth"),
            country=row.get("country"),
            gender=row.get("gender"),
            id_number=row.get("id_number"),
            ref=row.get("ref") or f"{path.resolve()}#{line}",
            path=str(path),
            line=line,
        )
        for line, row in csv_rows(path, ("name",))
    ]
