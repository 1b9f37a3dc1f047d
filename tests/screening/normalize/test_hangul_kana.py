import pytest

from counterflow.screening.normalize import latin_forms
from counterflow.screening.normalize.hangul import romanize_hangul
from counterflow.screening.normalize.kana import hepburn, romanize_kana


@pytest.mark.parametrize(
    ("name", "south", "north"),
    [
        ("김정은", "Kim Jeongeun", "Kim Jong Un"),
        ("최룡해", "Choi Ryonghae", "Choe Ryong Hae"),
        ("리설주", "Ri Seolju", "Ri Sol Ju"),
        ("현송월", "Hyun Songwol", "Hyon Song Wol"),
        ("김 정은", "Kim Jeongeun", "Kim Jong Un"),
    ],
)
def test_korean_names(name: str, south: str, north: str) -> None:
    forms = romanize_hangul(name)
    assert forms[0] == south
    assert north in forms
    assert len(forms) <= 8


def test_compound_korean_surname() -> None:
    assert romanize_hangul("남궁민")[0] == "Namgung Min"


def test_no_hangul() -> None:
    assert romanize_hangul("Kim") == ()


@pytest.mark.parametrize(
    ("kana", "reading"),
    [
        ("やまだ たろう", "yamada tarou"),
        ("キッチン", "kitchin"),
        ("しょうへい", "shouhei"),
        ("じゅんいち", "junichi"),
        ("がっこう", "gakkou"),
        ("ラーメン", "ramen"),
    ],
)
def test_hepburn(kana: str, reading: str) -> None:
    assert hepburn(kana) == reading


def test_passport_long_vowels_first() -> None:
    assert romanize_kana("たなか ゆうこ") == ("Tanaka Yuko", "Tanaka Yuuko")
    assert romanize_kana("おおの")[0] == "Ono"


def test_latin_forms_dispatch() -> None:
    assert "kim jong un" in latin_forms("김정은")
    assert latin_forms("アサハラ ショウコウ")[0] == "asahara shoko"
