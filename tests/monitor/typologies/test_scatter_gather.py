"""Scatter-gather: a source, a layer of relays, one destination."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.scatter_gather import ScatterGather

Factory = Callable[..., Any]


def test_finds_relays_between_two_accounts_in_noise(noisy: Factory) -> None:
    led = noisy()
    for i in range(4):
        led.add("SRC", f"mid{i}", 4_000 + 100 * i, 200 + i)
        led.add(f"mid{i}", "DST", 3_800 + 100 * i, 210 + 3 * i)
    alerts = [a for a in ScatterGather().detect(led.frame()).alerts if "SRC" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"SRC", "DST"} | {f"mid{i}" for i in range(4)}
    assert "4 intermediaries" in alerts[0].explanation


def test_employees_paying_the_same_landlord_part_of_their_pay_is_not_one(ledger: Factory) -> None:
    led = ledger()
    for e in range(6):
        led.add("EMPLOYER", f"emp{e}", 1_500, 9 + e / 60)
        led.add(f"emp{e}", "LANDLORD", 500, 20 + e)
    assert ScatterGather().detect(led.frame()).alerts == []


def test_pay_withdrawn_at_the_banks_cash_desk_is_not_one(noisy: Factory) -> None:
    led = noisy()
    for day in range(30):  # the cash desk serves everyone: a hub
        for k in range(60):
            led.add(f"walkin{k}", "CASH@BK1", 50, 24 * day + 8 + k / 8, channel="cash")
    for e in range(6):  # payday, then most of the pay withdrawn the same afternoon
        led.add("EMPLOYER", f"emp{e}", 1_500, 24 * 5 + 9 + e / 60)
        led.add(f"emp{e}", "CASH@BK1", 1_400, 24 * 5 + 15 + e, channel="cash")
    alerts = ScatterGather().detect(led.frame()).alerts
    assert not [a for a in alerts if "EMPLOYER" in a.accounts]
