"""Cyrillic names → Latin: ICAO Doc 9303 first, then the other spellings lists use.

The same Russian name reaches a watch list in several Latin spellings, depending on who
transliterated it:

- **ICAO Doc 9303** (Machine Readable Travel Documents, 8th ed. 2021, Part 3, section 6,
  table of Cyrillic transliteration): what Russian, Ukrainian and other passports print in
  the machine-readable zone since 2013. ``Х`` → KH, ``Ц`` → TS, ``Щ`` → SHCH, ``Ю`` → IU,
  ``Я`` → IA, ``Й`` → I, ``Ъ`` → IE, ``Ь`` dropped. Ukrainian ``Г`` is H, ``Ґ`` G.
- **A popular (BGN/PCGN-like) spelling**, the one of most news reports and older lists:
  ``Й`` → Y, ``Ю`` → YU, ``Я`` → YA, ``Ё`` → YO, ``Ъ`` dropped, ``Е`` → YE at the start of a
  word and after a vowel (Yeltsin, Sergeyev).
- **ISO 9:1995** (one Latin letter per Cyrillic letter, with diacritics), after folding:
  ``Ж`` ž → z, ``Х`` h, ``Щ`` ŝ → s, ``Ц`` c.

For Ukrainian text the popular form follows the Ukrainian national system (KMU 2010):
``и`` → Y (Володимир → Volodymyr); ``-ий`` at the end of a word is ``-y`` (Zelensky).

:func:`romanize_cyrillic` returns these (deduplicated) in that order, in lower case.
"""

from __future__ import annotations

import re

from counterflow.screening.normalize.text import fold

_ICAO: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
    # Ukrainian, Belarusian, Serbian, Macedonian, Kazakh (ICAO 9303 table entries)
    "ґ": "g", "є": "ie", "і": "i", "ї": "i", "ў": "u", "ђ": "d", "ѓ": "g", "ѕ": "dz",
    "ј": "j", "љ": "lj", "њ": "nj", "ќ": "k", "ћ": "c", "џ": "dz", "ғ": "gh", "қ": "q",
    "ң": "ng", "ү": "u", "ұ": "u", "һ": "h", "ә": "a", "ө": "o",
}  # fmt: skip
_POPULAR: dict[str, str] = {
    **_ICAO,
    "ё": "yo", "й": "y", "ъ": "", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi", "х": "kh",
}  # fmt: skip
_ISO9: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "z",
    "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "u", "я": "a",
    "ґ": "g", "є": "e", "і": "i", "ї": "i", "ў": "u", "ђ": "d", "ѓ": "g", "ѕ": "z",
    "ј": "j", "љ": "l", "њ": "n", "ќ": "k", "ћ": "c", "џ": "d",
}  # fmt: skip
_VOWELS = frozenset("аеёиоуыэюяєіїaeiouy")
_UKRAINIAN = frozenset("ґєії")


_ADJECTIVE_END = re.compile(r"[иы]й\b")


def _transliterate(text: str, table: dict[str, str], *, popular: bool = False) -> str:
    lower = text.lower()
    if popular:
        # -ий/-ый at the end of a word is "-y" in English usage (Dostoevsky, Zelensky).
        lower = _ADJECTIVE_END.sub("y", lower)
    ukrainian = any(ch in _UKRAINIAN for ch in lower)
    out: list[str] = []
    prev = " "
    for ch in lower:
        if ch == "г" and ukrainian and table is not _ISO9:
            out.append("h")
        elif popular and ukrainian and ch in "ий":
            # Ukrainian national system (KMU 2010, used in Ukrainian passports): и → y, й → i.
            out.append("y" if ch == "и" else "i")
        elif popular and ch == "е" and (not prev.isalpha() or prev in _VOWELS or prev in "ъь"):
            out.append("ye")
        else:
            out.append(table.get(ch, ch))
        prev = ch
    return "".join(out)


def icao_9303(text: str) -> str:
    """ICAO Doc 9303 transliteration of ``text``, folded (``Хрущёв`` → ``khrushchev``)."""
    return fold(_transliterate(text, _ICAO))


def romanize_cyrillic(text: str) -> tuple[str, ...]:
    """ICAO 9303, popular and ISO 9 spellings of ``text``, folded, deduplicated.

    >>> romanize_cyrillic("Ельцин")
    ('eltsin', 'yeltsin', 'elcin')
    """
    forms = (
        icao_9303(text),
        fold(_transliterate(text, _POPULAR, popular=True)),
        fold(_transliterate(text, _ISO9)),
    )
    return tuple(dict.fromkeys(f for f in forms if f))
