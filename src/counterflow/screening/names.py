"""A name made ready for matching: titles set aside, every script brought to Latin tokens.

A watch-list name or a query arrives in any script and any convention: "Samdech HUN Sen",
"ហ៊ុន សែន", "习近平", "ABDUL RAHMAN, Ahmed". Matching compares folded Latin tokens, so each
name becomes a small set of *forms*: its folded Latin spelling when it has one, and the
romanisations of non-Latin parts (Khmer as Cambodians write it, Han as pinyin with surname
readings, Thai as RTGS, Cyrillic as ICAO 9303; see :mod:`counterflow.screening.normalize`).
The number of forms is bounded so one long name cannot make a query slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from counterflow.screening.normalize import (
    Script,
    ccc_to_han,
    detect_script,
    latin_forms,
    name_tokens,
    split_titles,
)

MAX_FORMS = 12


@dataclass(frozen=True, slots=True)
class NameForm:
    """One Latin reading of a name, as folded tokens."""

    tokens: tuple[str, ...]
    transliterated: bool
    """True when the reading came from another script (a romanisation, not the text)."""


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name with its titles set aside and its Latin forms."""

    text: str
    titles: tuple[str, ...]
    script: Script
    forms: tuple[NameForm, ...]


_TELEGRAPH = re.compile(r"^\s*\d{4}(?:\s+\d{4})+\s*$")


_ORGANISATION = frozenset(
    [
        "group",
        "holding",
        "holdings",
        "company",
        "co",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "plc",
        "bank",
        "sa",
        "sarl",
        "gmbh",
        "ag",
        "bv",
        "nv",
        "jsc",
        "pjsc",
        "ojsc",
        "oao",
        "zao",
        "tbk",
        "pte",
        "sdn",
        "bhd",
        "trust",
        "foundation",
        "association",
        "fund",
        "enterprise",
        "enterprises",
        "international",
        "industries",
        "trading",
        "shipping",
        "airlines",
        "investment",
        "investments",
        "development",
        "resort",
        "casino",
    ]
)
"""Words that make a name an organisation's; a title word before them is part of the name
("Prince Holding Group", "Royal Group", "Sheikh Zayed Foundation")."""


def is_organisation_name(text: str) -> bool:
    """True when ``text`` reads as an organisation's name."""
    return any(w in _ORGANISATION for w in name_tokens(text))


@lru_cache(maxsize=1 << 15)
def prepare_name(text: str, *, person: bool | None = None) -> PreparedName:
    """Titles removed, script detected, Latin forms generated (first is canonical).

    Titles are set aside only from a person's name: ``person`` says whether the name is a
    person's (the list says so for entries); unknown (a query) means "unless it reads as an
    organisation's name". A name given as Chinese telegraph codes ("5045 6602 1627", as
    Chinese names are written in some bank and immigration records) is read as the
    characters they encode.
    """
    if _TELEGRAPH.match(text):
        text = ccc_to_han(text)
    if person is None:
        person = not is_organisation_name(text)
    stripped, titles = split_titles(text) if person else (text, ())
    script = detect_script(stripped)
    transliterated = script not in (Script.LATIN, Script.OTHER)
    seen: set[tuple[str, ...]] = set()
    forms: list[NameForm] = []
    for form in latin_forms(stripped):
        tokens = name_tokens(form)
        if tokens and tokens not in seen:
            seen.add(tokens)
            forms.append(NameForm(tokens, transliterated))
        if len(forms) >= MAX_FORMS:
            break
    return PreparedName(text, titles, script, tuple(forms))
