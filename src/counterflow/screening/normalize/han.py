"""Chinese names in Han characters → Latin spellings.

A Chinese personal name is a surname (one character, or two for the compound surnames such
as 欧阳 Ouyang, 司马 Sima, 诸葛 Zhuge) followed by a given name of one or two characters. The
official romanisation is Hanyu Pinyin (ISO 7098) without tone marks, surname first and the
given name written as one word: 习近平 → Xi Jinping (GB/T 28039-2011). Three things make a
plain character-by-character reading wrong or incomplete for screening:

- **Surname readings.** Some characters read differently as a surname: 单 is *dan* in words
  but *Shan* as a surname, 曾 *ceng/Zeng*, 解 *jie/Xie*, 区 *qu/Ou*, 仇 *chou/Qiu*. The
  reading of the first character(s) comes from a surname table, the given name from pypinyin
  (which uses phrase context for the heteronyms it knows).
- **Other romanisations.** Taiwanese and older names use Wade-Giles (蔡英文 Tsai Ying-wen,
  蔣 Chiang); Hong Kong uses Cantonese (陳 Chan, 黃 Wong); Singapore, Malaysia and the
  Sino-Khmer community of Cambodia use Hokkien and Teochew (陳 Tan, 林 Lim, 黃 Ng, 王 Heng,
  李 Ly); Vietnamese families use Sino-Vietnamese (陳 Tran, 阮 Nguyen). Surnames are what
  these spellings most often change, so the non-Mandarin forms here pair a regional surname
  with the Mandarin given name: a screening hit on the surname plus a fuzzy given name is
  better than none. Each form says which system it comes from.
- **Traditional characters** (陳志) read like simplified ones (陈志): pypinyin covers both.

Readings come in a bounded number (:data:`MAX_FORMS`), most likely first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pypinyin import Style, lazy_pinyin

from counterflow.screening.normalize._han_surnames import (
    COMPOUND_SURNAMES,
    DIALECT_SURNAMES,
    SURNAME_READING,
)
from counterflow.screening.normalize._wade_giles import wade_giles
from counterflow.screening.normalize.script import Script, char_script

MAX_FORMS = 12
"""At most this many spellings per name."""

_MAX_PERSONAL_NAME = 4  # characters: longer runs are organisation names or phrases
_NON_HAN = re.compile(
    r"[^\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+"
)


class HanSystem(StrEnum):
    """The romanisation a spelling follows."""

    PINYIN = "pinyin"
    """Hanyu Pinyin, ISO 7098 (Mandarin)."""
    WADE_GILES = "wade-giles"
    """Wade-Giles (Mandarin), as in Taiwanese passports."""
    CANTONESE = "cantonese"
    HOKKIEN = "hokkien"
    TEOCHEW = "teochew"
    HAKKA = "hakka"
    VIETNAMESE = "vietnamese"
    """Sino-Vietnamese reading of the surname."""


_MANDARIN = frozenset({HanSystem.PINYIN, HanSystem.WADE_GILES})


@dataclass(frozen=True, slots=True)
class HanReading:
    """One Latin spelling of a Chinese name."""

    text: str
    """Capitalised words, surname first: ``"Xi Jinping"``."""
    system: HanSystem
    """The system of the surname (the given name is always Mandarin)."""

    @property
    def mandarin(self) -> bool:
        """Whether the whole spelling is Mandarin (pinyin or Wade-Giles)."""
        return self.system in _MANDARIN


def _syllables(text: str) -> list[str]:
    return [
        s.replace("ü", "u")
        for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")
        if s
    ]


def _has_umlaut(char: str) -> bool:
    return any("ü" in s for s in lazy_pinyin(char, style=Style.NORMAL, v_to_u=True))


def _split_surname(name: str) -> tuple[list[str], list[str], bool]:
    """(surname syllables, given-name syllables, surname came from the table)."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return list(COMPOUND_SURNAMES[name[:2]]), _syllables(name[2:]), True
    first = SURNAME_READING.get(name[0])
    surname = [first] if first is not None else _syllables(name[0])
    return surname, _syllables(name[1:]), first is not None


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _personal_name(name: str) -> list[HanReading]:
    surname, given, from_table = _split_surname(name)
    if not surname:
        return []
    sur = _cap("".join(surname))
    out: list[HanReading] = []

    def add(text: str, system: HanSystem) -> None:
        out.append(HanReading(" ".join(text.split()), system))

    joined = _cap("".join(given))
    add(f"{sur} {joined}", HanSystem.PINYIN)
    if len(given) > 1:
        add(f"{sur} {' '.join(_cap(s) for s in given)}", HanSystem.PINYIN)
    if from_table:
        # A reader who does not know the surname reading writes the everyday one (Ceng, Dan).
        plain = _cap("".join(_syllables(name[: len(surname)] if len(surname) > 1 else name[0])))
        if plain != sur:
            add(f"{plain} {joined}", HanSystem.PINYIN)
    if len(surname) == 1 and surname[0] in ("lu", "nu") and _has_umlaut(name[0]):
        # Mainland passports since 2012 write ü as "yu" (吕 LYU), older ones "LU" or "LV".
        add(f"{sur[0]}yu {joined}", HanSystem.PINYIN)
    wg_sur = _cap("".join(wade_giles(s) for s in surname))
    wg_given = "-".join(wade_giles(s) for s in given)
    add(f"{wg_sur} {_cap(wg_given)}", HanSystem.WADE_GILES)
    for spelling, system in DIALECT_SURNAMES.get(name[0], ()) if len(surname) == 1 else ():
        add(f"{spelling} {joined}", HanSystem(system))
    return out


