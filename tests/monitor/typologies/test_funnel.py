"""Funnel: deposits from many people at several banks, drained to one or two accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.funnel import Funnel

Factory = Callable[..., Any]


def _deposits(led: Any, into: str) -> set[str]:
    return {
        led.add(f"d{i}", into, 900 + 10 * i, 400 + 3 * i, src_bank=f"BK{i % 3}") for i in range(7)
    }


def test_finds_a_funnel_account_in_noise(noisy: Factory) -> None:
    led = noisy()
    planted = _deposits(led, "FUN") | {led.add("FUN", "ORGANISER", 6_500, 430)}
    alerts = [a for a in Funnel().detect(led.frame()).alerts if "FUN" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].txn_ids) == planted
    assert "ORGANISER" in alerts[0].accounts


def test_deposits_all_at_one_bank_are_not_a_funnel(ledger: Factory) -> None:
    led = ledger()
    for i in range(7):
        led.add(f"d{i}", "ACC", 900, 400 + 3 * i, src_bank="BK1")
    led.add("ACC", "OWNER", 6_300, 430)
    assert Funnel().detect(led.frame()).alerts == []


def test_a_shop_paying_many_suppliers_is_not_a_funnel(ledger: Factory) -> None:
    led = ledger()
    _deposits(led, "SHOP")
    for k in range(5):
        led.add("SHOP", f"supplier{k}", 1_300, 425 + k)
    assert Funnel().detect(led.frame()).alerts == []


def test_a_shop_keeping_its_takings_is_not_a_funnel(ledger: Factory) -> None:
    led = ledger()
    _deposits(led, "SHOP")
    led.add("SHOP", "OWNER", 1_000, 430)
    assert Funnel().detect(led.frame()).alerts == []
