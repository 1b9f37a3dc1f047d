"""Screening people and companies against loaded watch lists.

:class:`Screener` holds the entries of the current list versions and their index. One query
goes: prepare the name (titles aside, Latin forms) → retrieve candidate name forms from the
index → align the query with each candidate's names → add the evidence → keep the entries at
or above the threshold, best first. The same object re-screens stored people against the
entries a new list version added or changed (:meth:`Screener.screen_against`), which is what
``counterflow lists load`` does after a load.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from counterflow.model import ScreeningHit, ScreeningQuery, WatchlistEntry
from counterflow.screening.bulk import QueryMatrix
from counterflow.screening.index import Rarity, ScreeningIndex
from counterflow.screening.match import MatchConfig, score_entry
from counterflow.screening.names import prepare_name


class Screener:
    """Screens queries against a fixed set of entries."""

    def __init__(
        self,
        entries: Sequence[WatchlistEntry],
        *,
        versions: Mapping[str, str] | None = None,
        config: MatchConfig | None = None,
        rarity: Rarity | None = None,
    ) -> None:
        self.config = config or MatchConfig()
        self.versions = dict(versions or {})
        self.index = ScreeningIndex(entries, rarity)

    @property
    def entries(self) -> tuple[WatchlistEntry, ...]:
        """The entries screened against."""
        return self.index.entries

    def screen(
        self, query: ScreeningQuery, *, threshold: float | None = None, limit: int = 10
    ) -> list[ScreeningHit]:
        """Entries that ``query`` may be, best first, at or above the threshold."""
        cut = self.config.threshold if threshold is None else threshold
        prepared = prepare_name(query.name)
        if not prepared.forms:
            return []
        records = [
            self.index.records[r]
            for r in self.index.candidates(prepared.forms, self.config.candidates)
        ]
        matrix = QueryMatrix(prepared.forms, records)
        weigh = self.index.rarity.weights
        q_weights = [weigh(f.tokens) for f in prepared.forms]
        reachable = cut - self._best_boost(query)
        bounds = matrix.bounds(
            prepared.forms, q_weights, records, [weigh(r.form.tokens) for r in records]
        )
        survivors: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
        for rec, bound in zip(records, bounds.tolist(), strict=True):
            # A hair of slack: the bound and the alignment add the same terms in other orders.
            if bound + 1e-9 >= reachable:
                survivors[rec.entry].append((bound, rec.name, rec.form_no))
        hits: list[ScreeningHit] = []
        for ei, forms in survivors.items():
            entry = self.index.entries[ei]
            hit = score_entry(
                query,
                prepared,
                entry,
                self.index.names[ei],
                list_version=self.versions.get(str(entry.source), ""),
                config=self.config,
                weigh=weigh,
                candidates=sorted(forms, key=lambda c: (-c[0], c[1], c[2])),
                similarity=matrix.similarity,
            )
            if hit is not None and hit.score >= cut:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.entry_id))
        return hits[:limit]

    def _best_boost(self, query: ScreeningQuery) -> float:
        """The most the query's non-name evidence could add to a name score."""
        w = self.config.evidence
        return (
            (w.dob_exact if query.date_of_birth else 0.0)
            + (w.country_match if query.country else 0.0)
            + (w.id_match if query.id_number else 0.0)
        )

    def screen_many(
        self, queries: Iterable[ScreeningQuery], *, threshold: float | None = None
    ) -> list[list[ScreeningHit]]:
        """:meth:`screen` of each query, in order."""
        return [self.screen(q, threshold=threshold) for q in queries]

    def screen_against(
        self, queries: Sequence[ScreeningQuery], entries: Sequence[WatchlistEntry]
    ) -> list[ScreeningHit]:
        """Hits of ``queries`` on ``entries`` only (re-screening after a list change).

        Rarity weights stay those of the whole loaded lists, so a re-screen scores a pair
        exactly as a fresh screen would.
        """
        if not entries or not queries:
            return []
        sub = Screener(
            entries, versions=self.versions, config=self.config, rarity=self.index.rarity
        )
        out: list[ScreeningHit] = []
        for q in queries:
            out.extend(sub.screen(q))
        return out
