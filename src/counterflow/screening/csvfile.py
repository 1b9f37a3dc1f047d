"""Reading a small UTF-8 CSV that people prepare by hand (pairs to score, people to screen).

One place decides what a broken file says: not UTF-8, unreadable, a required column missing
from the header. Rows come back with their 1-based line numbers as an editor shows them (the
header is line 1) so that every later error can name the line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from counterflow.model import InputError


def csv_rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for every data row of ``path``; a bad file raises :class:`InputError`."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=where) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from exc
    reader = csv.DictReader(text.splitlines())
    for need in required:
        if need not in (reader.fieldnames or []):
            raise InputError(f"missing column {need!r} in the header", path=where, line=1)
    for row in reader:
        # The reader skips blank lines, so count lines as the file has them.
        line = reader.line_num
        if None in row:
            raise InputError("more cells than header columns", path=where, line=line)
        yield line, {k: (v or "").strip() for k, v in row.items() if k is not None}
