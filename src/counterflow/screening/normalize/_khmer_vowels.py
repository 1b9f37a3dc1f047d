"""Khmer vowel signs: how each reads after a first- or second-series consonant, in Latin.

Every vowel sign has two readings, one per consonant series (Huffman 1970; the table of
Um & Seng 2012 in SIL's Khmer character specification): ា is /aa/ after ក (Ka) and /ie/
after គ (Kea); ុ is /o/ after ក (Kok) and /u/ after គ (Kuk). A syllable with no vowel sign
has the *inherent* vowel, /ɑɑ/ (a-series) or /ɔɔ/ (o-series), /a/ or /ea/ in Pali words.

The spellings below are those Cambodians use for names (Chea, Sophea, Srey, Borey, Sok,
Kun, Saom, Chhay, Nuon, Khieu), first the most common one, then variants with a weight.
The systematic romanisations differ: the UNGEGN system (1972, "BGN/PCGN 1972") writes the
inherent vowel â/ô, ា a/ea, ី ei/i, ើ aeu/eu; ALA-LC (Library of Congress) writes
the *letters* rather than the sounds and marks the series with diacritics. Neither matches
what is printed on a Cambodian passport, which is what a watch list holds, hence this table.

``READINGS[key]`` gives (a-series open, a-series closed, o-series open, o-series closed);
the key is the vowel sign, possibly with NIKAHIT (ំ: final /m/), or ``""`` for the inherent
vowel. Readings that depend on the final consonant (``-ng``, ``-m``, glides ``-y``/``-v``)
are in :data:`BEFORE_FINAL` and :data:`WITH_GLIDE`.
"""

from __future__ import annotations

from typing import NamedTuple

from counterflow.screening.normalize._khmer_letters import FIRST, Options


class Readings(NamedTuple):
    a_open: Options
    a_closed: Options
    o_open: Options
    o_closed: Options

    def get(self, series: int, closed: bool) -> Options:
        if series == FIRST:
            return self.a_closed if closed else self.a_open
        return self.o_closed if closed else self.o_open


def _r(a_open: Options, a_closed: Options, o_open: Options, o_closed: Options) -> Readings:
    return Readings(a_open, a_closed, o_open, o_closed)


def _same(opts: Options) -> Readings:
    return Readings(opts, opts, opts, opts)


INHERENT = ""
AA, SRA_I, II, Y, YY, U, UU, UA = "ា", "ិ", "ី", "ឹ", "ឺ", "ុ", "ូ", "ួ"
OE, YA, IE, E, AE, AI, OO, AU = "ើ", "ឿ", "ៀ", "េ", "ែ", "ៃ", "ោ", "ៅ"
SAMYOK = "័"  # SAMYOK SANNYA, a short /a/ in Sanskrit words (ច័ន្ទ Chan, ជ័យ Chey)
NIKAHIT = "ំ"

