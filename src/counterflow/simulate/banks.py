"""A bank directory for a simulated world: which banks are abroad, which is an exchange.

The simulator's banks (``B001``.. ``Bnnn``, :mod:`.accounts`) are all domestic and their
market shares fall with their number (Zipf-like). To give a trace somewhere to leave the
country without changing a single generated transaction, the directory *declares* the
smallest banks to be something else, as small foreign players are in Cambodia's market:

* the smallest bank is a correspondent bank in China (CN) and the next smallest one in
  Thailand (TH): the two neighbours the FATF-APG (2018) and UNODC (2023) reports name for
  proceeds of trafficking and online scam compounds leaving Cambodia;
* the third smallest is a virtual-asset exchange (kind ``exchange``; UNODC, "Casinos, Money
  Laundering, Underground Banking, and Transnational Organized Crime in East and Southeast
  Asia", 2024).

Worlds with fewer than four banks keep them all domestic. The file format is
:mod:`counterflow.trace.banks`'s ``bank,country,kind`` (the trace package reads it; this
layer only writes it).
"""

from __future__ import annotations

import csv
from pathlib import Path

from counterflow.simulate.config import WorldConfig

HEADER = ("bank", "country", "kind")
HOME = "KH"


def bank_name(bank: int) -> str:
    """The name the simulator gives bank number ``bank`` (0-based), as in :mod:`.accounts`."""
    return f"B{bank + 1:03d}"


def bank_directory(config: WorldConfig) -> list[tuple[str, str, str]]:
    """``(bank, country, kind)`` for every bank of the world ``config`` generates."""
    rows = [(bank_name(b), HOME, "bank") for b in range(config.n_banks)]
    if config.n_banks >= 4:
        n = config.n_banks
        rows[n - 1] = (bank_name(n - 1), "CN", "bank")
        rows[n - 2] = (bank_name(n - 2), "TH", "bank")
        rows[n - 3] = (bank_name(n - 3), HOME, "exchange")
    return rows


def write_bank_directory(config: WorldConfig, path: Path) -> Path:
    """Write :func:`bank_directory` as CSV to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(bank_directory(config))
    return path
