"""Spellings of one Khmer word: syllable readings combined by a small beam search.

Each syllable offers a few (onset, vowel, final) spellings with weights (the tables in
``_khmer_letters`` and ``_khmer_vowels``); the word's spellings are the best products,
with the junction of two syllables simplified as Cambodians write it (a final followed by
the same sound: *Bop + pha* → Bopha, *Vich + chea* → Vichea, *Met + ta* → Metta).
"""

from __future__ import annotations

from counterflow.screening.normalize._khmer_chars import MUUSIKATOAN, TRIISAP
from counterflow.screening.normalize._khmer_letters import (
    ASPIRATE,
    CLUSTER_INITIAL,
    FIRST,
    INDEPENDENT_VOWELS,
    LETTERS,
    SECOND,
    SHIFTED_INITIAL,
    Options,
)
from counterflow.screening.normalize._khmer_syllables import Syllable, clusters, syllabify
from counterflow.screening.normalize._khmer_vowels import (
    AA,
    BEFORE_FINAL,
    II,
    INHERENT,
    MONOSYLLABLE_INHERENT,
    READINGS,
    REAHMUK_RIMES,
    SHORTENED,
    SRA_I,
    WITH_GLIDE,
    WORD_FINAL_OPEN,
    YUUKALEAPINTU_RIMES,
)

BEAM = 48
_PER_SYLLABLE = 36
_PLACES = (
    ("chh", "c"), ("ch", "c"), ("kh", "k"), ("th", "t"), ("ph", "p"), ("nh", "nh"),
    ("ng", "ng"), ("k", "k"), ("g", "k"), ("c", "c"), ("j", "c"), ("t", "t"), ("d", "t"),
    ("p", "p"), ("b", "p"), ("n", "n"), ("m", "m"), ("l", "l"), ("s", "s"), ("r", "r"),
    ("y", "y"), ("v", "v"), ("w", "v"), ("h", "h"),
)  # fmt: skip

_KHIN_SONORANTS = frozenset("ងញនមយរលវ")
Rime = tuple[str, str, float]  # vowel spelling, final spelling, weight


def _place(sound: str) -> str:
    for prefix, place in _PLACES:
        if sound.startswith(prefix):
            return place
    return ""


def _product(parts: list[Options], limit: int = 8) -> Options:
    out: list[tuple[str, float]] = [("", 1.0)]
    for opts in parts:
        out = sorted(((a + b, w * v) for a, w in out for b, v in opts), key=lambda x: -x[1])
        out = out[:limit]
    return tuple(out)


def cluster_series(onset: tuple[str, ...], shifter: str) -> int:
    """The series of an onset: the shifter's, or that of the least sonorous letter."""
    base_series = {MUUSIKATOAN: FIRST, TRIISAP: SECOND}.get(shifter, LETTERS[onset[0]].series)
    if len(onset) == 1:
        return base_series
    best = min(range(len(onset)), key=lambda i: (LETTERS[onset[i]].sonority, i))
    return base_series if best == 0 else LETTERS[onset[best]].series


def _series(syl: Syllable, prev_series: int | None) -> list[tuple[int, float]]:
    """Series of a syllable's vowel.

    A syllable starting with o-series sonorants only (ង ញ ន ម យ រ ល វ) usually takes the series
    of the syllable before it (Khin 2007, via Sok 2016): ដារា is Da-ra, not Da-rea; បុរី Bo-rey.
    """
    if syl.indep or not syl.onset:
        return [(FIRST, 1.0)]
    own = cluster_series(syl.onset, syl.shifter)
    sonorants = all(c in _KHIN_SONORANTS for c in syl.onset)
    if prev_series is not None and prev_series != own and sonorants and not syl.shifter:
        p = 0.85 if syl.split else 0.8
        return [(prev_series, p), (own, 1.0 - p)]
    return [(own, 1.0)]


