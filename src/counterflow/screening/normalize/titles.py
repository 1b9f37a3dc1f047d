"""Titles and honorifics: removed before matching, kept for the explanation.

In Cambodia a name is rarely written bare. ``Samdech`` (សម្តេច, the highest honorific),
``Oknha`` (ឧកញ៉ា, a title the King grants to tycoons who donate to the state), ``Lok
Chumteav`` (លោកជំទាវ, the wife of a senior official, or a senior woman official), ``His
Excellency`` (ឯកឧត្តម), the long honorific ``Akka Moha Sena Padei Techo`` (អគ្គមហាសេនាបតីតេជោ)
and military ranks (ឧត្តមសេនីយ៍, general) are written before the name and are not part of it;
watch lists, in turn, carry Arabic (Sheikh, Haji, Mullah), Malaysian (Tan Sri, Dato'),
British (Sir, Lord) and military titles. A title in a query and none on the list entry (or the
reverse) must not lower a match score, so :func:`split_titles` removes them, and returns
them, so that an analyst sees what was removed.

Rules:

- only titles at the start of the name are removed, one after the other (``H.E. Samdech Hun
  Sen``); a title word in the middle of a name is part of the name;
- a title is matched on whole words (``Lokman`` does not start with ``Lok``); Khmer script
  has no spaces between words, so there a title also ends where a new Khmer syllable starts;
- the last word of a name is never removed (``Major`` may be a surname, ``Sir`` alone is
  not a name without it), and neither is a title that would leave nothing;
- titles that are also common surnames in the region are only matched with their
  diacritics or punctuation: the Vietnamese ``Ông`` and ``Bà`` (``Ong`` is a Hokkien surname,
  ``Ba`` a Vietnamese given name), ``H.E.`` (``He`` is a Chinese surname), ``Gen.`` and
  ``Hon.`` (``Gen`` is a Japanese given name, ``Hon`` a Cantonese surname). The Thai ``Khun``
  (Mr/Ms) is matched in Thai script only (คุณ): in Latin script ``Khun`` is a Khmer surname.
"""

from __future__ import annotations

import unicodedata

from counterflow.screening.normalize.text import fold