READINGS: dict[str, Readings] = {
    INHERENT: _r(
        (("a", 1.0), ("o", 0.3)),
        (("a", 1.0), ("o", 0.5), ("ea", 0.15)),
        (("a", 1.0), ("o", 0.8), ("ea", 0.4), ("or", 0.3)),
        (("o", 1.0), ("u", 0.5), ("a", 0.4), ("ea", 0.3), ("oa", 0.2)),
    ),
    AA: _r(
        (("a", 1.0), ("ar", 0.35), ("ah", 0.1)),
        (("a", 1.0), ("ar", 0.1)),
        (("ea", 1.0), ("ia", 0.4), ("a", 0.3), ("eah", 0.15)),
        (("ea", 1.0), ("ia", 0.35), ("a", 0.3), ("oa", 0.2)),
    ),
    SRA_I: _r(
        (("e", 1.0), ("i", 0.7)),
        (("e", 1.0), ("i", 0.9)),
        (("i", 1.0), ("e", 0.5)),
        (("i", 1.0), ("e", 0.5)),
    ),
    II: _r(
        (("ey", 1.0), ("ei", 0.6), ("i", 0.5), ("y", 0.3)),
        (("ei", 1.0), ("ey", 0.7), ("i", 0.6)),
        (("i", 1.0), ("y", 0.5), ("ey", 0.3), ("ee", 0.2)),
        (("i", 1.0), ("ee", 0.2), ("ey", 0.2)),
    ),
    Y: _r(
        (("oe", 1.0), ("eu", 0.9), ("e", 0.6), ("ue", 0.4), ("i", 0.3)),
        (("oe", 1.0), ("eu", 0.9), ("e", 0.6), ("ue", 0.4), ("i", 0.3)),
        (("eu", 1.0), ("oe", 0.8), ("ue", 0.5), ("i", 0.5), ("e", 0.4)),
        (("eu", 1.0), ("oe", 0.8), ("ue", 0.5), ("i", 0.5), ("e", 0.4)),
    ),
    YY: _r(
        (("eu", 1.0), ("oeu", 0.8), ("ue", 0.5)),
        (("eu", 1.0), ("oeu", 0.8), ("ue", 0.5), ("o", 0.3)),
        (("eu", 1.0), ("ue", 0.6), ("oeu", 0.5), ("u", 0.3)),
        (("eu", 1.0), ("ue", 0.6), ("oeu", 0.5), ("u", 0.3)),
    ),
    U: _r(
        (("o", 1.0), ("u", 0.35), ("ou", 0.2)),
        (("o", 1.0), ("u", 0.4), ("ou", 0.25)),
        (("u", 1.0), ("o", 0.5), ("ou", 0.3)),
        (("u", 1.0), ("o", 0.45), ("ou", 0.35)),
    ),
    UU: _r(
        (("o", 1.0), ("ou", 0.9), ("u", 0.4)),
        (("ou", 1.0), ("o", 0.6), ("u", 0.5)),
        (("ou", 1.0), ("u", 0.8), ("o", 0.4)),
        (("ou", 1.0), ("u", 0.8), ("o", 0.4)),
    ),
    UA: _r(
        (("uo", 1.0), ("ua", 0.6), ("uor", 0.4), ("ou", 0.3)),
        (("uo", 1.0), ("ou", 0.5), ("ua", 0.4), ("uor", 0.2)),
        (("uo", 1.0), ("ua", 0.6), ("uor", 0.4), ("ou", 0.3)),
        (("uo", 1.0), ("ou", 0.5), ("ua", 0.4), ("uor", 0.2)),
    ),
    OE: _r(
        (("eu", 1.0), ("aeu", 0.8), ("oeu", 0.6), ("ae", 0.4), ("er", 0.3)),
        (("eu", 1.0), ("aeu", 0.8), ("oeu", 0.6), ("ae", 0.4), ("er", 0.3)),
        (("eu", 1.0), ("oeu", 0.8), ("ue", 0.4), ("er", 0.3)),
        (("oeu", 1.0), ("eu", 0.9), ("ue", 0.4), ("er", 0.3)),
    ),
    YA: _same((("oeu", 1.0), ("eu", 0.9), ("eur", 0.6), ("oeur", 0.5), ("eou", 0.4), ("ue", 0.3))),
    IE: _r(
        (("ea", 1.0), ("ie", 0.8), ("ia", 0.6)),
        (("ie", 1.0), ("ea", 0.8), ("ia", 0.5), ("iea", 0.3)),
        (("ea", 1.0), ("ie", 0.8), ("ia", 0.6)),
        (("ie", 1.0), ("ea", 0.8), ("ia", 0.5), ("iea", 0.3)),
    ),
    E: _same((("e", 1.0), ("ei", 0.4), ("ay", 0.15))),
    AE: _r(
        (("e", 1.0), ("ae", 0.8), ("ai", 0.4)),
        (("e", 1.0), ("ae", 0.8), ("ai", 0.3), ("ea", 0.2)),
        (("e", 1.0), ("ae", 0.6), ("ai", 0.3)),
        (("e", 1.0), ("ae", 0.6), ("ai", 0.3)),
    ),
    AI: _r(
        (("ay", 1.0), ("ai", 0.8), ("ey", 0.2)),
        (("ay", 1.0), ("ai", 0.8)),
        (("ey", 1.0), ("ay", 0.8), ("ai", 0.5), ("ei", 0.4)),
        (("ey", 1.0), ("ay", 0.8), ("ai", 0.5)),
    ),
    OO: _r(
        (("o", 1.0), ("ao", 0.5), ("or", 0.3)),
        (("ao", 1.0), ("o", 0.9), ("au", 0.3)),
        (("ou", 1.0), ("o", 0.8), ("oo", 0.2)),
        (("o", 1.0), ("ou", 0.8), ("oo", 0.2)),
    ),
    AU: _r(
        (("ao", 1.0), ("av", 0.6), ("au", 0.5), ("aw", 0.2)),
        (("ao", 1.0), ("au", 0.5)),
        (("ov", 1.0), ("ou", 0.7), ("eou", 0.4), ("au", 0.4), ("ao", 0.3)),
        (("ov", 1.0), ("ou", 0.7), ("au", 0.4)),
    ),
    SAMYOK: _r(
        (("a", 1.0), ("o", 0.3)),
        (("a", 1.0), ("o", 0.3)),
        (("oa", 1.0), ("o", 0.8), ("ea", 0.7), ("a", 0.6)),
        (("o", 1.0), ("oa", 0.8), ("ea", 0.6), ("a", 0.6)),
    ),
    # With NIKAHIT (a final /m/ written as a sign): complete rimes, never followed by a final.
    NIKAHIT: _r(
        (("am", 1.0), ("om", 0.6), ("um", 0.3)),
        (("am", 1.0), ("om", 0.6), ("um", 0.3)),
        (("um", 1.0), ("om", 0.6), ("am", 0.4)),
        (("um", 1.0), ("om", 0.6), ("am", 0.4)),
    ),
    U + NIKAHIT: _r(
        (("om", 1.0), ("um", 0.5), ("oum", 0.2)),
        (("om", 1.0), ("um", 0.5), ("oum", 0.2)),
        (("um", 1.0), ("om", 0.4), ("oum", 0.3)),
        (("um", 1.0), ("om", 0.4), ("oum", 0.3)),
    ),
    AA + NIKAHIT: _r(
        (("am", 1.0), ("aum", 0.2)),
        (("am", 1.0), ("aum", 0.2)),
        (("oam", 1.0), ("eam", 0.7), ("am", 0.5), ("aom", 0.3)),
        (("oam", 1.0), ("eam", 0.7), ("am", 0.5), ("aom", 0.3)),
    ),
}
"""Vowel readings by key, series and whether a final consonant follows."""

