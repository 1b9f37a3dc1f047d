"""Screening against a small hand-made list: the right entry first, and why."""

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
from counterflow.screening import MatchConfig, Rarity, Screener
from counterflow.screening.align import token_similarity
from counterflow.screening.bulk import QueryMatrix
from counterflow.screening.evidence import collect_evidence
from counterflow.screening.match import best_alignment
from counterflow.screening.names import prepare_name

P, S, WEAK = NameStrength.PRIMARY, NameStrength.STRONG, NameStrength.WEAK


def entry(
    entry_id: str,
    *names: str | EntryName,
    kind: EntityKind = EntityKind.PERSON,
    dob: tuple[str, ...] = (),
    nat: tuple[str, ...] = (),
    gender: str | None = None,
    docs: tuple[IdentityDocument, ...] = (),
    source: ListSource = ListSource.OFAC,
) -> WatchlistEntry:
    """The first name is primary, other plain strings strong aliases."""
    return WatchlistEntry(
        entry_id=entry_id,
        source=source,
        kind=kind,
        names=tuple(
            n if isinstance(n, EntryName) else EntryName(n, P if i == 0 else S)
            for i, n in enumerate(names)
        ),
        dates_of_birth=dob,
        nationalities=nat,
        gender=gender,
        documents=docs,
    )


ENTRIES = (
    entry("ofac:1", "HUN Sen", dob=("1952-08-05",), nat=("KH",), gender="male"),
    entry("ofac:2", "HUN Manet", dob=("1977-10-20",), nat=("KH",), gender="male"),
    entry("ofac:3", "XI Jinping", "习近平", dob=("1953-06-15",), nat=("CN",), gender="male"),
    entry(
        "ofac:4",
        "AKSYONOV, Sergey Valeryevich",
        "AKSENOV, Sergei",
        dob=("1972-11-26",),
        nat=("UA", "RU"),
        gender="male",
    ),
    entry(
        "ofac:5",
        "BIN LADEN, Usama bin Muhammad bin Awad",
        "Osama bin Laden",
        EntryName("The Director", WEAK, "aka"),
        dob=("1957",),
        nat=("SA",),
        gender="male",
    ),
    entry(
        "ofac:6",
        "CHEN Zhi",
        "陈志",
        dob=("1987-12-16",),
        nat=("KH", "CN"),
        gender="male",
        docs=(IdentityDocument("passport", "K-1234 567", "KH"),),
    ),
    entry("ofac:7", "HUIONE GROUP", kind=EntityKind.ORGANIZATION, nat=("KH",)),
    entry("ofac:8", "KIM Jong Un", dob=("1984-01-08",), nat=("KP",), gender="male"),
    entry("ofac:9", "KHAN, Mohammad Ali", dob=("1965",), nat=("PK",), gender="male"),
    entry(
        "ofac:10",
        "CHEA Sophal",
        EntryName("Sophal the Tiger", WEAK, "aka"),
        dob=("1980-05-17",),
        nat=("KH",),
        gender="female",
    ),
    entry("ofac:11", "PUTIN, Vladimir Vladimirovich", dob=("1952-10-07",), nat=("RU",)),
    entry("ofac:12", "AL-ZAWAHIRI, Ayman", nat=("EG",), gender="male"),
    entry("ofac:13", "SOK Chantha", nat=("KH",), gender="female"),
    entry("ofac:14", "LY Yong Phat", dob=("1947",), nat=("KH",), gender="male"),
    entry("un:QDi.1", "习近平 Associates Ltd", kind=EntityKind.ORGANIZATION, source=ListSource.UN),
    entry("un:QDi.2", "王建民", source=ListSource.UN),
)
VERSIONS = {"ofac": "2024-05-01", "un": "2024-04-30"}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ENTRIES, versions=VERSIONS)


def ids(hits) -> list[str]:
    return [h.entry_id for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hun Sen", "ofac:1"),
        ("Sen Hun", "ofac:1"),
        ("Hun Manet", "ofac:2"),
        ("Sergey Aksyonov", "ofac:4"),
        ("Sergei Aksenov", "ofac:4"),
        ("Usama bin Ladin", "ofac:5"),
        ("Chen Zhi", "ofac:6"),
        ("陈志", "ofac:6"),
        ("Huione Group", "ofac:7"),
        ("Kim Jong-un", "ofac:8"),
        ("Mohammed Ali Khan", "ofac:9"),
        ("Chia Sopal", "ofac:10"),
        ("Wladimir Putin", "ofac:11"),
        ("Ayman al-Zawahiri", "ofac:12"),
        ("Chantha Sok", "ofac:13"),
        ("Ly Yong Phat", "ofac:14"),
        ("Wang Jianmin", "un:QDi.2"),
    ],
)
def test_the_listed_person_is_found_first(screener, query, expected):
    hits = screener.screen(ScreeningQuery(query))
    assert hits, f"no hit for {query!r}"
    assert hits[0].entry_id == expected
    assert hits[0].score >= MatchConfig().threshold


