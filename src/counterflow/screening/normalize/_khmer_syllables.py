"""From written Khmer to spoken syllables: where each syllable starts and which letter closes it.

Khmer writing is built of *orthographic* syllables (:class:`Cluster`: a consonant, its
subscripts, a vowel sign); speech is built of *phonological* syllables (:class:`Syllable`:
onset, vowel, final). They do not line up:

* a consonant written with no vowel sign either **closes** the syllable before it (ឆន is
  Chhan: ឆ + inherent vowel, closed by ន) or **starts** a syllable with the inherent vowel
  (មករា is Ma-ka-ra). At the end of a word it closes; inside a word both happen, Pali and
  Sanskrit names (most given names) preferring the second; both readings are returned with
  a weight;
* a stacked cluster inside a word is split between two syllables: in ចន្ទ្រា (Chantrea) the
  ន closes *chan* and the subscripts ្ទ្រ start *trea*; in សាន្ត (San) the whole word-final
  cluster is the final, and its subscript is silent;
* a final ិ or ុ after a Pali cluster is not pronounced (សិទ្ធិ Sith, សុវត្ថិ Sovath), a
  letter under TOANDAKHIAT ៍ neither (ស្រីលក្ខណ៍ Sreyleak).

:func:`syllabify` returns the possible analyses, most likely first, with weights.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from counterflow.screening.normalize._khmer_chars import (
    BANTOC,
    COENG,
    NIKAHIT,
    REAHMUK,
    SAMYOK_SANNYA,
    TOANDAKHIAT,
    YUUKALEAPINTU,
    Role,
    is_base,
    is_consonant,
    role,
)
from counterflow.screening.normalize._khmer_letters import LETTERS, NASAL_OF_PLACE

MAX_PARSES = 8
_LONG_VOWELS = frozenset("ាីឺូួើឿៀេែៃោៅ")
_GLIDES = frozenset("រលវយ")
_NASALS = frozenset("ងញណនម")
_NUCLEUS_SIGNS = frozenset((NIKAHIT, REAHMUK, YUUKALEAPINTU, SAMYOK_SANNYA))


@dataclass(frozen=True)
class Cluster:
    """One orthographic syllable of normalised text."""

    base: str
    shifter: str = ""
    subs: tuple[str, ...] = ()
    vowel: str = ""
    signs: frozenset[str] = frozenset()

    @property
    def nucleus(self) -> bool:
        """Whether it writes a vowel (a vowel sign, a vowel-like sign, an independent vowel)."""
        return bool(self.vowel or self.signs & _NUCLEUS_SIGNS or not is_consonant(self.base))


@dataclass(frozen=True)
class Syllable:
    """One spoken syllable: the letters of its onset, its vowel and its final."""

    onset: tuple[str, ...]
    shifter: str = ""
    indep: str = ""  # an independent vowel, written instead of onset + vowel sign
    vowel: str = ""  # a key of _khmer_vowels.READINGS ("" = inherent vowel)
    reahmuk: bool = False
    yuuk: bool = False
    final: tuple[str, ...] = ()
    short: bool = False  # BANTOC over the final
    split: bool = False  # the onset is the lower part of a split cluster

    @property
    def can_close(self) -> bool:
        """Whether a following bare consonant can be this syllable's final."""
        if self.final or self.reahmuk or self.yuuk:
            return False
        return NIKAHIT not in self.vowel or self.vowel == "ា" + NIKAHIT  # ាំង: តាំង Taing


def clusters(word: str) -> list[Cluster]:
    """The orthographic syllables of a normalised word (other characters are skipped)."""
    out: list[Cluster] = []
    i = 0
    while i < len(word):
        if not is_base(word[i]):
            i += 1
            continue
        base, shifter, subs, vowel, signs = word[i], "", [], "", set()
        i += 1
        while i < len(word):
            ch = word[i]
            if ch == COENG and i + 1 < len(word) and is_base(word[i + 1]):
                if is_consonant(word[i + 1]):  # a subscript independent vowel is not read
                    subs.append(word[i + 1])
                i += 2
                continue
            r = role(ch)
            if r is Role.SHIFTER:
                shifter = ch
            elif r is Role.VOWEL:
                vowel += ch
            elif r in (Role.SIGN, Role.SPACING_SIGN):
                signs.add(ch)
            elif r is not Role.ROBAT:
                break
            i += 1
        out.append(Cluster(base, shifter, tuple(subs), vowel, frozenset(signs)))
    return out