MONOSYLLABLE_INHERENT: dict[int, Options] = {
    1: (("ar", 1.0), ("a", 0.8), ("or", 0.5), ("o", 0.3)),  # ស → Sar
    2: (("or", 1.0), ("o", 0.8), ("ou", 0.3)),
}
"""The inherent vowel of a one-syllable word with no final (a long /ɑɑ/, /ɔɔ/)."""

WORD_FINAL_OPEN: dict[str, Readings] = {
    U: _same((("u", 1.0), ("o", 0.8), ("ou", 0.5), ("ouk", 0.3), ("uk", 0.3))),
    UU: _same((("ou", 1.0), ("o", 0.6), ("u", 0.5))),
    OO: _r(
        (("or", 1.0), ("ao", 0.9), ("o", 0.8), ("au", 0.3)),
        (("or", 1.0), ("ao", 0.9), ("o", 0.8), ("au", 0.3)),
        (("ou", 1.0), ("o", 0.8), ("oo", 0.2)),
        (("ou", 1.0), ("o", 0.8), ("oo", 0.2)),
    ),
    INHERENT: _r(
        (("a", 1.0), ("ak", 0.3)),
        (("a", 1.0), ("ak", 0.3)),
        (("o", 1.0), ("ea", 0.5), ("a", 0.5)),
        (("o", 1.0), ("ea", 0.5), ("a", 0.5)),
    ),
}
"""Open vowels at the end of a word of two or more syllables, where they differ."""