def _onset(syl: Syllable, index: int) -> Options:
    letters = syl.onset
    if not letters:
        return (("", 1.0),)
    parts: list[Options] = []
    i = 0
    if len(letters) >= 2 and letters[0] + letters[1] in CLUSTER_INITIAL:
        parts.append(CLUSTER_INITIAL[letters[0] + letters[1]])
        i = 2
    for j in range(i, len(letters)):
        ch = letters[j]
        if j == 0 and syl.shifter == MUUSIKATOAN and ch in SHIFTED_INITIAL:
            parts.append(SHIFTED_INITIAL[ch])
        elif j == 0 and ch == "ប" and len(letters) > 1:
            parts.append((("p", 1.0), ("b", 0.4)))  # ប្រ is /pr/
        elif ch == "ត" and index > 0 and len(letters) == 1:
            parts.append((("t", 1.0), ("d", 0.9), ("th", 0.5)))  # Pali ត: Thida, Rathana
        else:
            parts.append(LETTERS[ch].initial)
    return _product(parts, 6)


def _final(letters: tuple[str, ...]) -> Options:
    first = LETTERS[letters[0]]
    if len(letters) == 1:
        return first.final
    second = letters[1]
    if second == letters[0]:  # geminate: ណ្ណ, ន្ន, ត្ត
        if first.place == "n":
            return (("nn", 1.0), ("n", 0.8))
        if first.place == "t":
            return (("th", 1.0), ("t", 0.8))
        return first.final
    if first.place == "n" or first.place in ("ng", "m", "nh"):
        return ((first.final[0][0], 1.0),)  # nasal + stop: ន្ត, ង្គ, ង្ស
    other = LETTERS.get(second)
    if other is not None and other.place == first.place and other.sonority == ASPIRATE:
        return {"t": (("th", 1.0), ("t", 0.6)), "p": (("p", 1.0), ("ph", 0.4))}.get(
            first.place, first.final
        )
    if letters[-1] == "រ":  # ពេជ្រ Pich, វិចិត្រ Vichet (also written Vichetr)
        return (*first.final, *((v + "r", w * 0.3) for v, w in first.final[:1]))
    return first.final


def _word_final_ii(syl: Syllable, series: int, prev: Syllable | None) -> Options:
    """Word-final ី: Ly, Thy, Yi; Srey, Borey, Pisey; Channary, Somaly, Davy."""
    if series == SECOND:
        if syl.onset and syl.onset[-1] == "យ":
            return (("i", 1.0), ("ee", 0.2))
        return (("y", 1.0), ("i", 0.8), ("ey", 0.35))
    after_a = prev is not None and prev.vowel in (AA, INHERENT) and not prev.indep
    if after_a or (syl.onset and syl.onset[-1] not in "រស"):  # Channary, Somaly, Davy, Mony
        return (("y", 1.0), ("ey", 0.8), ("i", 0.5), ("ei", 0.4))
    return (("ey", 1.0), ("y", 0.75), ("ei", 0.5), ("i", 0.4))  # Borey, Serey, Pisey


def _key(vowel: str) -> str:
    """The :data:`READINGS` key of a written vowel; unusual combinations fall back to a part."""
    if vowel in READINGS:
        return vowel
    return vowel[:1] if vowel[:1] in READINGS else INHERENT


def _open_vowel(
    syl: Syllable, series: int, pos: tuple[bool, bool], prev: Syllable | None
) -> Options:
    first, last = pos
    key = _key(syl.vowel)
    if key == INHERENT and first and last:
        return MONOSYLLABLE_INHERENT[series]
    if key == II and last and (series == SECOND or not first):
        return _word_final_ii(syl, series, prev)
    if last and key in WORD_FINAL_OPEN:
        return WORD_FINAL_OPEN[key].get(series, False)
    return READINGS[key].get(series, False)


def _closed_vowel(syl: Syllable, key: str, series: int, place: str, first: bool) -> Options:
    """The vowel of a syllable closed by a final consonant (not a glide)."""
    special: Options | None = None
    if syl.short:
        special = SHORTENED.get((key, series))
    elif key == INHERENT and series == SECOND and syl.final[0] == "ណ":
        special = (("a", 1.0), ("o", 0.7), ("ea", 0.3))  # Pali -aṇ: វណ្ណ Vann, សុវណ្ណ Sovann
    elif key == INHERENT and series == FIRST and place == "m" and not first:
        special = (("o", 1.0), ("a", 0.8))  # ឧត្តម Oudom, នរោត្តម Norodom
    elif key == SRA_I and "ធ" in syl.final[1:]:
        special = (("i", 1.0), ("e", 0.9))  # រិទ្ធ Rith, សិទ្ធិ Sith
    if special is None:
        special = BEFORE_FINAL.get((key, series, place))
    return special if special is not None else READINGS[key].get(series, True)