def test_a_hit_explains_itself_token_by_token(screener):
    hit = screener.screen(ScreeningQuery("Chia Sopal"))[0]
    assert hit.matched_name == "CHEA Sophal"
    assert {(t.query, t.entry) for t in hit.tokens} == {("chia", "chea"), ("sopal", "sophal")}
    text = hit.explanation()
    assert "chia~chea" in text and "sopal~sophal" in text
    assert hit.list_version == "2024-05-01" and hit.source == "ofac"


def test_a_han_query_hits_the_latin_entry_as_a_transliteration(screener):
    hits = screener.screen(ScreeningQuery("习近平"))
    assert ids(hits)[0] == "ofac:3"
    assert hits[0].score == 1.0
    assert {t.how for t in hits[0].tokens} == {"transliteration"}
    assert "transliteration" in hits[0].explanation()


def test_a_latin_query_reports_the_latin_name_it_equals(screener):
    hit = screener.screen(ScreeningQuery("Xi Jinping"))[0]
    assert hit.entry_id == "ofac:3"
    assert hit.matched_name == "XI Jinping"
    assert [t.how for t in hit.tokens] == ["exact", "exact"]


def test_a_latin_query_finds_a_name_the_list_writes_in_han(screener):
    hit = screener.screen(ScreeningQuery("Chen Zhi"))[0]
    assert hit.entry_id == "ofac:6" and hit.score == 1.0
    han = screener.screen(ScreeningQuery("Wang Jianmin"))[0]
    assert han.matched_name == "王建民"
    assert han.list_version == "2024-04-30"


@pytest.mark.parametrize(
    "query",
    ["John Smith", "Peter Jones", "Maria Garcia", "Hun Sokha", "Kim Jong Il", "Chen", "Li Wei"],
)
def test_names_not_on_the_list_give_no_hit(screener, query):
    assert screener.screen(ScreeningQuery(query)) == []


@pytest.mark.parametrize("query", ["", "   ", "---", "Dr."])
def test_a_query_without_a_name_gives_no_hit(screener, query):
    assert screener.screen(ScreeningQuery(query), threshold=0.0) == []


def test_titles_are_kept_on_the_hit(screener):
    hit = screener.screen(ScreeningQuery("Oknha Chen Zhi"))[0]
    assert hit.entry_id == "ofac:6"
    assert hit.titles == ("Oknha",)
    assert hit.name_score == 1.0
    assert screener.screen(ScreeningQuery("Samdech Hun Sen"))[0].titles == ("Samdech",)


def test_a_date_of_birth_conflict_drops_a_hit(screener):
    assert ids(screener.screen(ScreeningQuery("Chia Sopal"))) == ["ofac:10"]
    assert screener.screen(ScreeningQuery("Chia Sopal", date_of_birth="1990")) == []
    low = screener.screen(ScreeningQuery("Chia Sopal", date_of_birth="1990"), threshold=0.0)[0]
    assert [(e.field, e.effect) for e in low.evidence] == [("date_of_birth", -0.15)]


def test_agreeing_details_raise_the_score(screener):
    plain = screener.screen(ScreeningQuery("Chia Sopal"))[0]
    same = screener.screen(
        ScreeningQuery("Chia Sopal", date_of_birth="1980-05-17", country="KH", gender="female")
    )[0]
    assert same.score > plain.score
    assert same.name_score == plain.name_score


def test_an_identity_number_match_raises_a_hit_above_the_threshold(screener):
    assert screener.screen(ScreeningQuery("Chen")) == []
    hits = screener.screen(ScreeningQuery("Chen", id_number="k1234567"))
    assert ids(hits) == ["ofac:6"]
    assert any(e.field == "id_number" and e.effect > 0 for e in hits[0].evidence)


def test_a_weak_alias_needs_support_to_stay_high(screener):
    weak = screener.screen(ScreeningQuery("Sophal the Tiger"), threshold=0.0)[0]
    assert weak.entry_id == "ofac:10"
    assert weak.matched_name == "Sophal the Tiger"
    assert weak.score < weak.name_score
    supported = screener.screen(ScreeningQuery("Sophal the Tiger", date_of_birth="1980-05-17"))
    assert ids(supported)[:1] == ["ofac:10"]
    assert supported[0].score > weak.score


def test_a_weak_alias_alone_raises_no_hit(screener):
    assert screener.screen(ScreeningQuery("The Director")) == []


