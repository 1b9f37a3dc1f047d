"""Which country each bank is in, and what kind of institution it is.

A transaction store names banks, not countries. To say that traced money "left the
country" the tracer needs each payee bank's country: a payment to an account at a
correspondent bank abroad is the point where domestic records stop (FATF Recommendation 13
on correspondent banking; FATF-APG, "Financial Flows from Human Trafficking", 2018, on
proceeds leaving through cross-border transfers). A payment to a virtual-asset exchange or
OTC desk is another such exit (FATF, "Updated Guidance for a Risk-Based Approach to Virtual
Assets and VASPs", 2021).

The directory is a CSV file with the header ``bank,country,kind``:

* ``bank``: the bank string exactly as the transaction store writes it;
* ``country``: ISO 3166-1 alpha-2 code, upper case (``KH``, ``TH``, ``CN``);
* ``kind``: ``bank``, ``exchange`` (virtual-asset exchange, OTC desk) or ``remittance``.

A bank missing from the directory is domestic, unless the string is a BIC (ISO 9362: four
letters of institution, two letters of country, two letters or digits of location, and
optionally three of branch), whose fifth and sixth letters give the country.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from counterflow.model import InputError

_BIC = re.compile(r"^[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}([A-Z0-9]{3})?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
HEADER = ("bank", "country", "kind")


class BankKind(StrEnum):
    """What kind of institution holds the account."""

    BANK = "bank"
    EXCHANGE = "exchange"  # virtual-asset exchange, OTC desk, VASP
    REMITTANCE = "remittance"  # money transfer operator


@dataclass(frozen=True, slots=True)
class Bank:
    """One row of the directory."""

    bank: str
    country: str
    kind: BankKind = BankKind.BANK


def bic_country(bank: str) -> str | None:
    """The country letters of a BIC (``ABAAKHPP`` -> ``KH``), or ``None`` if not a BIC."""
    match = _BIC.match(bank)
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class BankDirectory:
    """Banks by the name the transaction store uses; unknown banks are domestic (or BICs)."""

    banks: Mapping[str, Bank] = field(default_factory=lambda: MappingProxyType({}))

    def country(self, bank: str, home: str) -> str:
        """The bank's country: listed, else a BIC's country letters, else ``home``."""
        row = self.banks.get(bank)
        if row is not None:
            return row.country
        return bic_country(bank) or home

    def kind(self, bank: str) -> BankKind:
        row = self.banks.get(bank)
        return row.kind if row is not None else BankKind.BANK

    def __len__(self) -> int:
        return len(self.banks)


def read_bank_directory(path: Path | str) -> BankDirectory:
    """Read a ``bank,country,kind`` CSV; a bad row raises InputError naming line and field."""
    path = Path(path)
    rows: dict[str, Bank] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(h.strip().lower() for h in header) != HEADER:
            raise InputError(
                f"expected the header {','.join(HEADER)}, got {','.join(header or [])!r}",
                path=str(path),
                line=1,
            )
        for line, values in enumerate(reader, start=2):
            if not values or all(not v.strip() for v in values):
                continue
            rows_bank = _row(values, str(path), line)
            if rows_bank.bank in rows:
                raise InputError(
                    f"bank {rows_bank.bank!r} is listed twice",
                    path=str(path),
                    line=line,
                    field="bank",
                )
            rows[rows_bank.bank] = rows_bank
    return BankDirectory(MappingProxyType(rows))


def _row(values: list[str], path: str, line: int) -> Bank:
    if len(values) != len(HEADER):
        raise InputError(
            f"expected {len(HEADER)} fields (bank,country,kind), got {len(values)}",
            path=path,
            line=line,
        )
    bank, country, kind = (v.strip() for v in values)
    if not bank:
        raise InputError("bank must not be empty", path=path, line=line, field="bank")
    if not _COUNTRY.match(country):
        raise InputError(
            f"expected an ISO 3166-1 alpha-2 code such as KH or TH, got {country!r}",
            path=path,
            line=line,
            field="country",
        )
    try:
        parsed = BankKind(kind.lower())
    except ValueError:
        raise InputError(
            f"expected one of {', '.join(k.value for k in BankKind)}, got {kind!r}",
            path=path,
            line=line,
            field="kind",
        ) from None
    return Bank(bank=bank, country=country, kind=parsed)
