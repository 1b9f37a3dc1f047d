"""``counterflow lists``: load versions of a list, see what changed, re-screen, show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterflow.cli.main import app

runner = CliRunner()
SHARED_LISTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "lists"

HEADER = "entry_id,name,kind,aliases,date_of_birth,nationality,id_numbers,gender,reason\n"
V1 = HEADER + (
    "D-1,Chea Sophal,person,Sophal Chea,1980-05-17,KH,passport:N0123456,female,recruiter\n"
    "D-2,Golden Dragon Karaoke,organization,,,KH,,,front company\n"
    "D-3,Sok Chantha,person,,1975,KH,,female,broker\n"
)
# D-1 changed (an alias added), D-2 removed, D-3 unchanged, D-4 added.
V2 = HEADER + (
    "D-1,Chea Sophal,person,Sophal Chea;Chia Sopal,1980-05-17,KH,passport:N0123456,female,"
    "recruiter\n"
    "D-3,Sok Chantha,person,,1975,KH,,female,broker\n"
    "D-4,Pheng Vannak,person,,1969,KH,,male,trafficker\n"
)


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Run ``counterflow ...`` against a fresh SQLite database in ``tmp_path``."""
    monkeypatch.setenv("COUNTERFLOW_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COUNTERFLOW_DATABASE_URL", raising=False)

    def run(*args: str, code: int = 0):
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result

    return run


def csv_file(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def flat(text: str) -> str:
    """Output with Rich's line wrapping undone."""
    return " ".join(text.split())


def bare(text: str) -> str:
    """Output without any whitespace (Rich may wrap a long path in the middle)."""
    return "".join(text.split())


def shown(cli) -> dict:
    return json.loads(cli("lists", "show", "--json").stdout)


def test_a_first_load_adds_every_entry(cli, tmp_path):
    result = cli("lists", "load", csv_file(tmp_path, V1, "v1.csv"), "--source", "domestic")
    text = flat(result.output)
    assert "loaded (3 entries; previous: none)" in text
    assert "added 3, changed 0, removed 0" in text
    assert list(shown(cli)) == ["domestic"]
    assert shown(cli)["domestic"]["entries"] == 3
    assert shown(cli)["domestic"]["version"] in text


def test_show_with_nothing_loaded(cli):
    assert shown(cli) == {}


def test_a_new_version_reports_changes_and_rescreens_people(cli, tmp_path):
    cli("lists", "load", csv_file(tmp_path, V1, "v1.csv"), "--source", "domestic")
    first = shown(cli)["domestic"]["version"]
    # Screened while not on the list: no hit, but remembered.
    before = json.loads(cli("screen", "name", "Pheng Vannak", "--json").stdout)
    assert before["hits"] == []
    result = cli(
        "lists", "load", csv_file(tmp_path, V2, "v2.csv"), "--source", "domestic", "--json"
    )
    report = json.loads(result.stdout)
    assert report["previous_version"] == first
    assert report["unchanged"] is False
    assert report["entry_count"] == 3
    assert report["added"]["entry_ids"] == ["domestic:D-4"]
    assert report["changed"]["entry_ids"] == ["domestic:D-1"]
    assert report["removed"]["entry_ids"] == ["domestic:D-2"]
    assert report["rescreened_subjects"] >= 1
    assert report["new_hits"] >= 1
    now = shown(cli)["domestic"]
    assert now["version"] == report["version"] != first
    assert now["entries"] == 3
    after = json.loads(cli("screen", "name", "Pheng Vannak", "--json").stdout)
    assert [h["entry_id"] for h in after["hits"]] == ["domestic:D-4"]


def test_the_same_file_again_changes_nothing(cli, tmp_path):
    path = csv_file(tmp_path, V1, "v1.csv")
    cli("lists", "load", path, "--source", "domestic")
    again = cli("lists", "load", path, "--source", "domestic")
    assert "already current: nothing changed" in flat(again.output)
    report = json.loads(cli("lists", "load", path, "--source", "domestic", "--json").stdout)
    assert report["unchanged"] is True
    assert report["added"]["count"] == report["rescreened_subjects"] == 0


def test_a_version_label_can_be_given(cli, tmp_path):
    path = csv_file(tmp_path, V1, "v1.csv")
    cli("lists", "load", path, "--source", "domestic", "--version", "2024-05-01")
    assert shown(cli)["domestic"]["version"] == "2024-05-01"


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ("D-9,Bad Date,person,,17/05/1980,KH,,,\n", 3, "date_of_birth"),
        ("D-9,Bad Kind,company,,,KH,,,\n", 3, "kind"),
        ("D-9,,person,,,KH,,,\n", 3, "name"),
    ],
)
def test_a_broken_file_exits_2_naming_line_and_field_and_keeps_the_current_version(
    cli, tmp_path, row, line, field
):
    cli("lists", "load", csv_file(tmp_path, V1, "v1.csv"), "--source", "domestic")
    current = shown(cli)
    broken = HEADER + V1.splitlines(keepends=True)[1] + row
    path = csv_file(tmp_path, broken, "broken.csv")
    result = cli("lists", "load", path, "--source", "domestic", code=2)
    text = bare(result.output)
    assert "error" in text
    assert f"line{line}" in text and f"field{field!r}" in text
    assert "broken.csv" in text
    assert "Traceback" not in result.output
    assert shown(cli) == current


def test_a_missing_file_exits_2(cli, tmp_path):
    result = cli("lists", "load", str(tmp_path / "absent.csv"), "--source", "domestic", code=2)
    assert "absent.csv" in bare(result.output)
    assert shown(cli) == {}


def test_an_unknown_source_is_refused(cli, tmp_path):
    path = csv_file(tmp_path, V1, "v1.csv")
    result = cli("lists", "load", path, "--source", "interpol", code=2)
    assert "interpol" in result.output


def test_the_real_un_list_loads_and_screens(cli):
    un = SHARED_LISTS / "un_consolidated.xml"
    if not un.is_file():
        pytest.skip(f"shared list data not found at {un.resolve()}")
    report = json.loads(cli("lists", "load", str(un), "--source", "un", "--json").stdout)
    assert report["entry_count"] == report["added"]["count"] >= 1000
    assert report["previous_version"] is None
    assert shown(cli)["un"]["entries"] == report["entry_count"]
    hits = json.loads(cli("screen", "name", "Ayman al-Zawahiri", "--json").stdout)["hits"]
    assert hits and hits[0]["entry_id"] == "un:QDi.006"
    assert hits[0]["list_version"] == report["version"]
