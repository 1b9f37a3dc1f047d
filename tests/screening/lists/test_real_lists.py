"""The real UN and OFAC files in ../shared/data/lists: counts and known entries.

Counts are those of data/README.md in the shared folder (made by parsing the files); the
spot checks were read from the files by eye.
"""

from __future__ import annotations

from collections import Counter

import pytest

from counterflow.model import EntityKind, IdentityDocument, ListSource, NameStrength
from counterflow.screening.lists import diff, read_list
from counterflow.screening.lists.dates import partial_iso


@pytest.fixture(scope="module")
def un(shared_lists):
    return read_list(shared_lists / "un_consolidated.xml", "un")


@pytest.fixture(scope="module")
def ofac(shared_lists):
    return read_list(shared_lists / "ofac_sdn", "ofac")


def _well_formed(snapshot):
    assert len({e.entry_id for e in snapshot.entries}) == len(snapshot.entries)
    for e in snapshot.entries:
        assert e.source is snapshot.source
        assert e.names and e.names[0].strength is NameStrength.PRIMARY and e.names[0].text
        assert all(partial_iso(d) == d for d in e.dates_of_birth), e.entry_id
        assert all(d.number for d in e.documents), e.entry_id


def test_un_counts(un):
    assert un.version == "2026-02-27T00:00:09.554Z"
    assert Counter(e.kind for e in un.entries) == {
        EntityKind.PERSON: 730,
        EntityKind.ORGANIZATION: 273,
    }
    assert len(un) == 1_003
    strengths = Counter(n.strength for e in un.entries for n in e.names)
    # Every QUALITY "Low" alias (615 fields), two of which pack two spellings each.
    assert strengths[NameStrength.WEAK] == 617
    _well_formed(un)


def test_un_known_entries(un):
    entries = un.by_id()
    zidane = entries["un:QDi.001"]
    assert zidane.primary_name == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    assert zidane.dates_of_birth == ("1963-04-11", "1960-04-11")
    assert zidane.nationalities == ("EG",)
    assert "Seif al Adel" in {n.text for n in zidane.names if n.strength is NameStrength.WEAK}
    assert any(n.kind == "original script" for n in zidane.names)
    badege = entries["un:CDi.001"]
    assert (badege.primary_name, badege.dates_of_birth, badege.gender) == (
        "ERIC BADEGE",
        ("1971",),
        "male",
    )
    assert badege.programmes == ("DRC", "CDi")
    komid = entries["un:KPe.001"]
    assert komid.kind is EntityKind.ORGANIZATION
    assert komid.primary_name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"


def test_ofac_counts(ofac):
    assert len(ofac) == 8_976
    assert Counter(e.kind for e in ofac.entries) == {
        EntityKind.PERSON: 4_620,
        EntityKind.ORGANIZATION: 3_673,
        EntityKind.VESSEL: 406,
        EntityKind.AIRCRAFT: 277,
    }
    listed = Counter(
        n.kind for e in ofac.entries for n in e.names if n.strength is NameStrength.STRONG
    )
    # alt.csv has 11,910 rows; two repeat a name the entry already has (ent_num 8407 lists
    # its primary name again, 16448 an alias that only differs by the surname comma).
    assert listed == {"aka": 11_521, "fka": 369, "nka": 18}
    assert sum(listed.values()) == 11_910 - 2
    weak = sum(1 for e in ofac.entries for n in e.names if n.strength is NameStrength.WEAK)
    assert weak == 2_438  # the quoted a.k.a.s of the Remarks column
    _well_formed(ofac)


def test_ofac_known_entries(ofac):
    entries = ofac.by_id()
    bank = entries["ofac:306"]
    assert [(n.text, n.strength) for n in bank.names] == [
        ("BANCO NACIONAL DE CUBA", NameStrength.PRIMARY),
        ("NATIONAL BANK OF CUBA", NameStrength.STRONG),
        ("BNC", NameStrength.WEAK),
    ]
    assert bank.programmes == ("CUBA",)
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in bank.addresses
    zawahiri = entries["ofac:2676"]
    assert zawahiri.primary_name == "AL ZAWAHIRI Dr. Ayman"
    assert zawahiri.dates_of_birth == ("1951-06-19",)
    assert IdentityDocument("passport", "1084010", "EG") in zawahiri.documents
    assert zawahiri.extra["place_of_birth"] == "Giza, Egypt"
    assert entries["ofac:36"].addresses == ("Havana, Cuba",)
    vessel = entries["ofac:4234"]
    assert (vessel.kind, vessel.nationalities) == (EntityKind.VESSEL, ("CU",))
    assert IdentityDocument("call sign", "CL2685") in vessel.documents


def test_a_list_compared_with_itself_has_no_changes(un):
    assert not diff(un, un)
    assert un.source is ListSource.UN
