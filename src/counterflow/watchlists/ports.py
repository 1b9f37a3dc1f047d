"""What the slice needs from the outside: a screener (the matcher, seen through a port).

The matcher lives in the compute core (``counterflow.screening``) and knows nothing about
databases; this slice knows nothing about name matching. :class:`Screener` is the seam: any
object with a ``screen_against`` method fits, so tests pass a tiny deterministic fake and
the CLI passes the real matcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from counterflow.model.screening import ScreeningHit, ScreeningQuery
from counterflow.model.watchlist import WatchlistEntry


class Screener(Protocol):
    """Screens queries against a given set of watch-list entries."""

    def screen_against(
        self, queries: Sequence[ScreeningQuery], entries: Sequence[WatchlistEntry]
    ) -> list[ScreeningHit]:
        """Every hit of every query on ``entries`` (only those), above the threshold.

        Each hit carries the query it answers *unchanged* (equal to one of ``queries``), the
        ``entry_id`` and ``source`` of one of ``entries``. ``list_version`` may be left
        empty: the caller knows which version the entries belong to and stamps it.
        """
        ...
