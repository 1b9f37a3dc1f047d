"""Khmer consonants: series, sonority and their popular Latin values as initial and final.

**Consonant series.** Khmer has 33 consonant letters but the language has fewer consonant
sounds; the script keeps two letters for most sounds (ក and គ are both /k/). What differs is
the *register* of the syllable: a first-series (a-series, "light voice") consonant such as ក
makes the following vowel sign read one way, a second-series (o-series, "heavy voice")
consonant such as គ the other way: កា is /kaa/ (Ka), គា is /kie/ (Kea). The register
shifters change the series of a letter (ស៊ is o-series, ម៉ a-series), and in a cluster the
least sonorous consonant decides (ស្រី: ស, a-series; ស្ព: ព, o-series); Sok (2016) after
Huffman (1970), as summarised in SIL's Khmer character specification.

**Values.** The first value of each tuple is the letter as Cambodians spell it in their
names on passports and ID cards (a French-influenced convention: ឆ ``chh``, ញ ``nh``,
ប final ``b``); the others are common alternatives with a rough weight (how often the
alternative is seen relative to the first). UNGEGN's 1972 system and ALA-LC use the same
consonant letters, with diacritics that popular spelling drops.
"""

from __future__ import annotations

from typing import NamedTuple

Options = tuple[tuple[str, float], ...]
"""Latin spellings with a weight in (0, 1]; the first has weight 1."""

FIRST, SECOND = 1, 2
"""Consonant series: first (a-series) and second (o-series)."""

# Sonority classes (Sok 2016): the least sonorous member of a cluster sets its series.
IMPLOSIVE, PLOSIVE, ASPIRATE, FRICATIVE, SONORANT = range(5)


class Letter(NamedTuple):
    series: int
    sonority: int
    place: str
    """Final-sound class: k, c (palatal stop), t, p, ng, nh, n, m, y, r, l, v, s, h, q (glottal)."""
    initial: Options
    final: Options


def _l(series: int, sonority: int, place: str, initial: Options, final: Options) -> Letter:
    return Letter(series, sonority, place, initial, final)


_K: Options = (("k", 1.0),)
_KH: Options = (("kh", 1.0), ("k", 0.45))
_CHH: Options = (("chh", 1.0), ("ch", 0.6))
_TH: Options = (("th", 1.0), ("t", 0.45))
_PH: Options = (("ph", 1.0), ("p", 0.5))
_FINAL_K: Options = (("k", 1.0), ("kh", 0.3))
_FINAL_CH: Options = (("ch", 1.0),)
_FINAL_T: Options = (("t", 1.0), ("th", 0.5), ("d", 0.2))
_FINAL_TH: Options = (("th", 1.0), ("t", 0.6))
_FINAL_P: Options = (("p", 1.0), ("ph", 0.4))