def han_readings(text: str) -> tuple[HanReading, ...]:
    """Every Latin spelling of the Chinese name ``text``, most likely first.

    A run of two to four Han characters is read as a personal name (surname first). Runs
    separated by spaces or a middle dot (``·``, as in transliterated foreign names such as
    阿卜杜勒·拉希德) are read as separate words, each written as one word. Longer runs
    (company names) are read syllable by syllable. Non-Han characters are ignored.
    """
    runs = [r for r in _NON_HAN.split(text) if r]
    if not runs:
        return ()
    if len(runs) == 2 and len(runs[0]) <= 2 and len(runs[0] + runs[1]) <= _MAX_PERSONAL_NAME:
        runs = [runs[0] + runs[1]]  # surname and given name written apart: 陈 志
    readings: list[HanReading]
    if len(runs) == 1 and len(runs[0]) <= _MAX_PERSONAL_NAME:
        readings = _personal_name(runs[0])
        if not readings:
            readings = [HanReading(_cap("".join(_syllables(runs[0]))), HanSystem.PINYIN)]
    elif len(runs) == 1:
        syll = _syllables(runs[0])
        readings = [
            HanReading(" ".join(_cap(s) for s in syll), HanSystem.PINYIN),
            HanReading(" ".join(_cap(wade_giles(s)) for s in syll), HanSystem.WADE_GILES),
        ]
    else:
        words = [_syllables(r) for r in runs]
        readings = [
            HanReading(" ".join(_cap("".join(w)) for w in words if w), HanSystem.PINYIN),
            HanReading(
                " ".join(_cap("-".join(wade_giles(s) for s in w)) for w in words if w),
                HanSystem.WADE_GILES,
            ),
        ]
    seen: set[str] = set()
    unique: list[HanReading] = []
    for r in readings:
        key = r.text.lower().replace("-", " ")
        if r.text and key not in seen:
            seen.add(key)
            unique.append(r)
    return tuple(unique[:MAX_FORMS])


def romanize_han(text: str) -> tuple[str, ...]:
    """Latin spellings of a Chinese name, Mandarin pinyin first (see :func:`han_readings`).

    >>> romanize_han("习近平")[:2]
    ('Xi Jinping', 'Xi Jin Ping')
    >>> romanize_han("陳志")[0]
    'Chen Zhi'
    """
    return tuple(r.text for r in han_readings(text))


def is_han(text: str) -> bool:
    """Whether ``text`` contains at least one Han character."""
    return any(char_script(ch) is Script.HAN for ch in text)
