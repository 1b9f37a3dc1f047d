"""Receiving anonymous tips: what is kept, what is refused, duplicates, the audit event."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from counterflow.model.codes import TipCategory, TipStatus
from counterflow.model.errors import InvalidFieldsError
from counterflow.tips import TEXT_MAX, Tip, submit_tip
from counterflow.tips.photo import photo_path

from .conftest import jpeg_with_gps


def test_a_tip_is_stored_new_with_only_what_was_written(world, send) -> None:
    tip_id = send(
        "  Recruiters promise USD 1,500 a month in Sihanoukville.\r\nPassports are taken.  ",
        category="trafficking",
        province="Preah Sihanouk",
        contact="012 345 678",
        language="km",
    )
    tip = world.tip(tip_id)
    assert (
        tip.text == "Recruiters promise USD 1,500 a month in Sihanoukville.\nPassports are taken."
    )
    assert tip.category is TipCategory.TRAFFICKING
    assert tip.province == "Preah Sihanouk"
    assert tip.contact == "012 345 678"
    assert tip.language == "km"
    assert tip.status is TipStatus.NEW
    assert tip.reference.startswith("T-") and len(tip.reference) == 10
    assert tip.duplicate_of_id is None and tip.photo_sha256 is None


def test_every_tip_write_is_an_anonymous_audit_event(world, send) -> None:
    tip_id = send("A boat in Koh Kong keeps fishermen at sea for months", province="Koh Kong")
    (event,) = world.events(object_type="tip", object_id=str(tip_id))
    assert event.action == "create"
    assert event.actor_user_id is None and event.actor_username == "anonymous"
    assert event.actor_agency == "" and event.actor_role == ""
    assert '"province":"Koh Kong"' in event.detail
    assert "boat" not in event.detail  # the text stays in the tip, not in the trail


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * (TEXT_MAX + 1)}, "text"),
        ({"category": "murder"}, "category"),
        ({"province": "Bangkok"}, "province"),
        ({"contact": "9" * 201}, "contact"),
    ],
)
def test_invalid_fields_are_named_and_nothing_is_kept(world, fields, bad) -> None:
    values = {"text": "something happened", **fields}
    with world.sessions.begin() as session, pytest.raises(InvalidFieldsError) as info:
        submit_tip(session, **values)
    assert bad in info.value.errors
    assert world.count(Tip) == 0
    assert world.events(object_type="tip") == []


def test_control_characters_are_dropped_khmer_is_kept(world, send) -> None:
    khmer = "មានកម្មករ​ជាច្រើន\u200bនៅ\x00ខេត្តកំពត\x1b"
    tip = world.tip(send(khmer, contact="tel\n012\t345"))
    assert tip.text == "មានកម្មករ\u200bជាច្រើន\u200bនៅខេត្តកំពត"
    assert tip.contact == "tel 012 345"


def test_the_same_text_within_the_hour_is_kept_but_flagged(world, send) -> None:
    now = datetime.now(UTC)
    first = send("Workers locked in a compound  in KAMPOT", now=now - timedelta(minutes=50))
    again = send("workers locked in a compound in Kampot", now=now - timedelta(minutes=10))
    third = send("Workers locked in a compound in Kampot", now=now)
    later = send("Workers locked in a compound in Kampot", now=now + timedelta(hours=2))
    other = send("Something else entirely", now=now)
    assert world.tip(first).duplicate_of_id is None
    assert world.tip(again).duplicate_of_id == first
    assert world.tip(third).duplicate_of_id == first  # the first of the run, not the previous
    assert world.tip(later).duplicate_of_id is None
    assert world.tip(other).duplicate_of_id is None
    (event,) = world.events(object_type="tip", object_id=str(again))
    assert f'"duplicate_of":{first}' in event.detail


def test_a_photo_is_cleaned_and_stored_by_its_hash(world, send) -> None:
    tip = world.tip(send("Photo of the gate", photo=jpeg_with_gps()))
    assert tip.photo_content_type == "image/jpeg"
    stored = photo_path(world.storage, tip.photo_sha256).read_bytes()
    assert len(stored) == tip.photo_size
    assert "exif" not in Image.open(io.BytesIO(stored)).info
    # The same picture again is the same file.
    again = world.tip(send("Photo of the gate, again", photo=jpeg_with_gps()))
    assert again.photo_sha256 == tip.photo_sha256
    assert len(list(world.storage.rglob("*"))) == 2  # one folder, one file


def test_a_bad_photo_refuses_the_whole_tip_and_stores_nothing(world) -> None:
    with world.sessions.begin() as session, pytest.raises(InvalidFieldsError) as info:
        submit_tip(session, text="see the photo", photo=b"%PDF-1.4", storage=world.storage)
    assert set(info.value.errors) == {"photo"}
    assert world.count(Tip) == 0
    assert not world.storage.exists()


def test_a_bad_field_stores_no_photo(world) -> None:
    with world.sessions.begin() as session, pytest.raises(InvalidFieldsError):
        submit_tip(session, text="", photo=jpeg_with_gps(), storage=world.storage)
    assert not world.storage.exists()


def test_the_schema_has_no_place_for_an_address_or_a_browser() -> None:
    columns = {c.name for t in (Tip.__table__,) for c in t.columns}
    for word in ("ip", "address", "agent", "user_agent", "device", "host"):
        assert not any(word in c.split("_") for c in columns), word
