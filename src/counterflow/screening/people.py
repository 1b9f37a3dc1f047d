"""Reading a batch of people to screen (``counterflow screen file``).

CSV, UTF-8, with a header. ``name`` is required; ``date_of_birth`` (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``), ``country`` (ISO 3166-1 alpha-2), ``gender``, ``id_number`` and ``ref`` (the
caller's own identifier) are optional. Rows without a ``ref`` are referred to as
``/absolute/path/FILE#LINE`` so that a hit can always be traced to its row.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from counterflow.model import InputError, ScreeningQuery

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_GENDERS = frozenset({"male", "female", "m", "f"})


def read_people(path: Path) -> list[ScreeningQuery]:
    """Every row of ``path`` as a query; the first bad row raises naming line and field."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=where) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from exc
    reader = csv.DictReader(text.splitlines())
    if "name" not in (reader.fieldnames or []):
        raise InputError("missing column 'name' in the header", path=where, line=1)
    out: list[ScreeningQuery] = []

    def cell(row: dict[str | None, str | None], field: str) -> str | None:
        value = (row.get(field) or "").strip()
        return value or None

    for line, row in enumerate(reader, start=2):
        if None in row:
            raise InputError("more cells than header columns", path=where, line=line)

        name = cell(row, "name")
        if name is None:
            raise InputError("empty name", path=where, line=line, field="name")
        dob = cell(row, "date_of_birth")
        if dob is not None and not _DATE.match(dob):
            raise InputError(
                f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {dob!r}",
                path=where,
                line=line,
                field="date_of_birth",
            )
        country = cell(row, "country")
        if country is not None and not _COUNTRY.match(country):
            raise InputError(
                f"expected a two-letter ISO country code, got {country!r}",
                path=where,
                line=line,
                field="country",
            )
        gender = cell(row, "gender")
        if gender is not None and gender.lower() not in _GENDERS:
            raise InputError(
                f"expected male or female, got {gender!r}", path=where, line=line, field="gender"
            )
        if gender is not None:
            gender = "male" if gender.lower() in ("male", "m") else "female"
        out.append(
            ScreeningQuery(
                name=name,
                date_of_birth=dob,
                country=country.upper() if country else None,
                gender=gender,
                id_number=cell(row, "id_number"),
                ref=cell(row, "ref") or f"{path.resolve()}#{line}",
            )
        )
    return out
