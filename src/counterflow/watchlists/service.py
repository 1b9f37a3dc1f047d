"""Watch-list services: load list versions, remember who was screened, re-screen on change.

Why re-screen: sanctions lists change every week, and a person cleared on Monday may be
designated on Friday (FATF Recommendation 6 asks for targeted financial sanctions "without
delay"). So every screened subject is stored, and each new list version is checked against
all of them, but only against the entries that are new or changed, which is a few dozen
entries instead of tens of thousands.

All functions take a :class:`~sqlalchemy.orm.Session` and keyword-only arguments, flush but
never commit: the command boundary commits (``counterflow.store.transaction``), so a load
that fails half-way (a matcher error, a lost connection) writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, insert, select, update
from sqlalchemy.orm import Session

from counterflow.model.screening import ScreeningHit, ScreeningQuery
from counterflow.model.watchlist import ListSource, WatchlistEntry
from counterflow.watchlists import codec
from counterflow.watchlists.errors import (
    ScreenerContractError,
    SnapshotError,
    VersionConflictError,
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

_CHUNK = 500
"""Ids per ``IN (...)`` list: well under SQLite's and PostgreSQL's parameter limits."""

T = TypeVar("T")


def load_snapshot(
    session: Session,
    *,
    source: ListSource,
    version: str,
    entries: Iterable[WatchlistEntry],
    screener: Screener,
    allow_empty: bool = False,
    batch_size: int = 1000,
) -> LoadReport:
    """Store a new version of a list, make it current, and re-screen stored subjects.

    1. Diff the snapshot against the current version of ``source`` by ``entry_id`` and
       content digest: added, changed, removed.
    2. Store the new version (every entry) and make it current; the previous version and
       its entries stay as history.
    3. Supersede open hits on removed and changed entries.
    4. Re-screen every stored subject (``batch_size`` at a time) against the added and
       changed entries only, and record the hits, stamped with ``version``.

    The same version with the same content again is a no-op (``report.unchanged``). The
    same version label with other content, or a label that is an older, non-current
    version, raises :class:`VersionConflictError`. An empty snapshot raises
    :class:`SnapshotError` unless ``allow_empty`` (a parser that read nothing is more
    likely broken than the list empty).
    """
    snapshot = _checked_snapshot(source, version, entries, allow_empty=allow_empty)
    payloads = {e.entry_id: codec.entry_to_json(e) for e in snapshot}
    digests = {entry_id: codec.digest(p) for entry_id, p in payloads.items()}
    content_hash = codec.digest(codec.canonical_json(sorted(digests.items())))

    current = _current_version(session, source)
    same_label = session.scalars(
        select(ListVersion).where(ListVersion.source == source, ListVersion.version == version)
    ).one_or_none()
    if same_label is not None:
        _check_reload(same_label, content_hash)
        return _unchanged_report(same_label)

    previous: dict[str, str] = {}
    if current is not None:
        rows = session.execute(
            select(ListEntryRow.entry_id, ListEntryRow.digest).where(
                ListEntryRow.version_id == current.id
            )
        )
        previous = {row.entry_id: row.digest for row in rows}
    added = [i for i in digests if i not in previous]
    changed = [i for i in digests if i in previous and previous[i] != digests[i]]
    removed = [i for i in previous if i not in digests]

    now = datetime.now(UTC)
    if current is not None:
        current.is_current = False
        session.flush()  # the partial unique index allows one current version per source
    new_version = ListVersion(
        source=source,
        version=version,
        loaded_at=now,
        entry_count=len(snapshot),
        sha256=content_hash,
        is_current=True,
    )
    session.add(new_version)
    session.flush()
    if snapshot:
        session.execute(
            insert(ListEntryRow),
            [
                {
                    "version_id": new_version.id,
                    "entry_id": e.entry_id,
                    "kind": e.kind,
                    "primary_name": e.primary_name,
                    "digest": digests[e.entry_id],
                    "payload": payloads[e.entry_id],
                }
                for e in snapshot
            ],
        )

    superseded = _supersede(session, source=source.value, entry_ids=removed + changed, now=now)
    by_id = {e.entry_id: e for e in snapshot}
    rescreened, new_hits = _rescreen(
        session,
        screener=screener,
        entries=[by_id[i] for i in added + changed],
        version=version,
        now=now,
        batch_size=batch_size,
    )
    return LoadReport(
        source=source,
        version=version,
        previous_version=current.version if current is not None else None,
        unchanged=False,
        entry_count=len(snapshot),
        added=EntryChanges.of(added),
        changed=EntryChanges.of(changed),
        removed=EntryChanges.of(removed),
        rescreened_subjects=rescreened,
        new_hits=new_hits,
        superseded_hits=superseded,
    )


def current_versions(session: Session) -> dict[ListSource, str]:
    """The current version label of every loaded source."""
    rows = session.execute(
        select(ListVersion.source, ListVersion.version).where(ListVersion.is_current)
    )
    return {row.source: row.version for row in rows}


def current_entries(session: Session, *, source: ListSource | None = None) -> list[WatchlistEntry]:
    """The entries of the current version of ``source`` (of every source if ``None``),
    ordered by source and entry id."""
    stmt = (
        select(ListEntryRow.payload)
        .join(ListVersion, ListVersion.id == ListEntryRow.version_id)
        .where(ListVersion.is_current)
        .order_by(ListVersion.source, ListEntryRow.entry_id)
    )
    if source is not None:
        stmt = stmt.where(ListVersion.source == source)
    return [codec.entry_from_json(p) for p in session.scalars(stmt)]


def record_screening(
    session: Session,
    *,
    query: ScreeningQuery,
    hits: Sequence[ScreeningHit],
    origin: str,
) -> ScreenedSubject:
    """Remember that ``query`` was screened (and what it hit) so that it is re-screened
    when a list changes.

    The subject is found again by its ``ref``, or without one by its normalised name, date
    of birth and country (:func:`codec.subject_key`); its details are updated with whatever
    the query gives (a missing optional field keeps the stored value). Each hit supersedes
    the subject's open hit on the same entry, if any.
    """
    now = datetime.now(UTC)
    key = codec.subject_key(query)
    subject = session.scalars(
        select(ScreenedSubject).where(ScreenedSubject.match_key == key)
    ).one_or_none()
    if subject is None:
        subject = ScreenedSubject(
            match_key=key,
            ref=query.ref,
            name=query.name,
            date_of_birth=query.date_of_birth,
            country=query.country,
            gender=query.gender,
            id_number=query.id_number,
            origin=origin,
            first_screened_at=now,
            last_screened_at=now,
        )
        session.add(subject)
    else:
        subject.name = query.name
        for field in ("ref", "date_of_birth", "country", "gender", "id_number"):
            value = getattr(query, field)
            if value is not None:
                setattr(subject, field, value)
        subject.origin = origin
        subject.last_screened_at = now
    session.flush()
    _store_hits(session, [(subject.id, h) for h in hits], now=now)
    return subject


def subject_hits(
    session: Session, *, subject_id: int, status: HitStatus | None = None
) -> list[StoredHit]:
    """The stored hits of a subject, oldest first; only those in ``status`` if given."""
    stmt = select(StoredHit).where(StoredHit.subject_id == subject_id)
    if status is not None:
        stmt = stmt.where(StoredHit.status == status)
    return list(session.scalars(stmt.order_by(StoredHit.created_at, StoredHit.id)))


# -- internals -------------------------------------------------------------------------


def _checked_snapshot(
    source: ListSource, version: str, entries: Iterable[WatchlistEntry], *, allow_empty: bool
) -> tuple[WatchlistEntry, ...]:
    snapshot = tuple(entries)
    where = f"list {source.value} version {version!r}"
    if not version.strip():
        raise SnapshotError(f"list {source.value}: empty version label")
    if not snapshot and not allow_empty:
        raise SnapshotError(f"{where}: no entries (pass allow_empty=True if that is right)")
    seen: set[str] = set()
    for e in snapshot:
        if e.source is not source:
            raise SnapshotError(f"{where}: entry {e.entry_id!r} is from list {e.source.value}")
        if e.entry_id in seen:
            raise SnapshotError(f"{where}: entry id {e.entry_id!r} appears twice")
        seen.add(e.entry_id)
    return snapshot


def _current_version(session: Session, source: ListSource) -> ListVersion | None:
    return session.scalars(
        select(ListVersion).where(ListVersion.source == source, ListVersion.is_current)
    ).one_or_none()


def _check_reload(stored: ListVersion, content_hash: str) -> None:
    where = f"list {stored.source.value} version {stored.version!r}"
    if stored.sha256 != content_hash:
        raise VersionConflictError(
            f"{where} was loaded on {stored.loaded_at:%Y-%m-%d %H:%M} UTC with other "
            "content; give the corrected file a new version label"
        )
    if not stored.is_current:
        raise VersionConflictError(
            f"{where} is an older version; load it under a new version label to go back to it"
        )


def _unchanged_report(stored: ListVersion) -> LoadReport:
    nothing = EntryChanges.of(())
    return LoadReport(
        source=stored.source,
        version=stored.version,
        previous_version=stored.version,
        unchanged=True,
        entry_count=stored.entry_count,
        added=nothing,
        changed=nothing,
        removed=nothing,
        rescreened_subjects=0,
        new_hits=0,
        superseded_hits=0,
    )


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _supersede(
    session: Session,
    *,
    source: str,
    entry_ids: Sequence[str],
    now: datetime,
    subject_id: int | None = None,
) -> int:
    """Close the open hits on ``entry_ids`` of ``source`` (of one subject if given)."""
    total = 0
    for chunk in _chunks(sorted(set(entry_ids)), _CHUNK):
        stmt = (
            update(StoredHit)
            .where(
                StoredHit.source == source,
                StoredHit.entry_id.in_(chunk),
                StoredHit.status == HitStatus.OPEN,
            )
            .values(status=HitStatus.SUPERSEDED, superseded_at=now)
        )
        if subject_id is not None:
            stmt = stmt.where(StoredHit.subject_id == subject_id)
        total += cast(CursorResult[Any], session.execute(stmt)).rowcount
    return total


def _rescreen(
    session: Session,
    *,
    screener: Screener,
    entries: Sequence[WatchlistEntry],
    version: str,
    now: datetime,
    batch_size: int,
) -> tuple[int, int]:
    """Screen every stored subject against ``entries``; return (subjects, new hits)."""
    if not entries:
        return 0, 0
    # Plain rows, not ORM objects: a national list of screened people can be large.
    rows = session.execute(
        select(
            ScreenedSubject.id,
            ScreenedSubject.name,
            ScreenedSubject.date_of_birth,
            ScreenedSubject.country,
            ScreenedSubject.gender,
            ScreenedSubject.id_number,
            ScreenedSubject.ref,
        ).order_by(ScreenedSubject.id)
    ).all()
    if not rows:
        return 0, 0
    entry_ids = {e.entry_id for e in entries}
    source = entries[0].source.value
    new_hits = 0
    for batch in _chunks(rows, batch_size):
        by_query = {
            ScreeningQuery(
                name=name,
                date_of_birth=dob,
                country=country,
                gender=gender,
                id_number=id_number,
                ref=ref,
            ): subject_id
            for subject_id, name, dob, country, gender, id_number, ref in batch
        }
        found: list[tuple[int, ScreeningHit]] = []
        for hit in screener.screen_against(list(by_query), entries):
            subject_id = by_query.get(hit.query)
            if subject_id is None or hit.entry_id not in entry_ids or hit.source != source:
                raise ScreenerContractError(
                    f"screener returned a hit on {hit.source}:{hit.entry_id!r} for "
                    f"{hit.query!r}, which is not among the queries and entries it was given"
                )
            found.append((subject_id, replace(hit, list_version=version)))
        new_hits += _store_hits(session, found, now=now)
    session.execute(update(ScreenedSubject).values(last_screened_at=now))
    return len(rows), new_hits


def _store_hits(
    session: Session, hits: Sequence[tuple[int, ScreeningHit]], *, now: datetime
) -> int:
    """Record hits (best per subject and entry), superseding older open ones; return count."""
    if not hits:
        return 0
    best: dict[tuple[int, str, str], ScreeningHit] = {}
    for subject_id, hit in hits:
        key = (subject_id, hit.source, hit.entry_id)
        if key not in best or hit.score > best[key].score:
            best[key] = hit
    earlier: dict[tuple[int, str], list[str]] = {}
    for subject_id, source, entry_id in best:
        earlier.setdefault((subject_id, source), []).append(entry_id)
    for (subject_id, source), entry_ids in earlier.items():
        _supersede(session, source=source, entry_ids=entry_ids, now=now, subject_id=subject_id)
    session.add_all(
        StoredHit(
            subject_id=subject_id,
            entry_id=hit.entry_id,
            source=hit.source,
            list_version=hit.list_version,
            score=hit.score,
            matched_name=hit.matched_name,
            explanation=hit.explanation(),
            payload=codec.hit_to_json(hit),
            status=HitStatus.OPEN,
            created_at=now,
            superseded_at=None,
        )
        for (subject_id, _source, _entry_id), hit in best.items()
    )
    session.flush()
    return len(best)
