"""Normalised identifiers, so that one phone written three ways is one value.

Phones: digits only, Cambodian national form ``0xx xxx xxx`` turned into the international
``855xxxxxxxx`` (ITU-T E.164 without the plus), so ``012 345 678``, ``+855 12 345 678`` and
``85512345678`` agree. Documents and accounts: letters and digits only, upper case.
E-mails: lower case. Addresses: case and spacing folded (a weak identifier; shown, not
deconflicted on).
"""

from __future__ import annotations

import re

from counterflow.model.codes import IdentifierKind

CAMBODIA_CALLING_CODE = "855"
DECONFLICTED: frozenset[IdentifierKind] = frozenset(
    {IdentifierKind.PHONE, IdentifierKind.ID_DOCUMENT, IdentifierKind.ACCOUNT, IdentifierKind.EMAIL}
)
"""Identifiers specific enough to raise a deconfliction notice when another case has them."""


def normalise(kind: IdentifierKind, value: str) -> str:
    """The comparable form of ``value`` (module docstring); empty if nothing is left."""
    text = value.strip()
    if kind is IdentifierKind.PHONE:
        digits = re.sub(r"\D", "", text)
        if digits.startswith("00"):
            digits = digits[2:]
        elif digits.startswith("0"):
            digits = CAMBODIA_CALLING_CODE + digits[1:]
        return digits
    if kind in (IdentifierKind.ID_DOCUMENT, IdentifierKind.ACCOUNT):
        return re.sub(r"[^0-9A-Za-z]", "", text).upper()
    if kind is IdentifierKind.EMAIL:
        return text.casefold()
    return " ".join(text.casefold().split())


def problem(kind: IdentifierKind, value: str) -> str | None:
    """Why ``value`` is not a usable identifier of ``kind``, or ``None``."""
    norm = normalise(kind, value)
    if not norm:
        return "empty"
    if kind is IdentifierKind.PHONE and not 8 <= len(norm) <= 15:
        return "a phone number has 8 to 15 digits"
    if kind is IdentifierKind.EMAIL and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", norm):
        return "not an e-mail address"
    if len(norm) > 128:
        return "at most 128 characters"
    return None
