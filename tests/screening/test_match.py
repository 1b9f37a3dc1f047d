"""Scoring a query against one entry: best name and form, evidence, explanation."""

from __future__ import annotations

import pytest

from counterflow.model import (
    EntityKind,
    EntryName,
    IdentityDocument,
    ListSource,
    NameStrength,
    ScreeningQuery,
    WatchlistEntry,
)
from counterflow.screening import MatchConfig, Rarity, compare_names
from counterflow.screening.match import best_alignment, score_entry, token_matches
from counterflow.screening.names import prepare_name

P, S, WEAK = NameStrength.PRIMARY, NameStrength.STRONG, NameStrength.WEAK


def entry(*names: EntryName, **fields) -> WatchlistEntry:
    return WatchlistEntry(
        entry_id="ofac:7", source=ListSource.OFAC, kind=EntityKind.PERSON, names=names, **fields
    )


def score(query: ScreeningQuery, e: WatchlistEntry, config: MatchConfig | None = None, **kw):
    return score_entry(
        query,
        prepare_name(query.name),
        e,
        [prepare_name(n.text) for n in e.names],
        list_version="2024-01",
        config=config or MatchConfig(),
        **kw,
    )


def test_the_default_configuration():
    c = MatchConfig()
    assert 0.8 <= c.threshold < 1.0
    assert c.candidates > 0


def test_compare_names_takes_the_best_pair_of_forms():
    m = compare_names("习近平", "XI Jinping")
    assert m is not None
    assert m.score == pytest.approx(1.0)
    assert m.query_form.transliterated and not m.entry_form.transliterated
    assert set(m.query_form.tokens) == {"xi", "jinping"}


def test_best_alignment_of_nothing_is_none():
    assert best_alignment((), prepare_name("Hun Sen").forms) is None
    assert best_alignment(prepare_name("Hun Sen").forms, ()) is None


def test_token_matches_name_transliterations_and_missing_tokens():
    m = compare_names("习近平 Ma", "XI Jinping")
    assert m is not None
    tokens = {t.query: t for t in token_matches(m)}
    assert tokens["xi"].how == "transliteration"
    assert tokens["xi"].entry == "xi"
    assert tokens["ma"].how == "missing" and tokens["ma"].entry == ""
    latin = compare_names("Usama bin Ladin", "Osama bin Laden")
    assert latin is not None
    hows = {t.query: t.how for t in token_matches(latin)}
    assert hows["bin"] == "exact"
    assert hows["usama"] in ("variant", "phonetic")


def test_a_hit_carries_the_query_entry_and_version():
    q = ScreeningQuery("Chea Sophal", ref="row-1")
    hit = score(q, entry(EntryName("CHEA Sophal")))
    assert hit is not None
    assert hit.query is q
    assert (hit.entry_id, hit.source, hit.list_version) == ("ofac:7", "ofac", "2024-01")
    assert hit.matched_name == "CHEA Sophal"
    assert hit.score == hit.name_score == 1.0
    assert [t.how for t in hit.tokens] == ["exact", "exact"]


def test_the_best_name_of_the_entry_wins():
    e = entry(EntryName("CHEA Sophal"), EntryName("Ta Mok", S, "aka"))
    hit = score(ScreeningQuery("Ta Mok"), e)
    assert hit is not None and hit.matched_name == "Ta Mok" and hit.score == 1.0


def test_a_strong_name_wins_a_tie_with_a_weak_alias():
    e = entry(EntryName("Sophal the Tiger", WEAK, "aka"), EntryName("SOPHAL the Tiger", P))
    hit = score(ScreeningQuery("Sophal the Tiger"), e)
    assert hit is not None
    assert hit.matched_name == "SOPHAL the Tiger"
    assert not any(ev.field == "name_strength" for ev in hit.evidence)


def test_a_weak_alias_match_is_marked_down():
    e = entry(EntryName("CHEA Sophal"), EntryName("The Tiger", WEAK, "aka"))
    hit = score(ScreeningQuery("The Tiger"), e)
    assert hit is not None
    assert hit.matched_name == "The Tiger"
    assert hit.score == pytest.approx(hit.name_score + MatchConfig().evidence.weak_alias)


def test_evidence_moves_the_score_and_is_reported():
    e = entry(
        EntryName("CHEA Sophal"),
        dates_of_birth=("1980-05-17",),
        nationalities=("KH",),
        documents=(IdentityDocument("passport", "N0123456"),),
    )
    base = score(ScreeningQuery("Chia Sopal"), e)
    conflict = score(ScreeningQuery("Chia Sopal", date_of_birth="1990"), e)
    assert base is not None and conflict is not None
    assert conflict.score == pytest.approx(base.score - 0.15, abs=1e-4)
    assert conflict.name_score == base.name_score
    assert "date_of_birth -0.15" in conflict.explanation()
    # The score never leaves [0, 1].
    everything = score(
        ScreeningQuery(
            "Chia Sopal", date_of_birth="1980-05-17", country="KH", id_number="N0123456"
        ),
        e,
    )
    assert everything is not None and everything.score == 1.0


def test_titles_are_kept_on_the_hit():
    hit = score(ScreeningQuery("Oknha Chea Sophal"), entry(EntryName("CHEA Sophal")))
    assert hit is not None
    assert hit.titles == ("Oknha",)
    assert hit.name_score == 1.0
    assert "titles: Oknha" in hit.explanation()


def test_the_explanation_names_the_token_matches():
    hit = score(ScreeningQuery("Chia Sopal"), entry(EntryName("CHEA Sophal")))
    assert hit is not None
    text = hit.explanation()
    assert text.startswith("'CHEA Sophal' name")
    assert "chia~chea" in text and "sopal~sophal" in text


def test_evidence_weights_come_from_the_configuration():
    from counterflow.screening.evidence import EvidenceWeights

    e = entry(EntryName("CHEA Sophal"), dates_of_birth=("1980",))
    config = MatchConfig(evidence=EvidenceWeights(dob_conflict=-0.5))
    hit = score(ScreeningQuery("Chea Sophal", date_of_birth="1960"), e, config)
    assert hit is not None and hit.score == pytest.approx(0.5)


def test_a_primary_name_wins_a_tie_with_a_weak_alias_whatever_the_rounding():
    e = entry(EntryName("NGUYEN Wei Vannak"), EntryName("Vannak Wei Nguyen", WEAK, "aka"))
    rarity = Rarity(entries=60, frequency={"nguyen": 1, "wei": 1, "vannak": 4})
    hit = score(ScreeningQuery("Nguyen Vannak"), e, weigh=rarity.weights)
    assert hit is not None
    assert hit.matched_name == "NGUYEN Wei Vannak"
    assert hit.score >= MatchConfig().threshold
