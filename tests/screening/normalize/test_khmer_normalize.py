"""Khmer encoding-order normalisation: visually identical strings compare equal."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterflow.screening.normalize._khmer_chars import COENG, is_base
from counterflow.screening.normalize.khmer import is_khmer, normalize_khmer

ZWSP, ZWNJ, ZWJ, BOM = "\u200b", "\u200c", "\u200d", "\ufeff"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("ហុ៊ន", "ហ៊ុន"),  # shifter typed after the vowel
        ("សី្រ", "ស្រី"),  # vowel typed before the subscript
        ("ស្រ្ត", "ស្ត្រ"),  # subscript RO is ordered last
        ("រង្ស៊ី", "រង៊្សី"),  # shifter typed after the subscript
        ("កំុ", "កុំ"),  # NIKAHIT typed before the vowel
        ("ក\u17c1\u17b8", "កើ"),  # split vowel េ + ី
        ("ក\u17c1\u17b6", "កោ"),  # split vowel េ + ា
        ("សុុខ", "សុខ"),  # duplicated vowel
        ("ហ៊៊ុន", "ហ៊ុន"),  # duplicated shifter
        ("ក្ដ", "ក្ត"),  # subscript DA and TA share one glyph
        ("ស\u17bb\u17b8", "ស៊ី"),  # ុ under an upper vowel is how a shifter is drawn
        ("ម\u17bb\u17b8", "ម៉ី"),  # ... MUUSIKATOAN after a sonorant
        ("ឣង្គ", "អង្គ"),  # deprecated independent vowel QAQ
        ("ឤ", "អា"),  # deprecated QAA
        ("ក\u17b4", "ក"),  # invisible inherent vowel
        ("ក\u17b5ា", "កា"),
        ("ស្\u17d2រី", "ស្រី"),  # doubled COENG
    ],
)
def test_typed_variants_normalise_to_one_form(typed: str, canonical: str) -> None:
    assert normalize_khmer(typed) == normalize_khmer(canonical)


@pytest.mark.parametrize(
    "text",
    [
        f"ហ៊ុន{ZWSP}សែន",
        f"ហ៊ុ{ZWNJ}នសែន",
        f"ហ៊ុន{ZWJ}សែន",
        f"{BOM}ហ៊ុនសែន",
        f"ហ៊ុនសែន{ZWSP}",
    ],
)
def test_zero_width_characters_inside_khmer_are_removed(text: str) -> None:
    assert normalize_khmer(text) == "ហ៊ុនសែន"


def test_zero_width_characters_away_from_khmer_are_kept() -> None:
    assert normalize_khmer(f"a{ZWJ}b ហ៊ុន") == f"a{ZWJ}b ហ៊ុន"


@pytest.mark.parametrize(("a", "b"), [("ក", "គ"), ("ស៊ី", "សី"), ("ស្រី", "ស្រិ"), ("ចន", "ចន់")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalize_khmer(a) != normalize_khmer(b)


def test_canonical_order_base_shifter_subscripts_vowel_signs() -> None:
    assert normalize_khmer("ស៊\u17d2ត\u17d2រ\u17bb\u17c6") == "ស៊្ត្រុំ"
    assert list(normalize_khmer("ស\u17bb\u17ca\u17d2រ")) == ["ស", "\u17ca", COENG, "រ", "\u17bb"]


def test_latin_text_is_only_nfc_normalised() -> None:
    assert normalize_khmer("Sre\u0301y") == "Sréy"


_ALPHABET = [chr(c) for c in range(0x1780, 0x1800)] + [ZWSP, ZWNJ, " ", "a", "\u19e0"]
_KHMER_TEXT = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=24)


@settings(max_examples=600, deadline=None)
@given(_KHMER_TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_khmer(text)
    assert normalize_khmer(once) == once
    assert "?" not in once and "\ufffd" not in once


def _skeleton(text: str) -> list[str]:
    """The syllable bases, in order (what a syllable split or merge would change)."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if is_base(ch) and not (i and text[i - 1] == COENG):
            out.append(ch)
    return out


_PLAIN = [chr(c) for c in range(0x1780, 0x17A3)] + [
    chr(c) for c in range(0x17A5, 0x1800) if c not in (0x17B4, 0x17B5)
]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(_PLAIN), max_size=24))
def test_no_syllable_is_split_or_merged(text: str) -> None:
    # Compared with the NFC form: NFC's canonical reordering may move COENG (combining class
    # 9) before a sign of class 230 in malformed input with no base ("្៝ក"), which no
    # normaliser that keeps NFC can avoid.
    assert _skeleton(normalize_khmer(text)) == _skeleton(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ហ៊ុន សែន", True), ("Hun Sen", False), ("", False), ("Oknha ហ៊ុន", True), ("\u19e0", True)],
)
def test_is_khmer(text: str, expected: bool) -> None:
    assert is_khmer(text) is expected
