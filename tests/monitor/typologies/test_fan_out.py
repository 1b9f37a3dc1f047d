"""Fan-out: one payer, many fresh payees, in a burst; payroll is not one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies._fan import FanParams
from counterflow.monitor.typologies.fan_out import FanOut

Factory = Callable[..., Any]


def test_finds_a_burst_to_fresh_payees_in_noise(noisy: Factory) -> None:
    led = noisy()
    planted = {led.add("MULE", f"x{i}", 950 + 10 * i, 100 + 1.5 * i) for i in range(12)}
    alerts = [a for a in FanOut().detect(led.frame()).alerts if "MULE" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"MULE"} | {f"x{i}" for i in range(12)}
    assert set(alerts[0].txn_ids) == planted
    assert "12 distinct accounts" in alerts[0].explanation
    assert alerts[0].thresholds["min_counterparties"] == 5.0


def test_monthly_payroll_is_not_a_fan_out(noisy: Factory) -> None:
    led = noisy()
    for month in range(3):  # the same 20 employees paid on the 1st of each month
        for e in range(20):
            led.add("EMPLOYER", f"emp{e}", 400 + 20 * e, 24 * 30 * month + 9 + e / 60)
    result = FanOut().detect(led.frame())
    assert not [a for a in result.alerts if "EMPLOYER" in a.accounts]


def test_one_payroll_run_without_history_does_alert(ledger: Factory) -> None:
    """Without a second month nothing tells payroll from dispersal (the negative above is
    decided by recurrence, not by chance)."""
    led = ledger()
    for e in range(20):
        led.add("EMPLOYER", f"emp{e}", 400 + 20 * e, 9 + e / 60)
    assert [a for a in FanOut().detect(led.frame()).alerts if "EMPLOYER" in a.accounts]


def test_below_the_counterparty_threshold_is_quiet(ledger: Factory) -> None:
    led = ledger()
    for i in range(4):
        led.add("A", f"x{i}", 1_000, 10 + i)
    assert FanOut().detect(led.frame()).alerts == []
    stricter = FanOut(FanParams(min_counterparties=3))
    assert len(stricter.detect(led.frame()).alerts) == 1


def test_a_steady_stream_of_payouts_is_not_a_burst(ledger: Factory) -> None:
    led = ledger()
    for day in range(20):  # six new payees every day for twenty days: routine, not a burst
        for k in range(6):
            led.add("PAYOUTS", f"p{day}_{k}", 300, 24 * day + 2 * k)
    assert FanOut().detect(led.frame()).alerts == []
