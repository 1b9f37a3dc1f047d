"""The bank directory: countries and kinds, BIC fallback, errors naming line and field."""

from __future__ import annotations

import pytest

from counterflow.model import InputError
from counterflow.trace import BankDirectory, read_bank_directory
from counterflow.trace.banks import BankKind, bic_country


def write(tmp_path, text: str):
    path = tmp_path / "banks.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_countries_and_kinds(tmp_path):
    banks = read_bank_directory(
        write(tmp_path, "bank,country,kind\nB001,KH,bank\nB011,TH,bank\nB012,KH,exchange\n\n")
    )
    assert len(banks) == 3
    assert banks.country("B011", "KH") == "TH"
    assert banks.kind("B012") is BankKind.EXCHANGE
    assert banks.country("B099", "KH") == "KH"  # unknown: domestic
    assert banks.kind("B099") is BankKind.BANK


def test_a_bic_names_its_country():
    assert bic_country("BKCHCNBJ") == "CN"
    assert bic_country("ABAAKHPPXXX") == "KH"
    assert bic_country("B001") is None
    assert BankDirectory().country("KASITHBK", "KH") == "TH"


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("bank,country,kind\nB001,KH,bank\nB002,Thailand,bank\n", 3, "country"),
        ("bank,country,kind\nB001,KH,casino\n", 2, "kind"),
        ("bank,country,kind\n,KH,bank\n", 2, "bank"),
        ("bank,country,kind\nB001,KH,bank\nB001,TH,bank\n", 3, "bank"),
        ("bank,country,kind\nB001,KH\n", 2, None),
        ("name,country\nB001,KH\n", 1, None),
    ],
)
def test_bad_rows_name_file_line_and_field(tmp_path, text, line, field):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_bank_directory(path)
    assert caught.value.line == line
    assert caught.value.field == field
    assert str(path) in str(caught.value)
