"""Wage sweep: workers' pay moved on within hours to one controlling account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.wage_sweep import WageSweep

Factory = Callable[..., Any]


def _payroll(led: Any, month: int, workers: int = 10) -> float:
    payday = 24 * (3 + 30 * month)
    for w in range(workers):
        led.add("FACTORY", f"worker{w}", 300 + 5 * w, payday + 2 + w / 100)
    return payday


def test_finds_pay_swept_to_a_controller_in_noise(noisy: Factory) -> None:
    led = noisy()
    for month in range(2):
        payday = _payroll(led, month)
        for w in range(6):
            led.add(f"worker{w}", "BOSS", 270 + 5 * w, payday + 5 + w / 10)
    alerts = [a for a in WageSweep().detect(led.frame()).alerts if "BOSS" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"BOSS", "FACTORY"} | {f"worker{w}" for w in range(6)}
    assert len(alerts[0].txn_ids) == 24
    assert "6 workers" in alerts[0].explanation


def test_workers_sending_part_of_their_pay_home_is_not_a_sweep(ledger: Factory) -> None:
    led = ledger()
    for month in range(2):
        payday = _payroll(led, month)
        for w in range(10):
            led.add(f"worker{w}", f"family{w}", 120, payday + 6)  # to their own families
            led.add(f"worker{w}", "MINIMART", 30, payday + 8)  # and the same shop
    assert WageSweep().detect(led.frame()).alerts == []


def test_sweeps_days_after_payday_are_not_a_sweep(ledger: Factory) -> None:
    led = ledger()
    payday = _payroll(led, 0)
    for w in range(6):
        led.add(f"worker{w}", "LENDER", 270, payday + 24 * 4)  # a loan repaid days later
    assert WageSweep().detect(led.frame()).alerts == []
