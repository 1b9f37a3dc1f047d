"""``counterflow screen``: one name, a file of people, labelled pairs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterflow.cli.main import app

runner = CliRunner()

LIST = (
    "entry_id,name,kind,aliases,date_of_birth,nationality,id_numbers,gender\n"
    "D-1,Chea Sophal,person,Sophal Chea,1980-05-17,KH,passport:N0123456,female\n"
    "D-2,Golden Dragon Karaoke,organization,,,KH,,\n"
    "D-3,Sok Chantha,person,,1975,KH,,female\n"
    "D-4,陈志,person,Chen Zhi,1987-12-16,KH;CN,,male\n"
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


@pytest.fixture
def loaded(cli, tmp_path):
    """``cli`` with the small domestic list above loaded."""
    path = tmp_path / "domestic.csv"
    path.write_text(LIST, encoding="utf-8")
    cli("lists", "load", str(path), "--source", "domestic", "--version", "v1")
    return cli


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def flat(text: str) -> str:
    """Output with Rich's line wrapping undone."""
    return " ".join(text.split())


def bare(text: str) -> str:
    """Output without any whitespace (Rich may wrap a long path in the middle)."""
    return "".join(text.split())


def screen_json(cli, *args: str) -> dict:
    return json.loads(cli("screen", "name", *args, "--json").stdout)


def test_without_lists_screening_a_name_fails_cleanly(cli):
    result = cli("screen", "name", "Chea Sophal", code=2)
    assert "no watch lists loaded" in flat(result.output)
    assert "lists load" in flat(result.output)
    assert "Traceback" not in result.output


def test_a_name_hit_explains_itself(loaded):
    out = screen_json(loaded, "Chia Sopal")
    assert out["query"] == "Chia Sopal"
    assert [h["entry_id"] for h in out["hits"]] == ["domestic:D-1"]
    hit = out["hits"][0]
    assert hit["source"] == "domestic" and hit["list_version"] == "v1"
    assert 0.0 < hit["score"] <= 1.0
    assert "chia~chea" in hit["explanation"] and "sopal~sophal" in hit["explanation"]
    assert "explanation" in hit and hit["matched_name"] in ("Chea Sophal", "Sophal Chea")


def test_a_han_query_hits_the_listed_han_name(loaded):
    hits = screen_json(loaded, "Chen Zhi")["hits"]
    assert hits[0]["entry_id"] == "domestic:D-4"
    assert screen_json(loaded, "陈志")["hits"][0]["entry_id"] == "domestic:D-4"


def test_details_move_the_score(loaded):
    plain = screen_json(loaded, "Chia Sopal")["hits"][0]["score"]
    same = screen_json(loaded, "Chia Sopal", "--dob", "1980-05-17", "--id-number", "N0123456")
    assert same["hits"][0]["score"] > plain
    other = screen_json(loaded, "Chia Sopal", "--dob", "1999", "--threshold", "0.1")
    assert other["hits"][0]["score"] < plain
    assert "date_of_birth" in other["hits"][0]["explanation"]


def test_a_name_not_on_the_list(loaded):
    assert screen_json(loaded, "Peter Jones")["hits"] == []
    result = loaded("screen", "name", "Peter Jones")
    assert "no hit for 'Peter Jones'" in flat(result.output)


def test_the_table_output_names_the_entry(loaded):
    result = loaded("screen", "name", "Oknha Sok Chantha")
    text = bare(result.output)
    assert "domestic:D-3" in text
    assert "Oknha" in text  # the title set aside is shown


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [
        ("--gender", "f", "gender"),
        ("--country", "Cambodia", "country"),
        ("--dob", "19", "date_of_birth"),
    ],
)
def test_bad_details_are_refused_or_understood_as_in_a_people_file(loaded, option, value, field):
    result = runner.invoke(app, ["screen", "name", "Chia Sopal", option, value, "--json"])
    if result.exit_code == 2:
        return  # refused, as a people file row would be
    assert result.exit_code == 0, result.output
    evidence = [e for e in json.loads(result.stdout)["hits"][0]["evidence"] if e["field"] == field]
    if field == "date_of_birth":
        assert evidence == []  # "19" is no date
    else:
        assert all(e["effect"] > 0 for e in evidence)  # "f" is female, "Cambodia" is KH


