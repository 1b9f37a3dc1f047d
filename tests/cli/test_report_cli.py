"""``counterflow report``: the joint report on the demo history, releases, tallies, imports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterflow.cli.demo_platform import seed_demo
from counterflow.cli.main import app
from counterflow.store import make_engine, session_factory, transaction, upgrade

DATA = Path(__file__).parents[1] / "data" / "victims"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo world with its statistical history, on SQLite (seeded once per module)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'cf.db'}"
    upgrade(url)
    engine = make_engine(url)
    with transaction(session_factory(engine)) as s:
        seeded = seed_demo(s, alerts_path=None, screener=None)
    engine.dispose()
    assert seeded.history_cases > 900
    return url


@pytest.fixture
def cli(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COUNTERFLOW_DATABASE_URL", demo_db)
    return CliRunner()


JOINT = ["report", "joint", "--from", "2022-01-01", "--to", "2022-09-30"]


@pytest.mark.slow
def test_the_demo_reproduces_the_joint_report_of_january_2023(cli: CliRunner) -> None:
    got = cli.invoke(
        app, [*JOINT, "--compare", "previous-year", "--format", "json", "--as", "dara"]
    )
    assert got.exit_code == 0, got.output
    sheets = {s["key"]: s for s in json.loads(got.stdout)["sheets"]}
    total = sheets["cases_total"]
    assert total["rows"][-1][1:] == [122, 269, -54.6]


@pytest.mark.slow
def test_markdown_and_khmer(cli: CliRunner) -> None:
    got = cli.invoke(app, [*JOINT, "--as", "dara"])
    assert got.exit_code == 0 and "| " in got.stdout and "-54.6" in got.stdout
    km = cli.invoke(app, [*JOINT, "--as", "sokha", "--lang", "km", "--format", "csv"])
    assert km.exit_code == 0


@pytest.mark.slow
@pytest.mark.skipif(
    not shutil.which("chromium") and not Path("/usr/bin/chromium").exists(),
    reason="Debian's Chromium is not installed (make test installs it)",
)
def test_pdf_needs_an_out_path_and_is_a_pdf(cli: CliRunner, tmp_path: Path) -> None:
    refused = cli.invoke(app, [*JOINT, "--format", "pdf", "--as", "dara"])
    assert refused.exit_code == 2 and "--out" in refused.output
    out = tmp_path / "report.pdf"
    done = cli.invoke(app, [*JOINT, "--format", "pdf", "--out", str(out), "--as", "dara"])
    assert done.exit_code == 0, done.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_errors_name_the_option(cli: CliRunner) -> None:
    bad = cli.invoke(
        app, ["report", "joint", "--from", "2022-13-01", "--to", "2022-09-30", "--as", "dara"]
    )
    assert bad.exit_code == 2 and "--from" in bad.output
    nobody = cli.invoke(app, [*JOINT])
    assert nobody.exit_code == 2 and "--as" in nobody.output
    admin = cli.invoke(app, [*JOINT, "--as", "np_admin"])
    assert admin.exit_code == 2 and "case workers" in admin.output


@pytest.mark.slow
def test_publish_tally_import_and_the_ledger(cli: CliRunner) -> None:
    # The demo published release 1 (January-September 2022); a correction follows.
    refused = cli.invoke(
        app,
        [
            "report",
            "publish",
            "--title",
            "x",
            "--from",
            "2022-01-01",
            "--to",
            "2022-09-30",
            "--as",
            "dara",
        ],
    )
    assert refused.exit_code == 2
    fix = cli.invoke(
        app,
        [
            "report",
            "publish",
            "--title",
            "Jan-Sep 2022 (corrected)",
            "--from",
            "2022-01-01",
            "--to",
            "2022-09-30",
            "--corrects",
            "1",
            "--note",
            "Late entries from Battambang",
            "--as",
            "sreymom",
        ],
    )
    assert fix.exit_code == 0, fix.output
    ledger = cli.invoke(app, ["report", "releases"])
    assert ledger.exit_code == 0 and "intact" in ledger.output
    assert ledger.stdout.splitlines()[0].startswith("2\t")
    tally = cli.invoke(
        app,
        [
            "report",
            "tally",
            "--month",
            "2022-03",
            "--type",
            "str",
            "--count",
            "55",
            "--as",
            "chenda",
        ],
    )
    assert tally.exit_code == 0 and "55" in tally.output
    imported = cli.invoke(
        app,
        [
            "report",
            "import",
            str(DATA / "ctdc_sample.csv"),
            "--format",
            "ctdc",
            "--source",
            "ctdc-sample",
            "--as",
            "sreymom",
        ],
    )
    assert imported.exit_code == 0, imported.output
