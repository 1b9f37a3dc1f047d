"""The derived facts of a case (Palermo elements, age bands, nationality patterns)."""

from __future__ import annotations

import pytest

from counterflow.model.derived import (
    age_band,
    foreign_suspect,
    is_foreign,
    is_minor,
    palermo_complete,
    same_foreign_nationality,
)

ACTS = ["recruitment"]
MEANS = ["deception"]
PURPOSES = ["forced_criminality"]


def test_a_child_without_means_is_complete() -> None:
    # Palermo Protocol Art. 3(c): for a child the means are irrelevant.
    assert palermo_complete(acts=ACTS, means=[], purposes=PURPOSES, age=16)
    assert palermo_complete(acts=ACTS, means=[], purposes=PURPOSES, age=0)


def test_an_adult_without_means_is_not_complete() -> None:
    assert not palermo_complete(acts=ACTS, means=[], purposes=PURPOSES, age=18)
    assert not palermo_complete(acts=ACTS, means=[], purposes=PURPOSES, age=35)


def test_an_unknown_age_without_means_is_not_complete() -> None:
    assert not palermo_complete(acts=ACTS, means=[], purposes=PURPOSES, age=None)


def test_an_adult_with_all_three_elements_is_complete() -> None:
    assert palermo_complete(acts=ACTS, means=MEANS, purposes=PURPOSES, age=35)
    assert palermo_complete(acts=ACTS, means=MEANS, purposes=PURPOSES, age=None)


@pytest.mark.parametrize("age", [10, 30, None])
def test_act_and_purpose_are_always_needed(age: int | None) -> None:
    assert not palermo_complete(acts=[], means=MEANS, purposes=PURPOSES, age=age)
    assert not palermo_complete(acts=ACTS, means=MEANS, purposes=[], age=age)
    assert not palermo_complete(acts=[], means=[], purposes=[], age=age)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (None, "unknown"),
        (0, "<15"),
        (14, "<15"),
        (15, "15-17"),
        (17, "15-17"),
        (18, "18+"),
        (64, "18+"),
    ],
)
def test_age_bands_of_the_joint_report(age: int | None, band: str) -> None:
    assert age_band(age) == band


@pytest.mark.parametrize(("age", "minor"), [(None, None), (17, True), (18, False), (3, True)])
def test_is_minor(age: int | None, minor: bool | None) -> None:
    assert is_minor(age) is minor


@pytest.mark.parametrize(
    ("nationality", "foreign"),
    [(None, None), ("", None), ("KHM", False), ("khm", False), ("CHN", True), ("vnm", True)],
)
def test_is_foreign(nationality: str | None, foreign: bool | None) -> None:
    assert is_foreign(nationality) is foreign


@pytest.mark.parametrize(
    ("suspects", "expected"),
    [
        ([], False),
        ([None], False),
        ([""], False),
        (["KHM"], False),
        (["KHM", None, "khm"], False),
        (["CHN"], True),
        (["KHM", "THA"], True),
        ([None, "vnm"], True),
    ],
)
def test_foreign_suspect(suspects: list[str | None], expected: bool) -> None:
    assert foreign_suspect(suspects) is expected


@pytest.mark.parametrize(
    ("suspects", "victims", "expected"),
    [
        (["CHN"], ["CHN"], True),
        (["chn"], ["CHN"], True),
        (["CHN", "THA"], ["KHM", "THA"], True),
        # Cambodians trafficking Cambodians is not the foreign pattern.
        (["KHM"], ["KHM"], False),
        (["CHN"], ["VNM"], False),
        (["CHN"], ["KHM"], False),
        ([None], [None], False),
        ([], ["CHN"], False),
        (["CHN"], [], False),
    ],
)
def test_same_foreign_nationality(
    suspects: list[str | None], victims: list[str | None], expected: bool
) -> None:
    assert same_foreign_nationality(suspects, victims) is expected
