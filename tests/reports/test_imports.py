"""Historical victim records imported as sources of their own, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counterflow.model.errors import ConflictError, InputError, PermissionDeniedError
from counterflow.reports import ImportedVictim, VictimImport, import_victims, joint
from counterflow.stats.table import Period

DATA = Path(__file__).parents[1] / "data" / "victims"
YEAR_2022 = Period(date(2022, 1, 1), date(2022, 12, 31))
YEAR_2019 = Period(date(2019, 1, 1), date(2019, 12, 31))


def _count(world, model) -> int:  # type: ignore[no-untyped-def]
    with world.sessions.begin() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_each_import_is_a_column_of_its_own(world, add_case) -> None:
    add_case(
        "np.supervisor",
        reported=date(2022, 5, 1),
        victims=[{"gender": "female", "nationality": "KHM", "estimated_age": 16}],
    )
    with world.sessions.begin() as session:
        ctdc = import_victims(
            session,
            actor=world["ncct.analyst"],
            path=DATA / "ctdc_sample.csv",
            source_format="ctdc",
            source="ctdc-demo",
        )
        htcds = import_victims(
            session,
            actor=world["ncct.supervisor"],
            path=DATA / "htcds_sample.csv",
            source_format="htcds",
            source="htcds-ngo",
        )
    assert ctdc.records > 0 and htcds.records > 0
    with world.sessions.begin() as session:
        report = joint(session, actor=world["np.investigator"], periods=[YEAR_2022, YEAR_2019])
    sex = report.table("victims_by_sex")
    sources = [c.source for c in sex.columns]
    assert sources.count("platform") == 2 and "ctdc-demo" in sources and "htcds-ngo" in sources
    platform_2022 = sources.index("platform")
    assert sex.totals[platform_2022] == 1
    # Imported victims never count as platform cases.
    assert report.table("cases_total").totals == (1, 0)
    ctdc_2019 = [
        i for i, c in enumerate(sex.columns) if c.source == "ctdc-demo" and c.period == YEAR_2019
    ]
    assert sex.totals[ctdc_2019[0]] == 2  # lines 2-3 of the fixture: registered in 2019


def test_a_bad_file_stores_nothing_and_names_the_line(world, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    good = (DATA / "ctdc_sample.csv").read_text(encoding="utf-8").splitlines()
    bad.write_text(
        "\n".join([*good[:3], good[3].replace("Male", "Robot", 1)]) + "\n", encoding="utf-8"
    )
    with world.sessions.begin() as session, pytest.raises(InputError) as err:
        import_victims(
            session, actor=world["ncct.analyst"], path=bad, source_format="ctdc", source="broken"
        )
    assert err.value.line == 4 and err.value.field == "gender"
    assert _count(world, VictimImport) == 0 and _count(world, ImportedVictim) == 0


def test_the_same_file_or_name_is_imported_once(world) -> None:
    path = DATA / "ctdc_sample.csv"
    with world.sessions.begin() as session:
        import_victims(
            session, actor=world["ncct.analyst"], path=path, source_format="ctdc", source="first"
        )
    for name in ("first", "second"):
        with world.sessions.begin() as session, pytest.raises(ConflictError):
            import_victims(
                session, actor=world["ncct.analyst"], path=path, source_format="ctdc", source=name
            )


def test_only_the_coordination_body_imports(world) -> None:
    for username in ("np.supervisor", "ovs.auditor"):
        with world.sessions.begin() as session, pytest.raises(PermissionDeniedError):
            import_victims(
                session,
                actor=world[username],
                path=DATA / "ctdc_sample.csv",
                source_format="ctdc",
                source="x",
            )
