"""One small vocabulary for the kinds of identity documents lists record.

Lists label documents in their own words and languages: the UN writes "Passport", "Numéro de
passeport", "National Identification Number"; OFAC writes "Cedula No.", "NIT #", "C.U.R.P.",
"Vessel Registration Identification IMO"; FtM has ``passportNumber``, ``taxNumber``,
``imoNumber``. Matching an identity number is strong evidence only when the kinds agree (a
passport number equal to a company registration number is a coincidence), so every parser
maps its label to one of the kinds below; a label none of the rules knows is kept, lower case.
"""

from __future__ import annotations

import re

PASSPORT = "passport"
NATIONAL_ID = "national id"
TAX_ID = "tax id"
REGISTRATION = "registration"
IMO = "imo"
"""IMO number: seven digits, permanent for a ship (SOLAS XI-1/3) or a company (XI-1/3-1)."""
MMSI = "mmsi"
SOCIAL_SECURITY = "social security"
DRIVING_LICENCE = "driving licence"
BIRTH_CERTIFICATE = "birth certificate"
RESIDENCE = "residence permit"
AIRCRAFT_SERIAL = "aircraft serial number"
"""The manufacturer's serial number (MSN) of an airframe, which outlives tail-number changes."""
OTHER_ID = "id"

# First rule that matches wins, so specific words come before general ones.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"passport|passeport|pasaporte", PASSPORT),
        (r"\bimo\b", IMO),
        (r"\bmmsi\b", MMSI),
        (r"manufacturer's serial|\bmsn\b", AIRCRAFT_SERIAL),
        (r"social security|\bssn\b", SOCIAL_SECURITY),
        (r"driver|driving", DRIVING_LICENCE),
        (r"birth cert", BIRTH_CERTIFICATE),
        (r"residen", RESIDENCE),
        (
            r"tax|\bnit\b|\bruc\b|\brif\b|\bv\.?a\.?t\b|\bfein\b|\binn\b|r\.f\.c"
            r"|\bcuit\b|c\.u\.i\.t",
            TAX_ID,
        ),
        (
            r"regist|company|commercial|mercantil|trade licen|chamber of commerce|gazette"
            r"|d-u-n-s|\bduns\b|\blei\b|\bogrn\b|\bbik\b|swift|\bbic\b",
            REGISTRATION,
        ),
        (
            r"national|c[eé]dula|d\.?n\.?i\.?\b|c\.?u\.?r\.?p|tazkira|identity card|id card"
            r"|civil id|personal id|identity number",
            NATIONAL_ID,
        ),
        (r"identif|\bid\b|identity", OTHER_ID),
    )
)


def document_kind(label: str) -> str:
    """The vocabulary kind of a list's document label (``"Cedula No."`` -> ``national id``)."""
    for pattern, kind in _RULES:
        if pattern.search(label):
            return kind
    return " ".join(label.split()).casefold() or OTHER_ID
