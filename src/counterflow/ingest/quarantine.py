"""Quarantine: bad rows are either fatal or written aside, never silently dropped.

Without a quarantine path, the first bad row (lowest line number) of a file raises an
:class:`~counterflow.model.InputError` naming the file, the line as an editor shows it, the
field, the value found and what was expected. With one, every bad row is written to a CSV
file with the columns ``file, line, field, reason, raw`` (``raw`` = the original line text)
so that it can be fixed and re-submitted, the good rows are kept, and
``Ledger.quarantined`` tells how many rows went aside. The quarantine file is always written
(header only when nothing was bad) so a pipeline can tell "clean" from "not run".
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from counterflow.ingest.atomic import atomic_path
from counterflow.ingest.fields import Validated, empty_rejects
from counterflow.model import InputError


def first_error(rejects: pl.DataFrame) -> InputError:
    """The InputError for the first rejected row (lowest line)."""
    row = rejects.sort("line").row(0, named=True)
    return InputError(row["reason"], path=row["file"], line=row["line"], field=row["field"])


class Quarantine:
    """Collects rejected rows across the files of one read."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._parts: list[pl.DataFrame] = []

    def keep_good(self, validated: Validated) -> pl.DataFrame:
        """Return the good rows; raise on a reject unless quarantining, else set it aside."""
        if validated.rejects.height:
            if self.path is None:
                raise first_error(validated.rejects)
            self._parts.append(validated.rejects)
        return validated.good

    @property
    def count(self) -> int:
        """Rows set aside so far."""
        return sum(part.height for part in self._parts)

    def finish(self) -> int:
        """Write the quarantine file (if any) atomically; return the number of rows in it."""
        if self.path is not None:
            rejects = pl.concat([empty_rejects(), *self._parts]).sort("file", "line")
            with atomic_path(self.path) as tmp:
                rejects.write_csv(tmp)
        return self.count
