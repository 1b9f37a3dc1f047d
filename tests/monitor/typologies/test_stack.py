"""Stack: two bipartite layers, senders -> middle -> receivers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.stack import Stack

Factory = Callable[..., Any]


def _layers(led: Any, *, first_at: float, second_at: float) -> None:
    for i in range(2):
        for j in range(3):
            led.add(f"a{i}", f"m{j}", 5_000 + 50 * i, first_at + i + j / 2)
    for i in range(3):
        for j in range(2):
            led.add(f"m{i}", f"z{j}", 4_800 + 50 * i, second_at + i + j / 2)


def test_finds_two_stacked_layers_in_noise(noisy: Factory) -> None:
    led = noisy()
    _layers(led, first_at=300, second_at=310)
    alerts = [a for a in Stack().detect(led.frame()).alerts if "a0" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"a0", "a1", "m0", "m1", "m2", "z0", "z1"}
    assert len(alerts[0].txn_ids) == 12


def test_a_middle_layer_that_pays_before_it_is_paid_is_not_a_stack(ledger: Factory) -> None:
    led = ledger()
    _layers(led, first_at=40, second_at=10)
    assert Stack().detect(led.frame()).alerts == []


def test_a_single_layer_is_not_a_stack(ledger: Factory) -> None:
    led = ledger()
    for i in range(3):
        for j in range(3):
            led.add(f"s{i}", f"r{j}", 3_000, 100 + i + j / 2)
    assert Stack().detect(led.frame()).alerts == []
