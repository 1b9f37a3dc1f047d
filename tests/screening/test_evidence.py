"""Evidence beside the name: each identifier agrees, disagrees or says nothing."""

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
from counterflow.screening.evidence import EvidenceWeights, collect_evidence, dob_evidence

W = EvidenceWeights()


def listed(
    *,
    dob: tuple[str, ...] = (),
    nationalities: tuple[str, ...] = (),
    gender: str | None = None,
    documents: tuple[IdentityDocument, ...] = (),
) -> WatchlistEntry:
    return WatchlistEntry(
        entry_id="ofac:1",
        source=ListSource.OFAC,
        kind=EntityKind.PERSON,
        names=(EntryName("CHEA Sophal"),),
        dates_of_birth=dob,
        nationalities=nationalities,
        gender=gender,
        documents=documents,
    )


def evidence(query: ScreeningQuery, entry: WatchlistEntry, strength=NameStrength.PRIMARY):
    return {e.field: e for e in collect_evidence(query, entry, strength, W)}


# -- date of birth -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "dates", "effect"),
    [
        ("1980-05-17", ("1980-05-17",), W.dob_exact),
        ("1980", ("1980",), W.dob_exact),
        ("1980-05-17", ("1975", "1980-05-17"), W.dob_exact),
        ("1980", ("1980-05-17",), W.dob_year),  # partial query fits a full listed date
        ("1980-05", ("1980-05-17",), W.dob_year),
        ("1980-05-17", ("1980",), W.dob_year),  # the list knows only the year
        ("1981", ("1980-05-17",), 0.0),  # a year apart: lists record circa years
        ("1979-12-31", ("1980",), 0.0),
        ("1990", ("1980-05-17",), W.dob_conflict),
        ("1990-01-01", ("1980", "1982"), W.dob_conflict),
    ],
)
def test_date_of_birth(query, dates, effect):
    ev = dob_evidence(query, dates, W)
    assert ev is not None
    assert ev.field == "date_of_birth"
    assert ev.effect == effect
    assert query in ev.detail


def test_the_nearest_listed_year_decides():
    ev = dob_evidence("1983", ("1950", "1982"), W)
    assert ev is not None and ev.effect == 0.0
    assert "1982" in ev.detail


def test_no_listed_date_is_no_evidence():
    assert dob_evidence("1980", (), W) is None
    assert "date_of_birth" not in evidence(ScreeningQuery("x", date_of_birth="1980"), listed())


def test_a_conflict_lowers_and_a_match_raises():
    assert W.dob_conflict < 0 < W.dob_year < W.dob_exact


# -- country, gender, identity numbers ---------------------------------------------------


def test_country_match_and_conflict():
    entry = listed(nationalities=("KH", "CN"))
    ok = evidence(ScreeningQuery("x", country="cn"), entry)["country"]
    assert ok.effect == W.country_match > 0
    bad = evidence(ScreeningQuery("x", country="TH"), entry)["country"]
    assert bad.effect == W.country_conflict < 0
    assert "TH" in bad.detail and "KH" in bad.detail


def test_no_country_on_either_side_is_no_evidence():
    assert "country" not in evidence(ScreeningQuery("x", country="KH"), listed())
    assert "country" not in evidence(ScreeningQuery("x"), listed(nationalities=("KH",)))


def test_gender_conflict_only_when_both_sides_say():
    entry = listed(gender="female")
    assert evidence(ScreeningQuery("x", gender="male"), entry)["gender"].effect == W.gender_conflict
    assert "gender" not in evidence(ScreeningQuery("x", gender="Female"), entry)
    assert "gender" not in evidence(ScreeningQuery("x", gender="male"), listed())
    assert "gender" not in evidence(ScreeningQuery("x"), entry)


@pytest.mark.parametrize("number", ["N0123456", "n 0123-456", "N-012.3456"])
def test_identity_number_match_is_normalised(number):
    entry = listed(documents=(IdentityDocument("passport", "N 0123456", "KH"),))
    ev = evidence(ScreeningQuery("x", id_number=number), entry)["id_number"]
    assert ev.effect == W.id_match
    assert "passport" in ev.detail and "N 0123456" in ev.detail


def test_another_identity_number_is_no_evidence():
    entry = listed(documents=(IdentityDocument("passport", "N0123456"),))
    assert "id_number" not in evidence(ScreeningQuery("x", id_number="N0123457"), entry)
    assert "id_number" not in evidence(ScreeningQuery("x", id_number="--"), entry)


# -- weak aliases ------------------------------------------------------------------------


def test_a_weak_alias_alone_is_penalised():
    ev = evidence(ScreeningQuery("x"), listed(), NameStrength.WEAK)
    assert ev["name_strength"].effect == W.weak_alias < 0


@pytest.mark.parametrize(
    "query",
    [
        ScreeningQuery("x", date_of_birth="1980-05-17"),
        ScreeningQuery("x", country="KH"),
        ScreeningQuery("x", id_number="N0123456"),
    ],
)
def test_positive_evidence_lifts_the_weak_alias_penalty(query):
    entry = listed(
        dob=("1980-05-17",),
        nationalities=("KH",),
        documents=(IdentityDocument("passport", "N0123456"),),
    )
    assert "name_strength" not in evidence(query, entry, NameStrength.WEAK)


@pytest.mark.parametrize(
    "query",
    [
        ScreeningQuery("x", date_of_birth="1990"),  # a conflict supports nothing
        ScreeningQuery("x", date_of_birth="1981"),  # nor does a neutral "within a year"
        ScreeningQuery("x", country="TH"),
    ],
)
def test_negative_or_neutral_evidence_keeps_the_weak_alias_penalty(query):
    entry = listed(dob=("1980-05-17",), nationalities=("KH",))
    assert "name_strength" in evidence(query, entry, NameStrength.WEAK)


@pytest.mark.parametrize("strength", [NameStrength.PRIMARY, NameStrength.STRONG])
def test_strong_names_carry_no_penalty(strength):
    assert evidence(ScreeningQuery("x"), listed(), strength) == {}


def test_evidence_comes_in_a_stable_order():
    entry = listed(
        dob=("1980-05-17",),
        nationalities=("KH",),
        gender="female",
        documents=(IdentityDocument("passport", "N0123456"),),
    )
    query = ScreeningQuery(
        "x", date_of_birth="1980-05-17", country="KH", gender="male", id_number="N0123456"
    )
    fields = [e.field for e in collect_evidence(query, entry, NameStrength.WEAK, W)]
    assert fields == ["date_of_birth", "country", "gender", "id_number"]


def test_two_full_dates_in_the_same_year_are_a_weak_conflict():
    from counterflow.screening.evidence import EvidenceWeights, dob_evidence

    w = EvidenceWeights()
    ev = dob_evidence("1960-05-01", ("1960-07-02",), w)
    assert ev is not None and ev.effect == w.dob_same_year < 0
    # A listed year alone still fits.
    fits = dob_evidence("1960-05-01", ("1960",), w)
    assert fits is not None and fits.effect > 0