# Latin titles, compared on folded words. Longest phrases are tried first.
_LATIN_TITLES: tuple[str, ...] = (
    # Khmer honorifics in Latin script
    "samdech",
    "samdach",
    "samdech krom preah",
    "samdech techo",
    "samdech akka moha sena padei techo",
    "akka moha sena padei techo",
    "aggamaha senapati techo",
    "samdech akka moha thomma pothisal",
    "samdech vibol sena pheakdei",
    "samdech moha bovor thipadei",
    "oknha",
    "okhna",
    "oknya",
    "neak oknha",
    "lok chumteav",
    "lok chom teav",
    "lok chumtiev",
    "lok",
    "lok srey",
    "neak srey",
    # English and international
    "his excellency",
    "her excellency",
    "excellency",
    "his royal highness",
    "her royal highness",
    "hrh",
    "madam",
    "madame",
    "mrs",
    "mr",
    "ms",
    "miss",
    "mme",
    "dr",
    "doctor",
    "prof",
    "professor",
    "general",
    "lieutenant general",
    "lt gen",
    "major general",
    "maj gen",
    "brigadier general",
    "brig gen",
    "colonel",
    "col",
    "lieutenant colonel",
    "lt col",
    "major",
    "maj",
    "lieutenant",
    "lt",
    "captain",
    "capt",
    "commander",
    "admiral",
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "haji",
    "hajji",
    "hadji",
    "mullah",
    "mulla",
    "maulana",
    "mawlana",
    "moulana",
    "maulvi",
    "sir",
    "lord",
    "lady",
    "dame",
    "honourable",
    "honorable",
    "the honourable",
    "the honorable",
    "prince",
    "princess",
    "tan sri",
    "puan sri",
    "dato",
    "datuk",
    "dato sri",
    "datuk seri",
    "datin",
    "datin paduka",
    "toh puan",
    "tunku",
)
# Titles compared on the case-folded word with its punctuation and diacritics, because
# without them they are ordinary names.
_EXACT_TITLES: tuple[str, ...] = ("h.e.", "h. e.", "ông", "bà", "gen.", "hon.")
# Khmer and Thai titles, compared on the NFC text.
_NATIVE_TITLES: tuple[str, ...] = (
    "សម្តេច",
    "សម្ដេច",
    "សម្តេចក្រុមព្រះ",
    "សម្តេចតេជោ",
    "សម្ដេចតេជោ",
    "សម្ដេចក្រុមព្រះ",
    "សម្តេចអគ្គមហាសេនាបតីតេជោ",
    "សម្ដេចអគ្គមហាសេនាបតីតេជោ",
    "អគ្គមហាសេនាបតីតេជោ",
    "ឧកញ៉ា",
    "អ្នកឧកញ៉ា",
    "លោកជំទាវ",
    "លោកស្រី",
    "អ្នកស្រី",
    "លោក",
    "ឯកឧត្តម",
    "ឯឧ",
    "ព្រះអង្គម្ចាស់",
    "ឧត្តមសេនីយ៍",
    "ឧត្តមសេនីយ៍ឯក",
    "ឧត្តមសេនីយ៍ទោ",
    "ឧត្តមសេនីយ៍ត្រី",
    "នាយឧត្តមសេនីយ៍",
    "វរសេនីយ៍ឯក",
    "វរសេនីយ៍ទោ",
    "វរសេនីយ៍ត្រី",
    "ដុក្ទ័រ",
    "បណ្ឌិត",
    "សាស្ត្រាចារ្យ",
    "កញ្ញា",
    "คุณ",
    "นาย",
    "นาง",
    "นางสาว",
    "พลเอก",
    "ดร.",
)
_LATIN_PHRASES = sorted({tuple(t.split()) for t in _LATIN_TITLES}, key=len, reverse=True)
_NATIVE_SORTED = sorted(
    {unicodedata.normalize("NFC", t) for t in _NATIVE_TITLES}, key=len, reverse=True
)


def _native_boundary(rest: str) -> bool:
    """Whether a Khmer/Thai title may end just before ``rest``: at a space, the end of the
    text, or the start of a new syllable (not a vowel sign, diacritic or subscript)."""
    if not rest or rest[0].isspace():
        return True
    return unicodedata.category(rest[0])[0] == "L" and rest[0] != "\u17d2"


def _strip_native(text: str) -> tuple[str, str] | None:
    for title in _NATIVE_SORTED:
        if text.startswith(title):
            rest = text[len(title) :]
            if _native_boundary(rest) and rest.strip():
                return title, rest.lstrip()
    return None


def _strip_latin(words: list[str]) -> int:
    """How many leading words form one title (0 when none)."""
    lowered = [w.casefold() for w in words]
    for n in (2, 1):
        if len(words) > n and " ".join(lowered[:n]) in _EXACT_TITLES:
            return n
    folded = [fold(w) for w in words]
    for phrase in _LATIN_PHRASES:
        n = len(phrase)
        if len(words) > n and tuple(folded[:n]) == phrase:  # never the last word
            return n
    return 0


def split_titles(text: str) -> tuple[str, tuple[str, ...]]:
    """``(name without leading titles, titles removed in order)``.

    >>> split_titles("Samdech Hun Sen")
    ('Hun Sen', ('Samdech',))
    >>> split_titles("H.E. Oknha Chen Zhi")
    ('Chen Zhi', ('H.E.', 'Oknha'))
    >>> split_titles("Lok")
    ('Lok', ())
    """
    rest = " ".join(unicodedata.normalize("NFC", text).split())
    titles: list[str] = []
    while rest:
        native = _strip_native(rest)
        if native is not None:
            titles.append(native[0])
            rest = native[1]
            continue
        words = rest.split(" ")
        n = _strip_latin(words)
        if n == 0:
            break
        titles.append(" ".join(words[:n]))
        rest = " ".join(words[n:])
    return rest, tuple(titles)
