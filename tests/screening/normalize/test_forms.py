import sys
import types

import pytest

from counterflow.screening.normalize import (
    KhmerSupportMissingError,
    latin_forms,
    normalize,
)
from counterflow.screening.normalize.forms import MAX_FORMS, script_chunks
from counterflow.screening.normalize.script import Script

KHMER = "counterflow.screening.normalize.khmer"


@pytest.fixture
def no_khmer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, KHMER, None)


@pytest.fixture
def fake_khmer(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType(KHMER)
    readings = {"ហ៊ុន សែន": ("Hun Sen", "Hun Saen")}

    def romanize_khmer(text: str) -> tuple[str, ...]:
        return readings.get(text.strip(), ("Khmer",))

    def normalize_khmer(text: str) -> str:
        return text.replace("ដ", "ត")  # stands in for the real spelling normalisation

    module.romanize_khmer = romanize_khmer  # type: ignore[attr-defined]
    module.normalize_khmer = normalize_khmer  # type: ignore[attr-defined]
    module.is_khmer = lambda text: True  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, KHMER, module)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("习近平", "xi jinping"),
        ("陈志", "chen zhi"),
        ("陳志", "chen zhi"),
        ("Nguyễn Tấn Dũng", "nguyen tan dung"),
        ("ทักษิณ ชินวัตร", "thaksin chinnawat"),
        ("Владимир Путин", "vladimir putin"),
        ("Oknha 陈志", "oknha chen zhi"),
        ("XI, Jin-ping", "xi jin ping"),
    ],
)
def test_canonical_form(text: str, canonical: str) -> None:
    assert latin_forms(text)[0] == canonical


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("习近平", "xi jin ping"),
        ("习近平", "hsi chin ping"),
        ("陈志", "tan zhi"),
        ("ทักษิณ ชินวัตร", "thaksin shinawatra"),
        ("Xi Jin-ping", "xi jinping"),
        ("XI, Jin-ping", "jinping xi"),
        ("Хрущёв", "khrushchyov"),
    ],
)
def test_variants(text: str, variant: str) -> None:
    assert variant in latin_forms(text)


def test_khmer_without_module_is_a_clear_error(no_khmer: None) -> None:
    with pytest.raises(KhmerSupportMissingError, match="romanize_khmer"):
        latin_forms("ហ៊ុន សែន")
    assert latin_forms("Hun Sen") == ("hun sen",)


def test_khmer_dispatch(fake_khmer: None) -> None:
    assert latin_forms("ហ៊ុន សែន") == ("hun sen", "hun saen")
    assert latin_forms("Samdech ហ៊ុន សែន")[0] == "samdech hun sen"


def test_normalize_uses_khmer_module_when_present(fake_khmer: None) -> None:
    assert normalize("សម្ដេច  ហ៊ុន") == "សម្តេច ហ៊ុន"


def test_normalize_without_khmer_module(no_khmer: None) -> None:
    assert normalize("សម្ដេច  ហ៊ុន") == "សម្ដេច ហ៊ុន"
    assert normalize("Ｎｇｕｙễｎ  Tấn") == "nguyen tan"


def test_unsupported_script_kept_folded() -> None:
    assert latin_forms("محمد علي") == ("محمد علي",)


def test_mixed_scripts_word_by_word() -> None:
    assert script_chunks("Chen志 Zhi") == [
        (Script.LATIN, "Chen"),
        (Script.HAN, "志"),
        (Script.LATIN, " Zhi"),
    ]
    assert latin_forms("Mr 王 Иван")[0] == "mr wang ivan"


@pytest.mark.parametrize("text", ["", "   ", "()", "-"])
def test_empty(text: str) -> None:
    assert latin_forms(text) == ()


def test_digits_only() -> None:
    assert latin_forms("No. 123") == ("no 123",)


def test_bounded_folded_no_question_marks() -> None:
    name = "黄大仙 陈志 ทักษิณ ชินวัตร Хрущёв Jin-ping"
    forms = latin_forms(name)
    assert 1 < len(forms) <= MAX_FORMS
    assert len(set(forms)) == len(forms)
    assert all("?" not in f and f == f.lower() for f in forms)
