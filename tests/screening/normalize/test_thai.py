import pytest

from counterflow.screening.normalize import romanize_thai
from counterflow.screening.normalize.thai import MAX_FORMS, rtgs


def test_rtgs_first_then_popular() -> None:
    forms = romanize_thai("ทักษิณ ชินวัตร")  # both words are in the table: no engine needed
    assert forms[0] == "Thaksin Chinnawat"
    assert "Thaksin Shinawatra" in forms


@pytest.mark.parametrize(
    ("word", "expected"),
    [("สมชาย", "Somchai"), ("กรุงเทพ", "Krungthep"), ("ชวน", "Chuan"), ("ทองดี", "Thongdi")],
)
def test_rule_engine(word: str, expected: str) -> None:
    pytest.importorskip("thaiphon")
    assert rtgs(word) == expected
    assert romanize_thai(word)[0] == expected


def test_bounded() -> None:
    assert len(romanize_thai("ยิ่งลักษณ์ ชินวัตร")) <= MAX_FORMS
    assert "Yingluck Shinawatra" in romanize_thai("ยิ่งลักษณ์ ชินวัตร")


@pytest.mark.parametrize("text", ["", "ABC", "๑๒๓"])
def test_nothing_thai(text: str) -> None:
    assert romanize_thai(text) == ()


def test_without_the_engine_only_table_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from counterflow.screening.normalize import thai

    monkeypatch.setattr(thai, "_engine", lambda: None)
    assert romanize_thai("ทักษิณ สมชาย") == ("Thaksin",)
    assert romanize_thai("ชินวัตร")[:2] == ("Chinnawat", "Shinawatra")