BEFORE_FINAL: dict[tuple[str, int, str], Options] = {
    # (key, series, final class) -> vowel part; the final consonant is written after it.
    (INHERENT, 1, "k"): (("a", 1.0), ("o", 0.4)),
    (INHERENT, 2, "k"): (("a", 1.0), ("ea", 0.8), ("o", 0.6)),
    (INHERENT, 1, "ng"): (("a", 1.0), ("o", 0.8)),
    (INHERENT, 2, "ng"): (("o", 1.0), ("u", 0.4), ("ea", 0.3)),
    (INHERENT, 2, "n"): (("o", 1.0), ("u", 0.7), ("a", 0.5)),
    (INHERENT, 1, "m"): (("a", 1.0), ("o", 0.8)),
    (INHERENT, 2, "m"): (("o", 1.0), ("u", 0.6), ("a", 0.4)),
    (SRA_I, 1, "n"): (("i", 1.0), ("e", 0.9)),
    (SRA_I, 1, "m"): (("i", 1.0), ("e", 0.9)),
    (SRA_I, 1, "ng"): (("i", 1.0), ("e", 0.9)),
    (Y, 1, "m"): (("e", 1.0), ("oe", 0.7), ("eu", 0.6), ("i", 0.5)),
    (Y, 2, "m"): (("i", 1.0), ("e", 0.7), ("eu", 0.6), ("oe", 0.5)),
    (E, 2, "c"): (("i", 1.0), ("e", 0.9)),
    (E, 2, "nh"): (("i", 1.0), ("e", 0.9)),
    (OO, 1, "ng"): (("o", 1.0), ("ao", 0.6), ("au", 0.3)),
    (AA + NIKAHIT, 1, "ng"): (("a", 1.0), ("ai", 0.5)),  # ាំង: the ម of ំ is not heard
    (AA + NIKAHIT, 2, "ng"): (("ea", 1.0), ("oa", 0.5), ("a", 0.4)),
    (SAMYOK, 1, "k"): (("a", 1.0), ("ea", 0.3)),
    (SAMYOK, 2, "k"): (("ea", 1.0), ("a", 0.6)),
    (SAMYOK, 2, "n"): (("oa", 1.0), ("o", 0.6), ("or", 0.6), ("a", 0.4)),
}
"""Vowel readings that change before a particular class of final consonant."""

SHORTENED: dict[tuple[str, int], Options] = {
    # BANTOC (់) over the final consonant shortens the vowel.
    (INHERENT, 1): (("a", 1.0), ("o", 0.7)),
    (INHERENT, 2): (("o", 1.0), ("u", 0.6), ("oa", 0.4)),
    (AA, 1): (("a", 1.0),),
    (AA, 2): (("oa", 1.0), ("ea", 0.8), ("a", 0.7), ("or", 0.4)),
}

