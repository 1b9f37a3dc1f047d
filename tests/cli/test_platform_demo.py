"""The demo world of the case platform and ``counterflow audit verify``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from counterflow.audit import verify
from counterflow.cases import Case, DeconflictionNotice
from counterflow.cli.demo_platform import DEMO_USERS, seed_demo
from counterflow.cli.main import app
from counterflow.store import make_engine, session_factory, transaction, upgrade


def test_demo_world_is_seeded_once_and_tells_its_story(sessions) -> None:
    with transaction(sessions) as s:
        first = seed_demo(s, alerts_path=None, screener=None, history=False)
    with transaction(sessions) as s:
        again = seed_demo(s, alerts_path=None, screener=None, history=False)
        cases = {c.title: c for c in s.scalars(select(Case))}
        notices = s.scalar(select(func.count()).select_from(DeconflictionNotice))
        assert verify(s).ok
    assert first.new_cases == 4 and again.new_cases == 0
    assert set(first.passwords) == {u for u, *_ in DEMO_USERS}
    assert first.passwords["sokha"][0] != again.passwords["sokha"][0]  # drawn anew
    scam = next(c for t, c in cases.items() if t.startswith("Online scam"))
    assert scam.foreign_suspect and scam.same_foreign_nationality
    ktv = next(c for t, c in cases.items() if t.startswith("KTV"))
    assert not ktv.foreign_suspect
    # The recruiter's phone links the police KTV case and the gendarmerie boat case, and an
    # account links the police scam case and the FIU laundering case: a notice each side.
    assert notices == 4


@pytest.fixture
def sqlite_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cf.db'}"
    monkeypatch.setenv("COUNTERFLOW_DATABASE_URL", url)
    upgrade(url)
    return url


def test_audit_verify_cli_passes_then_detects_tampering(sqlite_db: str) -> None:
    engine = make_engine(sqlite_db)
    with transaction(session_factory(engine)) as s:
        seed_demo(s, alerts_path=None, screener=None, history=False)
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify", "--json"])
    assert ok.exit_code == 0, ok.output
    assert '"ok": true' in ok.output
    with engine.begin() as c:
        c.execute(text("DROP TRIGGER audit_event_no_update"))
        c.execute(text("UPDATE audit_event SET reason = 'nothing happened' WHERE seq = 3"))
    engine.dispose()
    broken = runner.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1
    assert "event 3" in broken.output


def test_users_create_refuses_a_short_password_then_creates(sqlite_db: str) -> None:
    runner = CliRunner()
    args = ["users", "create", "boss", "--agency", "OVS", "--role", "system_admin"]
    short = runner.invoke(app, [*args, "--name", "Boss", "--password", "short"])
    assert short.exit_code == 2
    assert "at least 12 characters" in short.output
    done = runner.invoke(app, [*args, "--name", "Boss", "--password", "a long enough password"])
    assert done.exit_code == 0, done.output
    engine = make_engine(sqlite_db)
    with engine.connect() as c:
        assert c.execute(text("SELECT role FROM user_account WHERE username='boss'")).scalar() == (
            "system_admin"
        )
    engine.dispose()
