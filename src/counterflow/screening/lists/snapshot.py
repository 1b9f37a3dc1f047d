"""One loaded version of a watch list, and what changed between two versions.

Lists change often (OFAC publishes several updates a week) and a screening team must be able
to answer "who was added since last Tuesday?": newly listed persons must be screened against
the existing customer and case base at once (FATF Recommendation 6 requires freezing "without
delay"), and a removal ends an obligation. :func:`diff` answers it by comparing entries by
their ``entry_id``, which each source keeps stable (OFAC's ``ent_num``, the UN reference
number, the FtM entity id).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from counterflow.model import ListSource, WatchlistEntry
from counterflow.screening.lists.errors import ListError


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """Every entry of one list as published in one version.

    ``version`` is what the source says (the UN ``dateGenerated``) or, for sources that do
    not date their files, a digest of the bytes read (see :func:`content_version`).
    """

    source: ListSource
    version: str
    path: Path
    entries: tuple[WatchlistEntry, ...]

    def __len__(self) -> int:
        return len(self.entries)

    def by_id(self) -> dict[str, WatchlistEntry]:
        """The entries keyed by ``entry_id``."""
        return {e.entry_id: e for e in self.entries}


@dataclass(frozen=True, slots=True)
class ListDiff:
    """What a new version of a list added, changed and removed.

    ``changed`` pairs the old and the new entry. Two entries with the same id count as changed
    when any screening field differs (names, dates, nationalities, documents, programmes,
    remarks ...); ``extra`` (list bookkeeping such as the UN ``LAST_DAY_UPDATED``) is ignored,
    as :class:`~counterflow.model.WatchlistEntry` equality ignores it.
    """

    added: tuple[WatchlistEntry, ...]
    changed: tuple[tuple[WatchlistEntry, WatchlistEntry], ...]
    removed: tuple[WatchlistEntry, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def diff(old: ListSnapshot, new: ListSnapshot) -> ListDiff:
    """Entries added, changed and removed from ``old`` to ``new`` (each in list order).

    Raises ``ValueError`` when the snapshots come from different sources: their ids do not
    share a namespace, so the comparison would be meaningless.
    """
    if old.source is not new.source:
        raise ValueError(f"cannot diff a {old.source} list against a {new.source} list")
    before = old.by_id()
    after = new.by_id()
    return ListDiff(
        added=tuple(e for e in new.entries if e.entry_id not in before),
        changed=tuple(
            (before[e.entry_id], e)
            for e in new.entries
            if e.entry_id in before and before[e.entry_id] != e
        ),
        removed=tuple(e for e in old.entries if e.entry_id not in after),
    )


def content_version(paths: Iterable[Path]) -> str:
    """The first 12 hex digits of the SHA-256 of the files' bytes, in the order given.

    Used as the version of lists whose files carry no publication date (the OFAC legacy CSV,
    FtM exports, domestic lists): the same bytes always give the same version, and any change
    gives a new one.
    """
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:12]


class EntryCollector:
    """Gathers a parser's entries, refusing a second entry with an id already seen.

    Two entries with one id would make :func:`diff` and every lookup by id ambiguous, so the
    duplicate is reported with both line numbers.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lines: dict[str, int | None] = {}
        self._entries: list[WatchlistEntry] = []

    def add(self, entry: WatchlistEntry, *, line: int | None, field: str) -> None:
        """Keep ``entry``; ``line`` and ``field`` say where its id was read."""
        if entry.entry_id in self._lines:
            first = self._lines[entry.entry_id]
            where = f" (first on line {first})" if first is not None else ""
            raise ListError(
                f"duplicate entry id {entry.entry_id!r}{where}; expected each id once",
                path=str(self._path),
                line=line,
                field=field,
            )
        self._lines[entry.entry_id] = line
        self._entries.append(entry)

    def snapshot(self, source: ListSource, version: str) -> ListSnapshot:
        """All entries gathered, as one snapshot."""
        return ListSnapshot(source, version, self._path, tuple(self._entries))
