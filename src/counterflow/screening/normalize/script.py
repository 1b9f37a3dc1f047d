"""Which writing system a name is written in.

Screening must know the script before it can romanise: a Khmer name goes through Khmer
romanisation, a Chinese one through Hanyu Pinyin, a Russian one through ICAO 9303
transliteration. Only letters decide (Unicode general category ``L*`` plus the Han number
〇); digits, punctuation, spaces and combining marks are ignored, so ``"陈志 (2021)"`` is Han.
Script blocks follow the Unicode Character Database ``Blocks.txt``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from enum import StrEnum


class Script(StrEnum):
    """The writing systems screening tells apart."""

    LATIN = "latin"
    KHMER = "khmer"
    HAN = "han"
    """Chinese characters (hanzi; also Japanese kanji and Korean hanja)."""
    THAI = "thai"
    CYRILLIC = "cyrillic"
    ARABIC = "arabic"
    HANGUL = "hangul"
    KANA = "kana"
    """Japanese hiragana and katakana."""
    OTHER = "other"
    """Letters of a script not listed here, or no letters at all."""
    MIXED = "mixed"
    """Letters of more than one script."""


# (first code point, last code point, script), sorted, non-overlapping.
_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x005A, Script.LATIN),
    (0x0061, 0x007A, Script.LATIN),
    (0x00AA, 0x00AA, Script.LATIN),
    (0x00BA, 0x00BA, Script.LATIN),
    (0x00C0, 0x024F, Script.LATIN),
    (0x0250, 0x02AF, Script.LATIN),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0x0E00, 0x0E7F, Script.THAI),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x1780, 0x17FF, Script.KHMER),
    (0x19E0, 0x19FF, Script.KHMER),
    (0x1C80, 0x1C8F, Script.CYRILLIC),
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x2C60, 0x2C7F, Script.LATIN),
    (0x2DE0, 0x2DFF, Script.CYRILLIC),
    (0x3005, 0x3005, Script.HAN),
    (0x3007, 0x3007, Script.HAN),
    (0x3021, 0x3029, Script.HAN),
    (0x3038, 0x303B, Script.HAN),
    (0x3040, 0x30FF, Script.KANA),
    (0x3130, 0x318F, Script.HANGUL),
    (0x31F0, 0x31FF, Script.KANA),
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xA640, 0xA69F, Script.CYRILLIC),
    (0xA720, 0xA7FF, Script.LATIN),
    (0xA960, 0xA97F, Script.HANGUL),
    (0xAB30, 0xAB6F, Script.LATIN),
    (0xAC00, 0xD7FF, Script.HANGUL),
    (0xF900, 0xFAFF, Script.HAN),
    (0xFB00, 0xFB06, Script.LATIN),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0xFF21, 0xFF3A, Script.LATIN),
    (0xFF41, 0xFF5A, Script.LATIN),
    (0xFF66, 0xFF9F, Script.KANA),
    (0xFFA0, 0xFFDC, Script.HANGUL),
    (0x1B000, 0x1B16F, Script.KANA),
    (0x20000, 0x3FFFF, Script.HAN),
)
_STARTS = tuple(r[0] for r in _RANGES)


def is_letter(ch: str) -> bool:
    """A letter for script detection: general category ``L*`` or the Han number 〇 (``Nl``)."""
    cat = unicodedata.category(ch)
    return cat[0] == "L" or (cat == "Nl" and char_script(ch) is Script.HAN)


def char_script(ch: str) -> Script:
    """The script of one character (``OTHER`` outside the blocks listed above)."""
    cp = ord(ch)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0:
        first, last, script = _RANGES[i]
        if first <= cp <= last:
            return script
    return Script.OTHER


def scripts_of(text: str) -> frozenset[Script]:
    """Every script that has a letter in ``text``."""
    return frozenset(char_script(ch) for ch in text if is_letter(ch))


def detect_script(text: str) -> Script:
    """The one script all letters of ``text`` share, ``MIXED`` if more, ``OTHER`` if none.

    >>> detect_script("Hun Sen"), detect_script("ហ៊ុន សែន"), detect_script("陈志 Chen Zhi")
    (<Script.LATIN: 'latin'>, <Script.KHMER: 'khmer'>, <Script.MIXED: 'mixed'>)
    """
    found = scripts_of(text)
    if len(found) == 1:
        return next(iter(found))
    return Script.MIXED if found else Script.OTHER
