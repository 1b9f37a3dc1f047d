"""The two things every command that touches watch lists does with the database.

Storing a parsed snapshot (the re-screen after a load weighs tokens by the rarity of all the
lists that will be current, so its scores equal a fresh screen's), and building the screener
over the current versions.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from counterflow.screening import ListSnapshot, MatchConfig, Screener
from counterflow.watchlists import LoadReport, current_entries, current_versions, load_snapshot


def store_snapshot(
    session: Session, snapshot: ListSnapshot, version: str | None = None
) -> LoadReport:
    """Store ``snapshot`` as the current version of its source and re-screen subjects."""
    others = [e for e in current_entries(session) if e.source is not snapshot.source]
    return load_snapshot(
        session,
        source=snapshot.source,
        version=version or snapshot.version,
        entries=snapshot.entries,
        screener=Screener([*others, *snapshot.entries]),
    )


def current_screener(session: Session, threshold: float | None = None) -> Screener:
    """A screener over the current version of every loaded list (maybe none)."""
    versions = {str(k): v for k, v in current_versions(session).items()}
    config = MatchConfig() if threshold is None else MatchConfig(threshold=threshold)
    return Screener(current_entries(session), versions=versions, config=config)
