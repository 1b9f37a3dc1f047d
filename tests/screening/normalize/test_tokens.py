import pytest

from counterflow.screening.normalize import name_tokens
from counterflow.screening.normalize.tokens import reorder_last_first, token_variants


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("J. R. R. Tolkien", ("j", "r", "r", "tolkien")),
        ("J.R.R. Tolkien", ("j", "r", "r", "tolkien")),
        ("Xi Jin-ping", ("xi", "jinping")),
        ("XI, Jin-ping", ("jinping", "xi")),
        ("SMITH, John Albert", ("john", "albert", "smith")),
        ("O'Brien", ("obrien",)),
        ("Abd al-Rahman", ("abd", "alrahman")),
        ("Nguyễn Tấn Dũng", ("nguyen", "tan", "dung")),
        ("", ()),
    ],
)
def test_name_tokens(text: str, tokens: tuple[str, ...]) -> None:
    assert name_tokens(text) == tokens


def test_split_hyphens() -> None:
    assert name_tokens("Xi Jin-ping", hyphens="split") == ("xi", "jin", "ping")


def test_token_variants() -> None:
    assert token_variants("Jin-ping") == (("jinping",), ("jin", "ping"))
    assert token_variants("Hun Sen") == (("hun", "sen"),)


@pytest.mark.parametrize(
    ("text", "reordered"),
    [
        ("HUN, Sen", "Sen HUN"),
        ("A, B, C", "A, B, C"),
        ("Smith,", "Smith,"),
        ("Hun Sen", "Hun Sen"),
    ],
)
def test_reorder_last_first(text: str, reordered: str) -> None:
    assert reorder_last_first(text) == reordered
