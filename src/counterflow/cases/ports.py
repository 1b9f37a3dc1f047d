"""What the case slice needs from outside: a name screener over the loaded watch lists.

The platform passes the compute core's :class:`counterflow.screening.Screener` (kept in
memory); tests pass a small fake. Anything with this ``screen`` method fits.
"""

from __future__ import annotations

from typing import Protocol

from counterflow.model.screening import ScreeningHit, ScreeningQuery


class NameScreener(Protocol):
    def screen(self, query: ScreeningQuery) -> list[ScreeningHit]:
        """Hits of ``query`` on the current lists, best first, above the threshold."""
        ...
