"""The account holders CSV: a round trip, and errors naming the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterflow.ingest import HolderKind, HolderRecord, read_holders, write_holders
from counterflow.ingest import holders as holders_module
from counterflow.model import InputError

HEADER = (
    "account,bank,holder_kind,name,name_khmer,date_of_birth,nationality,"
    "id_document,phone,email,address,signatory"
)
GOOD = "ACC1,B001,person,Chan Sophea,ចាន់ សុភា,1994-03,khm,N0123,012 345 678,,Street 271,"


def _file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "holders.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_round_trip(tmp_path: Path) -> None:
    records = [
        HolderRecord("ACC1", "B001", HolderKind.PERSON, name="Chan, Sophea", phone="012 345 678"),
        HolderRecord(
            "ACC2", "B002", HolderKind.COMPANY, name="Mekong Trading", signatory="Keo Vanna"
        ),
    ]
    path = tmp_path / "h.csv"
    assert write_holders(records, path) == 2
    assert read_holders(path) == records


def test_a_good_file_is_read_and_normalised(tmp_path: Path) -> None:
    (record,) = read_holders(_file(tmp_path, HEADER, GOOD))
    assert record.nationality == "KHM" and record.name_khmer == "ចាន់ សុភា"
    assert record.date_of_birth == "1994-03"


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("ACC1,B001,boat,Chan Sophea,,,,,,,,", "holder_kind"),
        ("ACC1,B001,person,,,,,,,,,", "name"),
        ("ACC1,B001,person,Chan Sophea,,1994-02-30,,,,,,", "date_of_birth"),
        ("ACC1,B001,person,Chan Sophea,,,Cambodia,,,,,", "nationality"),
        ("ACC1,B001,person,Chan Sophea,,,,,12345,,,", "phone"),
        ("ACC1,B001,person,Chan Sophea,,,,,,not-an-email,,", "email"),
        (",B001,person,Chan Sophea,,,,,,,,", "account"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path: Path, line: str, field: str) -> None:
    path = _file(tmp_path, HEADER, GOOD.replace("ACC1", "ACC0"), line)
    with pytest.raises(InputError) as caught:
        read_holders(path)
    assert caught.value.line == 3 and caught.value.field == field
    assert str(path) in str(caught.value) and "line 3" in str(caught.value)


def test_the_same_account_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="already on line 2") as caught:
        read_holders(_file(tmp_path, HEADER, GOOD, GOOD))
    assert caught.value.line == 3 and caught.value.field == "account"


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_holders(_file(tmp_path, "account,bank,name", "ACC1,B001,X"))
    assert caught.value.line == 1 and caught.value.field == "holder_kind"


def test_hostile_sizes_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path, HEADER, GOOD, GOOD.replace("ACC1", "ACC2"))
    monkeypatch.setattr(holders_module, "MAX_HOLDERS", 1)
    with pytest.raises(InputError, match="more than 1 rows") as caught:
        read_holders(path)
    assert caught.value.line == 3
    monkeypatch.setattr(holders_module, "MAX_FILE_BYTES", 10)
    with pytest.raises(InputError, match="expected at most 10"):
        read_holders(path)
