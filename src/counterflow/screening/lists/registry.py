"""The table of list parsers, one per source, and the one function that reads any list.

The table is explicit (DESIGN.md, habit 4): adding a source means writing its module and one
line here, and a reader can see at a glance which formats counterflow understands.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from counterflow.model import ListSource
from counterflow.screening.lists.domestic import read_domestic
from counterflow.screening.lists.errors import ListError
from counterflow.screening.lists.ftm import read_ftm
from counterflow.screening.lists.ofac import read_ofac
from counterflow.screening.lists.snapshot import ListSnapshot
from counterflow.screening.lists.un import read_un

PARSERS: dict[ListSource, Callable[[Path], ListSnapshot]] = {
    ListSource.UN: read_un,
    ListSource.OFAC: read_ofac,
    ListSource.FTM: read_ftm,
    ListSource.DOMESTIC: read_domestic,
}
"""Which function reads which source's files."""


def read_list(path: str | Path, source: ListSource | str) -> ListSnapshot:
    """Every entry of the list at ``path``, read as ``source`` (``un``, ``ofac``, ``ftm``,
    ``domestic``).

    ``path`` is a file, or for OFAC the folder holding ``sdn.csv``, ``alt.csv`` and
    ``add.csv``. Raises :class:`~counterflow.screening.lists.errors.ListError` for an unknown
    source, a missing file or any malformed content; it never returns part of a list.
    """
    path = Path(path)
    try:
        known = ListSource(source)
    except ValueError:
        expected = ", ".join(s.value for s in PARSERS)
        raise ListError(
            f"unknown list source {source!r}; expected one of {expected}",
            path=str(path),
            field="source",
        ) from None
    if not path.exists():
        raise ListError("no such file or folder", path=str(path))
    return PARSERS[known](path)
