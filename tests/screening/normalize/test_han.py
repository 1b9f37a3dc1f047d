import pytest

from counterflow.screening.normalize import romanize_han
from counterflow.screening.normalize.han import MAX_FORMS, HanSystem, han_readings


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("习近平", "Xi Jinping"),
        ("習近平", "Xi Jinping"),
        ("陈志", "Chen Zhi"),
        ("陳志", "Chen Zhi"),
        ("陈 志", "Chen Zhi"),
        ("毛泽东", "Mao Zedong"),
        ("单雄信", "Shan Xiongxin"),
        ("單雄信", "Shan Xiongxin"),
        ("曾庆红", "Zeng Qinghong"),
        ("解缙", "Xie Jin"),
        ("区家麟", "Ou Jialin"),
        ("仇英", "Qiu Ying"),
        ("朴槿惠", "Piao Jinhui"),
        ("欧阳修", "Ouyang Xiu"),
        ("歐陽修", "Ouyang Xiu"),
        ("司马迁", "Sima Qian"),
        ("诸葛亮", "Zhuge Liang"),
        ("吕布", "Lu Bu"),
        ("王", "Wang"),
    ],
)
def test_mandarin_first(name: str, first: str) -> None:
    assert romanize_han(name)[0] == first


def test_given_name_split_form() -> None:
    assert romanize_han("习近平")[:2] == ("Xi Jinping", "Xi Jin Ping")


def test_wade_giles() -> None:
    assert "Mao Tse-tung" in romanize_han("毛泽东")
    assert "Tsai Ying-wen" in romanize_han("蔡英文")
    assert "Hsi Chin-ping" in romanize_han("习近平")


def test_everyday_reading_of_a_surname_kept_as_variant() -> None:
    forms = romanize_han("曾庆红")
    assert forms.index("Zeng Qinghong") < forms.index("Ceng Qinghong")


def test_lyu_passport_spelling() -> None:
    assert "Lyu Bu" in romanize_han("吕布")


@pytest.mark.parametrize(
    ("name", "spelling", "system"),
    [
        ("陈志", "Tan Zhi", HanSystem.HOKKIEN),
        ("陈志", "Chan Zhi", HanSystem.CANTONESE),
        ("黄大仙", "Wong Daxian", HanSystem.CANTONESE),
        ("林", "Lim", HanSystem.HOKKIEN),
        ("王", "Heng", HanSystem.TEOCHEW),
        ("李", "Ly", HanSystem.TEOCHEW),
        ("阮", "Nguyen", HanSystem.VIETNAMESE),
    ],
)
def test_regional_surnames(name: str, spelling: str, system: HanSystem) -> None:
    readings = {r.text: r for r in han_readings(name)}
    assert readings[spelling].system is system
    assert not readings[spelling].mandarin


def test_mandarin_marked() -> None:
    readings = han_readings("陈志")
    assert readings[0].mandarin
    assert [r.mandarin for r in readings] == sorted((r.mandarin for r in readings), reverse=True)


def test_transliterated_foreign_name_by_words() -> None:
    assert romanize_han("阿卜杜勒·拉希德")[0].count(" ") == 1


def test_bounded_and_never_question_marks() -> None:
    for name in ("黄大仙", "陈志", "中华人民共和国", "𠀋𠀌", "Chen"):
        forms = romanize_han(name)
        assert len(forms) <= MAX_FORMS
        assert all("?" not in f for f in forms)


def test_no_han_no_readings() -> None:
    assert romanize_han("Chen Zhi") == ()
