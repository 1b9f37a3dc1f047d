"""Triage of tips: the NCCT secretariat sees every tip; a referral opens a tip to one
agency; auditors read everything read-only; administrators and others see nothing. Every
read, photo view and decision is audited."""

from __future__ import annotations

import pytest

from counterflow.model.codes import TipStatus
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)
from counterflow.tips import (
    TipAccess,
    add_tip_note,
    dismiss_tip,
    get_tip,
    refer_tip,
    referral_agencies,
    take_tip,
    tip_photo,
    tip_queue,
)
from counterflow.tips.photo import photo_path

from .conftest import jpeg_with_gps


def _queue(world, username: str, **kw) -> list[int]:
    with world.sessions.begin() as session:
        return [row.tip.id for row in tip_queue(session, actor=world[username], **kw)]


def _do(world, fn, username: str, **kw):
    with world.sessions.begin() as session:
        return fn(session, actor=world[username], **kw)


def test_the_secretariat_and_auditors_see_every_tip_others_none(world, send) -> None:
    a, b = send("first tip"), send("second tip")
    for username in ("ncct.analyst", "ncct.investigator", "ncct.supervisor", "ovs.auditor"):
        assert _queue(world, username) == [b, a], username  # newest first
    for username in (
        "np.investigator",
        "gmp.investigator",
        "cafiu.analyst",
        "pros.supervisor",
        "ncct.agency_admin",
        "np.agency_admin",
        "ovs.system_admin",
    ):
        assert _queue(world, username) == [], username


@pytest.mark.parametrize(
    "username",
    ["np.investigator", "cafiu.analyst", "ncct.agency_admin", "ovs.system_admin"],
)
def test_a_tip_one_may_not_see_is_not_found(world, send, username) -> None:
    tip_id = send()
    with pytest.raises(NotFoundError) as hidden:
        _do(world, get_tip, username, tip_id=tip_id)
    with pytest.raises(NotFoundError) as missing:
        _do(world, get_tip, username, tip_id=tip_id + 100)
    assert str(hidden.value) == f"no tip {tip_id}"
    assert str(missing.value) == f"no tip {tip_id + 100}"
    for fn, kw in (
        (take_tip, {}),
        (add_tip_note, {"text": "a note"}),
        (refer_tip, {"agency_code": "NP"}),
        (dismiss_tip, {"reason": "nothing to act on here"}),
    ):
        with pytest.raises(NotFoundError):
            _do(world, fn, username, tip_id=tip_id, **kw)


def test_take_note_refer_then_the_agency_sees_it(world, send) -> None:
    tip_id = send("Wages of 40 workers go to one account in Phnom Penh")
    tip = _do(world, take_tip, "ncct.analyst", tip_id=tip_id)
    assert tip.status is TipStatus.REVIEWING
    _do(world, add_tip_note, "ncct.analyst", tip_id=tip_id, text="Bank named; plausible.")
    assert _queue(world, "cafiu.analyst") == []
    _do(world, refer_tip, "ncct.analyst", tip_id=tip_id, agency_code="cafiu", note="money")
    assert world.tip(tip_id).status is TipStatus.REFERRED
    assert _queue(world, "cafiu.analyst") == [tip_id]
    assert _queue(world, "np.investigator") == []  # only the agency it went to
    file = _do(world, get_tip, "cafiu.analyst", tip_id=tip_id)
    assert file.access is TipAccess.REFERRED and file.may_note and not file.may_triage
    assert [(r.agency_code, r.by, r.note) for r in file.referrals] == [
        ("CAFIU", "ncct.analyst", "money")
    ]
    assert [(n.by, n.text) for n in file.notes] == [("ncct.analyst", "Bank named; plausible.")]
    assert file.assignee == "ncct.analyst"
    # The receiving agency adds notes but does not triage.
    _do(world, add_tip_note, "cafiu.analyst", tip_id=tip_id, text="Account known to us.")
    for fn, kw in (
        (take_tip, {}),
        (refer_tip, {"agency_code": "NP"}),
        (dismiss_tip, {"reason": "nothing to act on here"}),
    ):
        with pytest.raises(PermissionDeniedError):
            _do(world, fn, "cafiu.analyst", tip_id=tip_id, **kw)
    # A second agency may be added; the same one twice is a conflict.
    _do(world, refer_tip, "ncct.supervisor", tip_id=tip_id, agency_code="NP")
    assert _queue(world, "np.investigator") == [tip_id]
    with pytest.raises(ConflictError):
        _do(world, refer_tip, "ncct.supervisor", tip_id=tip_id, agency_code="NP")
    rows = [r for r in _do(world, tip_queue, "ncct.supervisor") if r.tip.id == tip_id]
    assert rows[0].referred_to == ("CAFIU", "NP") and rows[0].assignee == "ncct.analyst"


