"""Bulk token similarities for one query, and a bound that skips hopeless candidates.

Screening one query against a few hundred retrieved name forms means tens of thousands of
token comparisons. Made one at a time from Python they dominate the cost, so they are made
at once: every span (token or joined pair) of the query against every distinct span of the
candidates, with rapidfuzz's ``cdist`` (C++), Jaro-Winkler and Indel, the larger of the two
kept, and the phonetic floor applied where the keys agree, exactly as
:func:`~counterflow.screening.align.token_similarity` does pair by pair.

From that matrix an upper bound of each candidate's name score is cheap: no alignment can
cover more of the query than every query token's best partner, nor more of the entry name
than every entry token's best partner, and the score blends the two coverages (the shorter
name's weighing more), so it is at most that blend with the larger bound weighing more.
Candidates whose bound, plus the most the query's other evidence could add, stays below the
threshold are never aligned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import Indel, JaroWinkler
from rapidfuzz.process import cdist

from counterflow.screening.align import (
    INITIAL_SIMILARITY,
    PHONETIC_FLOOR,
    SHORT_SIDE_WEIGHT,
    SHORT_SURE_SIMILARITY,
    SHORT_TOKEN,
    SURE_SIMILARITY,
    spans,
    token_similarity,
)
from counterflow.screening.index import FormRecord
from counterflow.screening.names import NameForm
from counterflow.screening.phonetic import phonetic_key


class QueryMatrix:
    """Similarities of one query's spans against the spans of its candidate forms."""

    def __init__(self, query: Sequence[NameForm], records: Sequence[FormRecord]) -> None:
        q_spans: dict[str, int] = {}
        for form in query:
            for text, _, _ in spans(form.tokens):
                q_spans.setdefault(text, len(q_spans))
        u_spans: dict[str, int] = {}
        for rec in records:
            for text in rec.spans:
                u_spans.setdefault(text, len(u_spans))
        self._q = q_spans
        self._u = u_spans
        qs, us = list(q_spans), list(u_spans)
        if qs and us:
            sim = np.maximum(
                cdist(qs, us, scorer=JaroWinkler.normalized_similarity, dtype=np.float64),
                cdist(qs, us, scorer=Indel.normalized_similarity, dtype=np.float64),
            )
            qk = np.array([phonetic_key(t) for t in qs], dtype=object)
            uk = np.array([phonetic_key(t) for t in us], dtype=object)
            alike = qk[:, None] == uk[None, :]
            sim = np.where(alike & (sim < PHONETIC_FLOOR), np.float64(PHONETIC_FLOOR), sim)
            full = (sim >= SURE_SIMILARITY) | alike
            reduced = np.clip((sim - 0.6) / (SURE_SIMILARITY - 0.6), 0.0, 1.0) * SURE_SIMILARITY
            credit = np.where(full, sim, reduced).astype(np.float64)
            q_len = np.array([len(t) for t in qs])
            u_len = np.array([len(t) for t in us])
            short = np.minimum(q_len[:, None], u_len[None, :]) <= SHORT_TOKEN
            short_credit = np.where(alike | (sim >= SHORT_SURE_SIMILARITY), sim, 0.0)
            credit = np.where(short, short_credit, credit).astype(np.float64)
            # An initial meets any token it begins (align credits it INITIAL_SIMILARITY).
            initial = (q_len[:, None] == 1) | (u_len[None, :] == 1)
            credit = np.where(initial, np.maximum(credit, INITIAL_SIMILARITY), credit)
            self._sim: NDArray[np.float64] = sim
            self._alike: NDArray[np.bool_] = alike
            self._credit: NDArray[np.float64] = credit
        else:
            self._sim = self._credit = np.zeros((len(qs), len(us)), dtype=np.float64)
            self._alike = np.zeros((len(qs), len(us)), dtype=bool)

    def similarity(self, a: str, b: str) -> tuple[float, str]:
        """What :func:`token_similarity` says, read from the matrix where it can be."""
        i, j = self._q.get(a), self._u.get(b)
        if i is None or j is None or len(a) == 1 or len(b) == 1:
            return token_similarity(a, b)
        if a == b:
            return 1.0, "exact"
        sim = float(self._sim[i, j])
        if self._alike[i, j]:
            return sim, ("variant" if sim > PHONETIC_FLOOR else "phonetic")
        return sim, "fuzzy"

    def bounds(
        self,
        query: Sequence[NameForm],
        query_weights: Sequence[Sequence[float]],
        records: Sequence[FormRecord],
        record_weights: Sequence[Sequence[float]],
    ) -> NDArray[np.float64]:
        """Upper bound of the name score of each record, all records at once."""
        n_rec = len(records)
        if n_rec == 0 or not self._q or not self._u:
            return np.zeros(n_rec, dtype=np.float64)
        credit = np.minimum(self._credit, 1.0)
        # Query side: each query token's best partner among a record's spans (reduceat over
        # the concatenated span columns of all records).
        cols = np.fromiter((self._u[t] for rec in records for t in rec.spans), dtype=np.int64)
        sizes = np.fromiter((len(rec.spans) for rec in records), dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        per_rec = np.maximum.reduceat(credit[:, cols], offsets, axis=1)  # (query spans, R)
        cov_q = np.zeros(n_rec, dtype=np.float64)
        for form, w in zip(query, query_weights, strict=True):
            if not form.tokens:
                continue
            rows = [self._q[t] for t in form.tokens]
            best = per_rec[rows].copy()
            for text, a, b in spans(form.tokens):
                if a != b:
                    joined = per_rec[self._q[text]]
                    best[a] = np.maximum(best[a], joined)
                    best[b] = np.maximum(best[b], joined)
            wq = np.asarray(w, dtype=np.float64)
            cov_q = np.maximum(cov_q, (wq[:, None] * best).sum(axis=0) / max(wq.sum(), 1e-9))
        # Entry side: each entry token's best partner among all query spans, or through a
        # joined span of the record that contains it.
        col_best = credit.max(axis=0)
        tok_cols = np.fromiter(
            (self._u[t] for rec in records for t in rec.form.tokens), dtype=np.int64
        )
        tok_rec = np.repeat(np.arange(n_rec), [len(rec.form.tokens) for rec in records])
        e_best = col_best[tok_cols]
        start = 0
        for rec in records:
            n_tok = len(rec.form.tokens)
            if len(rec.spans) > n_tok:
                for text, a, b in spans(rec.form.tokens)[n_tok:]:
                    lift = col_best[self._u[text]]
                    e_best[start + a] = max(e_best[start + a], lift)
                    e_best[start + b] = max(e_best[start + b], lift)
            start += n_tok
        ew = np.fromiter((x for w in record_weights for x in w), dtype=np.float64)
        cov_e = np.bincount(tok_rec, weights=ew * e_best, minlength=n_rec) / np.maximum(
            np.bincount(tok_rec, weights=ew, minlength=n_rec), 1e-9
        )
        # A score weighs one coverage SHORT_SIDE_WEIGHT and the other the rest (or both a
        # half), so it is at most that blend with the larger bound taking the larger weight.
        hi = np.maximum(cov_q, cov_e).astype(np.float64)
        lo = np.minimum(cov_q, cov_e).astype(np.float64)
        return SHORT_SIDE_WEIGHT * hi + (1.0 - SHORT_SIDE_WEIGHT) * lo
