"""XML list files treated as hostile: entity tricks and broken files never load, even in part."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterflow.screening.lists import ListError, read_list

SECRET = "s3cr3t-do-not-leak"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&lol9;</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
  <!ENTITY xxe SYSTEM "file://{secret}">
]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&xxe;</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
<CONSOLIDATED_LIST dateGenerated="2026-01-01"/>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST SYSTEM "file://{secret}">
<CONSOLIDATED_LIST dateGenerated="2026-01-01"/>
"""

ATTRIBUTE_LAUGHS = BILLION_LAUGHS.replace(
    '<CONSOLIDATED_LIST dateGenerated="2026-01-01">',
    '<CONSOLIDATED_LIST dateGenerated="&lol9;">',
)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("document", "line", "expected"),
    [
        (BILLION_LAUGHS, 3, "declares entities"),
        (ATTRIBUTE_LAUGHS, 3, "declares entities"),
        (XXE, 3, "declares entities"),
        (PARAMETER_ENTITY, 2, "declares entities"),
        (EXTERNAL_DTD, 2, "external DTD"),
    ],
    ids=["billion-laughs", "laughs-in-attribute", "xxe-local-file", "parameter-entity", "dtd"],
)
def test_entity_tricks_are_refused_with_file_and_line(tmp_path, secret, document, line, expected):
    path = tmp_path / "hostile.xml"
    path.write_text(document.format(secret=secret) if "{secret}" in document else document)
    with pytest.raises(ListError, match=expected) as err:
        read_list(path, "un")
    assert (err.value.path, err.value.line) == (str(path), line)
    assert SECRET not in str(err.value)


@pytest.mark.parametrize(
    ("document", "line"),
    [
        ('<CONSOLIDATED_LIST dateGenerated="x">\n<INDIVIDUALS>\n</CONSOLIDATED_LIST>\n', 3),
        ('<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="x">\n<INDIVIDUALS>\n', 4),
        ("", 1),
        ("\n\nnot xml at all\n", 3),
    ],
    ids=["mismatched-tag", "truncated", "empty", "text"],
)
def test_malformed_xml_is_refused_with_line(tmp_path, document, line):
    path = tmp_path / "broken.xml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(ListError, match="not well-formed XML") as err:
        read_list(path, "un")
    assert (err.value.path, err.value.line) == (str(path), line)


def test_a_good_file_cut_short_loads_nothing(tmp_path):
    """A download interrupted mid-record must not yield the records before the cut."""
    whole = (Path(__file__).parent / "data" / "un_small.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(whole[: whole.index(b"</INDIVIDUAL>") + 200])
    with pytest.raises(ListError, match="not well-formed XML"):
        read_list(path, "un")


def test_utf16_entity_declarations_are_caught_after_parsing(tmp_path, secret):
    """The byte test cannot read UTF-16; the check on the parsed DTD still refuses it."""
    path = tmp_path / "utf16.xml"
    path.write_bytes(
        XXE.format(secret=secret).replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16")
    )
    with pytest.raises(ListError, match="declares entities") as err:
        read_list(path, "un")
    assert SECRET not in str(err.value)


def test_a_doctype_without_entities_is_harmless(tmp_path):
    path = tmp_path / "plain.xml"
    path.write_text('<!DOCTYPE CONSOLIDATED_LIST>\n<CONSOLIDATED_LIST dateGenerated="d"/>\n')
    assert read_list(path, "un").entries == ()
