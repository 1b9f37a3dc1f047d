"""Khmer names: one encoding per visible name, and the Latin spellings Cambodians use.

**Why normalise.** A Khmer syllable can be typed in several code-point orders that render
identically (ហ៊ុ as HA TRIISAP U or HA U TRIISAP), with invisible zero-width spaces, with
deprecated letters or with split vowels (េ + ី for ើ). :func:`normalize_khmer` gives one
string per appearance, so that a name typed by a police officer equals the same name on a
domestic list. Rules and sources: ``_khmer_order`` (Unicode Standard ch. 16.4 "Khmer"; SIL's
Khmer encoding structure and ``khnormal``).

**Why romanisation is ambiguous.** The script writes sounds indirectly. Most consonant
sounds have two letters, one of the *first* (a-series) and one of the *second* (o-series)
series, and the series decides how the vowel sign is read: កា is Ka, គា is Kea; ស៊ី (o-series
by the register shifter ៊) is Si, សី is Sei. Consonants with no vowel sign carry an
invisible inherent vowel (a/o, or a/ea in Pali words) or close the previous syllable;
stacked subscripts are split between syllables; some letters are silent. On top of the
phonology comes convention: there are systematic romanisations, the BGN/PCGN 1972 system
that UNGEGN reports for Khmer geographical names and the ALA-LC tables of the Library of
Congress (a letter-by-letter transliteration with diacritics), but names on Cambodian
passports and ID cards follow a looser French-influenced popular spelling (ហ៊ុន សែន Hun
Sen, សម រង្ស៊ី Sam Rainsy, ជា Chea, not Chéa or Jea; ស ខេង Sar Kheng, not Sâ Khéng), and
one name has several accepted spellings (Chea/Chia, Srey/Srei, Sokha/Sokhar).
:func:`romanize_khmer` therefore returns the most likely popular spelling first and the
common variants after it, bounded, for a fuzzy matcher to compare against a watch list.

**Method.** Syllable segmentation (``_khmer_syllables``), consonant series with register
shifters, cluster sonority and the series harmony of sonorant-initial syllables
(``_khmer_romanize``), popular letter and vowel values per series (``_khmer_letters``,
``_khmer_vowels``), a beam search over the syllables, and a short table of very common
names the rules cannot reach (:data:`KNOWN_WORDS`).

**Limits.** The weights are rules of thumb, not trained probabilities. Names written
without spaces (ហ៊ុនសែន) are romanised as one word (Hunsen). Loan names spelled after their
French or Sanskrit form (Sihanouk, Sisowath) are only right when listed. Whether a bare
consonant inside a word closes a syllable or opens one, and whether a sonorant syllable
follows the series of the one before (ស្រីនាង Sreyneang, not Sreynang), is guessed, so the
right spelling is sometimes second or third. Measured quality: bench/khmer_romanisation.py.
"""

from __future__ import annotations

import heapq
import re
from functools import lru_cache

from counterflow.screening.normalize._khmer_chars import is_khmer_char
from counterflow.screening.normalize._khmer_order import normalize_order
from counterflow.screening.normalize._khmer_romanize import spell_word

__all__ = ["KNOWN_WORDS", "is_khmer", "normalize_khmer", "romanize_khmer"]

MAX_WORD_VARIANTS = 12
"""At most this many spellings of one word."""
MAX_NAME_VARIANTS = 24
"""At most this many spellings of a whole name."""

KNOWN_WORDS: dict[str, tuple[str, ...]] = {
    # Spellings fixed by usage that the sound rules cannot predict (French or Sanskrit
    # transliterations of royal and political names). Keys are normalised Khmer words.
    "រង្ស៊ី": ("Rainsy", "Rangsi", "Rangsy", "Reangsey"),
    "នរោត្តម": ("Norodom", "Noroddam", "Norodam"),
    "សីហនុ": ("Sihanouk", "Sihanuk", "Seihanu"),
    "សីហមុនី": ("Sihamoni", "Sihamony", "Seyhamoni"),
    "ស៊ីសុវត្ថិ": ("Sisowath", "Sisovath", "Sisovat"),
    "រស្មី": ("Reaksmey", "Raksmey", "Rasmey", "Reaksmei"),
    "ខ្មែរ": ("Khmer", "Khmae"),
}

_KNOWN = {normalize_order(k): v for k, v in KNOWN_WORDS.items()}
_KHMER_RUN = re.compile("[\u1780-\u17ff\u19e0-\u19ff]+")
_WORD_BREAK = re.compile("\\s+")
# A ZERO WIDTH SPACE before a consonant is the Khmer word separator (between syllables);
# elsewhere (inside a syllable) it is noise that normalisation removes.
_ZWSP_BREAK = re.compile(
    "(?<![\u17d2\u200b])\u200b+(?=[\u1780-\u17a2\u17a5-\u17b3][\u1780-\u17d3\u17dd])"
)
_KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_NON_LETTER = re.compile("[\u17d4-\u17dc\u17e0-\u17f9\u19e0-\u19ff]+")


