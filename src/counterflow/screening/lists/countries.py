"""Country names as lists write them, resolved to ISO 3166-1 alpha-2 codes.

Each list spells countries its own way: the UN uses the official UN short names ("Iran
(Islamic Republic of)", "Democratic People's Republic of Korea", "Türkiye"), OFAC uses the US
State Department's short forms ("Iran", "Korea, North", "Burma", "Congo, Democratic Republic
of the"). Screening compares nationalities as codes, so both spellings must end on the same
code. The table holds the countries that appear in those lists (and the region the users work
in); a name it does not know is kept as the list wrote it rather than guessed.

``XK`` (Kosovo) is a user-assigned code, used by the European Commission, SWIFT and
OpenSanctions because ISO 3166 has none; ``PS`` covers the State of Palestine, the West Bank
and Gaza and OFAC's "Palestinian".
"""

from __future__ import annotations

import re

_NAMES: dict[str, tuple[str, ...]] = {
    "AE": ("United Arab Emirates", "UAE"),
    "AF": ("Afghanistan",),
    "AG": ("Antigua and Barbuda",),
    "AL": ("Albania",),
    "AM": ("Armenia",),
    "AO": ("Angola",),
    "AR": ("Argentina",),
    "AT": ("Austria",),
    "AU": ("Australia",),
    "AW": ("Aruba",),
    "AZ": ("Azerbaijan",),
    "BA": ("Bosnia and Herzegovina",),
    "BB": ("Barbados",),
    "BD": ("Bangladesh",),
    "BE": ("Belgium",),
    "BF": ("Burkina Faso",),
    "BG": ("Bulgaria",),
    "BH": ("Bahrain",),
    "BI": ("Burundi",),
    "BJ": ("Benin",),
    "BN": ("Brunei", "Brunei Darussalam"),
    "BO": ("Bolivia", "Bolivia (Plurinational State of)"),
    "BR": ("Brazil",),
    "BS": ("Bahamas", "Bahamas, The", "The Bahamas"),
    "BY": ("Belarus",),
    "BZ": ("Belize",),
    "CA": ("Canada",),
    "CD": (
        "Democratic Republic of the Congo",
        "Congo, Democratic Republic of the",
        "DR Congo",
        "DRC",
    ),
    "CF": ("Central African Republic",),
    "CG": ("Congo", "Congo, Republic of the", "Republic of the Congo"),
    "CH": ("Switzerland",),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire", "Cote d Ivoire", "Ivory Coast"),
    "CL": ("Chile",),
    "CM": ("Cameroon",),
    "CN": ("China",),
    "CO": ("Colombia",),
    "CR": ("Costa Rica",),
    "CU": ("Cuba",),
    "CV": ("Cabo Verde", "Cape Verde"),
    "CY": ("Cyprus",),
    "CZ": ("Czechia", "Czech Republic"),
    "DE": ("Germany",),
    "DK": ("Denmark",),
    "DM": ("Dominica",),
    "DO": ("Dominican Republic",),
    "DZ": ("Algeria",),
    "EC": ("Ecuador",),
    "EG": ("Egypt",),
    "ER": ("Eritrea",),
    "ES": ("Spain",),
    "ET": ("Ethiopia",),
    "FI": ("Finland",),
    "FM": ("Micronesia", "Micronesia (Federated States of)"),
    "FR": ("France",),
    "GA": ("Gabon",),
    "GB": (
        "United Kingdom",
        "United Kingdom of Great Britain and Northern Ireland",
        "U.K.",
        "UK",
        "Great Britain",
    ),
    "GE": ("Georgia",),
    "GH": ("Ghana",),
    "GI": ("Gibraltar",),
    "GM": ("Gambia", "The Gambia", "Gambia, The"),
    "GN": ("Guinea",),
    "GQ": ("Equatorial Guinea",),
    "GR": ("Greece",),
    "GT": ("Guatemala",),
    "GW": ("Guinea-Bissau",),
    "GY": ("Guyana",),
    "HK": ("Hong Kong", "China, Hong Kong Special Administrative Region"),
    "HN": ("Honduras",),
    "HR": ("Croatia",),
    "HT": ("Haiti",),
    "ID": ("Indonesia",),
    "IE": ("Ireland",),
    "IL": ("Israel",),
    "IN": ("India",),
    "IQ": ("Iraq",),
    "IR": ("Iran", "Iran (Islamic Republic of)", "Islamic Republic of Iran"),
    "IT": ("Italy",),
    "JE": ("Jersey",),
    "JM": ("Jamaica",),
    "JO": ("Jordan",),
    "JP": ("Japan",),
    "KE": ("Kenya",),
    "KG": ("Kyrgyzstan",),
    "KH": ("Cambodia", "Kingdom of Cambodia", "កម្ពុជា"),
    "KM": ("Comoros",),
    "KN": ("Saint Kitts and Nevis",),
    "KP": (
        "Democratic People's Republic of Korea",
        "Korea, North",
        "North Korea",
        "DPRK",
    ),
    "KR": ("Republic of Korea", "Korea, South", "South Korea"),
    "KW": ("Kuwait",),
    "KY": ("Cayman Islands",),
    "KZ": ("Kazakhstan",),
    "LA": ("Laos", "Lao People's Democratic Republic", "Lao PDR"),
    "LB": ("Lebanon",),
    "LI": ("Liechtenstein",),
    "LK": ("Sri Lanka",),
    "LR": ("Liberia",),
    "LU": ("Luxembourg",),
    "LV": ("Latvia",),
    "LY": ("Libya",),
    "MA": ("Morocco",),
    "MD": ("Moldova", "Republic of Moldova"),
    "ME": ("Montenegro",),
    "MH": ("Marshall Islands",),
    "MK": ("North Macedonia", "Macedonia, The Former Yugoslav Republic of"),
    "ML": ("Mali",),
    "MM": ("Myanmar", "Burma"),
    "MN": ("Mongolia",),
    "MO": ("Macau", "Macao", "China, Macao Special Administrative Region"),
    "MR": ("Mauritania",),
    "MT": ("Malta",),
    "MV": ("Maldives",),
    "MX": ("Mexico",),
    "MY": ("Malaysia",),
    "MZ": ("Mozambique",),
    "NA": ("Namibia",),
    "NE": ("Niger",),
    "NG": ("Nigeria",),
    "NI": ("Nicaragua",),
    "NL": ("Netherlands", "Netherlands (Kingdom of the)"),
    "NO": ("Norway",),
    "NZ": ("New Zealand",),
    "OM": ("Oman",),
    "PA": ("Panama",),
    "PE": ("Peru",),
    "PH": ("Philippines",),
    "PK": ("Pakistan",),
    "PL": ("Poland",),
    "PS": (
        "State of Palestine",
        "Palestine",
        "Palestinian",
        "Palestinian Authority",
        "West Bank",
        "Gaza",
    ),
    "PT": ("Portugal",),
    "PW": ("Palau",),
    "PY": ("Paraguay",),
    "QA": ("Qatar",),
    "RO": ("Romania",),
    "RS": ("Serbia",),
    "RU": ("Russian Federation", "Russia"),
    "RW": ("Rwanda",),
    "SA": ("Saudi Arabia",),
    "SC": ("Seychelles",),
    "SD": ("Sudan",),
    "SE": ("Sweden",),
    "SG": ("Singapore",),
    "SI": ("Slovenia",),
    "SK": ("Slovakia",),
    "SL": ("Sierra Leone",),
    "SN": ("Senegal",),
    "SO": ("Somalia",),
    "SS": ("South Sudan",),
    "SV": ("El Salvador",),
    "SY": ("Syrian Arab Republic", "Syria"),
    "TD": ("Chad",),
    "TG": ("Togo",),
    "TH": ("Thailand",),
    "TJ": ("Tajikistan",),
    "TM": ("Turkmenistan",),
    "TN": ("Tunisia",),
    "TR": ("Türkiye", "Turkey", "Turkiye"),
    "TT": ("Trinidad and Tobago",),
    "TW": ("Taiwan",),
    "TZ": ("United Republic of Tanzania", "Tanzania"),
    "UA": ("Ukraine",),
    "UG": ("Uganda",),
    "US": ("United States of America", "United States", "USA", "U.S."),
    "UY": ("Uruguay",),
    "UZ": ("Uzbekistan",),
    "VC": ("Saint Vincent and the Grenadines",),
    "VE": ("Venezuela", "Venezuela (Bolivarian Republic of)"),
    "VG": ("Virgin Islands, British", "British Virgin Islands"),
    "VN": ("Viet Nam", "Vietnam"),
    "VU": ("Vanuatu",),
    "WS": ("Samoa",),
    "XK": ("Kosovo",),
    "YE": ("Yemen",),
    "ZA": ("South Africa",),
    "ZW": ("Zimbabwe",),
}

