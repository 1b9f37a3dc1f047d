"""Errors of the watch-lists slice; each says which list, version or entry is at fault."""

from __future__ import annotations

from counterflow.model.errors import CounterflowError


class WatchlistError(CounterflowError):
    """Base class of the watch-lists slice's errors."""


class SnapshotError(WatchlistError):
    """A snapshot cannot be loaded as given (an entry of another source, a duplicate id)."""


class VersionConflictError(WatchlistError):
    """A version label already loaded is offered again with other content, or is not current."""


class ScreenerContractError(WatchlistError):
    """The screener returned a hit for a query or an entry it was not given."""


class CodecError(WatchlistError):
    """Stored JSON does not have the shape of an entry or a hit."""
