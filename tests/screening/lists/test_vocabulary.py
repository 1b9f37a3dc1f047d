"""Country names and document labels from every list, onto one vocabulary."""

from __future__ import annotations

import pytest

from counterflow.screening.lists.countries import country_code, nationality
from counterflow.screening.lists.documents import document_kind


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iran (Islamic Republic of)", "IR"),  # UN
        ("Iran", "IR"),  # OFAC
        ("Democratic People's Republic of Korea", "KP"),
        ("Korea, North", "KP"),
        ("Burma", "MM"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Congo, Democratic Republic of the", "CD"),
        ("St. Kitts & Nevis", "KN"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("  cambodia ", "KH"),
        ("កម្ពុជា", "KH"),
        ("kh", "KH"),
        ("Freedonia", None),
    ],
)
def test_country_code(text, code):
    assert country_code(text) == code


def test_nationality_keeps_what_it_cannot_resolve():
    assert nationality("Russian Federation") == "RU"
    assert nationality("fj") == "FJ"  # any two letters are a code (FtM writes lower case)
    assert nationality("former  Soviet Union") == "former Soviet Union"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Passport", "passport"),
        ("Numéro de passeport", "passport"),
        ("National Identification Number", "national id"),
        ("Cedula No.", "national id"),
        ("C.U.R.P.", "national id"),
        ("D.N.I.", "national id"),
        ("NIT #", "tax id"),
        ("V.A.T. Number", "tax id"),
        ("Registration ID", "registration"),
        ("Folio Mercantil No.", "registration"),
        ("Vessel Registration Identification IMO", "imo"),
        ("MMSI", "mmsi"),
        ("SSN", "social security"),
        ("Driver's License No.", "driving licence"),
        ("Identification Number", "id"),
        ("Ration card number:", "ration card number:"),
    ],
)
def test_document_kind(label, kind):
    assert document_kind(label) == kind
