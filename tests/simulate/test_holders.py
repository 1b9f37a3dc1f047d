"""Simulated KYC records: one per account, red flags on the planted wage sweeps, and the
transactions untouched."""

from __future__ import annotations

from collections import Counter

from counterflow.links import SharedKind, holder_record, normalise, shared_identifiers
from counterflow.simulate import WorldConfig, build_world
from counterflow.simulate.holders import simulate_holders, wage_sweeps

CONFIG = WorldConfig(accounts=3_000, days=10, seed=11, pattern_weights={"wage_sweep": 1.0})


def test_holders_plant_the_controllers_marks_without_touching_transactions() -> None:
    world = build_world(CONFIG)
    before = world.transactions.clone()
    holders = simulate_holders(world)
    assert world.transactions.equals(before)
    assert simulate_holders(build_world(CONFIG)) == holders  # seeded
    by_account = {h.account: h for h in holders}
    assert len(by_account) == world.scene.accounts.n
    sweeps = wage_sweeps(world.transactions)
    assert sweeps
    _, controller, workers = max(sweeps, key=lambda s: len(s[2]))
    boss = by_account[controller]
    signed = Counter(by_account[w].signatory for w in workers)
    assert signed[boss.name or boss.name_khmer] >= len(workers) // 2
    if boss.phone:
        phone = normalise(SharedKind.PHONE, boss.phone)
        found = shared_identifiers(
            [holder_record(f"person:h{i}", h) for i, h in enumerate(holders)],
            kinds=[SharedKind.PHONE],
            min_records=3,
        )
        assert any(s.value == phone for s in found)


def test_noise_makes_linkage_non_trivial() -> None:
    holders = simulate_holders(build_world(CONFIG))
    people = [h for h in holders if h.holder_kind.value == "person"]
    assert any(not h.name and h.name_khmer for h in people)  # Khmer script only
    assert any(len(h.date_of_birth) == 4 for h in people)  # year only
    assert any(not h.phone for h in people)
