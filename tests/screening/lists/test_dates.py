"""Free-text and structured dates of birth into partial ISO 8601."""

from __future__ import annotations

import pytest

from counterflow.screening.lists.dates import MAX_SPAN_YEARS, partial_iso, written_dates, year_span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1955", "1955"),
        ("1955-03", "1955-03"),
        ("1955-03-04", "1955-03-04"),
        (" 1955-03-04 ", "1955-03-04"),
        ("1955-13", None),
        ("1955-02-30", None),
        ("1955-3-4", None),
        ("04/03/1955", None),
        ("", None),
    ],
)
def test_partial_iso(text, expected):
    assert partial_iso(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01 Jan 1955", ("1955-01-01",)),
        ("1 January 1955", ("1955-01-01",)),
        ("Jan 1955", ("1955-01",)),
        ("Nov. 1973 ", ("1973-11",)),
        ("August 1961", ("1961-08",)),
        ("1955", ("1955",)),
        ("1955-06-30", ("1955-06-30",)),
        ("circa 1955", ("1955",)),
        ("Approximately 1955", ("1955",)),
        ("1955 to 1957", ("1955", "1956", "1957")),
        ("circa 1955-1957", ("1955", "1956", "1957")),
        ("01 Jan 1960 to 31 Dec 1961", ("1960", "1961")),
        ("Jan 1960 to Jan 1960", ("1960-01",)),
        ("31 Feb 1955", ()),
        ("30-35 years old", ()),
        ("24/06/1402 (Hijri Calendar)", ()),
        ("Between Aug. and Sep. 1977", ()),
        ("Sep.", ()),
        ("12 1955", ()),
        ("", ()),
    ],
)
def test_written_dates(text, expected):
    assert written_dates(text) == expected


def test_wide_spans_keep_only_their_ends():
    assert year_span(1990, 1990 + MAX_SPAN_YEARS) == tuple(
        str(y) for y in range(1990, 1991 + MAX_SPAN_YEARS)
    )
    assert year_span(1950, 1990) == ("1950", "1990")
    assert year_span(1957, 1955) == ("1955", "1956", "1957")
