"""Names brought to a form two records can be compared on, whatever script they came in.

A bank writes ``Chan Sophea``, a police report ``CHAN Sophia`` or ``ចាន់ សុភា``, a border
form ``Sophea Chan`` (given name first). Each name is folded (case, accents, punctuation:
:func:`counterflow.screening.normalize.fold`), Khmer script is romanised as Cambodians
write it (:func:`counterflow.screening.normalize.latin_forms`, UNGEGN 1972 and popular
spellings; the first form is the most common), and the words are sorted, so that word order
does not count against a match. Spelling variants that remain (``Sophea``/``Sophia``,
``Sok``/``Sokh``) are the work of the Jaro-Winkler comparison levels.
"""

from __future__ import annotations

from counterflow.screening.normalize import KhmerSupportMissingError, latin_forms


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def latin_key(name: str) -> str:
    """The sorted, folded first Latin form of ``name`` in any script; ``""`` if none."""
    if not name.strip():
        return ""
    try:
        forms = latin_forms(name)
    except KhmerSupportMissingError:
        return ""
    return _sorted_words(forms[0]) if forms else ""


def name_keys(name: str, name_khmer: str) -> tuple[str, str]:
    """``(name, romanised)``: the key of the Latin name (or, without one, of the Khmer
    name) and the key of the romanised Khmer name (``""`` without one)."""
    romanised = latin_key(name_khmer)
    primary = latin_key(name) or romanised
    return primary, romanised
