"""Snapshots and the diff between two versions of one list."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from counterflow.model import EntityKind, EntryName, ListSource, WatchlistEntry
from counterflow.screening.lists import ListDiff, ListSnapshot, diff
from counterflow.screening.lists.snapshot import content_version


def entry(entry_id: str, name: str = "A", **fields) -> WatchlistEntry:
    return WatchlistEntry(
        entry_id=entry_id,
        source=ListSource.OFAC,
        kind=EntityKind.PERSON,
        names=(EntryName(name),),
        **fields,
    )


def snapshot(*entries: WatchlistEntry, source: ListSource = ListSource.OFAC) -> ListSnapshot:
    return ListSnapshot(source, "v", Path("list"), entries)


def test_added_changed_removed_in_list_order():
    kept = entry("ofac:1")
    old = snapshot(kept, entry("ofac:2", "B"), entry("ofac:3", "C"), entry("ofac:4", "D"))
    renamed = entry("ofac:2", "B2")
    new_dob = entry("ofac:4", "D", dates_of_birth=("1970",))
    new = snapshot(entry("ofac:9", "Z"), new_dob, kept, renamed, entry("ofac:5", "E"))
    change = diff(old, new)
    assert [e.entry_id for e in change.added] == ["ofac:9", "ofac:5"]
    assert change.changed == ((old.entries[3], new_dob), (old.entries[1], renamed))
    assert change.removed == (old.entries[2],)
    assert change


def test_identical_lists_and_bookkeeping_only_changes_give_an_empty_diff():
    old = snapshot(entry("ofac:1", extra={"last_updated": "2020-01-01"}))
    new = snapshot(entry("ofac:1", extra={"last_updated": "2024-01-01"}))
    assert diff(old, old) == ListDiff((), (), ())
    assert not diff(old, new)


def test_every_screening_field_counts_as_a_change():
    base = entry("ofac:1")
    for field, value in [
        ("nationalities", ("IR",)),
        ("gender", "male"),
        ("programmes", ("SDGT",)),
        ("remarks", "delisted in part"),
        ("kind", EntityKind.ORGANIZATION),
    ]:
        changed = dataclasses.replace(base, **{field: value})
        assert diff(snapshot(base), snapshot(changed)).changed == ((base, changed),), field


def test_lists_from_different_sources_cannot_be_compared():
    with pytest.raises(ValueError, match="cannot diff"):
        diff(snapshot(entry("ofac:1")), snapshot(source=ListSource.UN))


def test_content_version_follows_the_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"one")
    b.write_bytes(b"two")
    assert content_version([a, b]) == content_version([a, b])
    assert content_version([a, b]) != content_version([b, a])
    assert len(content_version([a])) == 12
