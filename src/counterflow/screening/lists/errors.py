"""The one error a watch-list parser raises.

A list that cannot be read is never loaded in part: a half-read sanctions list would screen
people against an incomplete set of names and report "no hit" with false confidence. So every
parser reads the whole file first and raises :class:`ListError` (file, line, field, what was
expected) at the first problem; nothing partial is ever returned.
"""

from __future__ import annotations

from counterflow.model import InputError


class ListError(InputError):
    """A watch-list file that does not follow its source's published format."""