def _rimes(syl: Syllable, series: int, pos: tuple[bool, bool], prev: Syllable | None) -> list[Rime]:
    """(vowel, final, weight) spellings of a syllable's rime."""
    finals: Options = _final(syl.final) if syl.final else (("", 1.0),)
    if syl.indep:
        indep = INDEPENDENT_VOWELS.get(syl.indep, (("", 1.0),))
        return [(v, f, w * x) for v, w in indep for f, x in finals]
    key = _key(syl.vowel)
    if syl.reahmuk:
        opts = REAHMUK_RIMES.get((key, series))
        if opts is None:
            opts = tuple((v + "h", w) for v, w in READINGS[key].get(series, False))
        return [(v, "", w) for v, w in opts]
    if syl.yuuk:
        opts = YUUKALEAPINTU_RIMES[series] if key == INHERENT else READINGS[key].get(series, False)
        return [(v, "", w) for v, w in opts]
    if not syl.final:
        return [(v, "", w) for v, w in _open_vowel(syl, series, pos, prev)]
    place = LETTERS[syl.final[0]].place
    if len(syl.final) == 1 and place in ("y", "v"):
        glide = WITH_GLIDE.get((key, series, place))
        if glide is not None:
            return [(v, "", w) for v, w in glide]
    vowels = _closed_vowel(syl, key, series, place, pos[0])
    return [(v, f, w * x) for v, w in vowels for f, x in finals]


def _join(final: str, onset: str) -> Options:
    """Spellings of a syllable junction: final of one syllable, onset of the next."""
    if not final or not onset:
        return ((final + onset, 1.0),)
    place = _place(final)
    if place != _place(onset) or place == "":
        return ((final + onset, 1.0),)
    if place in ("n", "m", "l", "s"):
        return ((final[0] + onset, 1.0), (onset, 0.6))  # Vanna, Phalla / Vana, Phala
    if place in ("nh", "ng", "r", "y", "v", "h"):
        return ((onset, 1.0),)
    if onset.startswith(("kh", "chh", "th", "ph")):
        return ((onset, 1.0), (final + onset, 0.25))  # Lakhena, Bopha, Ratha
    if place == "c":
        return ((onset, 1.0), ("chh" + onset[2:], 0.5))  # Vichea, Vichhea
    if place == "t" and onset.startswith("t"):
        return (("t" + onset, 1.0), (onset, 0.7))  # Metta, Meta
    return ((onset, 1.0), (final + onset, 0.4))


def _spell(sylls: tuple[Syllable, ...]) -> dict[str, float]:
    states: dict[tuple[str, str], float] = {("", ""): 1.0}
    prev_series: int | None = None
    prev: Syllable | None = None
    for index, syl in enumerate(sylls):
        pos = (index == 0, index == len(sylls) - 1)
        series_opts = _series(syl, prev_series)
        options: list[tuple[str, str, str, float]] = []
        for series, ws in series_opts:
            for onset, wo in _onset(syl, index):
                for vowel, final, wr in _rimes(syl, series, pos, prev):
                    options.append((onset, vowel, final, ws * wo * wr))
        options.sort(key=lambda o: -o[3])
        new: dict[tuple[str, str], float] = {}
        for (text, pending), w in states.items():
            for onset, vowel, final, wopt in options[:_PER_SYLLABLE]:
                for joined, wj in _join(pending, onset):
                    key = (text + joined + vowel, final)
                    score = w * wopt * wj
                    if score > new.get(key, 0.0):
                        new[key] = score
        states = dict(sorted(new.items(), key=lambda kv: -kv[1])[:BEAM])
        prev_series, prev = series_opts[0][0], syl
    out: dict[str, float] = {}
    for (text, pending), w in states.items():
        spelled = text + pending
        out[spelled] = max(out.get(spelled, 0.0), w)
    return out


def spell_word(word: str, limit: int) -> list[tuple[str, float]]:
    """Lower-case spellings of one normalised Khmer word, best first, weights scaled to 1."""
    scores: dict[str, float] = {}
    for sylls, w in syllabify(clusters(word)):
        for text, v in _spell(sylls).items():
            if text and w * v > scores.get(text, 0.0):
                scores[text] = w * v
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    top = ranked[0][1] if ranked else 1.0
    return [(text, w / top) for text, w in ranked]
