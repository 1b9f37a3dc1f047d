"""Evidence beside the name: date of birth, nationality, gender, identity numbers.

A name alone is weak: thousands of people are called "Chea Sophal" or "Mohammad Khan". OFAC's
guidance on potential matches (OFAC FAQ 5) asks the screener to compare the other
identifiers the list gives: date and place of birth, nationality, identity documents. Each
identifier here either agrees with the list (raises the score a little, or a lot for an
identity number), disagrees (lowers it), or is unknown on either side (no effect). Effects are
additive on the name score and each one is reported, so an analyst sees why a hit rose or
fell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counterflow.model import Evidence, NameStrength, ScreeningQuery, WatchlistEntry


@dataclass(frozen=True, slots=True)
class EvidenceWeights:
    """How far each kind of evidence moves the score."""

    dob_exact: float = 0.06
    dob_year: float = 0.03
    dob_conflict: float = -0.15
    dob_same_year: float = -0.05
    """Both dates are full and differ, in the same year: a weak conflict (lists and records
    often know the year right and the day wrong)."""
    country_match: float = 0.03
    country_conflict: float = -0.05
    gender_conflict: float = -0.10
    id_match: float = 0.30
    weak_alias: float = -0.2
    """A low-quality alias matched and nothing else supports it: even an exact match then
    stays below the default threshold (OFAC FAQ 91: weak aliases alone are not hits)."""


_ALNUM = re.compile(r"[^0-9A-Z]")


def _norm_id(value: str) -> str:
    return _ALNUM.sub("", value.upper())


def _year(date: str) -> int | None:
    head = date[:4]
    return int(head) if head.isdigit() else None


def dob_evidence(query: str, listed: tuple[str, ...], w: EvidenceWeights) -> Evidence | None:
    """Agreement of a (possibly partial) date of birth with the list's dates."""
    if not listed:
        return None
    q_year = _year(query)
    for d in listed:
        # Partial dates agree when one is a prefix of the other ("1955" and "1955-03-04").
        if d == query or (len(d) >= 10 and len(query) >= 10 and d[:10] == query[:10]):
            return Evidence("date_of_birth", w.dob_exact, f"{query} = listed {d}")
        if d.startswith(query) or query.startswith(d):
            return Evidence("date_of_birth", w.dob_year, f"{query} fits listed {d}")
    years = [y for y in (_year(d) for d in listed) if y is not None]
    if q_year is None or not years:
        return None
    nearest = min(years, key=lambda y: abs(y - q_year))
    full = [d for d in listed if len(d) >= 10]
    if nearest == q_year and len(query) >= 10 and full and len(full) == len(listed):
        return Evidence(
            "date_of_birth", w.dob_same_year, f"{query} but listed {', '.join(listed[:3])}"
        )
    if abs(nearest - q_year) <= 1:
        # Lists often record an approximate year ("circa 1955"): a year apart is no conflict.
        return Evidence("date_of_birth", 0.0, f"{query} within a year of listed {nearest}")
    return Evidence("date_of_birth", w.dob_conflict, f"{query} but listed {', '.join(listed[:3])}")


def collect_evidence(
    query: ScreeningQuery,
    entry: WatchlistEntry,
    strength: NameStrength,
    w: EvidenceWeights,
) -> tuple[Evidence, ...]:
    """Every piece of evidence the query and entry give, in a stable order."""
    out: list[Evidence] = []
    if query.date_of_birth:
        ev = dob_evidence(query.date_of_birth, entry.dates_of_birth, w)
        if ev is not None:
            out.append(ev)
    if query.country and entry.nationalities:
        c = query.country.upper()
        if c in {n.upper() for n in entry.nationalities}:
            out.append(Evidence("country", w.country_match, f"{c} listed"))
        else:
            listed = ", ".join(entry.nationalities[:3])
            out.append(Evidence("country", w.country_conflict, f"{c} but listed {listed}"))
    if query.gender and entry.gender and query.gender.lower() != entry.gender.lower():
        out.append(
            Evidence("gender", w.gender_conflict, f"{query.gender} but listed {entry.gender}")
        )
    if query.id_number:
        q = _norm_id(query.id_number)
        for doc in entry.documents:
            if q and _norm_id(doc.number) == q:
                out.append(Evidence("id_number", w.id_match, f"{doc.kind} {doc.number}"))
                break
    if strength is NameStrength.WEAK and not any(e.effect > 0 for e in out):
        out.append(Evidence("name_strength", w.weak_alias, "matched a low-quality alias only"))
    return tuple(out)