def test_a_file_of_people_writes_one_row_per_hit(loaded, tmp_path):
    people = write(
        tmp_path,
        "people.csv",
        "ref,name,date_of_birth,country\np1,Chia Sopal,1980,KH\np2,Peter Jones,,\n,Sok Chantha,,\n",
    )
    hits_path = tmp_path / "hits.csv"
    result = loaded("screen", "file", people, "--out", str(hits_path))
    text = flat(result.output)
    assert "3 people screened, 2 with hits" in text
    with hits_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "ref",
        "name",
        "score",
        "entry_id",
        "source",
        "list_version",
        "matched_name",
        "explanation",
    ]
    assert [(r["ref"], r["entry_id"]) for r in rows] == [
        ("p1", "domestic:D-1"),
        (f"{Path(people).resolve()}#4", "domestic:D-3"),
    ]
    assert all(r["explanation"] and float(r["score"]) > 0 for r in rows)
    assert not (tmp_path / "hits.csv.part").exists()


def test_a_bad_people_file_exits_2_naming_line_and_field(loaded, tmp_path):
    people = write(tmp_path, "people.csv", "name,country\nChia Sopal,KH\nSok Chantha,Cambodia\n")
    out = tmp_path / "hits.csv"
    result = loaded("screen", "file", people, "--out", str(out), code=2)
    text = bare(result.output)
    assert "line3" in text and "field'country'" in text and "people.csv" in text
    assert not out.exists()


def test_people_screened_from_a_file_are_rescreened_when_the_list_changes(loaded, tmp_path):
    people = write(tmp_path, "people.csv", "ref,name\nc-9,Pheng Vannak\n")
    loaded("screen", "file", people, "--out", str(tmp_path / "hits.csv"))
    v2 = LIST + "D-5,Pheng Vannak,person,,1969,KH,,male\n"
    path = write(tmp_path, "v2.csv", v2)
    report = json.loads(
        loaded("lists", "load", path, "--source", "domestic", "--version", "v2", "--json").stdout
    )
    assert report["added"]["entry_ids"] == ["domestic:D-5"]
    assert report["rescreened_subjects"] >= 1
    assert report["new_hits"] == 1


def test_labelled_pairs_give_quality_figures(cli, tmp_path):
    # Needs no lists loaded.
    pairs = write(
        tmp_path,
        "pairs.csv",
        "name_a,name_b,label,kind\n"
        "Osama bin Laden,Usama bin Ladin,1,arabic\n"
        "Hun Sen,HUN Sen,1,order\n"
        "Hun Sen,Hun Manet,0,surname\n"
        "John Smith,Peter Jones,0,other\n",
    )
    q = json.loads(cli("screen", "pairs", pairs, "--json").stdout)
    assert {"precision", "recall", "f1", "threshold"} <= q.keys()
    assert q["pairs"] == 4
    assert (q["precision"], q["recall"], q["f1"]) == (1.0, 1.0, 1.0)
    loose = json.loads(cli("screen", "pairs", pairs, "--threshold", "0.0", "--json").stdout)
    assert loose["threshold"] == 0.0
    assert loose["recall"] == 1.0 and loose["precision"] == 0.5
    table = cli("screen", "pairs", pairs)
    assert "precision 1.000" in flat(table.output)


def test_unlabelled_pairs_give_scores(cli, tmp_path):
    pairs = write(tmp_path, "pairs.csv", "name_a,name_b\n习近平,XI Jinping\nHun Sen,Hun Manet\n")
    out = json.loads(cli("screen", "pairs", pairs, "--json").stdout)
    assert [p["name_a"] for p in out["pairs"]] == ["习近平", "Hun Sen"]
    assert out["pairs"][0]["score"] == 1.0
    assert out["pairs"][1]["score"] < out["threshold"]


def test_a_bad_pairs_file_exits_2(cli, tmp_path):
    pairs = write(tmp_path, "pairs.csv", "name_a,name_b,label\nA,B,yes\n")
    result = cli("screen", "pairs", pairs, code=2)
    text = bare(result.output)
    assert "line2" in text and "field'label'" in text and "pairs.csv" in text
