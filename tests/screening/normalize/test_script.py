import pytest

from counterflow.screening.normalize import Script, detect_script


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Hun Sen", Script.LATIN),
        ("Nguyễn Tấn Dũng", Script.LATIN),
        ("ហ៊ុន សែន", Script.KHMER),
        ("习近平", Script.HAN),
        ("陳志", Script.HAN),
        ("ทักษิณ ชินวัตร", Script.THAI),
        ("Владимир Путин", Script.CYRILLIC),
        ("محمد علي", Script.ARABIC),
        ("김정은", Script.HANGUL),
        ("ひらがな カタカナ", Script.KANA),
        ("ግዕዝ", Script.OTHER),
        ("陈志 Chen Zhi", Script.MIXED),
        ("Oknha ឧកញ៉ា", Script.MIXED),
    ],
)
def test_detect_script(text: str, script: Script) -> None:
    assert detect_script(text) is script


@pytest.mark.parametrize("noise", ["", "12345", " - , . ' ", "陈志 (2021)", "Hun-Sen, 1952."])
def test_digits_and_punctuation_do_not_count(noise: str) -> None:
    expected = {"陈志 (2021)": Script.HAN, "Hun-Sen, 1952.": Script.LATIN}.get(noise, Script.OTHER)
    assert detect_script(noise) is expected


def test_script_values_are_lower_case_names() -> None:
    assert [s.value for s in Script] == [
        "latin", "khmer", "han", "thai", "cyrillic", "arabic", "hangul", "kana", "other", "mixed"
    ]  # fmt: skip
