"""Factories and a fake screener for the watch-lists slice tests, served as fixtures
(tests import nothing from here: pytest runs with ``--import-mode=importlib``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pytest

from counterflow.model.screening import ScreeningHit, ScreeningQuery, TokenMatch
from counterflow.model.watchlist import (
    EntityKind,
    EntryName,
    ListSource,
    NameStrength,
    WatchlistEntry,
)


def person(
    entry_id: str, *names: str, dob: str = "", source: ListSource = ListSource.OFAC
) -> WatchlistEntry:
    """A person entry; the first name is primary, the others strong aliases."""
    return WatchlistEntry(
        entry_id=entry_id,
        source=source,
        kind=EntityKind.PERSON,
        names=tuple(
            EntryName(
                n,
                NameStrength.PRIMARY if i == 0 else NameStrength.STRONG,
                "name" if i == 0 else "aka",
            )
            for i, n in enumerate(names)
        ),
        dates_of_birth=(dob,) if dob else (),
    )


@dataclass
class ExactNameScreener:
    """A tiny deterministic matcher: a hit when the query's name equals one of the entry's
    names, case aside. Records what it was asked, and can be told to fail on a call."""

    fail_on_call: int | None = None
    calls: list[tuple[list[ScreeningQuery], list[str]]] = field(default_factory=list)

    def screen_against(
        self, queries: Sequence[ScreeningQuery], entries: Sequence[WatchlistEntry]
    ) -> list[ScreeningHit]:
        self.calls.append((list(queries), [e.entry_id for e in entries]))
        if self.fail_on_call is not None and len(self.calls) >= self.fail_on_call:
            raise RuntimeError("matcher crashed")
        return [
            hit(q, e, name.text)
            for q in queries
            for e in entries
            for name in e.names
            if name.text.casefold() == q.name.casefold()
        ]

    @property
    def screened_entry_ids(self) -> set[str]:
        return {i for _, ids in self.calls for i in ids}


def hit(
    query: ScreeningQuery, entry: WatchlistEntry, matched: str, score: float = 1.0
) -> ScreeningHit:
    """A hit of ``query`` on ``entry`` (what a matcher would return)."""
    return ScreeningHit(
        query=query,
        entry_id=entry.entry_id,
        source=entry.source.value,
        list_version="",
        score=score,
        matched_name=matched,
        name_score=score,
        tokens=tuple(TokenMatch(t, t, "exact", 1.0) for t in query.name.split()),
    )


@pytest.fixture
def make_person() -> Callable[..., WatchlistEntry]:
    """``make_person(entry_id, *names, dob="", source=ListSource.OFAC)``."""
    return person


@pytest.fixture
def make_hit() -> Callable[..., ScreeningHit]:
    """``make_hit(query, entry, matched_name, score=1.0)``."""
    return hit


@pytest.fixture
def make_screener() -> Callable[..., ExactNameScreener]:
    """``make_screener(fail_on_call=None)``: an exact-name fake matcher."""
    return ExactNameScreener


@pytest.fixture
def screener() -> ExactNameScreener:
    return ExactNameScreener()