_SPACES = re.compile(r"\s+")


def _key(name: str) -> str:
    key = _SPACES.sub(" ", name.replace("\u2019", "'").replace("&", " and ")).strip().casefold()
    # OFAC abbreviates "Saint" ("St. Kitts & Nevis").
    return "saint " + key[4:] if key.startswith("st. ") else key


_BY_NAME: dict[str, str] = {_key(n): code for code, names in _NAMES.items() for n in names}


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name or code, or ``None`` if unknown.

    A two-letter code that the table knows is accepted in any case (``kh`` -> ``KH``).
    """
    key = _key(text)
    if len(key) == 2 and key.upper() in _NAMES:
        return key.upper()
    return _BY_NAME.get(key)


def nationality(text: str) -> str:
    """The alpha-2 code of a country name or code, else the list's own text (whitespace tidied).

    Any two ASCII letters are taken as a code (``fj`` -> ``FJ``), since FtM and domestic lists
    write codes. :class:`~counterflow.model.WatchlistEntry` keeps an unknown nationality as
    text rather than dropping it: an analyst can still read it, and a later table can
    resolve it.
    """
    tidy = _SPACES.sub(" ", text).strip()
    if code := country_code(tidy):
        return code
    if len(tidy) == 2 and tidy.isascii() and tidy.isalpha():
        return tidy.upper()
    return tidy
