"""Aligning the tokens of two names and scoring the alignment.

Two names are the same person's when most of each name's tokens find a partner in the other,
in any order (family-name-first scripts, "LAST, First" list conventions), with spelling that
differs only as transliterations do. Tokens are paired greedily by similarity, best pair
first; a token may also pair with two adjacent tokens of the other name written as one
("Jinping" and "Jin Ping", "Abdulrahman" and "Abdul Rahman").

Token similarity is the larger of Jaro-Winkler (Winkler 1990: rewards a shared beginning,
good for short given names) and the normalised Indel similarity (insertions and deletions,
good for longer words), from rapidfuzz. A shared phonetic key (see
:mod:`~counterflow.screening.phonetic`) lifts a pair to at least ``PHONETIC_FLOOR``; a single
letter pairs with a token it is the initial of at ``INITIAL_SIMILARITY``.

The name score is the mean of two coverages: how much of the query's weight is matched, and
how much of the entry name's weight is. Weights are token rarity on the list (an inverse
document frequency), so a shared "Mohammed" or "Chen" counts for less than a shared rare
given name: the hard negatives of screening are people who share a common surname.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel, JaroWinkler

from counterflow.screening.particles import PARTICLES
from counterflow.screening.phonetic import phonetic_key

PHONETIC_FLOOR = 0.86
INITIAL_SIMILARITY = 0.75
MIN_PAIR_SIMILARITY = 0.55
"""Pairs below this are not paired at all: the tokens count as unmatched."""
SURE_SIMILARITY = 0.85
"""At or above this (or when the tokens sound alike), a pair earns its full similarity."""
CONFLICT_PENALTY = 0.12
"""Taken off for each slot where both names have a token and the tokens disagree."""
SHORT_SIDE_WEIGHT = 0.75
"""How much the shorter name's coverage counts: "Sergey Aksyonov" is "AKSYONOV, Sergey
Valeryevich" (lists carry patronymics and middle names a query often leaves out)."""


SHORT_TOKEN = 4
"""Tokens this long or shorter ("Sok", "Chan", "Heng") are whole names in themselves."""
SHORT_SURE_SIMILARITY = 0.9
STRICT_SURE_SIMILARITY = 0.95


def credit(
    similarity: float, how: str, shortest: int = SHORT_TOKEN + 1, *, strict: bool = False
) -> float:
    """What a pair contributes: full similarity when sure, a steeply reduced share when not.

    "Raghad" and "Rana" are 0.80 similar as strings but different given names; a linear
    credit would let two people who share a family name look like one. Short tokens
    (``shortest``: the shorter token's length) get no partial credit at all unless they sound
    alike: one letter turns "Heng" into "Seng", "Sopha" into "Bopha", another name, while
    transliteration variants of a short name differ in their vowels ("Chea", "Chia"),
    which the phonetic key ignores.

    ``strict`` is for a comparison across scripts: the romaniser already spelled out the
    ways the name is written in Latin letters, so a token that neither equals nor sounds
    like one of them ("Chhan" against "Chhay") is another name, not a typing slip.
    """
    if how in ("exact", "variant", "phonetic", "initial"):
        return similarity
    if strict:
        return similarity if similarity >= STRICT_SURE_SIMILARITY else 0.0
    if shortest <= SHORT_TOKEN:
        return similarity if similarity >= SHORT_SURE_SIMILARITY else 0.0
    if similarity >= SURE_SIMILARITY:
        return similarity
    return max(0.0, (similarity - 0.6) / (SURE_SIMILARITY - 0.6)) * SURE_SIMILARITY


@dataclass(frozen=True, slots=True)
class Pair:
    """One query token (or adjacent pair) aligned with one entry token (or adjacent pair)."""

    query: str
    entry: str
    how: str
    similarity: float
    query_weight: float
    entry_weight: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """The best alignment of two token sequences and its score."""

    score: float
    pairs: tuple[Pair, ...]
    unmatched_query: tuple[str, ...]
    unmatched_entry: tuple[str, ...]


