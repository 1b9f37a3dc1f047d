"""Third-party cash: many small round cash deposits by different people into one account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.third_party_cash import ThirdPartyCash

Factory = Callable[..., Any]


def test_finds_round_deposits_at_many_branches_in_noise(noisy: Factory) -> None:
    led = noisy()
    planted = {
        led.add(f"CASH@BK{i % 4}", "TPC", 100 + 50 * (i % 3), 200 + 13 * i, channel="cash")
        for i in range(8)
    }
    alerts = [a for a in ThirdPartyCash().detect(led.frame()).alerts if "TPC" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].txn_ids) == planted


def test_night_and_weekend_deposits_score_higher(ledger: Factory) -> None:
    led = ledger()
    for i in range(8):  # office hours, Monday to Thursday (T0 is Monday 07:00 local)
        led.add(f"CASH@BK{i % 4}", "DAY", 100, 3 + 10 * i, channel="cash")
    for i in range(8):  # 23:00 local on Saturday and Sunday
        led.add(
            f"CASH@BK{i % 4}", "NIGHT", 100, 24 * 12 + 16 + 24 * (i % 2) + i / 10, channel="cash"
        )
    by_account = {a.accounts[-1]: a.score for a in ThirdPartyCash().detect(led.frame()).alerts}
    assert by_account["NIGHT"] > by_account["DAY"]


def test_a_shopkeeper_depositing_own_takings_is_not_third_party_cash(ledger: Factory) -> None:
    led = ledger()
    for day in range(10):  # one branch, one depositor, uneven amounts
        led.add("CASH@BK1", "SHOPKEEPER", 300, 24 * day + 11, channel="cash")
    assert ThirdPartyCash().detect(led.frame()).alerts == []


def test_uneven_amounts_are_not_round(ledger: Factory) -> None:
    led = ledger()
    for i in range(8):
        led.add(f"CASH@BK{i % 4}", "ACC", 137.45 + i, 200 + 13 * i, channel="cash")
    assert ThirdPartyCash().detect(led.frame()).alerts == []
