"""Labelled name pairs: reading the file, scoring, and precision/recall/F1."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterflow.model import InputError
from counterflow.screening import (
    MatchConfig,
    NamePair,
    PairQuality,
    pair_quality,
    read_pairs,
    score_pairs,
)

DATA = Path(__file__).parents[1] / "data" / "name_pairs.csv"


def write(tmp_path: Path, text: str, name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file(tmp_path):
    path = write(
        tmp_path,
        "name_a,name_b,label,kind\n"
        '"HUN, Sen",Hun Sen,1,order\n'
        "习近平,XI Jinping,1,han\n"
        " Hun Sen , Hun Manet ,0, surname \n",
    )
    assert read_pairs(path) == [
        NamePair("HUN, Sen", "Hun Sen", 1, "order"),
        NamePair("习近平", "XI Jinping", 1, "han"),
        NamePair("Hun Sen", "Hun Manet", 0, "surname"),
    ]


def test_label_and_kind_are_optional(tmp_path):
    path = write(tmp_path, "name_b,name_a\nHun Sen,Sen Hun\n")
    assert read_pairs(path) == [NamePair("Sen Hun", "Hun Sen", None, "")]
    path = write(tmp_path, "name_a,name_b,label\nA B,B A,\n")
    assert read_pairs(path)[0].label is None


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffname_a,name_b,label\r\nChea Sophal,Chia Sopal,1\r\n".encode())
    assert read_pairs(path) == [NamePair("Chea Sophal", "Chia Sopal", 1, "")]


@pytest.mark.parametrize(
    ("text", "line", "field", "expected"),
    [
        ("name_a,name_b,label\nA,,1\n", 2, "name_b", "empty name"),
        ("name_a,name_b,label\nA,B,1\n  ,B,0\n", 3, "name_a", "empty name"),
        ("name_a,name_b,label\nA,B,yes\n", 2, "label", "expected 0 or 1, got 'yes'"),
        ("name_a,name_b,label\nA,B,2\n", 2, "label", "expected 0 or 1"),
    ],
)
def test_a_bad_row_names_file_line_and_field(tmp_path, text, line, field, expected):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as err:
        read_pairs(path)
    assert (err.value.path, err.value.line, err.value.field) == (str(path), line, field)
    message = str(err.value)
    assert str(path) in message and f"line {line}" in message and repr(field) in message
    assert expected in message


@pytest.mark.parametrize(
    ("header", "missing"), [("name,name_b", "name_a"), ("name_a,label", "name_b")]
)
def test_a_missing_column_is_named(tmp_path, header, missing):
    path = write(tmp_path, f"{header}\nA,B\n")
    with pytest.raises(InputError) as err:
        read_pairs(path)
    assert err.value.line == 1
    assert missing in str(err.value) and str(path) in str(err.value)


def test_more_cells_than_columns_is_an_error(tmp_path):
    # An unquoted "SMITH, John" splits into two cells and would silently pair the wrong names.
    path = write(tmp_path, "name_a,name_b\nJohn Smith,SMITH, John\n")
    with pytest.raises(InputError) as err:
        read_pairs(path)
    assert err.value.line == 2
    assert "more cells" in str(err.value)


def test_an_unreadable_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_pairs(tmp_path / "absent.csv")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name_a,name_b\nJosé,Jose\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as err:
        read_pairs(latin1)
    assert str(latin1) in str(err.value)


def test_score_pairs_gives_a_name_score_per_pair():
    pairs = [
        NamePair("Hun Sen", "HUN Sen"),
        NamePair("Hun Sen", "Hun Manet"),
        NamePair("---", "Hun Sen"),  # no name at all on one side
    ]
    scores = score_pairs(pairs)
    assert scores[0] == 1.0
    assert scores[1] < 0.6
    assert scores[2] == 0.0


def test_pair_quality_on_a_hand_example():
    labels = [1, 1, 1, 0, 0, 0, 0]
    scores = [0.95, 0.90, 0.50, 0.92, 0.30, 0.10, 0.90]
    q = pair_quality(labels, scores, 0.9)
    # At 0.9: true positives 0.95 and 0.90 (at the threshold counts), one missed (0.50);
    # false positives 0.92 and 0.90; two true negatives.
    assert (q.true_positives, q.false_positives, q.false_negatives, q.true_negatives) == (
        2,
        2,
        1,
        2,
    )
    assert q.precision == pytest.approx(2 / 4)
    assert q.recall == pytest.approx(2 / 3)
    assert q.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert q.false_positive_rate == pytest.approx(2 / 4)
    d = q.as_dict()
    assert {"precision", "recall", "f1", "threshold"} <= d.keys()
    assert d["threshold"] == 0.9 and d["pairs"] == 7
    assert d["precision"] == 0.5 and d["recall"] == pytest.approx(0.6667)


def test_pair_quality_without_positives_or_predictions_is_zero_not_an_error():
    q = pair_quality([0, 0], [0.1, 0.2], 0.9)
    assert (q.precision, q.recall, q.f1, q.false_positive_rate) == (0.0, 0.0, 0.0, 0.0)
    assert q == PairQuality(0.9, 0.0, 0.0, 0.0, 0, 0, 0, 2)
    with pytest.raises(ValueError, match="shorter"):
        pair_quality([1, 0], [0.5], 0.9)


def test_the_labelled_set_reads_and_scores_well():
    if not DATA.is_file():
        pytest.skip(f"{DATA} not found")
    pairs = read_pairs(DATA)
    assert len(pairs) > 2000
    assert all(p.label in (0, 1) for p in pairs)
    sample = pairs[::20]
    q = pair_quality([p.label or 0 for p in sample], score_pairs(sample), MatchConfig().threshold)
    # Quality is measured in BENCHMARKS.md; here only that the matcher is far from chance.
    assert q.precision >= 0.9
    assert q.recall >= 0.5
