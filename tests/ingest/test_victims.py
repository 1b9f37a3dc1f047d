"""``read_victim_records``: the registry, format detection and dispatch."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from counterflow.ingest.ctdc import read_ctdc
from counterflow.ingest.htcds import REQUIRED, read_htcds
from counterflow.ingest.victim_codes import (
    CTDC_GENDER,
    HTCDS_CONTROL,
    HTCDS_EXPLOITATION,
    HTCDS_GENDER,
    Picklist,
    spelling_key,
)
from counterflow.ingest.victims import (
    VICTIM_FORMATS,
    VICTIM_READERS,
    detect_victim_format,
    read_victim_records,
)
from counterflow.model import InputError
from counterflow.model.codes import ControlMethod, ExploitationForm, Gender

DATA = Path(__file__).parents[1] / "data" / "victims"
CTDC = DATA / "ctdc_sample.csv"
HTCDS = DATA / "htcds_sample.csv"


def test_registry_is_explicit():
    assert dict(VICTIM_READERS) == {"ctdc": read_ctdc, "htcds": read_htcds}
    assert VICTIM_FORMATS == ("auto", "ctdc", "htcds")


@pytest.fixture
def xlsx(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(list(REQUIRED))
    workbook.active.append(["Masculine", "1990-01-01", "TH", "ForcedLabour", "", "2022-01-02"])
    path = tmp_path / "partner.xlsx"
    workbook.save(path)
    return path


def test_detects_each_format(tmp_path, xlsx):
    assert detect_victim_format(CTDC) == "ctdc"
    assert detect_victim_format(HTCDS) == "htcds"
    assert detect_victim_format(xlsx) == "htcds"
    upper = tmp_path / "CTDC.CSV"
    bom = "\ufeff" + CTDC.read_text(encoding="utf-8").replace("\n", "\r\n")
    upper.write_text(bom, encoding="utf-8")
    assert detect_victim_format(upper) == "ctdc"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("transactions.csv", "txn_id,ts,src_account\n1,2,3\n"),
        ("victims.txt", CTDC.read_text(encoding="utf-8")),
        ("victims.json", "[]"),
    ],
)
def test_undetectable_format(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell the format") as caught:
        read_victim_records(path)
    assert caught.value.path == str(path)
    assert "ctdc/htcds" in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        detect_victim_format(tmp_path / "absent.csv")


def test_dispatches_to_the_reader(xlsx):
    assert read_victim_records(CTDC) == read_ctdc(CTDC)
    assert read_victim_records(str(HTCDS)) == read_htcds(HTCDS)
    (record,) = read_victim_records(xlsx, "htcds")
    assert (record.source_format, record.line, record.nationality) == ("htcds", 2, "THA")
    assert (record.age, record.year, record.gender) == (32, 2022, "male")


def test_explicit_format_reads_any_name(tmp_path):
    renamed = tmp_path / "ctdc_export.txt"
    shutil.copyfile(CTDC, renamed)
    assert read_victim_records(renamed, format="ctdc") == read_ctdc(CTDC)


def test_explicit_format_is_not_second_guessed():
    with pytest.raises(InputError, match="missing column 'prs_Gender'"):
        read_victim_records(CTDC, format="htcds")


def test_unknown_format_name():
    with pytest.raises(ValueError, match="format must be one of auto, ctdc, htcds, not 'goaml'"):
        read_victim_records(CTDC, format="goaml")


# --- the code tables all readers share ----------------------------------------------------


def test_spelling_key():
    assert spelling_key("Forced labour") == spelling_key("ForcedLabour") == "forcedlabour"
    assert spelling_key("Côte d’Ivoire") == "cotedivoire"
    assert spelling_key("Bosnia & Herzegovina") == "bosniaandherzegovina"
    assert spelling_key("កម្ពុជា") == "កម្ពុជា"  # Khmer vowel signs and subscripts are kept


def test_tables_map_to_platform_codes():
    assert {CTDC_GENDER.get(name) for name in CTDC_GENDER.values} <= set(Gender)
    assert {HTCDS_GENDER.get(name) for name in HTCDS_GENDER.values} == set(Gender)
    forms = {form for name in HTCDS_EXPLOITATION.values for form in HTCDS_EXPLOITATION.values[name]}
    assert forms == set(ExploitationForm)  # every platform form is reachable from HTCDS
    methods = {m for name in HTCDS_CONTROL.values for m in HTCDS_CONTROL.values[name]}
    assert methods == set(ControlMethod) - {ControlMethod.ISOLATION}


def test_picklist_refuses_a_spelling_with_two_meanings():
    with pytest.raises(ValueError, match="'Forced-Labour' means two different values"):
        Picklist({"ForcedLabour": 1, "Forced-Labour": 2})
