"""Pass-through: credits leave again within hours, balance back near zero."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.pass_through import PassThrough

Factory = Callable[..., Any]


def test_finds_money_passing_straight_through_in_noise(noisy: Factory) -> None:
    led = noisy()
    planted = {
        led.add("p1", "CONDUIT", 4_000, 300),
        led.add("p2", "CONDUIT", 3_000, 302),
        led.add("CONDUIT", "q1", 6_900, 305),
    }
    alerts = [a for a in PassThrough().detect(led.frame()).alerts if "CONDUIT" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].txn_ids) == planted
    assert "(99%)" in alerts[0].explanation


def test_saving_most_of_the_income_is_not_pass_through(ledger: Factory) -> None:
    led = ledger()
    led.add("employer", "SAVER", 4_000, 10)
    led.add("client", "SAVER", 3_000, 12)
    led.add("SAVER", "landlord", 1_400, 15)
    assert PassThrough().detect(led.frame()).alerts == []


def test_paying_out_days_later_is_not_pass_through(ledger: Factory) -> None:
    led = ledger()
    led.add("p1", "ACC", 4_000, 10)
    led.add("p2", "ACC", 3_000, 12)
    led.add("ACC", "q1", 6_900, 12 + 24 * 5)
    assert PassThrough().detect(led.frame()).alerts == []


def test_a_clearing_hub_is_not_pass_through(ledger: Factory) -> None:
    led = ledger()
    for day in range(10):  # a processor clears 80 payments a day, all paid on the same day
        for k in range(80):
            led.add(f"cust{k}", "CLEARING", 100, 24 * day + 8 + k / 10)
        led.add("CLEARING", "merchant", 8_000, 24 * day + 18)
    assert PassThrough().detect(led.frame()).alerts == []
