"""The platform demo seeds the KYC file of the demo world and finds the case person who is
one of its holders."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from counterflow.cases import Person
from counterflow.cli.demo_network import NOTE
from counterflow.cli.demo_platform import seed_demo
from counterflow.ingest import write_holders
from counterflow.network import AccountHolder, DuplicateCandidate
from counterflow.simulate import WorldConfig, build_world
from counterflow.simulate.holders import simulate_holders


def test_demo_has_a_case_person_with_a_holder_duplicate(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    world = build_world(
        WorldConfig(accounts=3_000, days=10, seed=11, pattern_weights={"wage_sweep": 1.0})
    )
    write_holders(simulate_holders(world), tmp_path / "holders.csv")
    for _ in range(2):  # idempotent
        with sessions.begin() as s:
            seed_demo(s, alerts_path=tmp_path / "alerts.parquet", screener=None, history=False)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(AccountHolder)) == 3_000
        (person,) = s.scalars(select(Person).where(Person.notes == NOTE))
        key = f"person:{person.id}"
        pairs = list(
            s.scalars(
                select(DuplicateCandidate).where(
                    (DuplicateCandidate.left_key == key) | (DuplicateCandidate.right_key == key)
                )
            )
        )
        holder = [c for c in pairs if c.left_holder_id or c.right_holder_id]
        assert holder and holder[0].match_probability >= 0.8
        row = s.get(AccountHolder, holder[0].left_holder_id or holder[0].right_holder_id)
        assert row is not None and row.name != person.name_latin  # written differently
