import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterflow.screening.normalize import Script, fold
from counterflow.screening.normalize.script import char_script


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Nguyễn Tấn Dũng", "nguyen tan dung"),
        ("Đặng Thị Ngọc Thịnh", "dang thi ngoc thinh"),
        ("Trương Mỹ Lan", "truong my lan"),
        ("Phạm Minh Chính", "pham minh chinh"),
        ("Lê Thị Ơn Ưng Ắ", "le thi on ung a"),
        ("STRAßE", "strasse"),
        ("Søren Ærø", "soren aero"),
        ("Łukasz Żółć", "lukasz zolc"),
        ("Kadıköy İstanbul", "kadikoy istanbul"),
        ("François Müller-Lüdenscheidt", "francois muller ludenscheidt"),
        ("O'Brien", "o brien"),
        ("Abd al‑Rahman", "abd al rahman"),
        ("J.R.R. Tolkien", "j r r tolkien"),
        ("SMITH, John", "smith john"),
        ("Ｃｈｅｎ　Ｚｈｉ", "chen zhi"),
        ("  many   spaces\t\n", "many spaces"),
        ("ﬁnance", "finance"),
        ("Þór Ðið", "thor did"),
    ],
)
def test_fold_latin(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ហ៊ុន  សែន", "ហ៊ុន សែន"),
        ("ហ៊ុន\u200bសែន", "ហ៊ុន សែន"),
        ("習近平", "習近平"),
        ("ทักษิณ ชินวัตร", "ทักษิณ ชินวัตร"),
        ("Хрущёв", "хрущёв"),
        ("محمد", "محمد"),
    ],
)
def test_fold_keeps_other_scripts_and_their_marks(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_drops_format_characters() -> None:
    assert fold("Ch\u200den\u00adZhi") == "chenzhi"
    assert fold("ហ៊ុន\u200bសែន") == "ហ៊ុន សែន"  # the zero-width space separates words


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text(alphabet=st.characters(codec="latin-1")))
def test_fold_latin1_leaves_no_latin_outside_ascii(text: str) -> None:
    out = fold(text)
    assert all(c.isascii() or char_script(c) is not Script.LATIN for c in out)
    assert out == out.strip()
    assert "  " not in out
