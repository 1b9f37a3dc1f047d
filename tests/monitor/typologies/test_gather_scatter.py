"""Gather-scatter: collect from many, then pay many, passing the money on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.gather_scatter import GatherScatter

Factory = Callable[..., Any]


def test_finds_collect_then_disperse_in_noise(noisy: Factory) -> None:
    led = noisy()
    for i in range(5):
        led.add(f"in{i}", "CENTRE", 2_000 + 50 * i, 160 + i)
    for i in range(4):
        led.add("CENTRE", f"out{i}", 2_300, 170 + i)
    alerts = [a for a in GatherScatter().detect(led.frame()).alerts if "CENTRE" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"CENTRE"} | {f"in{i}" for i in range(5)} | {
        f"out{i}" for i in range(4)
    }
    assert len(alerts[0].txn_ids) == 9


def test_a_stall_that_keeps_its_takings_is_not_one(noisy: Factory) -> None:
    led = noisy()
    for i in range(5):  # customers pay, the stall buys stock for a fifth of the takings
        led.add(f"in{i}", "STALL", 2_000, 160 + i)
    for i in range(4):
        led.add("STALL", f"supplier{i}", 500, 170 + i)
    assert not [a for a in GatherScatter().detect(led.frame()).alerts if "STALL" in a.accounts]


def test_paying_out_before_collecting_is_not_one(ledger: Factory) -> None:
    led = ledger()
    for i in range(4):
        led.add("CENTRE", f"out{i}", 2_300, 150 + i)
    for i in range(5):
        led.add(f"in{i}", "CENTRE", 2_000, 160 + i)
    assert GatherScatter().detect(led.frame()).alerts == []
