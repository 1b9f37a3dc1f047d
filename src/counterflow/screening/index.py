"""Candidate retrieval: which list names are worth scoring for a query.

Scoring every alias of every entry for every query is what makes naive screening slow (the
OFAC SDN and UN lists together hold some 25,000 names). The index maps two keys of every
token of every Latin form of every name to the forms that contain it: the token itself and
its phonetic key (:func:`~counterflow.screening.phonetic.phonetic_key`). A query collects the
forms sharing a key with any of its tokens, ranks them by the summed rarity of the tokens
they share (a shared "Mohammed" weighs little, a shared "Jinping" a lot) and keeps the best
``limit``.

Token rarity is an inverse document frequency over entries (Sparck Jones, 1972), scaled to
[``MIN_WEIGHT``, 1]; the same weights serve the alignment score (see
:mod:`~counterflow.screening.align`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from counterflow.model import EntityKind, NameStrength, WatchlistEntry
from counterflow.screening.align import spans
from counterflow.screening.names import NameForm, PreparedName, prepare_name
from counterflow.screening.particles import PARTICLE_WEIGHT, PARTICLES
from counterflow.screening.phonetic import phonetic_key

MIN_WEIGHT = 0.25


@dataclass(frozen=True, slots=True)
class FormRecord:
    """One Latin form of one name of one entry."""

    entry: int
    name: int
    form_no: int
    form: NameForm
    strength: NameStrength
    spans: tuple[str, ...]
    """The form's tokens, then adjacent pairs written as one (see :func:`align.spans`)."""


@dataclass(frozen=True, slots=True)
class Rarity:
    """Entry frequency of every token on a set of lists."""

    entries: int
    frequency: dict[str, int]
    _cache: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def weight(self, token: str) -> float:
        """Rarity of ``token``, in [MIN_WEIGHT, 1]; unknown tokens weigh 1, initials 0.5."""
        if len(token) == 1:
            return 0.5
        if token in PARTICLES:
            return min(PARTICLE_WEIGHT, self._idf_weight(token))
        return self._idf_weight(token)

    def _idf_weight(self, token: str) -> float:
        df = self.frequency.get(token, 0)
        if df == 0:
            return 1.0
        max_idf = math.log((self.entries + 1) / 0.5)
        idf = math.log((self.entries + 1) / (df + 0.5))
        return max(MIN_WEIGHT, min(1.0, idf / max_idf))

    def weights(self, tokens: Sequence[str]) -> list[float]:
        """:meth:`weight` of each token (memoised: the same tokens recur across queries)."""
        cache = self._cache
        out = []
        for t in tokens:
            w = cache.get(t)
            if w is None:
                w = cache[t] = self.weight(t)
            out.append(w)
        return out


class ScreeningIndex:
    """Inverted index from token keys to the name forms of a set of entries.

    ``rarity`` defaults to the token frequencies of ``entries`` themselves; a small index
    built for re-screening passes the rarity of the whole loaded lists instead.
    """

    def __init__(self, entries: Sequence[WatchlistEntry], rarity: Rarity | None = None) -> None:
        self.entries = tuple(entries)
        self.names: list[list[PreparedName]] = []
        self.records: list[FormRecord] = []
        postings: dict[str, set[int]] = defaultdict(set)
        entry_tokens: dict[str, set[int]] = defaultdict(set)
        for ei, entry in enumerate(self.entries):
            person = entry.kind in (EntityKind.PERSON, EntityKind.UNKNOWN)
            prepared = [prepare_name(n.text, person=person) for n in entry.names]
            self.names.append(prepared)
            for ni, (name, p) in enumerate(zip(entry.names, prepared, strict=True)):
                for fi, form in enumerate(p.forms):
                    rid = len(self.records)
                    sp = tuple(t for t, _, _ in spans(form.tokens))
                    self.records.append(FormRecord(ei, ni, fi, form, name.strength, sp))
                    for tok in form.tokens:
                        postings[tok].add(rid)
                        postings["~" + phonetic_key(tok)].add(rid)
                        entry_tokens[tok].add(ei)
        self._postings = {k: tuple(sorted(v)) for k, v in postings.items()}
        self.rarity = rarity or Rarity(
            len(self.entries), {t: len(es) for t, es in entry_tokens.items()}
        )

    def candidates(self, forms: Sequence[NameForm], limit: int) -> list[int]:
        """Record ids of the forms most worth scoring against the query ``forms``."""
        gain: dict[int, float] = defaultdict(float)
        for form in forms:
            for tok in set(form.tokens):
                w = self.rarity.weight(tok)
                exact = self._postings.get(tok, ())
                for rid in exact:
                    gain[rid] += w
                # Phonetic neighbours count a little less than the exact token.
                for rid in self._postings.get("~" + phonetic_key(tok), ()):
                    gain[rid] += 0.8 * w
        if len(gain) <= limit:
            return list(gain)
        return sorted(gain, key=gain.__getitem__, reverse=True)[:limit]