@pytest.mark.parametrize("code", ["NCCT", "PROS", "OVS", "NOPE", ""])
def test_tips_go_only_to_police_gendarmerie_or_fiu(world, send, code) -> None:
    tip_id = send()
    with pytest.raises(InvalidFieldsError):
        _do(world, refer_tip, "ncct.analyst", tip_id=tip_id, agency_code=code)
    assert world.tip(tip_id).status is TipStatus.NEW


def test_referral_agencies_are_police_gendarmerie_and_fiu(world) -> None:
    with world.sessions() as session:
        assert [a.code for a in referral_agencies(session)] == ["CAFIU", "GMP", "NP"]


def test_dismiss_needs_a_reason_and_closes_the_tip(world, send) -> None:
    tip_id = send("asdf asdf")
    with pytest.raises(InvalidFieldsError):
        _do(world, dismiss_tip, "ncct.analyst", tip_id=tip_id, reason="spam")
    tip = _do(world, dismiss_tip, "ncct.analyst", tip_id=tip_id, reason="Spam: no content at all")
    assert tip.status is TipStatus.DISMISSED
    assert tip.dismissal_reason == "Spam: no content at all"
    for fn, kw in (
        (take_tip, {}),
        (refer_tip, {"agency_code": "NP"}),
        (dismiss_tip, {"reason": "again and again"}),
    ):
        with pytest.raises(ConflictError):
            _do(world, fn, "ncct.supervisor", tip_id=tip_id, **kw)
    assert _queue(world, "ncct.analyst", status=TipStatus.DISMISSED) == [tip_id]
    assert _queue(world, "ncct.analyst", status=TipStatus.NEW) == []


def test_a_referred_tip_is_not_dismissed(world, send) -> None:
    tip_id = send()
    _do(world, refer_tip, "ncct.analyst", tip_id=tip_id, agency_code="GMP")
    with pytest.raises(ConflictError):
        _do(world, dismiss_tip, "ncct.analyst", tip_id=tip_id, reason="changed my mind now")


def test_auditors_read_everything_and_change_nothing(world, send) -> None:
    tip_id = send(photo=jpeg_with_gps())
    file = _do(world, get_tip, "ovs.auditor", tip_id=tip_id)
    assert file.access is TipAccess.OVERSIGHT and not file.may_note and not file.may_triage
    photo = _do(world, tip_photo, "ovs.auditor", tip_id=tip_id, storage=world.storage)
    assert photo.intact and photo.content_type == "image/jpeg"
    for fn, kw in (
        (take_tip, {}),
        (add_tip_note, {"text": "a note"}),
        (refer_tip, {"agency_code": "NP"}),
        (dismiss_tip, {"reason": "nothing to act on here"}),
    ):
        with pytest.raises(PermissionDeniedError):
            _do(world, fn, "ovs.auditor", tip_id=tip_id, **kw)


def test_every_read_photo_view_and_decision_is_audited(world, send) -> None:
    tip_id = send(photo=jpeg_with_gps())
    _queue(world, "ncct.analyst")
    _do(world, get_tip, "ncct.analyst", tip_id=tip_id)
    _do(world, tip_photo, "ncct.analyst", tip_id=tip_id, storage=world.storage)
    _do(world, take_tip, "ncct.analyst", tip_id=tip_id)
    _do(world, add_tip_note, "ncct.analyst", tip_id=tip_id, text="checked")
    _do(world, refer_tip, "ncct.analyst", tip_id=tip_id, agency_code="NP", note="a compound")
    _do(world, get_tip, "np.investigator", tip_id=tip_id)
    trail = [
        (e.actor_username, e.action) for e in world.events(object_type="tip", object_id=str(tip_id))
    ]
    assert trail == [
        ("anonymous", "create"),
        ("ncct.analyst", "read"),
        ("ncct.analyst", "download"),
        ("ncct.analyst", "update"),
        ("ncct.analyst", "create"),
        ("ncct.analyst", "share"),
        ("np.investigator", "read"),
    ]
    (queue_read,) = world.events(object_type="tip_queue")
    assert queue_read.actor_username == "ncct.analyst" and '"shown":1' in queue_read.detail
    share = world.events(object_type="tip", action="share")[0]
    assert share.reason == "a compound" and '"agency":"NP"' in share.detail


def test_a_tampered_photo_is_reported_not_served(world, send) -> None:
    tip_id = send(photo=jpeg_with_gps())
    path = photo_path(world.storage, world.tip(tip_id).photo_sha256)
    path.write_bytes(path.read_bytes() + b"tampered")
    photo = _do(world, tip_photo, "ncct.analyst", tip_id=tip_id, storage=world.storage)
    assert not photo.intact
    (event,) = world.events(object_type="tip", action="download")
    assert '"intact":false' in event.detail


def test_a_tip_without_photo_has_no_photo_to_view(world, send) -> None:
    tip_id = send()
    with pytest.raises(NotFoundError):
        _do(world, tip_photo, "ncct.analyst", tip_id=tip_id, storage=world.storage)
