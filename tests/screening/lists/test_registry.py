"""The parser table and read_list: every source reachable, bad calls refused clearly."""

from __future__ import annotations

import pytest
from list_files import DATA

from counterflow.model import ListSource
from counterflow.screening.lists import PARSERS, ListError, read_list


def test_every_source_has_a_parser():
    assert set(PARSERS) == set(ListSource)


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("un", DATA / "un_small.xml"),
        (ListSource.FTM, DATA / "entities.ftm.json"),
        ("domestic", str(DATA / "domestic.csv")),
    ],
)
def test_read_list_dispatches_on_source(source, path):
    snapshot = read_list(path, source)
    assert snapshot.source is ListSource(source)
    assert snapshot.entries
    assert all(e.source is snapshot.source for e in snapshot.entries)


def test_read_list_reads_an_ofac_folder(write_ofac):
    assert len(read_list(write_ofac(), "ofac")) == 5


def test_unknown_source_and_missing_path_are_list_errors(tmp_path):
    with pytest.raises(ListError, match="unknown list source 'eu'; expected one of un, ofac") as e:
        read_list(DATA / "un_small.xml", "eu")
    assert e.value.field == "source"
    with pytest.raises(ListError, match="no such file"):
        read_list(tmp_path / "missing.xml", "un")


def test_reading_a_file_as_the_wrong_source_fails_cleanly():
    with pytest.raises(ListError):
        read_list(DATA / "domestic.csv", "un")
    with pytest.raises(ListError):
        read_list(DATA / "un_small.xml", "ftm")
