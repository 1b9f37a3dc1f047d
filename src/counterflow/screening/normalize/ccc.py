"""Chinese Commercial Code (CCC, Chinese telegraph code) ↔ Han characters.

The telegraph code gives each Chinese character a four-digit number (0001-9999), so that
Chinese text could be sent over Morse telegraph. Hong Kong identity cards, mainland Chinese
and Taiwanese visas and many immigration, bank and police records still print a name as its
codes, e.g. 毛泽东 = ``3029 3419 2639``; a watch-list entry that gives a name only in
telegraph code must still be screened. Two code books are in use: the mainland one
(simplified characters) and the Taiwan one (traditional characters; also used in Hong Kong).
For almost all common characters they share the number: 陈 (mainland) and 陳 (Taiwan) are
both 7115.

The tables are the Unicode Han Database fields ``kMainlandTelegraph`` and ``kTaiwanTelegraph``
(Unicode Standard Annex #38, Unihan_OtherMappings.txt, Unicode 15.0), committed as the
generated module ``_ccc_table`` (see ``_ccc_build`` for how to regenerate it).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from counterflow.screening.normalize import _ccc_table

_EMPTY = "_"
_CODE = re.compile(r"\d{4}")


class CodeBook(StrEnum):
    """Which telegraph code book a code comes from."""

    MAINLAND = "mainland"
    """PRC code book, simplified characters (Unihan ``kMainlandTelegraph``)."""
    TAIWAN = "taiwan"
    """Taiwan (and Hong Kong) code book, traditional characters (``kTaiwanTelegraph``)."""


class TelegraphCodeError(ValueError):
    """A code that is malformed or that no code book assigns."""


def _tables() -> dict[CodeBook, str]:
    return {CodeBook.MAINLAND: _ccc_table.MAINLAND, CodeBook.TAIWAN: _ccc_table.TAIWAN}


@cache
def _inverse() -> dict[CodeBook, dict[str, int]]:
    inv: dict[CodeBook, dict[str, int]] = {}
    for book, table in _tables().items():
        inv[book] = {ch: n for n, ch in enumerate(table) if ch != _EMPTY}
    return inv


def ccc_codes(text: str) -> tuple[str, ...]:
    """The four-digit codes in ``text`` in order, whatever separates them.

    Codes may be written with spaces, commas, slashes or nothing between them
    (``"262525426319"``); any run of digits whose length is not a multiple of four is an
    error, because splitting it would be a guess.
    """
    codes: list[str] = []
    for run in re.findall(r"\d+", text):
        if len(run) % 4:
            raise TelegraphCodeError(f"{run!r}: telegraph codes have four digits")
        codes.extend(_CODE.findall(run))
    return tuple(codes)


def ccc_to_han(text: str, *, book: CodeBook | str = CodeBook.MAINLAND) -> str:
    """Characters for the telegraph codes in ``text``.

    ``book`` picks the code book tried first; a code the first book leaves unused is looked up
    in the other one (so Taiwan-only codes such as those of rare traditional characters still
    resolve). ``ccc_to_han("5045 6602 1627")`` is ``"习近平"``; with
    ``book="taiwan"`` it is ``"習近平"``.

    Raises :class:`TelegraphCodeError` for a code that neither book assigns.
    """
    first = CodeBook(book)
    other = CodeBook.TAIWAN if first is CodeBook.MAINLAND else CodeBook.MAINLAND
    tables = _tables()
    out: list[str] = []
    for code in ccc_codes(text):
        n = int(code)
        ch = tables[first][n]
        if ch == _EMPTY:
            ch = tables[other][n]
        if ch == _EMPTY:
            raise TelegraphCodeError(f"telegraph code {code} is unassigned in both code books")
        out.append(ch)
    return "".join(out)


def han_to_ccc(text: str, *, book: CodeBook | str = CodeBook.MAINLAND) -> str:
    """Space-separated four-digit telegraph codes of the Han characters in ``text``.

    Characters other than Han (spaces, Latin letters, punctuation) are skipped. A character is
    looked up in ``book`` first, then in the other book, so simplified and traditional input
    both work: ``han_to_ccc("陳志")`` and ``han_to_ccc("陈志")`` are both ``"7115 1807"``.

    Raises :class:`TelegraphCodeError` for a Han character that has no code in either book.
    """
    first = CodeBook(book)
    other = CodeBook.TAIWAN if first is CodeBook.MAINLAND else CodeBook.MAINLAND
    inv = _inverse()
    codes: list[str] = []
    for ch in text:
        n = inv[first].get(ch)
        if n is None:
            n = inv[other].get(ch)
        if n is None:
            if _is_han(ch):
                raise TelegraphCodeError(f"{ch!r} (U+{ord(ch):04X}) has no telegraph code")
            continue
        codes.append(f"{n:04d}")
    return " ".join(codes)


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
    )
