"""Folding: the one canonical spelling of a name that all comparisons start from.

Two spellings of one name often differ only by case, accents, compatibility forms or
punctuation: ``Nguyễn Tấn Dũng`` / ``NGUYEN TAN DUNG``, ``O'Brien`` / ``O Brien``,
``Ｃｈｅｎ`` (full-width) / ``Chen``. :func:`fold` removes exactly those differences:

1. Unicode NFKC (compatibility forms such as full-width letters and ligatures become plain
   ones; Unicode Standard Annex #15);
2. full case folding (``str.casefold``: ``ß`` → ``ss``, Greek final sigma ...);
3. diacritics removed from Latin letters only (canonical decomposition, combining marks
   dropped), plus the Latin letters that have no decomposition: ``đ`` → ``d`` (Vietnamese
   d-with-stroke), ``ø`` → ``o``, ``æ`` → ``ae``, ``œ`` → ``oe``, ``ł`` → ``l``, ``ı`` → ``i``,
   ``þ`` → ``th`` ... Vietnamese vowels with two marks (``ễ``, ``ợ``, ``ừ``) lose both.
   Marks of other scripts are kept: a Khmer or Thai vowel sign is part of the spelling;
4. every character that is not a letter, a combining mark or a digit (hyphen, apostrophe,
   dot, comma, brackets, symbols) becomes a space; format characters (zero-width joiners,
   soft hyphen) disappear, except the zero-width space that separates Khmer and Thai words;
5. runs of white space collapse to one space, none at either end.

``fold`` is idempotent: ``fold(fold(s)) == fold(s)``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from counterflow.screening.normalize.script import Script, char_script

# Latin letters without a canonical decomposition, as they appear after casefold.
_LATIN_SPECIAL: dict[str, str] = {
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "ı": "i",
    "ȷ": "j",
    "þ": "th",
    "ħ": "h",
    "ŧ": "t",
    "ƀ": "b",
    "ɨ": "i",
    "ʉ": "u",
    "ŋ": "ng",
    "ƒ": "f",
    "ɓ": "b",
    "ɗ": "d",
    "ƙ": "k",
    "ƴ": "y",
    "ə": "e",
    "ɛ": "e",
    "ɔ": "o",
    "ß": "ss",
    "ĸ": "q",
    "ŀ": "l",
    "ƶ": "z",
    "ȥ": "z",
}
# Modifier letters used as apostrophes (Hawaiian ʻokina, Arabic ʿayn/hamza in transliteration).
_APOSTROPHE_LETTERS = frozenset("ʼʻʽʾʿˈˊˋ")
# The word separator of Khmer and Thai text.
_ZERO_WIDTH_SPACE = "\u200b"


@lru_cache(maxsize=4096)
def _fold_latin_letter(ch: str) -> str:
    special = _LATIN_SPECIAL.get(ch)
    if special is not None:
        return special
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return "".join(_LATIN_SPECIAL.get(c, c) for c in base)


def _fold_chars(text: str) -> str:
    out: list[str] = []
    prev_latin = False  # did the last kept character belong to a Latin letter?
    prev_letter = False  # was it a letter or a mark (something a mark may attach to)?
    for ch in text:
        cat = unicodedata.category(ch)
        major = cat[0]
        if ch in _APOSTROPHE_LETTERS:
            out.append(" ")
            prev_latin = prev_letter = False
        elif major == "L":
            if char_script(ch) is Script.LATIN:
                out.append(_fold_latin_letter(ch))
                prev_latin = True
            else:
                out.append(ch)
                prev_latin = False
            prev_letter = True
        elif major == "M":
            # A mark on a Latin letter is a diacritic; elsewhere it is part of the spelling.
            # A mark with nothing to attach to (after a space) is dropped.
            if prev_letter and not prev_latin:
                out.append(ch)
        elif major == "N":
            out.append(ch)
            prev_latin = prev_letter = False
        elif cat == "Cf" and ch != _ZERO_WIDTH_SPACE:
            continue
        else:
            out.append(" ")
            prev_latin = prev_letter = False
    return "".join(out)


def fold(text: str) -> str:
    """Case-, accent-, width- and punctuation-insensitive form of ``text`` (see module doc).

    >>> fold("Nguyễn Tấn Dũng"), fold("O'BRIEN-Smith"), fold("Łukasz Żółć"), fold("ហ៊ុន  សែន")
    ('nguyen tan dung', 'o brien smith', 'lukasz zolc', 'ហ៊ុន សែន')
    """
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.casefold())
    text = _fold_chars(text)
    # Removing characters can bring canonically composable pairs together (Hangul jamo,
    # a Khmer vowel after a removed joiner); compose once more so fold stays idempotent.
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())
