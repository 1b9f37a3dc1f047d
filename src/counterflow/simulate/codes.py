"""Small integer code lists used inside the simulator's NumPy arrays.

The generator works on plain integer arrays (one int8 per channel, currency or account kind)
and turns codes into the canonical strings of :mod:`counterflow.model.columns` only once, when
the final Polars frame is built. The string tables below are therefore the single place where
the simulator's vocabulary meets the canonical one.

Channels follow AMLworld's "payment format" column (wire, ACH, card, cash, cheque) plus
``mobile`` for the account-to-account transfers that dominate Cambodian retail payments
(Bakong, the National Bank's retail payment system, and bank apps such as ABA Mobile).
"""

from __future__ import annotations

from enum import IntEnum

from counterflow.model.typology import Typology

CHANNELS: tuple[str, ...] = ("wire", "ach", "card", "cash", "mobile", "cheque")
WIRE, ACH, CARD, CASH, MOBILE, CHEQUE = range(len(CHANNELS))

CURRENCIES: tuple[str, ...] = ("USD", "KHR")
USD, KHR = range(len(CURRENCIES))


class Kind(IntEnum):
    """Who holds an account (AMLworld's entities are individuals and companies; we split
    companies further because their behaviour differs)."""

    INDIVIDUAL = 0
    MERCHANT = 1  # shops, restaurants, market stalls: many small card/QR receipts
    COMPANY = 2  # employers, suppliers, utilities: payroll, invoices, bills
    HUB = 3  # payment processors and wallet operators: very high degree
    CASH = 4  # a bank's cash pseudo-account ("CASH@bank"): counterparty of cash deposits


#: Every typology the simulator can emit, in a fixed order: a pattern's code is its index.
PATTERN_ORDER: tuple[Typology, ...] = tuple(t for t in Typology if t is not Typology.MODEL_SCORE)
PATTERN_CODE: dict[Typology, int] = {t: i for i, t in enumerate(PATTERN_ORDER)}
NO_PATTERN = -1