def _new(cl: Cluster, onset: tuple[str, ...] | None = None, split: bool = False) -> Syllable:
    vowel = cl.vowel
    if SAMYOK_SANNYA in cl.signs and not vowel:
        vowel = SAMYOK_SANNYA
    if NIKAHIT in cl.signs:
        vowel += NIKAHIT
    if is_consonant(cl.base):
        letters = (cl.base, *cl.subs) if onset is None else onset
        indep = ""
    else:
        letters, indep = (), cl.base
    return Syllable(
        onset=letters,
        shifter=cl.shifter,  # in a split cluster it shifts the subscript: រង្ស៊ី Rang-si
        indep=indep,
        vowel=vowel,
        reahmuk=REAHMUK in cl.signs,
        yuuk=YUUKALEAPINTU in cl.signs,
        split=split,
    )


def _split_onset(cl: Cluster) -> tuple[str, ...]:
    """The subscripts that start the next syllable when ``cl.base`` closes the previous one.

    A stop between a nasal and another nasal is not pronounced (ចន្ទ្នារី: Chan-na-ry).
    """
    subs = cl.subs
    if len(subs) >= 2 and subs[1] in _NASALS and subs[0] in LETTERS:
        stop = LETTERS[subs[0]]
        if NASAL_OF_PLACE.get(stop.place) == cl.base or (cl.base == "ណ" and stop.place == "t"):
            return subs[1:]
    return subs


def _close(syl: Syllable, final: tuple[str, ...], short: bool = False) -> Syllable:
    return replace(syl, final=final, short=short)


def _parse(
    cls: list[Cluster],
    i: int,
    sylls: list[Syllable],
    w: float,
    out: list[tuple[tuple[Syllable, ...], float]],
) -> None:
    if i == len(cls):
        out.append((tuple(sylls), w))
        return
    cl = cls[i]
    prev = sylls[-1] if sylls else None
    is_last = i == len(cls) - 1
    closable = prev is not None and prev.can_close and is_consonant(cl.base)
    if not cl.nucleus:
        if not closable:
            _parse(cls, i + 1, [*sylls, _new(cl)], w, out)
            return
        assert prev is not None
        head = sylls[:-1]
        if is_last or BANTOC in cl.signs:
            _parse(
                cls, i + 1, [*head, _close(prev, (cl.base, *cl.subs), BANTOC in cl.signs)], w, out
            )
        elif cl.subs:
            onset = _split_onset(cl)
            _parse(cls, i + 1, [*head, _close(prev, (cl.base,)), _new(cl, onset, True)], w, out)
        else:
            nxt = cls[i + 1]
            if nxt.subs or not nxt.nucleus:
                p_onset = 0.85
            elif not prev.vowel and not prev.indep:
                p_onset = 0.6
            else:
                p_onset = 0.4
            _parse(cls, i + 1, [*sylls, _new(cl)], w * p_onset, out)
            _parse(cls, i + 1, [*head, _close(prev, (cl.base,))], w * (1 - p_onset), out)
        return
    if closable and cl.subs and cl.base != "អ":
        assert prev is not None
        head = sylls[:-1]
        split = [*head, _close(prev, (cl.base,)), _new(cl, _split_onset(cl), True)]
        if all(s in _GLIDES for s in cl.subs):
            _parse(cls, i + 1, split, w * 0.75, out)
            _parse(cls, i + 1, [*sylls, _new(cl)], w * 0.25, out)
        else:
            _parse(cls, i + 1, split, w, out)
        return
    _parse(cls, i + 1, [*sylls, _new(cl)], w, out)


def syllabify(cls: list[Cluster]) -> list[tuple[tuple[Syllable, ...], float]]:
    """Possible syllable analyses of a word, most likely first (at most :data:`MAX_PARSES`)."""
    cls = [c for c in cls if TOANDAKHIAT not in c.signs] or cls
    if not cls:
        return []
    variants: list[tuple[list[Cluster], float]] = [(cls, 1.0)]
    last = cls[-1]
    if len(cls) >= 2 and last.vowel in ("ិ", "ុ") and not last.signs:
        before = cls[-2]
        if last.subs:
            p_silent = 0.75
        elif before.vowel and before.vowel[0] in _LONG_VOWELS:
            p_silent = 0.6
        else:
            p_silent = 0.0
        if p_silent:
            silent = [*cls[:-1], replace(last, vowel="")]
            variants = [(silent, p_silent), (cls, 1.0 - p_silent)]
    out: list[tuple[tuple[Syllable, ...], float]] = []
    for variant, w in variants:
        _parse(variant, 0, [], w, out)
    out.sort(key=lambda p: -p[1])
    return out[:MAX_PARSES]
