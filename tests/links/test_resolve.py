"""Entity resolution with Splink: a transliteration or typo duplicate is found, two people
with a common name and different birth dates are not merged, and each pair says why."""

from __future__ import annotations

from counterflow.links import MIN_RECORDS_TO_ESTIMATE, LinkRecord, RecordSource, resolve

P, H = RecordSource.CASE_PERSON, RecordSource.HOLDER

RECORDS = [
    LinkRecord("person:1", P, name="CHAN Sophia", date_of_birth="1994-03-02", nationality="KHM",
               phones=("012 777 888",)),
    LinkRecord("person:h1", H, name="Chan Sophea", date_of_birth="1994-03-02", nationality="KHM",
               phones=("+855 12 777 888",), accounts=("A1",)),
    LinkRecord("person:h2", H, name_khmer="ចាន់ សុភា", date_of_birth="1994-03-02",
               nationality="KHM", accounts=("A2",)),
    LinkRecord("person:2", P, name="Sok Dara", date_of_birth="1979-04-12", nationality="KHM"),
    LinkRecord("person:h3", H, name="Sok Dara", date_of_birth="1990-11-30", nationality="KHM",
               accounts=("A3",)),
    LinkRecord("person:h4", H, name="Keo Vanna", date_of_birth="1988", nationality="KHM",
               accounts=("A4",)),
    LinkRecord("person:h5", H, name="Mekong Trading Co., Ltd.", company=True, accounts=("A5",)),
]  # fmt: skip


def _pairs(threshold: float = 0.8) -> dict[tuple[str, str], object]:
    return {(c.left, c.right): c for c in resolve(RECORDS, threshold=threshold).candidates}


def test_transliteration_and_khmer_script_duplicates_are_found() -> None:
    pairs = _pairs()
    assert ("person:1", "person:h1") in pairs  # Sophia / Sophea, phone written two ways
    assert ("person:1", "person:h2") in pairs  # Latin against Khmer script


def test_same_common_name_different_birth_date_is_not_a_candidate() -> None:
    assert ("person:2", "person:h3") not in _pairs()
    low = _pairs(threshold=0.0)[("person:2", "person:h3")]
    assert low.match_probability < 0.5  # type: ignore[attr-defined]


def test_every_candidate_explains_its_weight_per_comparison() -> None:
    result = resolve(RECORDS, threshold=0.8)
    assert not result.estimated and "declared" in result.notes[0]
    top = result.candidates[0]
    by = {w.comparison: w for w in top.weights}
    assert set(by) == {"name", "date_of_birth", "phone", "id_document", "nationality"}
    assert by["date_of_birth"].level == "same full date" and by["date_of_birth"].weight > 10
    assert by["name"].level.startswith("Jaro-Winkler") or by["name"].level == "exact name"
    assert "date_of_birth: same full date" in top.explanation
    assert all("person:h5" not in (c.left, c.right) for c in result.candidates)  # companies


def test_parameters_are_estimated_on_enough_records() -> None:
    filler = [
        LinkRecord(f"person:h{100 + i}", RecordSource.HOLDER, name=f"Person {chr(65 + i % 26)}{i}",
                   date_of_birth=f"{1950 + i % 50}-0{1 + i % 9}-1{i % 10}", nationality="KHM",
                   phones=(f"012 {100000 + i}",))
        for i in range(MIN_RECORDS_TO_ESTIMATE)
    ]  # fmt: skip
    result = resolve([*RECORDS, *filler], threshold=0.5)
    assert result.records >= MIN_RECORDS_TO_ESTIMATE
    assert any("u estimated" in n or "u not estimated" in n for n in result.notes)
    assert all(abs(w.weight) < 40 for c in result.candidates for w in c.weights)
