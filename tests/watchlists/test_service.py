"""The watch-lists services on SQLite and PostgreSQL, with a fake exact-name screener."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from counterflow.model.screening import ScreeningQuery
from counterflow.model.watchlist import ListSource
from counterflow.store import transaction
from counterflow.watchlists import (
    HitStatus,
    ListEntryRow,
    ListVersion,
    ScreenerContractError,
    SnapshotError,
    StoredHit,
    VersionConflictError,
    current_entries,
    current_versions,
    load_snapshot,
    record_screening,
    subject_hits,
)

OFAC = ListSource.OFAC


@pytest.fixture
def v1(make_person):
    return [
        make_person("ofac:1", "Viktor Bout", dob="1967"),
        make_person("ofac:2", "Amina Karimova"),
        make_person("ofac:3", "Chen Wei", "Wei Chen"),
    ]


@pytest.fixture
def v2(make_person, v1):
    # ofac:1 unchanged, ofac:2 changed (alias added), ofac:3 removed, ofac:4 added.
    return [
        v1[0],
        make_person("ofac:2", "Amina Karimova", "Amina Karimov"),
        make_person("ofac:4", "Sok Chan"),
    ]


def load(sessions, version, entries, screener, **kw):
    with transaction(sessions) as session:
        return load_snapshot(
            session, source=OFAC, version=version, entries=entries, screener=screener, **kw
        )


def screen(sessions, query, hits=(), origin="cli"):
    with transaction(sessions) as session:
        return record_screening(session, query=query, hits=list(hits), origin=origin)


def hits_of(sessions, subject_id, status=None):
    with sessions() as session:
        return subject_hits(session, subject_id=subject_id, status=status)


def count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_first_load_adds_every_entry(sessions, screener, v1) -> None:
    report = load(sessions, "2024-05-01", v1, screener)
    assert report.previous_version is None
    assert not report.unchanged
    assert report.entry_count == 3
    assert report.added.count == 3
    assert report.added.entry_ids == ("ofac:1", "ofac:2", "ofac:3")
    assert report.changed.count == report.removed.count == 0
    assert report.rescreened_subjects == report.new_hits == 0
    assert screener.calls == []  # nobody screened yet: the matcher is not called
    with sessions() as session:
        assert current_versions(session) == {OFAC: "2024-05-01"}
        assert current_entries(session) == v1
        assert current_entries(session, source=ListSource.UN) == []


def test_second_load_diffs_keeps_history_and_rescreens_only_what_changed(
    sessions, make_screener, make_hit, v1, v2
) -> None:
    load(sessions, "v1", v1, make_screener())
    # Three people screened against v1: two of them hit.
    bout = screen(
        sessions,
        ScreeningQuery("Viktor Bout", "1967"),
        [make_hit(ScreeningQuery("Viktor Bout", "1967"), v1[0], "Viktor Bout")],
    )
    chen_q = ScreeningQuery("Wei Chen", ref="case:9/subject:1")
    chen = screen(sessions, chen_q, [make_hit(chen_q, v1[2], "Wei Chen")], origin="case")
    karimov = screen(sessions, ScreeningQuery("Amina Karimov", country="UZ"), origin="file")

    screener = make_screener()
    report = load(sessions, "v2", v2, screener)

    assert report.previous_version == "v1"
    assert (report.added.entry_ids, report.changed.entry_ids, report.removed.entry_ids) == (
        ("ofac:4",),
        ("ofac:2",),
        ("ofac:3",),
    )
    assert (report.added.count, report.changed.count, report.removed.count) == (1, 1, 1)
    assert report.entry_count == 3
    # Every subject re-screened, but only against the added and changed entries.
    assert report.rescreened_subjects == 3
    assert screener.screened_entry_ids == {"ofac:2", "ofac:4"}
    assert {q.name for q in screener.calls[0][0]} == {"Viktor Bout", "Wei Chen", "Amina Karimov"}
    # The new alias "Amina Karimov" catches a subject cleared under v1.
    assert report.new_hits == 1
    [new] = hits_of(sessions, karimov.id)
    assert (new.entry_id, new.list_version, new.status) == ("ofac:2", "v2", HitStatus.OPEN)
    assert new.hit().list_version == "v2"
    assert new.hit().query == ScreeningQuery("Amina Karimov", country="UZ")
    # The hit on the removed entry is superseded; the unchanged entry's hit stays open.
    [chen_hit] = hits_of(sessions, chen.id)
    assert chen_hit.status is HitStatus.SUPERSEDED
    assert chen_hit.superseded_at is not None
    assert report.superseded_hits == 1
    [bout_hit] = hits_of(sessions, bout.id)
    assert bout_hit.status is HitStatus.OPEN
    # History: both versions and all their rows are kept; v2 is the current one.
    with sessions() as session:
        versions = session.scalars(select(ListVersion).order_by(ListVersion.id)).all()
        assert [(v.version, v.is_current, v.entry_count) for v in versions] == [
            ("v1", False, 3),
            ("v2", True, 3),
        ]
        assert count(session, ListEntryRow) == 6
        assert current_versions(session) == {OFAC: "v2"}
        assert current_entries(session) == sorted(v2, key=lambda e: e.entry_id)
        old = session.scalars(
            select(ListEntryRow).where(ListEntryRow.version_id == versions[0].id)
        ).all()
        assert sorted((r.entry() for r in old), key=lambda e: e.entry_id) == v1


def test_a_changed_entry_supersedes_its_old_hit_and_records_a_fresh_one(
    sessions, make_person, make_screener, make_hit, v1
) -> None:
    load(sessions, "v1", v1, make_screener())
    q = ScreeningQuery("Amina Karimova")
    subject = screen(sessions, q, [make_hit(q, v1[1], "Amina Karimova", score=0.8)])
    changed = [v1[0], make_person("ofac:2", "Amina Karimova", dob="1975"), v1[2]]
    report = load(sessions, "v2", changed, make_screener())
    assert report.changed.entry_ids == ("ofac:2",)
    assert (report.superseded_hits, report.new_hits) == (1, 1)
    old, fresh = hits_of(sessions, subject.id)
    assert (old.status, old.score) == (HitStatus.SUPERSEDED, 0.8)
    assert (fresh.status, fresh.score, fresh.list_version) == (HitStatus.OPEN, 1.0, "v2")


def test_loading_the_same_version_again_is_a_no_op(sessions, screener, v1) -> None:
    load(sessions, "v1", v1, screener)
    screen(sessions, ScreeningQuery("Chen Wei"))
    report = load(sessions, "v1", list(reversed(v1)), screener)  # order does not matter
    assert report.unchanged
    assert report.previous_version == "v1"
    assert report.added.count == report.changed.count == report.removed.count == 0
    assert report.rescreened_subjects == 0
    assert screener.calls == []
    with sessions() as session:
        assert count(session, ListVersion) == 1
        assert count(session, ListEntryRow) == 3


def test_a_new_label_with_the_same_content_is_recorded_with_no_changes(
    sessions, screener, v1
) -> None:
    load(sessions, "v1", v1, screener)
    report = load(sessions, "v1-republished", v1, screener)
    assert not report.unchanged
    assert report.added.count == report.changed.count == report.removed.count == 0
    with sessions() as session:
        assert current_versions(session) == {OFAC: "v1-republished"}


def test_same_label_other_content_is_a_conflict(sessions, screener, v1, v2) -> None:
    load(sessions, "v1", v1, screener)
    with pytest.raises(VersionConflictError, match=r"version 'v1' was loaded .* other content"):
        load(sessions, "v1", v2, screener)


def test_an_older_label_is_a_conflict(sessions, screener, v1, v2) -> None:
    load(sessions, "v1", v1, screener)
    load(sessions, "v2", v2, screener)
    with pytest.raises(VersionConflictError, match="older version"):
        load(sessions, "v1", v1, screener)


def test_a_failing_screener_leaves_nothing_written(
    sessions, make_screener, make_hit, v1, v2
) -> None:
    load(sessions, "v1", v1, make_screener())
    q = ScreeningQuery("Wei Chen")
    chen = screen(sessions, q, [make_hit(q, v1[2], "Wei Chen")])
    screen(sessions, ScreeningQuery("Amina Karimov"))  # hits ofac:2 in the first batch
    screen(sessions, ScreeningQuery("Someone Else"))
    crashing = make_screener(fail_on_call=2)  # one subject per batch: dies on the second
    with pytest.raises(RuntimeError, match="matcher crashed"):
        load(sessions, "v2", v2, crashing, batch_size=1)
    assert len(crashing.calls) == 2
    with sessions() as session:
        assert current_versions(session) == {OFAC: "v1"}
        assert count(session, ListVersion) == 1
        assert count(session, ListEntryRow) == 3
        assert count(session, StoredHit) == 1
    [kept] = hits_of(sessions, chen.id)
    assert kept.status is HitStatus.OPEN  # the removal of ofac:3 was rolled back too


def test_sources_are_versioned_independently(sessions, screener, make_person, v1) -> None:
    un = [make_person("un:QDi.1", "Chen Wei", source=ListSource.UN)]
    load(sessions, "v1", v1, screener)
    with transaction(sessions) as session:
        report = load_snapshot(
            session, source=ListSource.UN, version="v1", entries=un, screener=screener
        )
    assert report.previous_version is None
    with sessions() as session:
        assert current_versions(session) == {OFAC: "v1", ListSource.UN: "v1"}
        assert current_entries(session, source=ListSource.UN) == un
        assert len(current_entries(session)) == 4


@pytest.mark.parametrize(
    ("version", "entries", "message"),
    [
        ("v1", lambda p: [p("un:1", "X", source=ListSource.UN)], "'un:1' is from list un"),
        ("v1", lambda p: [p("ofac:1", "X"), p("ofac:1", "Y")], "'ofac:1' appears twice"),
        ("v1", lambda p: [], "no entries"),
        (" ", lambda p: [p("ofac:1", "X")], "empty version label"),
    ],
)
def test_bad_snapshots_are_refused(sessions, screener, make_person, version, entries, message):
    with pytest.raises(SnapshotError, match=message):
        load(sessions, version, entries(make_person), screener)


def test_an_empty_snapshot_when_allowed_removes_everything(sessions, screener, v1) -> None:
    load(sessions, "v1", v1, screener)
    report = load(sessions, "v2", [], screener, allow_empty=True)
    assert report.removed.count == 3
    with sessions() as session:
        assert current_entries(session) == []


def test_a_screener_answering_another_question_is_caught(
    sessions, make_person, make_hit, v1
) -> None:
    class Stray:
        def screen_against(self, queries, entries):
            return [make_hit(queries[0], make_person("ofac:999", "Nobody"), "Nobody")]

    load(sessions, "v1", v1[:1], Stray())
    screen(sessions, ScreeningQuery("Anyone"))
    with pytest.raises(ScreenerContractError, match="ofac:999"):
        load(sessions, "v2", v1, Stray())


def test_record_screening_upserts_by_ref_or_identity(sessions, make_hit, v1, make_screener):
    load(sessions, "v1", v1, make_screener())
    first = screen(sessions, ScreeningQuery("Ali  Hassan", "1970", "kh"), origin="cli")
    again = screen(
        sessions, ScreeningQuery("ali hassan", "1970", "KH", gender="male"), origin="file"
    )
    assert again.id == first.id
    assert (again.name, again.gender, again.origin) == ("ali hassan", "male", "file")
    assert again.first_screened_at == first.first_screened_at
    assert again.last_screened_at >= first.last_screened_at
    # The same name with a ref is someone else; the ref then finds them under a new spelling.
    by_ref = screen(sessions, ScreeningQuery("Ali Hassan", ref="case:4/subject:2"), origin="case")
    renamed = screen(sessions, ScreeningQuery("Ali Hasan", "1970", ref="case:4/subject:2"))
    assert by_ref.id != first.id
    assert renamed.id == by_ref.id
    assert (renamed.name, renamed.date_of_birth, renamed.ref) == (
        "Ali Hasan",
        "1970",
        "case:4/subject:2",
    )


def test_record_screening_keeps_one_open_hit_per_entry(sessions, make_hit, v1, make_screener):
    load(sessions, "v1", v1, make_screener())
    q = ScreeningQuery("Viktor Bout")
    subject = screen(sessions, q, [make_hit(q, v1[0], "Viktor Bout", 0.7)])
    screen(
        sessions, q, [make_hit(q, v1[0], "Viktor Bout", 0.9), make_hit(q, v1[0], "V. Bout", 0.6)]
    )
    stored = hits_of(sessions, subject.id)
    assert [(h.score, h.status) for h in stored] == [
        (0.7, HitStatus.SUPERSEDED),
        (0.9, HitStatus.OPEN),
    ]
    assert [h.score for h in hits_of(sessions, subject.id, HitStatus.OPEN)] == [0.9]
    assert stored[1].explanation == stored[1].hit().explanation()
    assert stored[1].matched_name == "Viktor Bout"


def test_subjects_outlive_their_transaction(sessions: sessionmaker[Session]) -> None:
    subject = screen(sessions, ScreeningQuery("A B"))
    assert subject.query() == ScreeningQuery("A B")
