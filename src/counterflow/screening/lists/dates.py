"""Dates of birth as lists write them, turned into partial ISO 8601 strings.

Lists rarely know a full date of birth. The UN XML has an exact ``DATE``, a bare ``YEAR`` or a
``FROM_YEAR``-``TO_YEAR`` span; OFAC's remarks say ``DOB 01 Jan 1955``, ``DOB Jan 1955``,
``DOB 1955``, ``DOB circa 1955`` or ``DOB 1955 to 1957``. Counterflow keeps the precision the
list has and no more: ``1955``, ``1955-01`` or ``1955-01-01`` (ISO 8601 reduced precision),
never an invented "1 January".

A span becomes every year in it (``1955 to 1957`` -> ``1955``, ``1956``, ``1957``): a matcher
then only needs "same year" or "same date", and a person born in 1956 meets the span. Spans
wider than :data:`MAX_SPAN_YEARS` keep only their two ends, since they say little. "circa"
and "approximately" are dropped: the year is kept, which is what a matcher compares anyway.
"""

from __future__ import annotations

import re
from datetime import date

MAX_SPAN_YEARS = 12
"""Widest span expanded into single years; wider spans keep their two ends."""

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# "01 Jan 1955", "1 January 1955", "Jan 1955", "Nov. 1973", "1955": a day needs a month.
_WRITTEN = re.compile(r"(?:(\d{1,2})\s+)?(?:([A-Za-z]+)\.?\s+)?(\d{4})")
_APPROX = re.compile(r"^(?:circa|approximately|approx\.|about|ca\.)\s+", re.IGNORECASE)
_SPAN = re.compile(r"\s+to\s+|\s*-\s*(?=\d{4}$)")


def partial_iso(text: str) -> str | None:
    """``text`` if it is a valid ISO 8601 calendar date of year, month or day precision.

    ``1955``, ``1955-03`` and ``1955-03-04`` pass; ``1955-13``, ``1955-02-30`` and
    ``04/03/1955`` do not (``None``).
    """
    m = _ISO.fullmatch(text.strip())
    if m is None:
        return None
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            return None
    return m.group(0)


def year_span(first: int, last: int) -> tuple[str, ...]:
    """The years from ``first`` to ``last`` inclusive (see :data:`MAX_SPAN_YEARS`)."""
    if last < first:
        first, last = last, first
    if last - first > MAX_SPAN_YEARS:
        return (f"{first:04d}", f"{last:04d}")
    return tuple(f"{y:04d}" for y in range(first, last + 1))


def _written(text: str) -> str | None:
    m = _WRITTEN.fullmatch(text.strip())
    if m is None:
        return partial_iso(text)
    day, month_name, year = m.groups()
    if month_name is None:
        return None if day else year
    month = _MONTHS.get(month_name.casefold())
    if month is None:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    return partial_iso(f"{year}-{month:02d}-{int(day):02d}")


def written_dates(text: str) -> tuple[str, ...]:
    """Partial ISO dates from a list's free-text date, or ``()`` if it is not one.

    Understands ``01 Jan 1955``, ``Jan 1955``, ``Nov. 1973``, ``August 1961``, ``1955``,
    ``1955-01-01``, ``circa 1955`` and spans ``1955 to 1957``, ``1955-1957``,
    ``01 Jan 1955 to 31 Dec 1957`` (a span of dates becomes the years it covers). Anything
    else (``30-35 years old``, Hijri dates, ``Sep.``) gives ``()`` so the caller keeps only
    the text.
    """
    text = _APPROX.sub("", text.strip())
    parts = _SPAN.split(text)
    if len(parts) == 2:
        first, last = (_written(p) for p in parts)
        if first is None or last is None:
            return ()
        if first == last:
            return (first,)
        return year_span(int(first[:4]), int(last[:4]))
    if len(parts) == 1:
        one = _written(text)
        return (one,) if one else ()
    return ()
