"""A batch of people to screen: every row a query, every mistake located."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterflow.model import InputError, ScreeningQuery
from counterflow.screening import read_pairs, read_people


def write(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file(tmp_path):
    path = write(
        tmp_path,
        "ref,name,date_of_birth,country,gender,id_number\n"
        "c-1,Chea Sophal,1980-05-17,kh,F,N0123456\n"
        "c-2,习近平,1953,CN,male,\n"
        ",ហ៊ុន សែន,1952-08,,,\n",
    )
    people = read_people(path)
    assert people[0] == ScreeningQuery(
        "Chea Sophal",
        date_of_birth="1980-05-17",
        country="KH",
        gender="female",
        id_number="N0123456",
        ref="c-1",
    )
    assert people[1] == ScreeningQuery(
        "习近平", date_of_birth="1953", country="CN", gender="male", ref="c-2"
    )
    # Without a ref a row is referred to by its file and line.
    assert people[2].name == "ហ៊ុន សែន"
    assert people[2].date_of_birth == "1952-08"
    assert (people[2].country, people[2].gender, people[2].id_number) == (None, None, None)
    assert people[2].ref == f"{path.resolve()}#4"


def test_only_the_name_column_is_needed(tmp_path):
    path = write(tmp_path, "name\nHun Sen\n Sok Chantha \n")
    assert [p.name for p in read_people(path)] == ["Hun Sen", "Sok Chantha"]


def test_a_byte_order_mark_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffname,country\r\nHun Sen,KH\r\n".encode())
    assert [(p.name, p.country) for p in read_people(path)] == [("Hun Sen", "KH")]


@pytest.mark.parametrize(
    ("row", "field", "expected"),
    [
        (",1980,KH,male", "name", "empty name"),
        ("A,17/05/1980,KH,male", "date_of_birth", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("A,1980-13,KH,male", "date_of_birth", "got '1980-13'"),
        ("A,80,KH,male", "date_of_birth", "expected YYYY"),
        ("A,1980,Cambodia,male", "country", "two-letter ISO country code"),
        ("A,1980,KHM,male", "country", "got 'KHM'"),
        ("A,1980,KH,x", "gender", "expected male or female"),
    ],
)
def test_a_bad_row_names_file_line_and_field(tmp_path, row, field, expected):
    path = write(tmp_path, f"name,date_of_birth,country,gender\nGood Name,1980,KH,f\n{row}\n")
    with pytest.raises(InputError) as err:
        read_people(path)
    assert (err.value.path, err.value.line, err.value.field) == (str(path), 3, field)
    message = str(err.value)
    assert str(path) in message and "line 3" in message and repr(field) in message
    assert expected in message


def test_a_missing_name_column_is_named(tmp_path):
    path = write(tmp_path, "full_name,country\nHun Sen,KH\n")
    with pytest.raises(InputError) as err:
        read_people(path)
    assert err.value.line == 1
    assert "'name'" in str(err.value) and str(path) in str(err.value)


def test_more_cells_than_columns_is_an_error(tmp_path):
    path = write(tmp_path, "name,country\nSEN, Hun,KH\n")
    with pytest.raises(InputError) as err:
        read_people(path)
    assert err.value.line == 2
    assert "more cells than header columns" in str(err.value)
    assert str(path) in str(err.value)


def test_an_unreadable_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_people(tmp_path / "absent.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("name\nJosé\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_people(bad)


def test_line_numbers_count_blank_lines(tmp_path):
    people = write(tmp_path, "name,country\nHun Sen,KH\n\n\nSok Chantha,KH\n")
    assert read_people(people)[1].ref == f"{people.resolve()}#5"
    bad = write(tmp_path, "name,country\nHun Sen,KH\n\nSok Chantha,Cambodia\n", "bad.csv")
    with pytest.raises(InputError) as err:
        read_people(bad)
    assert err.value.line == 4
    pairs = write(tmp_path, "name_a,name_b,label\n\nA,B,2\n", "pairs.csv")
    with pytest.raises(InputError) as err:
        read_pairs(pairs)
    assert err.value.line == 3
