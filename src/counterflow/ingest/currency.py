"""Currencies: AMLworld's currency names, their ISO 4217 codes and a static USD rate table.

AMLworld (Altman et al., NeurIPS 2023) names currencies in words (``US Dollar``, ``Yuan``,
``Bitcoin``) where the canonical contract wants ISO 4217 codes (``USD``, ``CNY``; Bitcoin
has no ISO code and takes the customary ``BTC``). The table below maps both ways, and is the
only place that does. ``Cambodian Riel`` is our addition: Cambodia's FIU reports in KHR.

The USD rates are **approximate** mid-market rates for September 2022, the month AMLworld's
transactions are dated in, rounded to two or three significant figures (e.g. about 143 yen,
0.88 pound and 4,100 riel to the dollar; Bitcoin near USD 20,000). They are good enough to
compare amounts against reporting thresholds (USD 10,000; KHR 40 million) and to rank
flows, and must never be used for accounting: a production feed should bring the day's
rate in the ``amount_usd`` column itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True, slots=True)
class Currency:
    """One currency: AMLworld's name, the ISO code, and units of it per US dollar."""

    name: str
    code: str
    per_usd: float


CURRENCIES: tuple[Currency, ...] = (
    Currency("US Dollar", "USD", 1.0),
    Currency("Euro", "EUR", 1.01),
    Currency("UK Pound", "GBP", 0.88),
    Currency("Yen", "JPY", 143.0),
    Currency("Yuan", "CNY", 7.0),
    Currency("Rupee", "INR", 80.0),
    Currency("Ruble", "RUB", 60.0),
    Currency("Canadian Dollar", "CAD", 1.33),
    Currency("Australian Dollar", "AUD", 1.49),
    Currency("Swiss Franc", "CHF", 0.97),
    Currency("Mexican Peso", "MXN", 20.0),
    Currency("Brazil Real", "BRL", 5.2),
    Currency("Saudi Riyal", "SAR", 3.75),  # pegged
    Currency("Shekel", "ILS", 3.45),
    Currency("Bitcoin", "BTC", 1 / 20_000),
    Currency("Cambodian Riel", "KHR", 4_100.0),
)

NAME_TO_CODE: dict[str, str] = {c.name: c.code for c in CURRENCIES}
CODE_TO_NAME: dict[str, str] = {c.code: c.name for c in CURRENCIES}
PER_USD: dict[str, float] = {c.code: c.per_usd for c in CURRENCIES}


def code_from_name(name: pl.Expr) -> pl.Expr:
    """ISO code for an AMLworld currency name; null where the name is unknown."""
    return name.replace_strict(NAME_TO_CODE, default=None, return_dtype=pl.String)


def name_from_code(code: pl.Expr) -> pl.Expr:
    """AMLworld currency name for an ISO code; null where the code is not in the table."""
    return code.replace_strict(CODE_TO_NAME, default=None, return_dtype=pl.String)


def to_usd(amount: pl.Expr, code: pl.Expr) -> pl.Expr:
    """USD equivalent of ``amount`` in currency ``code`` at the static table's rate."""
    rate = code.replace_strict(PER_USD, default=None, return_dtype=pl.Float64)
    return amount / rate


def known_names() -> str:
    """The accepted currency names, for error messages."""
    return ", ".join(c.name for c in CURRENCIES)
