"""Khmer code points and their roles in an orthographic syllable (Unicode block U+1780–U+17FF).

An *orthographic syllable* (what a Khmer reader sees as one block) is built around one
**base**: a consonant (U+1780–U+17A2) or an independent vowel (U+17A5–U+17B3). Around it
the writer adds, in any typing order, a **register shifter** (U+17C9 MUUSIKATOAN ៉, U+17CA
TRIISAP ៊), **subscript consonants** (U+17D2 COENG followed by a consonant), the **robat**
(U+17CC ៌), a **dependent vowel** (U+17B6–U+17C5) and **signs** (NIKAHIT ំ, REAHMUK ះ,
YUUKALEAPINTU ៈ, BANTOC ់, ...). The Unicode Standard, ch. 16.4 "Khmer", describes the
syllable; SIL's *Khmer encoding structure* (Makara Sok, Martin Hosken et al., the
``khmer-character-specification`` project) proposes one normal order for its parts.
"""

from __future__ import annotations

from enum import IntEnum

COENG = "\u17d2"
"""KHMER SIGN COENG: the next consonant is written as a subscript."""
MUUSIKATOAN = "\u17c9"
"""Register shifter ៉: a second-series (o-series) consonant is read as first-series."""
TRIISAP = "\u17ca"
"""Register shifter ៊: a first-series (a-series) consonant is read as second-series."""
ROBAT = "\u17cc"
NIKAHIT = "\u17c6"
REAHMUK = "\u17c7"
YUUKALEAPINTU = "\u17c8"
BANTOC = "\u17cb"
TOANDAKHIAT = "\u17cd"
"""Written over a letter that is not pronounced (ស្រីលក្ខណ៍: the ណ is silent)."""
SAMYOK_SANNYA = "\u17d0"
RO = "\u179a"
DA = "\u178a"
TA = "\u178f"

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufeff")
"""ZERO WIDTH SPACE, NON-JOINER, JOINER and the BOM: invisible, often pasted inside names."""


class Role(IntEnum):
    """Role of a character in a syllable; the value is its rank in the canonical order."""

    BASE = 0
    SHIFTER = 1
    SUBSCRIPT = 2  # COENG + consonant, handled as one unit
    ROBAT = 3
    VOWEL = 4
    SIGN = 5  # non-spacing signs above the syllable
    SPACING_SIGN = 6  # REAHMUK and YUUKALEAPINTU, written after everything else
    OTHER = 9


def is_consonant(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17a2"


def is_independent_vowel(ch: str) -> bool:
    return "\u17a3" <= ch <= "\u17b3"


def is_base(ch: str) -> bool:
    """A character that starts an orthographic syllable."""
    return is_consonant(ch) or "\u17a5" <= ch <= "\u17b3"


def is_dependent_vowel(ch: str) -> bool:
    return "\u17b6" <= ch <= "\u17c5"


def role(ch: str) -> Role:
    """The role of one (non-COENG) character inside a syllable."""
    if is_base(ch):
        return Role.BASE
    if ch in (MUUSIKATOAN, TRIISAP):
        return Role.SHIFTER
    if ch == ROBAT:
        return Role.ROBAT
    if is_dependent_vowel(ch):
        return Role.VOWEL
    if ch in (REAHMUK, YUUKALEAPINTU):
        return Role.SPACING_SIGN
    if "\u17c6" <= ch <= "\u17d1" or ch in ("\u17d3", "\u17dd"):
        return Role.SIGN
    return Role.OTHER


def is_mark(ch: str) -> bool:
    """A character that belongs to the syllable of the base before it."""
    return ch == COENG or role(ch) not in (Role.BASE, Role.OTHER)


# Vowel placement, used to order two vowels in one syllable as fonts draw them: the part
# written before the base, then below, above, after (SIL's VPre, VB, VA, VPost).
_VOWEL_PLACE = {
    **dict.fromkeys("\u17be\u17bf\u17c0\u17c1\u17c2\u17c3\u17c4\u17c5", 0),
    **dict.fromkeys("\u17bb\u17bc\u17bd", 1),
    **dict.fromkeys("\u17b7\u17b8\u17b9\u17ba", 2),
    "\u17b6": 3,
}


def vowel_place(ch: str) -> int:
    return _VOWEL_PLACE.get(ch, 4)


UPPER_VOWELS = frozenset("\u17b7\u17b8\u17b9\u17ba\u17be")
"""Vowels drawn above the base: a register shifter next to them is drawn below, as ុ."""


def is_khmer_char(ch: str) -> bool:
    """Any code point of the Khmer (U+1780–U+17FF) or Khmer Symbols (U+19E0–U+19FF) blocks."""
    return "\u1780" <= ch <= "\u17ff" or "\u19e0" <= ch <= "\u19ff"
