"""Fan-in: many fresh payers into one account in a burst; a processor hub is not one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterflow.monitor.typologies.fan_in import FanIn

Factory = Callable[..., Any]


def test_finds_a_collection_burst_in_noise(noisy: Factory) -> None:
    led = noisy()
    planted = {led.add(f"v{i}", "COLLECT", 700 + 25 * i, 120 + i) for i in range(9)}
    alerts = [a for a in FanIn().detect(led.frame()).alerts if "COLLECT" in a.accounts]
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"COLLECT"} | {f"v{i}" for i in range(9)}
    assert set(alerts[0].txn_ids) == planted


def test_payment_processor_hub_is_not_a_fan_in(noisy: Factory) -> None:
    led = noisy()
    for day in range(30):  # 60 customers a day, settled to merchants every evening
        for k in range(60):
            led.add(f"cust{day}_{k}", "PSP", 20 + k, 24 * day + 8 + k / 6)
        for m in range(3):
            led.add("PSP", f"merchant{m}", 400, 24 * day + 20)
    assert not [a for a in FanIn().detect(led.frame()).alerts if "PSP" in a.accounts]


def test_a_busy_shop_is_not_a_burst(ledger: Factory) -> None:
    led = ledger()
    for day in range(20):  # six new customers a day, below the hub rate, every day
        for k in range(6):
            led.add(f"c{day}_{k}", "SHOP", 15, 24 * day + 9 + k)
    assert FanIn().detect(led.frame()).alerts == []


def test_rent_from_the_same_tenants_every_month_is_not_a_fan_in(ledger: Factory) -> None:
    led = ledger()
    for month in range(3):
        for k in range(6):
            led.add(f"tenant{k}", "LANDLORD", 350, 24 * 30 * month + 8 + k)
    assert FanIn().detect(led.frame()).alerts == []
