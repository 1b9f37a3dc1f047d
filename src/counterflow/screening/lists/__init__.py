"""Watch-list parsers: UN, OFAC, FollowTheMoney and domestic lists into one entry shape.

Each source has its own module and format; all of them produce a :class:`ListSnapshot` of
:class:`~counterflow.model.WatchlistEntry` objects, so screening never needs to know where an
entry came from. A list that cannot be read raises :class:`ListError` (file, line, field) and
nothing partial is returned.

>>> from counterflow.screening.lists import read_list, diff
>>> old = read_list("lists/un_2026-01.xml", "un")  # doctest: +SKIP
>>> new = read_list("lists/un_2026-02.xml", "un")  # doctest: +SKIP
>>> [e.primary_name for e in diff(old, new).added]  # doctest: +SKIP
"""

from counterflow.screening.lists.errors import ListError
from counterflow.screening.lists.registry import PARSERS, read_list
from counterflow.screening.lists.snapshot import ListDiff, ListSnapshot, diff

__all__ = ["PARSERS", "ListDiff", "ListError", "ListSnapshot", "diff", "read_list"]
