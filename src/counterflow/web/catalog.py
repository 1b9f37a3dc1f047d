"""Keep the Khmer catalogue in step with the interface: ``python -m counterflow.web.catalog``.

Extracts every ``_("...")`` from the templates and the page modules, adds the labels of
every code list (:data:`counterflow.web.labels.LABELS`), keeps the Khmer translations the
catalogue has, and rewrites ``locale/km/LC_MESSAGES/messages.po``. ``missing()`` lists the
messages without a Khmer text: a test keeps that list empty, so no page ships half English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from counterflow.web.labels import LABELS

WEB_DIR = Path(__file__).parent
STATS_DIR = WEB_DIR.parent / "stats"
PO_PATH = WEB_DIR / "locale" / "km" / "LC_MESSAGES" / "messages.po"
_METHODS = [
    ("templates/**.html", "jinja2"),
    ("pages/**.py", "python"),
    ("errors.py", "python"),
]


def extracted() -> list[str]:
    """Every English message of the interface, sorted."""
    messages: set[str] = set(LABELS)
    for _file, _line, message, _comments, _context in extract_from_dir(
        WEB_DIR, _METHODS, keywords={"_": None, "gettext": None, "tr": None}
    ):
        if isinstance(message, str) and message:
            messages.add(message)
    # The statistics package renders its fixed words (Total, Change % ...) through the
    # gettext the page passes in.
    for _file, _line, message, _comments, _context in extract_from_dir(
        STATS_DIR, [("**.py", "python")], keywords={"gettext": None}
    ):
        if isinstance(message, str) and message:
            messages.add(message)
    return sorted(messages)


def current() -> dict[str, str]:
    """The catalogue's Khmer translations (English → Khmer)."""
    if not PO_PATH.is_file():
        return {}
    with PO_PATH.open("rb") as fh:
        catalog = read_po(fh, locale="km")
    return {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.string, str)}


def missing() -> list[str]:
    """Interface messages the Khmer catalogue does not translate."""
    known = current()
    return [m for m in extracted() if not known.get(m)]


def update(extra: dict[str, str] | None = None) -> int:
    """Rewrite the catalogue with every extracted message; returns how many lack Khmer."""
    known = {**current(), **(extra or {})}
    catalog = Catalog(locale="km", project="counterflow", domain="messages")
    for message in extracted():
        catalog.add(message, known.get(message, ""))
    PO_PATH.parent.mkdir(parents=True, exist_ok=True)
    with PO_PATH.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
    return sum(1 for m in extracted() if not known.get(m))


if __name__ == "__main__":
    left = update()
    print(f"{PO_PATH}: {left} message(s) without a Khmer translation", file=sys.stderr)
