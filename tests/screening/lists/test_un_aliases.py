"""Several spellings and remarks packed into one UN alias field."""

import pytest

from counterflow.screening.lists.un import split_alias


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Mohammed Sabet; Mohammad Sabet", ["Mohammed Sabet", "Mohammad Sabet"]),
        ("a) Abu Ali b) Abou Ali", ["Abu Ali", "Abou Ali"]),
        ("Abdel Ilah Sabri (false identity related to a forged passport)", ["Abdel Ilah Sabri"]),
        ("Safia Farkash, born 1 Jan. 1953", ["Safia Farkash"]),
        ("Hajji Abd al-Aziz", ["Hajji Abd al-Aziz"]),
    ],
)
def test_split_alias(field, names):
    assert split_alias(field) == names
