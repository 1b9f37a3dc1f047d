"""Pydantic out-models of the watch-lists slice (what a command prints, an API returns)."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from counterflow.model.watchlist import ListSource


class EntryChanges(BaseModel):
    """A set of entries, by id (sorted), with its size."""

    model_config = ConfigDict(frozen=True)

    count: int
    entry_ids: tuple[str, ...]

    @classmethod
    def of(cls, entry_ids: Iterable[str]) -> EntryChanges:
        """The sorted, counted set of ``entry_ids``."""
        ids = tuple(sorted(set(entry_ids)))
        return cls(count=len(ids), entry_ids=ids)


class LoadReport(BaseModel):
    """What loading one list snapshot did.

    ``added``, ``changed`` and ``removed`` compare the new version with the one that was
    current before (``previous_version``; ``None`` for a source loaded the first time, when
    every entry counts as added). ``unchanged`` is true when the very same version with the
    very same content was already current: nothing was written.
    """

    model_config = ConfigDict(frozen=True)

    source: ListSource
    version: str
    previous_version: str | None
    unchanged: bool
    entry_count: int
    added: EntryChanges
    changed: EntryChanges
    removed: EntryChanges
    rescreened_subjects: int
    """Stored subjects screened again against the added and changed entries."""
    new_hits: int
    superseded_hits: int
    """Open hits closed because their entry was removed or changed."""
