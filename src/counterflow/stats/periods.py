"""Reporting periods and the periods they are compared with.

The joint reports compare a period with *the same period a year earlier* ("the first nine
months of 2022 against the same period of 2021"); analysts also compare with the period just
before (the previous quarter) or with any period they choose.
"""

from __future__ import annotations

from datetime import date, timedelta

from counterflow.stats.table import Period

COMPARISONS = ("previous-year", "previous-period", "none")


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: the year before has no such day
        return day.replace(year=day.year - 1, day=28)


def previous_year(period: Period) -> Period:
    """The same days one year earlier (29 February becomes the 28th)."""
    return Period(_year_earlier(period.start), _year_earlier(period.end))


def _months(period: Period) -> int | None:
    """How many whole calendar months ``period`` spans, ``None`` if it is not such."""
    if period.start.day != 1 or (period.end + timedelta(days=1)).day != 1:
        return None
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


def previous_period(period: Period) -> Period:
    """The period just before: as many calendar months when ``period`` is whole months (the
    quarter before a quarter), else as many days."""
    end = period.start - timedelta(days=1)
    months = _months(period)
    if months is None:
        return Period(end - timedelta(days=period.days - 1), end)
    index = period.start.year * 12 + period.start.month - 1 - months
    return Period(date(index // 12, index % 12 + 1, 1), end)


def parse_period(start: str, end: str) -> Period:
    """A period from two ISO dates, with a message that says which one is wrong."""
    try:
        first = date.fromisoformat(start)
    except ValueError as exc:
        raise ValueError(f"--from: expected a date like 2022-01-01, got {start!r}") from exc
    try:
        last = date.fromisoformat(end)
    except ValueError as exc:
        raise ValueError(f"--to: expected a date like 2022-09-30, got {end!r}") from exc
    return Period(first, last)


def comparison(period: Period, spec: str) -> Period | None:
    """The period to compare with: ``previous-year``, ``previous-period``, ``none`` or an
    explicit ``YYYY-MM-DD:YYYY-MM-DD``."""
    if spec == "previous-year":
        return previous_year(period)
    if spec == "previous-period":
        return previous_period(period)
    if spec == "none":
        return None
    start, sep, end = spec.partition(":")
    if not sep:
        raise ValueError(
            f"--compare: expected {', '.join(COMPARISONS)} or START:END dates, got {spec!r}"
        )
    return parse_period(start, end)