WITH_GLIDE: dict[tuple[str, int, str], Options] = {
    # (key, series, "y" | "v") -> the whole rime: the glide final is part of the spelling.
    (INHERENT, 1, "y"): (("ay", 1.0), ("ai", 0.6)),
    (INHERENT, 2, "y"): (("oy", 1.0), ("uy", 0.5), ("ey", 0.3)),
    (U, 1, "y"): (("oy", 1.0), ("uy", 0.7)),
    (U, 2, "y"): (("uy", 1.0), ("oy", 0.6), ("ouy", 0.3)),
    (AA, 1, "y"): (("ay", 1.0), ("ai", 0.7)),
    (AA, 2, "y"): (("eay", 1.0), ("ey", 0.5), ("ay", 0.5), ("iey", 0.2)),
    (UU, 1, "y"): (("ouy", 1.0), ("uy", 0.5)),
    (UU, 2, "y"): (("ouy", 1.0), ("uy", 0.5)),
    (UA, 1, "y"): (("uoy", 1.0), ("uy", 0.4)),
    (UA, 2, "y"): (("uoy", 1.0), ("uy", 0.4)),
    (OO, 1, "y"): (("aoy", 1.0), ("oy", 0.8)),
    (OO, 2, "y"): (("oy", 1.0), ("ouy", 0.5)),
    (OE, 1, "y"): (("aeuy", 1.0), ("oey", 0.6)),
    (OE, 2, "y"): (("euy", 1.0), ("oey", 0.6)),
    (E, 1, "y"): (("ey", 1.0), ("ei", 0.5)),
    (E, 2, "y"): (("ey", 1.0), ("ei", 0.5)),
    (IE, 1, "y"): (("iey", 1.0), ("ey", 0.4)),
    (IE, 2, "y"): (("iey", 1.0), ("ey", 0.4)),
    (SAMYOK, 1, "y"): (("ay", 1.0), ("ai", 0.6)),
    (SAMYOK, 2, "y"): (("ey", 1.0), ("ay", 0.5), ("ei", 0.3)),
    (INHERENT, 1, "v"): (("av", 1.0), ("ao", 0.6), ("au", 0.3)),
    (INHERENT, 2, "v"): (("ov", 1.0), ("ou", 0.5)),
    (AA, 1, "v"): (("av", 1.0), ("ao", 0.6)),
    (AA, 2, "v"): (("eav", 1.0), ("iev", 0.5), ("eao", 0.2)),
    (SRA_I, 1, "v"): (("iv", 1.0), ("ev", 0.5)),
    (SRA_I, 2, "v"): (("iv", 1.0), ("iu", 0.3)),
    (II, 1, "v"): (("eiv", 1.0), ("iv", 0.7)),
    (II, 2, "v"): (("iv", 1.0), ("iu", 0.3)),
    (E, 1, "v"): (("ev", 1.0), ("eo", 0.7)),
    (E, 2, "v"): (("ev", 1.0), ("eo", 0.7)),
    (AE, 1, "v"): (("eo", 1.0), ("aev", 0.5), ("ev", 0.4)),
    (AE, 2, "v"): (("eo", 1.0), ("aev", 0.5), ("ev", 0.4)),
    (IE, 1, "v"): (("ieu", 1.0), ("iev", 0.7), ("eav", 0.3), ("iv", 0.2)),
    (IE, 2, "v"): (("ieu", 1.0), ("iev", 0.7), ("eav", 0.3), ("iv", 0.2)),
    (UU, 1, "v"): (("ov", 1.0), ("ouv", 0.4), ("ou", 0.4)),
    (UU, 2, "v"): (("ov", 1.0), ("ouv", 0.4), ("ou", 0.4)),
    (U, 1, "v"): (("ov", 1.0), ("ouv", 0.3)),
    (U, 2, "v"): (("uv", 1.0), ("ov", 0.6)),
}
"""Vowel + ``-y``/``-v`` finals, spelled as a whole (កែវ Keo, ស្វាយ Svay, ហ៊ុយ Huy)."""

REAHMUK_RIMES: dict[tuple[str, int], Options] = {
    # With REAHMUK (ះ, a final /h/).
    (INHERENT, 1): (("ah", 1.0), ("a", 0.4)),
    (INHERENT, 2): (("eah", 1.0), ("eh", 0.4), ("oah", 0.3)),
    (U, 1): (("oh", 1.0), ("uh", 0.3)),
    (U, 2): (("uh", 1.0), ("oh", 0.5)),
    (OO, 1): (("oh", 1.0), ("aoh", 0.5)),
    (OO, 2): (("uoh", 1.0), ("oh", 0.7)),
    (SRA_I, 1): (("eh", 1.0), ("ih", 0.5)),
    (SRA_I, 2): (("ih", 1.0), ("eh", 0.5)),
    (AA, 1): (("ah", 1.0), ("a", 0.3)),
    (AA, 2): (("eah", 1.0), ("ah", 0.5)),
}

YUUKALEAPINTU_RIMES: dict[int, Options] = {
    # With YUUKALEAPINTU (ៈ, a short vowel and a glottal stop): វណ្ណៈ → Vannak.
    1: (("ak", 1.0), ("a", 0.6), ("ah", 0.3)),
    2: (("eak", 1.0), ("ak", 0.6), ("ea", 0.5)),
}
