import pytest

from counterflow.screening.normalize.cyrillic import icao_9303, romanize_cyrillic


@pytest.mark.parametrize(
    ("text", "icao"),
    [
        ("Хрущёв", "khrushchev"),
        ("Владимир Путин", "vladimir putin"),
        ("Юлия Тимошенко", "iuliia timoshenko"),
        ("Щукин", "shchukin"),
        ("Цой", "tsoi"),
        ("Подъячев", "podieiachev"),
        ("Ґалаґан", "galagan"),
        ("Григорій", "hrihorii"),
    ],
)
def test_icao_9303(text: str, icao: str) -> None:
    assert icao_9303(text) == icao


def test_ukrainian_h() -> None:
    assert icao_9303("Григорій").startswith("h")


def test_popular_and_iso9_variants() -> None:
    assert romanize_cyrillic("Ельцин") == ("eltsin", "yeltsin", "elcin")
    assert "dostoyevsky" in romanize_cyrillic("Достоевский")
    assert "zelensky volodimir" in romanize_cyrillic("Зеленський Володимир")
    assert "hryhorii" in romanize_cyrillic("Григорій")


def test_no_question_marks() -> None:
    assert all("?" not in f for f in romanize_cyrillic("Ѣ Ѳ Ѵ Ꙗ"))
