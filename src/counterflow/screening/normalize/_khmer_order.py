"""Khmer encoding-order normalisation: one code-point sequence per visible syllable.

Khmer is typed in *logical* order, but keyboards and fonts accept the marks of a syllable in
several orders and render them identically. ``ហ៊ុ`` may be typed HA, TRIISAP, U or HA, U,
TRIISAP; ``ស្រី`` may arrive as SA, COENG, RO, II or SA, II, COENG, RO. Unicode
normalisation (NFC) does not help: all Khmer marks but COENG have combining class 0, so NFC
never reorders them. Two strings that a person reads as the same name then compare unequal,
and a watch-list hit is missed.

Rules applied, in this order (after NFC):

1. deprecated and ambiguous code points (the Unicode Standard, ch. 16.4, discourages their
   use): U+17A3 ឣ → U+17A2 អ; U+17A4 ឤ → U+17A2 U+17B6 អា; the invisible inherent
   vowels U+17B4 and U+17B5 are removed;
2. zero-width characters (U+200B/C/D, U+FEFF) next to Khmer text are removed: they are
   invisible, so ``ហ៊ុន\\u200bសែន`` looks exactly like ``ហ៊ុនសែន``;
3. each syllable is put in the canonical order: base (consonant or independent vowel),
   register shifter, COENG + consonant subscripts (in typed order, but a subscript RO last,
   as SIL's normaliser does: ``ស្ត្រ``, not ``ស្រ្ត``), robat, dependent vowel(s), non-spacing
   signs (NIKAHIT, BANTOC, TOANDAKHIAT, ...), spacing signs (REAHMUK, YUUKALEAPINTU);
4. inside the syllable: a repeated mark is kept once; a COENG not followed by a consonant
   is dropped; subscript DA is written as subscript TA (the two have one glyph); split
   vowels typed in two parts are composed (U+17C1 េ + U+17B8 ី → U+17BE ើ, U+17C1 េ +
   U+17B6 ា → U+17C4 ោ); and U+17BB ុ typed with a vowel above (ិ ី ឹ ឺ ើ) becomes the register
   shifter it looks like (a shifter meeting an upper vowel is drawn as ុ below the base):
   TRIISAP after a non-sonorant base, MUUSIKATOAN after a sonorant or ប.

The canonical order follows the order specified for this project (shifter right after the
base). SIL's proposed *Khmer encoding structure* and its ``khnormal`` script (Makara Sok,
Martin Hosken, Marc Durdin: github.com/sillsdev/khmer-character-specification) write the
shifter after the subscripts and the robat before them; all of these orders render the same,
what matters for matching is that one order is chosen and applied to both sides. The
transform never moves a character from one syllable to another, never inserts a replacement
character, and is idempotent.
"""

from __future__ import annotations

import re
import unicodedata

from counterflow.screening.normalize._khmer_chars import (
    COENG,
    DA,
    MUUSIKATOAN,
    RO,
    ROBAT,
    TA,
    TRIISAP,
    UPPER_VOWELS,
    ZERO_WIDTH,
    Role,
    is_base,
    is_khmer_char,
    is_mark,
    role,
    vowel_place,
)

_DEPRECATED = str.maketrans(
    {"\u17a3": "\u17a2", "\u17a4": "\u17a2\u17b6", "\u17b4": None, "\u17b5": None}
)
_ZW_RUN = re.compile("[" + "".join(sorted(ZERO_WIDTH)) + "]+")
_U = "\u17bb"
_SPLIT_VOWELS = (("\u17c1", "\u17b8", "\u17be"), ("\u17c1", "\u17b6", "\u17c4"))
# Bases that take MUUSIKATOAN (the sonorants and BA); the others take TRIISAP.
_MUUSIKATOAN_BASES = frozenset("\u1784\u1789\u178e\u1793\u1794\u1798\u1799\u179a\u179b\u179c\u17a1")


def _drop_zero_width(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if is_khmer_char(before) or is_khmer_char(after) else m.group()

    return _ZW_RUN.sub(repl, text)


def _syllable_end(text: str, start: int) -> int:
    """Index after the syllable whose base is ``text[start]``."""
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == COENG:
            i += 2 if i + 1 < len(text) and is_base(text[i + 1]) else 1
        elif is_mark(ch):
            i += 1
        else:
            break
    return i


def _order_syllable(syllable: str) -> str:
    base, rest = syllable[0], syllable[1:]
    shifters: set[str] = set()
    subscripts: list[str] = []
    vowels: set[str] = set()
    robat = False
    signs: set[str] = set()
    i = 0
    while i < len(rest):
        ch = rest[i]
        if ch == COENG:
            if i + 1 < len(rest) and is_base(rest[i + 1]):
                sub = rest[i + 1]
                subscripts.append(TA if sub == DA else sub)
                i += 2
            else:
                i += 1  # a COENG with nothing to subscript is invisible: dropped
            continue
        r = role(ch)
        if r is Role.SHIFTER:
            shifters.add(ch)
        elif r is Role.VOWEL:
            vowels.add(ch)
        elif r is Role.ROBAT:
            robat = True
        else:
            signs.add(ch)
        i += 1

    for first, second, composed in _SPLIT_VOWELS:
        if first in vowels and second in vowels:
            vowels -= {first, second}
            vowels.add(composed)
    if _U in vowels and not shifters and UPPER_VOWELS & vowels:
        vowels.discard(_U)
        shifters.add(MUUSIKATOAN if base in _MUUSIKATOAN_BASES else TRIISAP)

    subs = [s for s in subscripts if s != RO] + [s for s in subscripts if s == RO]
    out = [base, *sorted(shifters)]
    out.extend(COENG + s for s in subs)
    if robat:
        out.append(ROBAT)
    out.extend(sorted(vowels, key=lambda v: (vowel_place(v), v)))
    out.extend(sorted(signs, key=lambda c: (role(c), c)))
    return "".join(out)


def _one_pass(text: str) -> str:
    text = _drop_zero_width(text.translate(_DEPRECATED))
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        if is_base(text[i]):
            j = _syllable_end(text, i)
            out.append(_order_syllable(text[i:j]))
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def normalize_order(text: str) -> str:
    """Khmer text in canonical encoding order (see the module docstring for the rules)."""
    for _ in range(4):  # one pass suffices in practice; the loop makes idempotence certain
        new = _one_pass(text)
        if new == text:
            break
        text = new
    return text
