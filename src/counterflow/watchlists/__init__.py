"""Watch lists in the database: versioned list snapshots, screened subjects, stored hits.

Load each new publication of a list with :func:`load_snapshot`: it keeps every version
(history), tells what was added, changed and removed, and re-screens everyone screened so
far against what is new, through any :class:`Screener`. Screenings done elsewhere (the CLI,
a batch file, a case) are remembered with :func:`record_screening`.

This slice has no web views yet and must not import FastAPI.
"""

from counterflow.watchlists.errors import (
    CodecError,
    ScreenerContractError,
    SnapshotError,
    VersionConflictError,
    WatchlistError,
)
from counterflow.watchlists.models import (
    HitStatus,
    ListEntryRow,
    ListVersion,
    ScreenedSubject,
    StoredHit,
)
from counterflow.watchlists.ports import Screener
from counterflow.watchlists.schemas import EntryChanges, LoadReport
from counterflow.watchlists.service import (
    current_entries,
    current_versions,
    load_snapshot,
    record_screening,
    subject_hits,
)

__all__ = [
    "CodecError",
    "EntryChanges",
    "HitStatus",
    "ListEntryRow",
    "ListVersion",
    "LoadReport",
    "ScreenedSubject",
    "Screener",
    "ScreenerContractError",
    "SnapshotError",
    "StoredHit",
    "VersionConflictError",
    "WatchlistError",
    "current_entries",
    "current_versions",
    "load_snapshot",
    "record_screening",
    "subject_hits",
]