def test_a_title_word_in_an_organisation_name_is_part_of_the_name():
    prince = entry("ofac:99", "PRINCE HOLDING GROUP", kind=EntityKind.ORGANIZATION)
    s = Screener([*ENTRIES, prince])
    assert "ofac:99" not in ids(s.screen(ScreeningQuery("Sun Holding Group")))
    hit = s.screen(ScreeningQuery("Prince Holding Group"))[0]
    assert hit.entry_id == "ofac:99"
    assert hit.titles == ()


def test_hits_are_sorted_by_score_and_limited(screener):
    hits = screener.screen(ScreeningQuery("Hun Sen"), threshold=0.0, limit=50)
    assert len(hits) >= 3
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert hits[0].entry_id == "ofac:1"
    assert screener.screen(ScreeningQuery("Hun Sen"), threshold=0.0, limit=2) == hits[:2]


def test_the_configured_threshold_is_respected():
    strict = Screener(ENTRIES, config=MatchConfig(threshold=0.95))
    loose = Screener(ENTRIES, config=MatchConfig(threshold=0.3))
    query = ScreeningQuery("Chia Sopal")  # name score about 0.91
    assert strict.screen(query) == []
    assert ids(loose.screen(query))[0] == "ofac:10"
    assert all(h.score >= 0.3 for h in loose.screen(ScreeningQuery("Hun Sen")))
    assert len(loose.screen(ScreeningQuery("Hun Sen"))) > 1
    # A threshold given to screen() overrides the configured one.
    assert ids(strict.screen(query, threshold=0.5))[0] == "ofac:10"


def test_the_candidate_limit_is_respected():
    few = Screener(ENTRIES, config=MatchConfig(candidates=1))
    hits = few.screen(ScreeningQuery("Hun Sen"), threshold=0.0)
    assert ids(hits) == ["ofac:1"]
    assert len(Screener(ENTRIES).screen(ScreeningQuery("Hun Sen"), threshold=0.0)) > 1


def test_screen_many_screens_each_query_in_order(screener):
    queries = [ScreeningQuery("Hun Sen"), ScreeningQuery("John Smith"), ScreeningQuery("陈志")]
    results = screener.screen_many(queries)
    assert [ids(r)[:1] for r in results] == [["ofac:1"], [], ["ofac:6"]]
    assert results == [screener.screen(q) for q in queries]


def test_screen_against_only_hits_the_given_entries(screener):
    queries = [
        ScreeningQuery("Hun Sen", ref="a"),
        ScreeningQuery("Chia Sopal", ref="b"),
        ScreeningQuery("Chen Zhi", ref="c"),
    ]
    given = [e for e in ENTRIES if e.entry_id in ("ofac:1", "ofac:6")]
    hits = screener.screen_against(queries, given)
    assert sorted((h.query.ref, h.entry_id) for h in hits) == [("a", "ofac:1"), ("c", "ofac:6")]
    assert screener.screen_against(queries, []) == []
    assert screener.screen_against([], given) == []


def test_screen_against_scores_as_a_full_screen_does(screener):
    queries = [
        ScreeningQuery("Hun Sen", date_of_birth="1952"),
        ScreeningQuery("Chia Sopal"),
        ScreeningQuery("Sergey Aksyonov", country="RU"),
        ScreeningQuery("Chen", id_number="K1234567"),
        ScreeningQuery("Usama bin Ladin"),
    ]
    full = {(h.query, h.entry_id): h for q in queries for h in screener.screen(q)}
    assert len(full) == len(queries)
    given = [e for e in ENTRIES if e.entry_id in {k[1] for k in full}]
    again = {(h.query, h.entry_id): h for h in screener.screen_against(queries, given)}
    assert again.keys() == full.keys()
    for key, hit in again.items():
        assert hit.score == full[key].score
        assert hit.name_score == full[key].name_score
        assert hit.list_version == full[key].list_version


def reference_hits(
    screener: Screener, query: ScreeningQuery, threshold: float, *, bulk: bool = True
) -> dict[str, float]:
    """The slow twin of Screener.screen: every retrieved name form aligned, no score bound.

    Retrieval (which forms share a token or a phonetic key with the query) is the index's
    business; what screening does after it may skip work, never a hit. With ``bulk`` the
    token similarities are read from the same bulk matrix the screener uses, so that only
    the bound and the early exit are under test.
    """
    prepared = prepare_name(query.name)
    weigh = screener.index.rarity.weights
    records = [
        screener.index.records[r]
        for r in screener.index.candidates(prepared.forms, screener.config.candidates)
    ]
    similarity = QueryMatrix(prepared.forms, records).similarity if bulk else token_similarity
    best: dict[int, tuple] = {}
    for rec in records:
        m = best_alignment(prepared.forms, [rec.form], weigh, similarity)
        if m is None:
            continue
        name = screener.entries[rec.entry].names[rec.name]
        rank = (m.score, name.strength is not WEAK)
        if rec.entry not in best or rank > best[rec.entry][0]:
            best[rec.entry] = (rank, m, name)
    out = {}
    for ei, (_, m, name) in best.items():
        e = screener.entries[ei]
        ev = collect_evidence(query, e, name.strength, screener.config.evidence)
        score = round(min(1.0, max(0.0, m.score + sum(x.effect for x in ev))), 4)
        if score >= threshold:
            out[e.entry_id] = score
    return out


