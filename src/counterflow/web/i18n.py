"""English and Khmer: gettext catalogues read with Babel.

The Khmer catalogue is ``locale/km/LC_MESSAGES/messages.po`` (extracted from the templates
and pages with ``pybabel extract -F babel.cfg``). It is read at start-up straight from the
``.po`` file with Babel's reader, so no compiled ``.mo`` is ever out of date or committed.
A missing translation falls back to the English text.
"""

from __future__ import annotations

from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES: tuple[str, ...] = ("en", "km")
"""Interface languages; the first is the default."""

LOCALE_DIR = Path(__file__).with_name("locale")


class _CatalogTranslations(NullTranslations):
    """gettext lookups over a message dictionary read from a ``.po`` file."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


@lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> NullTranslations:
    """The translations for ``language`` (English: the identity)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == "en" or not path.is_file():
        return Translations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    messages = {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }
    return _CatalogTranslations(messages)


def pick_language(*, cookie: str | None, preferred: str | None, accept: str | None) -> str:
    """The language to answer in: an explicit choice (cookie), the user's setting, then the
    browser's Accept-Language, then English."""
    for choice in (cookie, preferred):
        if choice in LANGUAGES:
            return choice
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag[:2] in LANGUAGES:
            return tag[:2]
    return LANGUAGES[0]
