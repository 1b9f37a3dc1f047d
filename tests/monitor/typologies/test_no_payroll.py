"""No payroll: business-sized turnover from many payers, no salaries paid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.no_payroll import NoPayroll

Factory = Callable[..., Any]


def _turnover(led: Any, into: str) -> None:
    for i in range(25):
        led.add(f"client{i}", into, 2_500 + 10 * i, 24 * i + 5)


def test_finds_turnover_without_payroll_in_noise(noisy: Factory) -> None:
    led = noisy()
    _turnover(led, "FRONT")
    led.add("FRONT", "OWNER", 40_000, 24 * 26)
    alerts = [a for a in NoPayroll().detect(led.frame()).alerts if "FRONT" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"FRONT"} | {f"client{i}" for i in range(25)}
    assert "2024-03" in alerts[0].explanation
    assert "to 1 account(s)" in alerts[0].explanation


def test_a_business_that_pays_its_staff_is_not_flagged(ledger: Factory) -> None:
    led = ledger()
    _turnover(led, "COMPANY")
    for e in range(8):
        led.add("COMPANY", f"staff{e}", 450 + 10 * e, 24 * 25 + 9)
    assert NoPayroll().detect(led.frame()).alerts == []


def test_turnover_that_stays_or_pays_many_suppliers_is_not_flagged(ledger: Factory) -> None:
    led = ledger()
    _turnover(led, "KEEPER")  # keeps it
    _turnover(led, "TRADER")  # pays eight suppliers, each a single large bill
    for k in range(8):
        led.add("TRADER", f"supplier{k}", 6_000, 24 * 26 + k)
    assert NoPayroll().detect(led.frame()).alerts == []


def test_small_turnover_is_not_flagged(ledger: Factory) -> None:
    led = ledger()
    for i in range(25):
        led.add(f"client{i}", "STALL", 200, 24 * i + 5)
    assert NoPayroll().detect(led.frame()).alerts == []
