"""Candidate retrieval and token rarity."""

from __future__ import annotations

import math

import pytest

from counterflow.model import EntityKind, EntryName, ListSource, NameStrength, WatchlistEntry
from counterflow.screening import Rarity, ScreeningIndex
from counterflow.screening.index import MIN_WEIGHT
from counterflow.screening.names import prepare_name
from counterflow.screening.particles import PARTICLE_WEIGHT


def person(entry_id: str, *names: str) -> WatchlistEntry:
    return WatchlistEntry(
        entry_id=entry_id,
        source=ListSource.OFAC,
        kind=EntityKind.PERSON,
        names=tuple(
            EntryName(n, NameStrength.PRIMARY if i == 0 else NameStrength.STRONG)
            for i, n in enumerate(names)
        ),
    )


@pytest.fixture
def index() -> ScreeningIndex:
    return ScreeningIndex(
        [
            person("e0", "CHEN Zhi", "陈志"),
            person("e1", "CHEN Wei"),
            person("e2", "CHEN Li Hua"),
            person("e3", "BIN LADEN, Usama", "Osama bin Laden"),
            person("e4", "HUN Sen"),
            person("e5", "SOK Chantha"),
        ]
    )


def entries_of(index: ScreeningIndex, query: str, limit: int = 100) -> list[str]:
    rids = index.candidates(prepare_name(query).forms, limit)
    return [index.entries[index.records[r].entry].entry_id for r in rids]


def test_every_form_of_every_name_is_a_record(index):
    names_per_entry = [len(e.names) for e in index.entries]
    assert len(index.names) == len(index.entries)
    assert [len(n) for n in index.names] == names_per_entry
    assert {(r.entry, r.name) for r in index.records} == {
        (ei, ni) for ei, n in enumerate(names_per_entry) for ni in range(n)
    }
    # The Han name is indexed by its pinyin reading.
    han = [r for r in index.records if r.entry == 0 and r.name == 1]
    assert any(r.form.tokens in {("chen", "zhi"), ("zhi", "chen")} for r in han)
    assert all(r.form.transliterated for r in han)


def test_a_shared_token_retrieves_the_entry(index):
    assert set(entries_of(index, "Hun Sen")) == {"e4"}
    assert set(entries_of(index, "Chantha")) == {"e5"}


def test_a_phonetic_neighbour_retrieves_the_entry(index):
    # Neither "usama" nor "ladin" is written like this on the list.
    assert "e3" in entries_of(index, "Usamah Ladin")
    assert "e5" in entries_of(index, "Chanta Sokh")


def test_nothing_shared_retrieves_nothing(index):
    assert entries_of(index, "Peter Jones") == []
    assert index.candidates((), 10) == []


def test_the_limit_keeps_the_forms_sharing_the_rarest_tokens(index):
    rids = index.candidates(prepare_name("Chen Zhi").forms, 1)
    assert len(rids) == 1
    assert index.entries[index.records[rids[0]].entry].entry_id == "e0"
    assert len(index.candidates(prepare_name("Chen").forms, 2)) == 2


def test_rarity_counts_entries_not_names(index):
    r = index.rarity
    assert r.entries == 6
    assert r.frequency["chen"] == 3
    # "bin" and "laden" appear in two names of one entry: one entry.
    assert r.frequency["laden"] == 1
    assert r.frequency["zhi"] == 1


def test_common_tokens_weigh_less_than_rare_ones(index):
    r = index.rarity
    assert r.weight("chen") < r.weight("zhi") < r.weight("unheard")
    assert r.weight("unheard") == 1.0
    for token in ("chen", "zhi", "sen"):
        assert MIN_WEIGHT <= r.weight(token) <= 1.0


def test_initials_and_particles_weigh_little(index):
    r = index.rarity
    assert r.weight("j") == 0.5
    assert r.weight("bin") <= PARTICLE_WEIGHT
    assert r.weight("al") == PARTICLE_WEIGHT
    assert r.weights(["hun", "j"]) == [r.weight("hun"), 0.5]


def test_rarity_is_an_inverse_document_frequency_with_a_floor():
    r = Rarity(entries=99, frequency={"once": 1, "everywhere": 99})
    max_idf = math.log(100 / 0.5)
    assert r.weight("once") == pytest.approx(math.log(100 / 1.5) / max_idf)
    assert r.weight("everywhere") == MIN_WEIGHT


def test_a_given_rarity_replaces_the_index_own(index):
    sub = ScreeningIndex(index.entries[:1], index.rarity)
    assert sub.rarity is index.rarity
    own = ScreeningIndex(index.entries[:1])
    assert own.rarity.entries == 1
    assert own.rarity.weight("chen") != index.rarity.weight("chen")
