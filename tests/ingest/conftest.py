"""Small hand-made transaction files for the ingest tests, written into ``tmp_path``."""

from __future__ import annotations

import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

SHARED_DATA = Path(__file__).parents[2] / ".." / "shared" / "data"
AMLSIM_SAMPLE = SHARED_DATA / "aml" / "amlsim_20K_fanin200.tgz"

AMLWORLD_HEADER = (
    "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
    "Amount Paid,Payment Currency,Payment Format,Is Laundering"
)
# Verbatim-style AMLworld rows (HI-Small layout). Line numbers in the file: header = 1.
AW_NORMAL = "2022/09/01 00:20,011,8000EBD30,011,8000EBD30,3195403.00,US Dollar,3195403.00,US Dollar,Reinvestment,0"  # noqa: E501
AW_FAN_1 = "2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH,1"
AW_FAN_2 = "2022/09/01 04:33,021174,800737690,020,80020C5B0,8630.40,Euro,8630.40,Euro,ACH,1"
AW_STACK = "2022/09/01 01:00,0222,812D127D0,0050202,812D129C0,20085.71,Saudi Riyal,20085.71,Saudi Riyal,ACH,1"  # noqa: E501
AW_CARD = "2022/09/02 10:15,00952,8139F54E0,011,8062C56E0,12.50,Cambodian Riel,12.50,Cambodian Riel,Credit Card,0"  # noqa: E501

CANONICAL_HEADER = (
    "txn_id,ts,src_account,dst_account,amount,currency,amount_usd,channel,src_bank,dst_bank"
)

WriteFile = Callable[[str, str], Path]


@dataclass(frozen=True)
class AmlworldRows:
    """AMLworld header and rows for tests to compose files from."""

    header: str = AMLWORLD_HEADER
    normal: str = AW_NORMAL
    fan_1: str = AW_FAN_1
    fan_2: str = AW_FAN_2
    stack: str = AW_STACK
    card: str = AW_CARD


@pytest.fixture
def aw() -> AmlworldRows:
    return AmlworldRows()


@pytest.fixture
def canonical_header() -> str:
    return CANONICAL_HEADER


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write ``text`` to ``tmp_path / name`` (parents created) and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def lines(*rows: str) -> str:
    """Join rows into file text with a final newline."""
    return "\n".join(rows) + "\n"


@pytest.fixture
def amlworld_trans(write_file: WriteFile) -> Path:
    """An AMLworld transaction file: 1 normal, 2 fan-out, 3 identical stack rows, 1 card."""
    return write_file(
        "HI-Tiny_Trans.csv",
        lines(
            AMLWORLD_HEADER, AW_NORMAL, AW_FAN_1, AW_FAN_2, AW_STACK, AW_STACK, AW_STACK, AW_CARD
        ),
    )


@pytest.fixture
def amlworld_patterns(write_file: WriteFile) -> Path:
    """Patterns for :func:`amlworld_trans`: the fan-out, and two of the three stack rows."""
    return write_file(
        "HI-Tiny_Patterns.txt",
        lines(
            "BEGIN LAUNDERING ATTEMPT - FAN-OUT:  Max 2-degree Fan-Out",
            AW_FAN_1,
            AW_FAN_2,
            "END LAUNDERING ATTEMPT - FAN-OUT",
            "",
            "BEGIN LAUNDERING ATTEMPT - STACK",
            AW_STACK,
            AW_STACK,
            "END LAUNDERING ATTEMPT - STACK",
        ),
    )


def ts(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2022, 9, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def canonical_txns() -> pl.DataFrame:
    """A canonical frame with ground truth; accounts are ``bank/local`` like AMLworld's.

    Rows are in time order (ties keep order). Patterns: 0 = fan_out (A -> B, C, D),
    1 = cycle (B -> C -> B), 2 = structuring, 3 = wage_sweep; one unpatterned laundering row.
    """
    rows = [
        # txn_id, ts, src, dst, amount, currency, channel, label, pattern, pattern_id
        ("t01", ts(1, 0, 6), "011/A", "012/B", 2848.96, "EUR", "ach", 1, "fan_out", 0),
        ("t02", ts(1, 0, 6), "011/A", "020/C", 0.1 + 0.2, "EUR", "ach", 1, "fan_out", 0),
        ("t03", ts(1, 1, 0), "005/N1", "005/N2", 100.0, "USD", "wire", 0, None, None),
        ("t04", ts(1, 2, 0), "011/A", "020/D", 17.0, "BTC", "bitcoin", 1, "fan_out", 0),
        ("t05", ts(1, 3, 0), "012/B", "020/C", 500.25, "KHR", "cash", 1, "cycle", 1),
        ("t06", ts(1, 4, 0), "020/C", "012/B", 499.0, "KHR", "cash", 1, "cycle", 1),
        ("t07", ts(2, 9, 0), "005/N2", "005/N1", 3.5, "JPY", "credit_card", 0, None, None),
        ("t08", ts(2, 10, 0), "030/S", "031/T", 9900.0, "USD", "cash", 1, "structuring", 2),
        ("t09", ts(2, 10, 30), "030/S", "031/T", 9800.0, "USD", "cash", 1, "structuring", 2),
        ("t10", ts(3, 8, 0), "040/EMP", "041/W1", 300.0, "USD", "mobile_money", 1, "wage_sweep", 3),
        ("t11", ts(3, 8, 0), "050/X", "051/Y", 42.0, "GBP", "wire", 1, "unpatterned", None),
    ]
    names = [
        "txn_id",
        "ts",
        "src_account",
        "dst_account",
        "amount",
        "currency",
        "channel",
        "label",
        "pattern",
        "pattern_id",
    ]
    frame = pl.DataFrame(rows, schema=names, orient="row")
    return frame.with_columns(
        pl.col("ts").cast(pl.Datetime("us", "UTC")),
        pl.col("amount").alias("amount_usd"),
        pl.col("src_account").str.split("/").list.first().alias("src_bank"),
        pl.col("dst_account").str.split("/").list.first().alias("dst_bank"),
        pl.col("label").cast(pl.Int8),
        pl.col("pattern_id").cast(pl.Int64),
    )


@pytest.fixture(scope="session")
def amlsim_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The AMLSim 20K_fanin200 sample from ../shared/data, extracted to a temp dir."""
    if not AMLSIM_SAMPLE.is_file():
        pytest.skip(f"shared AML data not found at {AMLSIM_SAMPLE.resolve()}")
    target = tmp_path_factory.mktemp("amlsim")
    with tarfile.open(AMLSIM_SAMPLE) as archive:
        members = [m for m in archive.getmembers() if m.name.endswith(".csv")]
        archive.extractall(target, members=members, filter="data")
    return target / "20K_fanin200"
