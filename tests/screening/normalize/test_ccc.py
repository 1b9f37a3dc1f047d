from pathlib import Path

import pytest

from counterflow.screening.normalize import ccc_to_han, han_to_ccc
from counterflow.screening.normalize.ccc import CodeBook, TelegraphCodeError, ccc_codes


@pytest.mark.parametrize(
    ("codes", "mainland", "taiwan"),
    [
        ("5045 6602 1627", "习近平", "習近平"),
        ("3029 3419 2639", "毛泽东", "毛澤東"),
        ("7115 1807", "陈志", "陳志"),
    ],
)
def test_known_names(codes: str, mainland: str, taiwan: str) -> None:
    assert ccc_to_han(codes) == mainland
    assert ccc_to_han(codes, book=CodeBook.TAIWAN) == taiwan
    assert han_to_ccc(mainland) == codes
    assert han_to_ccc(taiwan, book="taiwan") == codes


def test_traditional_input_falls_back_to_the_taiwan_book() -> None:
    assert han_to_ccc("陳志") == "7115 1807"
    assert han_to_ccc("習近平") == "5045 6602 1627"


@pytest.mark.parametrize("written", ["504566021627", "5045,6602,1627", "5045/6602/1627"])
def test_separators(written: str) -> None:
    assert ccc_to_han(written) == "习近平"


def test_round_trip_every_mainland_code() -> None:
    from counterflow.screening.normalize import _ccc_table

    codes = [f"{n:04d}" for n, ch in enumerate(_ccc_table.MAINLAND) if ch != "_"]
    assert len(codes) == 7078
    text = ccc_to_han(" ".join(codes))
    assert han_to_ccc(text).split() == codes


def test_round_trip_every_taiwan_code() -> None:
    from counterflow.screening.normalize import _ccc_table

    codes = [f"{n:04d}" for n, ch in enumerate(_ccc_table.TAIWAN) if ch != "_"]
    assert len(codes) == 9026
    text = ccc_to_han(" ".join(codes), book="taiwan")
    assert len(text) == len(codes)
    # Two characters have two Taiwan codes each (塵 1057/7775, 萼 5501/9795): compare text.
    assert ccc_to_han(han_to_ccc(text, book="taiwan"), book="taiwan") == text


def test_non_han_is_skipped() -> None:
    assert han_to_ccc("Chen 陈志 (2021)") == "7115 1807"


@pytest.mark.parametrize("bad", ["504", "50456", "0000"])
def test_bad_codes(bad: str) -> None:
    with pytest.raises(TelegraphCodeError):
        ccc_to_han(bad)


def test_ccc_codes() -> None:
    assert ccc_codes("Name: 5045 6602-1627") == ("5045", "6602", "1627")


def test_table_matches_unihan_when_debian_ships_it() -> None:
    from counterflow.screening.normalize import _ccc_build, _ccc_table

    source = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
    if not source.exists():
        pytest.skip("Debian package unicode-data is not installed")
    text, _version = _ccc_build.read_other_mappings(source)
    tables = _ccc_build.parse_telegraph(text)
    assert all(_ccc_table.MAINLAND[n] == ch for n, ch in tables["MAINLAND"].items())
    assert all(_ccc_table.TAIWAN[n] == ch for n, ch in tables["TAIWAN"].items())


def test_build_from_a_small_unihan_file(tmp_path: Path) -> None:
    import bz2

    from counterflow.screening.normalize import _ccc_build

    text = (
        "# Unicode version: 15.0.0\n"
        "U+4E60\tkMainlandTelegraph\t5045\n"
        "U+7FD2\tkTaiwanTelegraph\t5045\n"
        "U+5875\tkTaiwanTelegraph\t1057 7775\n"
        "U+4E60\tkXerox\t123:456\n"
    )
    source = tmp_path / "Unihan_OtherMappings.txt.bz2"
    source.write_bytes(bz2.compress(text.encode()))
    read, version = _ccc_build.read_other_mappings(source)
    assert version == "15.0.0"
    tables = _ccc_build.parse_telegraph(read)
    assert tables == {"MAINLAND": {5045: "习"}, "TAIWAN": {5045: "習", 1057: "塵", 7775: "塵"}}
    module = _ccc_build.render_module(tables, version)
    namespace: dict[str, str] = {}
    exec(compile(module, "generated", "exec"), namespace)
    assert namespace["MAINLAND"][5045] == "习"
    assert len(namespace["TAIWAN"]) == 10_000


def test_build_rejects_a_code_with_two_characters() -> None:
    from counterflow.screening.normalize import _ccc_build

    text = "U+4E60\tkMainlandTelegraph\t5045\nU+4E61\tkMainlandTelegraph\t5045\n"
    with pytest.raises(ValueError, match="5045"):
        _ccc_build.parse_telegraph(text)