LETTERS: dict[str, Letter] = {
    "ក": _l(FIRST, PLOSIVE, "k", _K, _K),
    "ខ": _l(FIRST, ASPIRATE, "k", _KH, _FINAL_K),
    "គ": _l(SECOND, PLOSIVE, "k", (("k", 1.0), ("g", 0.15)), _K),
    "ឃ": _l(SECOND, ASPIRATE, "k", _KH, _FINAL_K),
    "ង": _l(SECOND, SONORANT, "ng", (("ng", 1.0),), (("ng", 1.0), ("ngh", 0.15))),
    "ច": _l(FIRST, PLOSIVE, "c", (("ch", 1.0), ("j", 0.1)), _FINAL_CH),
    "ឆ": _l(FIRST, ASPIRATE, "c", _CHH, _FINAL_CH),
    "ជ": _l(SECOND, PLOSIVE, "c", (("ch", 1.0), ("j", 0.15)), _FINAL_CH),
    "ឈ": _l(SECOND, ASPIRATE, "c", _CHH, _FINAL_CH),
    "ញ": _l(
        SECOND, SONORANT, "nh", (("nh", 1.0), ("ny", 0.4), ("n", 0.2)), (("nh", 1.0), ("n", 0.3))
    ),
    "ដ": _l(FIRST, IMPLOSIVE, "t", (("d", 1.0), ("t", 0.2)), (("t", 1.0), ("d", 0.4), ("th", 0.3))),
    "ឋ": _l(FIRST, ASPIRATE, "t", _TH, _FINAL_TH),
    "ឌ": _l(SECOND, IMPLOSIVE, "t", (("d", 1.0), ("t", 0.2)), (("t", 1.0), ("d", 0.4))),
    "ឍ": _l(SECOND, ASPIRATE, "t", _TH, _FINAL_TH),
    "ណ": _l(FIRST, SONORANT, "n", (("n", 1.0),), (("n", 1.0), ("nn", 0.4))),
    "ត": _l(FIRST, PLOSIVE, "t", (("t", 1.0), ("d", 0.3)), _FINAL_T),
    "ថ": _l(FIRST, ASPIRATE, "t", _TH, _FINAL_TH),
    "ទ": _l(SECOND, PLOSIVE, "t", (("t", 1.0), ("th", 0.2), ("d", 0.2)), _FINAL_T),
    "ធ": _l(SECOND, ASPIRATE, "t", _TH, _FINAL_TH),
    "ន": _l(SECOND, SONORANT, "n", (("n", 1.0),), (("n", 1.0), ("nn", 0.35))),
    "ប": _l(FIRST, IMPLOSIVE, "p", (("b", 1.0), ("p", 0.3)), (("p", 1.0), ("b", 0.8))),
    "ផ": _l(FIRST, ASPIRATE, "p", _PH, _FINAL_P),
    "ព": _l(SECOND, PLOSIVE, "p", (("p", 1.0), ("ph", 0.2), ("b", 0.15)), (("p", 1.0), ("b", 0.3))),
    "ភ": _l(SECOND, ASPIRATE, "p", _PH, _FINAL_P),
    "ម": _l(SECOND, SONORANT, "m", (("m", 1.0),), (("m", 1.0),)),
    "យ": _l(SECOND, SONORANT, "y", (("y", 1.0),), (("y", 1.0),)),
    "រ": _l(SECOND, SONORANT, "r", (("r", 1.0),), (("r", 1.0), ("", 0.4))),
    "ល": _l(SECOND, SONORANT, "l", (("l", 1.0),), (("l", 1.0), ("ll", 0.15))),
    "វ": _l(SECOND, SONORANT, "v", (("v", 1.0), ("w", 0.2)), (("v", 1.0),)),
    "ឝ": _l(FIRST, FRICATIVE, "s", (("s", 1.0),), (("s", 1.0),)),
    "ឞ": _l(FIRST, FRICATIVE, "s", (("s", 1.0),), (("s", 1.0),)),
    "ស": _l(FIRST, FRICATIVE, "s", (("s", 1.0),), (("s", 1.0), ("h", 0.2))),
    "ហ": _l(FIRST, FRICATIVE, "h", (("h", 1.0),), (("h", 1.0), ("", 0.3))),
    "ឡ": _l(FIRST, SONORANT, "l", (("l", 1.0),), (("l", 1.0),)),
    "អ": _l(FIRST, PLOSIVE, "q", (("", 1.0),), (("", 1.0),)),
}
"""Every consonant letter (U+1780–U+17A2)."""

SHIFTED_INITIAL: dict[str, Options] = {"ប": (("p", 1.0), ("b", 0.3))}
"""Letters whose sound changes with MUUSIKATOAN: ប៉ is /p/ (ប៉ុល → Pol)."""

CLUSTER_INITIAL: dict[str, Options] = {
    "ហគ": (("g", 1.0),),  # ហ្គ writes /g/ in loans (ហ្គេក → Guek)
    "ហវ": (("f", 1.0), ("v", 0.3)),
    "ហស": (("z", 1.0), ("s", 0.4)),
}
"""Two-letter clusters read as one foreign sound."""

INDEPENDENT_VOWELS: dict[str, Options] = {
    "ឥ": (("e", 1.0), ("i", 0.7), ("ey", 0.3)),
    "ឦ": (("ei", 1.0), ("ey", 0.8), ("i", 0.5)),
    "ឧ": (("ou", 1.0), ("o", 0.8), ("u", 0.6)),
    "ឨ": (("ou", 1.0), ("o", 0.6)),
    "ឩ": (("ou", 1.0), ("u", 0.6)),
    "ឪ": (("ov", 1.0), ("eu", 0.4)),
    "ឫ": (("reu", 1.0), ("ru", 0.5)),
    "ឬ": (("reu", 1.0), ("ru", 0.5)),
    "ឭ": (("leu", 1.0), ("lu", 0.5)),
    "ឮ": (("leu", 1.0), ("lu", 0.5)),
    "ឯ": (("e", 1.0), ("ae", 0.9), ("ai", 0.3)),
    "ឰ": (("ai", 1.0), ("ay", 0.8)),
    "ឱ": (("ao", 1.0), ("o", 0.8), ("au", 0.4)),
    "ឲ": (("ao", 1.0), ("o", 0.8), ("au", 0.4)),
    "ឳ": (("au", 1.0), ("ov", 0.5)),
}
"""Independent vowels (U+17A5–U+17B3): a syllable with no written consonant."""

NASAL_OF_PLACE = {"k": "ង", "c": "ញ", "t": "ន", "p": "ម"}
"""The nasal pronounced at each stop's place: ន្ត, ង្គ, ម្ព are nasal + homorganic stop."""


def letter(ch: str) -> Letter:
    return LETTERS[ch]