def token_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity in [0, 1] of two folded tokens, and how they met."""
    if a == b:
        return 1.0, "exact"
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if long_.startswith(short):
            return INITIAL_SIMILARITY, "initial"
        return 0.0, "fuzzy"
    sim = max(JaroWinkler.normalized_similarity(a, b), Indel.normalized_similarity(a, b))
    if phonetic_key(a) == phonetic_key(b):
        if sim < PHONETIC_FLOOR:
            return PHONETIC_FLOOR, "phonetic"
        return sim, "variant"
    return sim, "fuzzy"


Similarity = Callable[[str, str], tuple[float, str]]


def spans(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Every token and every adjacent pair written as one: (text, first, last) positions."""
    spans = [(t, i, i) for i, t in enumerate(tokens)]
    spans.extend(
        (tokens[i] + tokens[i + 1], i, i + 1)
        for i in range(len(tokens) - 1)
        if len(tokens[i]) > 1 and len(tokens[i + 1]) > 1
    )
    return spans


def align(
    query: Sequence[str],
    entry: Sequence[str],
    query_weights: Sequence[float] | None = None,
    entry_weights: Sequence[float] | None = None,
    similarity: Similarity = token_similarity,
    *,
    strict: bool = False,
) -> Alignment:
    """Greedy best-first alignment of ``query`` and ``entry`` tokens, and its score.

    ``similarity`` may be a lookup into similarities computed in bulk beforehand (the
    screener does that); it must agree with :func:`token_similarity`. ``strict``: see
    :func:`credit`.
    """
    qw = list(query_weights) if query_weights is not None else [1.0] * len(query)
    ew = list(entry_weights) if entry_weights is not None else [1.0] * len(entry)
    if not query or not entry:
        return Alignment(0.0, (), tuple(query), tuple(entry))
    candidates: list[tuple[float, int, str, tuple[str, int, int], tuple[str, int, int]]] = []
    entry_spans = spans(entry)
    for qs in spans(query):
        for es in entry_spans:
            # A joined pair only pairs with a single token (never pair with pair).
            if qs[1] != qs[2] and es[1] != es[2]:
                continue
            sim, how = similarity(qs[0], es[0])
            if sim >= MIN_PAIR_SIMILARITY:
                width = (qs[2] - qs[1]) + (es[2] - es[1])
                # Prefer single-token pairs on ties: a join must earn its place.
                candidates.append((sim - 0.001 * width, width, how, qs, es))
    candidates.sort(key=lambda c: c[0], reverse=True)
    q_used = [False] * len(query)
    e_used = [False] * len(entry)
    pairs: list[Pair] = []
    matched_q = matched_e = 0.0
    sure = conflicts = 0
    for key, _w, how, (qt, q0, q1), (et, e0, e1) in candidates:
        if any(q_used[q0 : q1 + 1]) or any(e_used[e0 : e1 + 1]):
            continue
        sim = key + 0.001 * ((q1 - q0) + (e1 - e0))
        for i in range(q0, q1 + 1):
            q_used[i] = True
        for j in range(e0, e1 + 1):
            e_used[j] = True
        wq = sum(qw[q0 : q1 + 1])
        we = sum(ew[e0 : e1 + 1])
        c = credit(sim, how, min(len(qt), len(et)), strict=strict)
        matched_q += c * wq
        matched_e += c * we
        if c >= 0.5:
            # Particles ("al", "de", "bin") join names: agreeing on them proves nothing.
            sure += not (qt in PARTICLES and et in PARTICLES)
        else:
            conflicts += 1
        pairs.append(Pair(qt, et, how if (q0, e0) == (q1, e1) else "joined", sim, wq, we))
    total_q, total_e = sum(qw), sum(ew)
    coverage_q = matched_q / total_q if total_q else 0.0
    coverage_e = matched_e / total_e if total_e else 0.0
    conflicts += min(q_used.count(False), e_used.count(False))
    if sure >= 2 and len(query) != len(entry):
        short, long_ = (
            (coverage_q, coverage_e) if len(query) < len(entry) else (coverage_e, coverage_q)
        )
        base = SHORT_SIDE_WEIGHT * short + (1 - SHORT_SIDE_WEIGHT) * long_
    else:
        # One agreeing token ("Kim", "Mohammed") is never enough on its own.
        base = (coverage_q + coverage_e) / 2.0
    return Alignment(
        score=max(0.0, base - CONFLICT_PENALTY * conflicts),
        pairs=tuple(pairs),
        unmatched_query=tuple(t for t, u in zip(query, q_used, strict=True) if not u),
        unmatched_entry=tuple(t for t, u in zip(entry, e_used, strict=True) if not u),
    )
