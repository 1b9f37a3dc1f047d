"""Scoring a query against a watch-list entry, with the explanation an analyst needs.

The score in [0, 1] is the best name alignment over every pair of forms (query forms × the
forms of every name and alias of the entry; see :mod:`~counterflow.screening.align`), then
moved by the evidence beside the name (:mod:`~counterflow.screening.evidence`). The hit keeps
the winning alignment token by token, so the analyst reads "hun~hun (exact), sen~sen
(transliteration)" rather than a bare number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from counterflow.model import (
    NameStrength,
    ScreeningHit,
    ScreeningQuery,
    TokenMatch,
    WatchlistEntry,
)
from counterflow.screening.align import Alignment, Similarity, align, token_similarity
from counterflow.screening.evidence import EvidenceWeights, collect_evidence
from counterflow.screening.names import NameForm, PreparedName, prepare_name
from counterflow.screening.particles import uniform

Weigher = Callable[[Sequence[str]], list[float]]


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Thresholds of screening."""

    threshold: float = 0.86
    """A hit is reported at or above this score: the lowest threshold with precision of at
    least 0.99 on the labelled pairs in ``tests/data/name_pairs.csv`` (recall 0.948 there;
    see BENCHMARKS.md). Lower it to trade precision for recall."""
    candidates: int = 200
    """Name forms scored per query after retrieval."""
    evidence: EvidenceWeights = field(default_factory=EvidenceWeights)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The best alignment of two prepared names."""

    score: float
    alignment: Alignment
    query_form: NameForm
    entry_form: NameForm


def best_alignment(
    query: Sequence[NameForm],
    entry: Sequence[NameForm],
    weigh: Weigher = uniform,
    similarity: Similarity = token_similarity,
) -> NameMatch | None:
    """Best-scoring alignment over every pair of forms, or ``None`` when a side has none."""
    best: NameMatch | None = None
    for qf in query:
        qw = weigh(qf.tokens)
        for ef in entry:
            strict = qf.transliterated or ef.transliterated
            a = align(qf.tokens, ef.tokens, qw, weigh(ef.tokens), similarity, strict=strict)
            if best is None or a.score > best.score:
                best = NameMatch(a.score, a, qf, ef)
    return best


def token_matches(m: NameMatch) -> tuple[TokenMatch, ...]:
    """The alignment as the hit reports it; a pair across scripts says ``transliteration``."""
    crossed = m.query_form.transliterated or m.entry_form.transliterated
    out = [
        TokenMatch(
            p.query,
            p.entry,
            "transliteration" if crossed and p.how in ("exact", "variant") else p.how,
            round(p.similarity, 3),
        )
        for p in m.alignment.pairs
    ]
    out.extend(TokenMatch(t, "", "missing", 0.0) for t in m.alignment.unmatched_query)
    return tuple(out)


def compare_names(a: str, b: str, weigh: Weigher = uniform) -> NameMatch | None:
    """Name-only comparison of two strings in any scripts (``counterflow screen pairs``)."""
    return best_alignment(prepare_name(a).forms, prepare_name(b).forms, weigh)


def score_entry(
    query: ScreeningQuery,
    prepared: PreparedName,
    entry: WatchlistEntry,
    entry_names: Sequence[PreparedName],
    *,
    list_version: str,
    config: MatchConfig,
    weigh: Weigher = uniform,
    candidates: Sequence[tuple[float, int, int]] | None = None,
    similarity: Similarity = token_similarity,
) -> ScreeningHit | None:
    """The query against the names of ``entry``: all of them, or the ``candidates``.

    ``candidates`` are (upper bound, name number, form number), best bound first; once the
    best score found reaches the next bound, the rest cannot beat it and are skipped.
    """
    if candidates is None:
        candidates = [
            (1.0, ni, fi) for ni, p in enumerate(entry_names) for fi in range(len(p.forms))
        ]
    best: tuple[NameMatch, int] | None = None
    for bound, ni, fi in candidates:
        if best is not None and bound + 1e-9 < best[0].score:
            break
        m = best_alignment(prepared.forms, [entry_names[ni].forms[fi]], weigh, similarity)
        if m is None:
            continue
        # A primary or strong name wins ties over a weak alias.
        # Scores are rounded before comparing: the same tokens added in another order may
        # differ in the last bits.
        rank = (round(m.score, 9), entry.names[ni].strength is not NameStrength.WEAK)
        if best is None or rank > (
            round(best[0].score, 9),
            entry.names[best[1]].strength is not NameStrength.WEAK,
        ):
            best = (m, ni)
    if best is None:
        return None
    m, ni = best
    name = entry.names[ni]
    evidence = collect_evidence(query, entry, name.strength, config.evidence)
    score = min(1.0, max(0.0, m.score + sum(e.effect for e in evidence)))
    return ScreeningHit(
        query=query,
        entry_id=entry.entry_id,
        source=str(entry.source),
        list_version=list_version,
        score=round(score, 4),
        matched_name=name.text,
        name_score=round(m.score, 4),
        tokens=token_matches(m),
        evidence=evidence,
        titles=prepared.titles,
    )
