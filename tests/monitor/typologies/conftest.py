"""Hand-built transaction frames for detector tests: a builder and seeded background noise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
import polars as pl
import pytest

T0 = datetime(2024, 3, 4, tzinfo=UTC)  # a Monday, 00:00 UTC (07:00 in Phnom Penh)
KHR_PER_USD = 4_000.0


@dataclass
class Ledger:
    """Rows added by a test; :meth:`frame` gives the canonical frame the detectors take."""

    rows: list[dict[str, object]] = field(default_factory=list)

    def add(
        self,
        src: str,
        dst: str,
        usd: float,
        at: float,
        *,
        channel: str = "wire",
        currency: str = "USD",
        src_bank: str = "BK1",
        dst_bank: str = "BK1",
        label: int = 0,
    ) -> str:
        """Add one transfer of ``usd`` at ``at`` hours after T0; returns its txn_id."""
        txn_id = f"T{len(self.rows):06d}"
        amount = usd * KHR_PER_USD if currency == "KHR" else usd
        self.rows.append(
            {
                "txn_id": txn_id,
                "ts": T0 + timedelta(hours=at),
                "src_account": src,
                "dst_account": dst,
                "amount": amount,
                "currency": currency,
                "amount_usd": usd,
                "channel": channel,
                "src_bank": src_bank,
                "dst_bank": dst_bank,
                "label": label,
                "pattern": "planted" if label else None,
                "pattern_id": 1 if label else None,
            }
        )
        return txn_id

    def background(
        self, seed: int = 7, *, accounts: int = 300, n: int = 3_000, days: int = 30
    ) -> None:
        """Random everyday transfers between ``accounts`` people over ``days`` days."""
        rng = np.random.default_rng(seed)
        src = rng.integers(0, accounts, n)
        dst = (src + rng.integers(1, accounts, n)) % accounts
        usd = np.round(rng.lognormal(4.5, 1.0, n), 2)
        at = np.sort(rng.uniform(0, days * 24, n))
        channels = rng.choice(["wire", "ach", "card", "mobile"], n)
        for s, d, u, t, c in zip(src, dst, usd, at, channels, strict=True):
            self.add(f"bg{s:04d}", f"bg{d:04d}", float(u), float(t), channel=str(c))

    def frame(self, *, truth: bool = True) -> pl.DataFrame:
        """The canonical frame, sorted by time, with dense ids (and ground truth if asked)."""
        df = pl.DataFrame(
            self.rows,
            schema={
                "txn_id": pl.String,
                "ts": pl.Datetime("us", "UTC"),
                "src_account": pl.String,
                "dst_account": pl.String,
                "amount": pl.Float64,
                "currency": pl.String,
                "amount_usd": pl.Float64,
                "channel": pl.String,
                "src_bank": pl.String,
                "dst_bank": pl.String,
                "label": pl.Int8,
                "pattern": pl.String,
                "pattern_id": pl.Int64,
            },
        ).sort("ts", "txn_id")
        names = sorted(set(df["src_account"]) | set(df["dst_account"]))
        ids = pl.DataFrame({"account": names, "id": range(len(names))}).with_columns(
            pl.col("id").cast(pl.Int32)
        )
        df = df.join(ids.rename({"account": "src_account", "id": "src_id"}), on="src_account")
        df = df.join(ids.rename({"account": "dst_account", "id": "dst_id"}), on="dst_account")
        df = df.sort("ts", "txn_id")
        return df if truth else df.drop("label", "pattern", "pattern_id")


def plant_zoo(led: Ledger) -> dict[str, set[str]]:
    """One hand-built instance of every typology, at separate times; returns their accounts."""
    expected: dict[str, set[str]] = {}
    for i in range(12):  # fan-out: 12 fresh payees within 16 h
        led.add("FO", f"fo{i}", 950 + 10 * i, 100 + 1.5 * i, label=1)
    expected["fan_out"] = {"FO"} | {f"fo{i}" for i in range(12)}
    for i in range(9):  # fan-in: 9 fresh payers within 8 h
        led.add(f"fi{i}", "FI", 700 + 25 * i, 120 + i, label=1)
    expected["fan_in"] = {"FI"} | {f"fi{i}" for i in range(9)}
    for i in range(5):  # gather-scatter through GS
        led.add(f"gsi{i}", "GS", 2_000 + 50 * i, 160 + i, label=1)
    for i in range(4):
        led.add("GS", f"gso{i}", 2_300, 170 + i, label=1)
    expected["gather_scatter"] = (
        {"GS"} | {f"gsi{i}" for i in range(5)} | {f"gso{i}" for i in range(4)}
    )
    for i in range(4):  # scatter-gather SG1 -> sgm* -> SG2
        led.add("SG1", f"sgm{i}", 4_000 + 100 * i, 200 + i, label=1)
        led.add(f"sgm{i}", "SG2", 3_800 + 100 * i, 210 + 3 * i, label=1)
    expected["scatter_gather"] = {"SG1", "SG2"} | {f"sgm{i}" for i in range(4)}
    ring = [f"cy{i}" for i in range(5)]  # a ring of five
    for i in range(5):
        led.add(ring[i], ring[(i + 1) % 5], 9_000 - 100 * i, 250 + 10 * i, label=1)
    expected["cycle"] = set(ring)
    chain = [f"rw{i}" for i in range(5)]  # a chain of four hops
    for i in range(4):
        led.add(chain[i], chain[i + 1], 5_000 - 150 * i, 300 + 5 * i, label=1)
    expected["random"] = set(chain)
    for i in range(3):  # bipartite 3 x 3
        for j in range(3):
            led.add(f"bps{i}", f"bpr{j}", 3_000 + 50 * i + 10 * j, 340 + i + j / 2, label=1)
    expected["bipartite"] = {f"bps{i}" for i in range(3)} | {f"bpr{j}" for j in range(3)}
    for i in range(2):  # stack 2 -> 3 -> 2
        for j in range(3):
            led.add(f"sta{i}", f"stm{j}", 5_000 + 50 * i, 380 + i + j / 2, label=1)
    for i in range(3):
        for j in range(2):
            led.add(f"stm{i}", f"stz{j}", 4_800 + 50 * i, 390 + i + j / 2, label=1)
    expected["stack"] = (
        {f"sta{i}" for i in range(2)} | {f"stm{j}" for j in range(3)} | {"stz0", "stz1"}
    )
    for i, usd in enumerate((9_500, 9_800, 9_200)):  # structuring at three branches
        led.add(f"CASH@ST{i}", "STR", usd, 420 + 20 * i, channel="cash", label=1)
    expected["structuring"] = {"STR", "CASH@ST0", "CASH@ST1", "CASH@ST2"}
    led.add("pt1", "PT", 4_000, 480, label=1)  # pass-through
    led.add("pt2", "PT", 3_000, 482, label=1)
    led.add("PT", "pt3", 6_900, 485, label=1)
    expected["pass_through"] = {"PT", "pt1", "pt2", "pt3"}
    for i in range(7):  # funnel: deposits at three banks, drained to one account
        led.add(f"fu{i}", "FUN", 900 + 10 * i, 500 + 3 * i, src_bank=f"BK{i % 3}", label=1)
    led.add("FUN", "ORG", 6_500, 530, label=1)
    expected["funnel"] = {"FUN", "ORG"} | {f"fu{i}" for i in range(7)}
    for m in range(2):  # wage sweep: six of ten workers swept to BOSS after each payday
        for w in range(10):
            led.add("FACTORY", f"wk{w}", 300 + 5 * w, 24 * (3 + 30 * m) + 2 + w / 100)
            if w < 6:
                led.add(f"wk{w}", "BOSS", 270 + 5 * w, 24 * (3 + 30 * m) + 5 + w / 10, label=1)
    expected["wage_sweep"] = {"BOSS", "FACTORY"} | {f"wk{w}" for w in range(6)}
    for i in range(8):  # third-party cash: round deposits at four branches, some at night
        led.add(f"CASH@TP{i % 4}", "TPC", 100 + 50 * (i % 3), 560 + 13 * i, channel="cash")
    expected["third_party_cash"] = {"TPC"} | {f"CASH@TP{i}" for i in range(4)}
    for i in range(25):  # no payroll: USD 65,500 from 25 payers in March, no salaries
        led.add(f"client{i}", "FRONT", 2_500 + 10 * i, 24 * i + 5, label=1)
    led.add("FRONT", "OWNER", 40_000, 24 * 26)
    expected["no_payroll"] = {"FRONT"} | {f"client{i}" for i in range(25)}
    return expected


@pytest.fixture
def ledger() -> Callable[[], Ledger]:
    """A factory of empty ledgers: ``led = ledger(); led.add(...); led.frame()``."""
    return Ledger


@pytest.fixture
def noisy() -> Callable[..., Ledger]:
    """A factory of ledgers pre-filled with seeded background noise."""

    def make(seed: int = 7, **kwargs: int) -> Ledger:
        led = Ledger()
        led.background(seed, **kwargs)
        return led

    return make


@pytest.fixture(scope="session")
def zoo() -> tuple[pl.DataFrame, dict[str, set[str]]]:
    """Background noise with one planted instance of every typology, and their accounts."""
    led = Ledger()
    led.background()
    expected = plant_zoo(led)
    return led.frame(), expected
