"""Fixtures for anonymous tips: agencies and users (the NCCT secretariat, agencies a tip may
be referred to, oversight, administrators), photos, and a helper to send tips.

def test_x(world, send):
    tip_id = send("A compound in Kampot holds workers")   # a stored tip's id
    world["ncct.analyst"]                                 # an Actor
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from PIL import Image, ImageCms
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from counterflow.agencies import ensure_national_agencies
from counterflow.audit import AuditEvent
from counterflow.auth import actor_of, create_user, passwords
from counterflow.model.actor import Actor
from counterflow.model.codes import Role
from counterflow.tips import Tip, submit_tip

PASSWORD = "a long enough passphrase"
USERS: tuple[tuple[str, Role], ...] = (
    ("ncct.analyst", Role.ANALYST),
    ("ncct.investigator", Role.INVESTIGATOR),
    ("ncct.supervisor", Role.SUPERVISOR),
    ("ncct.agency_admin", Role.AGENCY_ADMIN),
    ("np.investigator", Role.INVESTIGATOR),
    ("np.agency_admin", Role.AGENCY_ADMIN),
    ("gmp.investigator", Role.INVESTIGATOR),
    ("cafiu.analyst", Role.ANALYST),
    ("pros.supervisor", Role.SUPERVISOR),
    ("ovs.auditor", Role.AUDITOR),
    ("ovs.system_admin", Role.SYSTEM_ADMIN),
)


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """argon2id at its lowest cost for the seeded users (tests/auth checks the real one)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class World:
    sessions: sessionmaker[Session]
    storage: Path
    agencies: dict[str, int] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)

    def __getitem__(self, username: str) -> Actor:
        return self.actors[username]

    def tip(self, tip_id: int) -> Tip:
        with self.sessions() as session:
            row = session.get(Tip, tip_id)
            assert row is not None
            return row

    def count(self, model: type[Any], *where: Any) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def events(self, **match: Any) -> list[AuditEvent]:
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        for column, value in match.items():
            stmt = stmt.where(getattr(AuditEvent, column) == value)
        with self.sessions() as session:
            return list(session.scalars(stmt))


@pytest.fixture
def world(sessions: sessionmaker[Session], tmp_path: Path) -> World:
    out = World(sessions, tmp_path / "tips")
    with sessions.begin() as session:
        out.agencies = {a.code: a.id for a in ensure_national_agencies(session)}
        for username, role in USERS:
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=username,
                agency_id=out.agencies[username.split(".")[0].upper()],
                role=role,
                password=PASSWORD,
            )
            out.actors[username] = actor_of(session, user)
    return out


@pytest.fixture
def send(world: World) -> Callable[..., int]:
    """``send(text, **fields) -> tip id``: one anonymous tip, committed."""

    def _send(text: str = "Workers are locked in a compound in Kampot", **fields: Any) -> int:
        with world.sessions.begin() as session:
            return submit_tip(session, text=text, storage=world.storage, **fields).id

    return _send


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), **save: Any) -> bytes:
    """A small picture (a red square with a blue corner) in ``fmt``."""
    picture = Image.new("RGB", size, (200, 30, 30))
    picture.paste((20, 40, 220), (0, 0, size[0] // 4, size[1] // 4))
    out = io.BytesIO()
    picture.save(out, format=fmt, **save)
    return out.getvalue()


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>'
    b"<dc:creator>Sokha</dc:creator></rdf:RDF></x:xmpmeta>"
)


def jpeg_with_gps() -> bytes:
    """A JPEG carrying what a phone photo gives away: EXIF with a GPS position, the camera,
    a description; an XMP packet naming its author; a comment; an ICC profile."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X-1"  # Model
    exif[0x010E] = "taken by Sokha"  # ImageDescription
    gps = exif.get_ifd(0x8825)  # the GPS IFD
    gps[1] = "N"
    gps[2] = (11.0, 33.0, 36.0)
    gps[3] = "E"
    gps[4] = (104.0, 55.0, 12.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return image_bytes(
        "JPEG", exif=exif.tobytes(), comment=b"secret comment", xmp=XMP, icc_profile=icc
    )


@pytest.fixture
def make_image() -> Callable[..., bytes]:
    return image_bytes
