"""Screening queries and hits: who was looked up, and what a list entry has to do with them.

A hit always says why (DESIGN.md, data contracts): which of the query's name tokens met which
of the entry's, how (exact, spelling variant, transliteration, phonetic, initial), and which
other evidence (date of birth, nationality, gender, identity number) raised or lowered the
score. An analyst must be able to dismiss a false hit from the explanation alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScreeningQuery:
    """A person or organisation to screen; only ``name`` is required."""

    name: str
    date_of_birth: str | None = None
    """ISO 8601, possibly partial (``1962`` or ``1962-08``)."""
    country: str | None = None
    """Nationality or country of registration, ISO 3166-1 alpha-2."""
    gender: str | None = None
    id_number: str | None = None
    ref: str | None = None
    """The caller's own reference (a row id in a batch file, a case subject id)."""


@dataclass(frozen=True, slots=True)
class TokenMatch:
    """How one query token met one entry token."""

    query: str
    entry: str
    how: str
    """``exact``, ``variant`` (spelling), ``transliteration``, ``phonetic``, ``initial``,
    ``fuzzy`` or ``missing``."""
    similarity: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact beside the name that moved the score."""

    field: str
    """``date_of_birth``, ``country``, ``gender``, ``id_number``, ``name_strength``."""
    effect: float
    """Added to (positive) or taken from (negative) the name score."""
    detail: str


@dataclass(frozen=True, slots=True)
class ScreeningHit:
    """One list entry that a query may be."""

    query: ScreeningQuery
    entry_id: str
    source: str
    list_version: str
    score: float
    """In [0, 1]; compare with the configured threshold."""
    matched_name: str
    """The entry's name (or alias) that matched best, as the list wrote it."""
    name_score: float
    tokens: tuple[TokenMatch, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    titles: tuple[str, ...] = ()
    """Titles and honorifics removed from the query before matching (kept for the analyst)."""

    def explanation(self) -> str:
        """One line an analyst reads: tokens, then evidence."""
        toks = "; ".join(
            f"{t.query}~{t.entry} ({t.how} {t.similarity:.2f})" if t.entry else f"{t.query} (-)"
            for t in self.tokens
        )
        ev = "; ".join(f"{e.field} {e.effect:+.2f}: {e.detail}" for e in self.evidence)
        title = f" [titles: {', '.join(self.titles)}]" if self.titles else ""
        return (
            f"{self.matched_name!r} name {self.name_score:.2f}: {toks}"
            + (f" | {ev}" if ev else "")
            + title
        )