@pytest.mark.parametrize(
    "query",
    [
        ScreeningQuery("Hun Sen"),
        ScreeningQuery("Sophal the Tiger"),
        ScreeningQuery("Chen", id_number="K1234567"),
        ScreeningQuery("Chia Sopal", date_of_birth="1990", country="KH"),
        ScreeningQuery("习近平"),
        ScreeningQuery("Mohammed Khan", country="PK"),
        ScreeningQuery("Kim Jong"),
    ],
)
@pytest.mark.parametrize("threshold", [0.5, MatchConfig().threshold])
def test_screening_finds_what_scoring_every_entry_finds(screener, query, threshold):
    hits = screener.screen(query, threshold=threshold, limit=100)
    assert {h.entry_id: h.score for h in hits} == pytest.approx(
        reference_hits(screener, query, threshold)
    )


def test_khmer_script_queries_and_entries():
    pytest.importorskip("counterflow.screening.normalize.khmer")
    khmer_entry = entry("domestic:K1", "សុខ ចាន់ថា", source=ListSource.DOMESTIC)
    s = Screener([*ENTRIES, khmer_entry])
    assert ids(s.screen(ScreeningQuery("ហ៊ុន សែន")))[:1] == ["ofac:1"]
    hits = s.screen(ScreeningQuery("Sok Chantha"))
    assert {"domestic:K1", "ofac:13"} <= set(ids(hits))


SURNAMES = ["chea", "sok", "hun", "chen", "wang", "khan", "ly", "pheng", "nguyen", "al rashid"]
GIVEN = ["sophal", "chantha", "vannak", "zhi", "wei", "mohammad", "ali", "dara", "bopha", "li"]


def synthetic_entries(rng) -> list[WatchlistEntry]:
    out = []
    for i in range(300):
        parts = [rng.choice(SURNAMES), *rng.sample(GIVEN, rng.randint(1, 2))]
        names = [" ".join(parts)]
        if rng.random() < 0.3:
            names.append(EntryName(" ".join(reversed(parts)), S, "aka"))
        dob = (f"{rng.randint(1950, 1999)}",) if rng.random() < 0.5 else ()
        out.append(entry(f"ofac:s{i}", *names, dob=dob, nat=(rng.choice(["KH", "CN"]),)))
    return out


@pytest.mark.parametrize("seed", [20240501, 8, 10])
def test_the_score_bound_never_loses_a_hit_on_a_larger_list(seed):
    import random

    rng = random.Random(seed)
    s = Screener(synthetic_entries(rng))
    for _ in range(25):
        name = " ".join([rng.choice(SURNAMES), *rng.sample(GIVEN, rng.randint(1, 2))])
        name = name.replace("ph", "p") if rng.random() < 0.3 else name
        query = ScreeningQuery(
            name,
            date_of_birth=rng.choice([None, "1970", "1985"]),
            country=rng.choice([None, "KH"]),
        )
        for threshold in (0.6, MatchConfig().threshold):
            got = {h.entry_id: h.score for h in s.screen(query, threshold=threshold, limit=1000)}
            assert got == pytest.approx(reference_hits(s, query, threshold)), (query, threshold)


def test_the_screener_scores_a_pair_as_compare_names_does():
    s = Screener([entry("ofac:1", "RI, Chun Song")])
    query = ScreeningQuery("RI, Song-hyok")
    hits = s.screen(query, threshold=0.0)
    assert {h.entry_id: h.score for h in hits} == pytest.approx(
        reference_hits(s, query, 0.0, bulk=False), abs=1e-4
    )


def test_the_early_exit_never_skips_a_primary_name_that_ties_a_weak_alias():
    e = entry("ofac:1", "PHENG Ali Vannak", EntryName("Vannak Ali Pheng", WEAK, "aka"))
    rarity = Rarity(entries=60, frequency={"pheng": 1, "ali": 3, "vannak": 1})
    hits = Screener([e], rarity=rarity).screen(ScreeningQuery("Pheng Ali"))
    assert ids(hits) == ["ofac:1"]
    assert hits[0].matched_name == "PHENG Ali Vannak"