def is_khmer(text: str) -> bool:
    """Whether ``text`` contains a Khmer character (U+1780–U+17FF, U+19E0–U+19FF)."""
    return any(is_khmer_char(ch) for ch in text)


def normalize_khmer(text: str) -> str:
    """``text`` with every Khmer syllable in one canonical encoding (idempotent).

    NFC; deprecated U+17A3/U+17A4 replaced, U+17B4/U+17B5 and zero-width characters next to
    Khmer removed; each syllable ordered base, register shifter, subscripts (subscript RO
    last), robat, vowel, signs; duplicate marks removed; split vowels composed. Non-Khmer
    text is only NFC-normalised. Never moves a mark to another syllable. Rules and sources
    (Unicode Standard ch. 16.4 "Khmer"; SIL's Khmer encoding structure and its ``khnormal``
    normaliser) are listed in ``_khmer_order``.

    >>> normalize_khmer("ហុ៊ន") == normalize_khmer("ហ៊ុន")
    True
    """
    return normalize_order(text)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


Variants = tuple[tuple[str, float], ...]
"""Spellings with weights (the best has weight 1), best first."""


@lru_cache(maxsize=8192)
def _khmer_word(word: str) -> Variants:
    """Spellings of a run of Khmer characters (a normalised word)."""
    parts = [p for p in _NON_LETTER.split(word) if p]
    if not parts:
        digits = word.translate(_KHMER_DIGITS)
        return ((digits, 1.0),) if digits.isdigit() else ()
    if len(parts) > 1:  # letters around digits or punctuation: spell each part
        return _combine([_khmer_word(p) for p in parts], MAX_WORD_VARIANTS, "")
    known = _KNOWN.get(word, ())
    ranked = [(k, 1.0 - 0.05 * i) for i, k in enumerate(known)]
    seen = {k.lower() for k in known}
    for spelling, w in spell_word(word, MAX_WORD_VARIANTS):
        if spelling not in seen:
            ranked.append((_cap(spelling), w * (0.8 if known else 1.0)))
    return tuple(ranked[:MAX_WORD_VARIANTS])


def _token_variants(token: str) -> Variants:
    """Spellings of one space-delimited token (Khmer runs romanised, the rest kept)."""
    pieces: list[Variants] = []
    pos = 0
    for m in _KHMER_RUN.finditer(token):
        if m.start() > pos:
            pieces.append(((token[pos : m.start()], 1.0),))
        pieces.append(_khmer_word(m.group()))
        pos = m.end()
    if pos < len(token):
        pieces.append(((token[pos:], 1.0),))
    pieces = [p for p in pieces if p]
    return _combine(pieces, MAX_WORD_VARIANTS, "") if pieces else ()


def _combine(parts: list[Variants], limit: int, sep: str) -> Variants:
    """The ``limit`` best joins of one choice from each part (weights multiply)."""
    best: Variants = (("", 1.0),)
    for options in parts:
        merged: dict[str, float] = {}
        for a, w in best:
            for b, v in options:
                text = a + sep + b if a else b
                merged[text] = max(w * v, merged.get(text, 0.0))
        best = tuple(heapq.nlargest(limit, merged.items(), key=lambda kv: kv[1]))
    return best


def romanize_khmer(text: str) -> tuple[str, ...]:
    """Latin spellings of the Khmer name ``text``, most likely first.

    Each word is romanised separately and capitalised; words stay in the Khmer order
    (surname first, as Cambodians write it), separated by single spaces. At most
    :data:`MAX_WORD_VARIANTS` spellings per word and :data:`MAX_NAME_VARIANTS` per name.
    Latin words in ``text`` are kept (capitalised). Returns ``()`` when there is nothing to
    spell.

    >>> romanize_khmer("ហ៊ុន សែន")[0]
    'Hun Sen'
    >>> "Chia Sim" in romanize_khmer("ជា ស៊ីម")
    True
    """
    spaced = _ZWSP_BREAK.sub(" ", text)
    words = [w for w in _WORD_BREAK.split(normalize_khmer(spaced)) if w]
    per_word = [v for v in (_token_variants(_cap_latin(w)) for w in words) if v]
    if not per_word:
        return ()
    names = _combine(per_word, MAX_NAME_VARIANTS, " ")
    return tuple(_cap_words(name) for name, _ in names)


def _cap_latin(word: str) -> str:
    return word if is_khmer(word) else _cap(word)


def _cap_words(name: str) -> str:
    return " ".join(_cap(w) for w in name.split(" "))
