"""Disclosure control of a whole joint report, released twice (January-September, then
January-October, each with the same period a year before): every table of the report's
real shapes (margins, multi-select, monthly trends, several sources) goes through
:func:`protect`, and the intruder finds nothing in either release."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from counterflow.model.codes import ControlMethod, ExploitationForm, HandedTo
from counterflow.stats.disclosure import audit, protect
from counterflow.stats.facts import CaseFact, PersonFact
from counterflow.stats.joint import joint_report
from counterflow.stats.table import Period, PublicTable, Table, Unit

NATIONALITIES = ("KHM", "VNM", "CHN", "THA", None)


def facts(seed: int, victims: int) -> tuple[list[CaseFact], list[PersonFact]]:
    """A small, lumpy world: few enough people that many cells are 1-9."""
    rng = random.Random(seed)

    def day() -> date:
        return date(2023, 1, 1) + timedelta(days=rng.randrange(700))

    def some(values: list[str]) -> tuple[str, ...]:
        return tuple(rng.sample(values, rng.randrange(0, 3)))

    persons = [
        PersonFact(
            "victim",
            day(),
            sex=rng.choice(["female", "female", "male", "unknown"]),
            age=rng.choice([None, 12, 16, 19, 30, 45]),
            nationality=rng.choice(NATIONALITIES),
            forms=some([f.value for f in ExploitationForm]),
            control_methods=some([c.value for c in ControlMethod]),
            handed_to=rng.choice([None, *[h.value for h in HandedTo]]),
            rescued=rng.choice([None, True, False]),
            same_nationality_case=rng.random() < 0.2,
            source=rng.choice(["platform", "platform", "ctdc"]),
        )
        for _ in range(victims)
    ]
    persons += [
        PersonFact(
            "suspect",
            day(),
            sex=rng.choice(["female", "male", "male", "unknown"]),
            nationality=rng.choice(NATIONALITIES),
            arrested=rng.choice([None, True, False]),
            charged=rng.choice([None, True]),
            sent_to_court=rng.choice([None, True]),
            public_official=rng.choice([None, True, False]),
        )
        for _ in range(victims // 2)
    ]
    cases = [
        CaseFact(
            day(),
            rng.choice(["trafficking", "sexual_exploitation"]),
            rng.choice(["NP", "GE"]),
            rng.choice(["Battambang", "Kampot", None]),
            (),
            rng.choice([None, True, False]),
            "open",
            False,
            False,
            False,
        )
        for _ in range(victims // 2)
    ]
    return cases, persons


def check(exact: tuple[Table, ...], public: tuple[PublicTable, ...]) -> None:
    assert [t.key for t in public] == [t.key for t in exact]
    for t, pt in zip(exact, public, strict=True):
        assert pt.totals == t.totals
        for row, public_row in zip(t.rows, pt.rows, strict=True):
            for value, cell in zip(row.values, public_row.cells, strict=True):
                assert cell.low <= value <= cell.high
                if t.unit is not Unit.PERSONS:
                    assert cell.shown == str(value)


@pytest.mark.parametrize(("seed", "victims"), [(0, 40), (1, 80), (2, 300)])
def test_two_releases_of_a_joint_report(seed: int, victims: int) -> None:
    cases, persons = facts(seed, victims)
    first = joint_report(
        cases=cases,
        persons=persons,
        periods=[
            Period(date(2024, 1, 1), date(2024, 9, 30)),
            Period(date(2023, 1, 1), date(2023, 9, 30)),
        ],
    )
    second = joint_report(
        cases=cases,
        persons=persons,
        periods=[
            Period(date(2024, 1, 1), date(2024, 10, 31)),
            Period(date(2023, 1, 1), date(2023, 10, 31)),
        ],
    )
    released = protect(first.tables)
    check(first.tables, released)
    assert audit(released) == []
    again = protect(second.tables, earlier=[released])
    check(second.tables, again)
    assert audit(again, earlier=[released]) == []
