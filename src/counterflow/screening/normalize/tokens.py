"""Name tokens: the words a matcher compares one by one.

Three spelling habits change the words of a name without changing the name:

- **Initials.** ``J. R. R. Tolkien``, ``J.R.R. Tolkien`` and ``J R R Tolkien`` are the same
  four tokens ``j r r tolkien``: a dot always ends a token.
- **Hyphens and apostrophes inside a word.** Chinese given names are written ``Jinping``,
  ``Jin-ping`` or ``Jin Ping``; Irish and Arabic names ``O'Brien``/``OBrien``,
  ``Abd al-Rahman``. By default such a word is one token with the marks removed
  (``jinping``, ``obrien``); ``hyphens="split"`` gives the parts (``jin ping``), and
  :func:`token_variants` gives both sequences.
- **List order.** OFAC's SDN list and many bank files write ``LAST, First Middle``; a comma
  after the first word(s) moves them to the end (``SMITH, John`` → ``john smith``), so tokens
  come in the order the name is spoken.

Every token is folded (:func:`counterflow.screening.normalize.text.fold`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from counterflow.screening.normalize.text import fold

Hyphens = Literal["join", "split"]

# Hyphens (ASCII, Unicode hyphen, non-breaking hyphen, en dash written for a hyphen) and
# apostrophes (ASCII, right single quote, modifier letter apostrophe, okina) inside a word.
_JOINERS = "-\u2010\u2011\u2013'\u2019\u02bc\u02bb"
_INNER_JOINER = re.compile(rf"(?<=\w)[{_JOINERS}]+(?=\w)")


def reorder_last_first(text: str) -> str:
    """``"LAST, First Middle"`` → ``"First Middle LAST"``; other text unchanged.

    Only a single comma with words on both sides counts, so that a list of aliases
    (``"A, B, C"``) or a trailing comma is left alone.
    """
    if text.count(",") != 1:
        return text
    last, first = (p.strip() for p in text.split(","))
    if not last or not first:
        return text
    return f"{first} {last}"


def name_tokens(text: str, *, hyphens: Hyphens = "join") -> tuple[str, ...]:
    """Folded tokens of ``text`` in spoken order.

    >>> name_tokens("J.R.R. Tolkien"), name_tokens("XI, Jin-ping")
    (('j', 'r', 'r', 'tolkien'), ('jinping', 'xi'))
    >>> name_tokens("Xi Jin-ping", hyphens="split")
    ('xi', 'jin', 'ping')
    """
    text = reorder_last_first(unicodedata.normalize("NFKC", text))
    if hyphens == "join":
        text = _INNER_JOINER.sub("", text)
    return tuple(fold(text).split())


def token_variants(text: str) -> tuple[tuple[str, ...], ...]:
    """The joined and the split token sequence of ``text`` (one if they are the same)."""
    joined = name_tokens(text, hyphens="join")
    split = name_tokens(text, hyphens="split")
    return (joined,) if joined == split else (joined, split)
