"""Reader of IBM AMLworld transaction files (``*_Trans.csv``) and their pattern blocks.

The layout is described in :mod:`.amlworld_format`, the sidecar ``*_Patterns.txt`` in
:mod:`.amlworld_patterns`. The result carries the transaction-level ground truth:
``label`` from ``Is Laundering``, ``pattern``/``pattern_id`` from the patterns file (or
``unpatterned`` for every laundering row when there is no patterns file).

The header must be exactly AMLworld's eleven names in order (a missing or renamed column is
fatal); rows are validated field by field (see :mod:`.fields`) and, with a quarantine path,
bad rows are set aside instead of stopping the read.
"""

from __future__ import annotations

from pathlib import Path

from counterflow.ingest.amlworld_format import HEADER, specs, to_canonical
from counterflow.ingest.amlworld_patterns import attach_patterns, patterns_path_for, read_patterns
from counterflow.ingest.fields import validate
from counterflow.ingest.ledger import Ledger, build_ledger
from counterflow.ingest.quarantine import Quarantine
from counterflow.ingest.rawcsv import RawTable, read_raw_csv
from counterflow.model import InputError


def _check_header(table: RawTable) -> None:
    for position, expected in enumerate(HEADER):
        found = table.header[position] if position < len(table.header) else None
        if found != expected:
            got = f"{found!r}" if found is not None else "nothing"
            raise InputError(
                f"missing column {expected!r} (column {position + 1}): got {got}; expected "
                "the AMLworld header " + ",".join(HEADER),
                path=table.path,
                line=1,
                field=expected,
            )
    if len(table.header) > len(HEADER):
        raise InputError(
            f"unexpected column {table.header[len(HEADER)]!r}; expected the AMLworld header "
            + ",".join(HEADER),
            path=table.path,
            line=1,
            field=table.header[len(HEADER)],
        )


def read_amlworld(
    path: Path, *, quarantine: Path | None = None, patterns: Path | None = None
) -> Ledger:
    """Read an AMLworld ``*_Trans.csv`` file (and its ``*_Patterns.txt`` if present).

    ``patterns`` overrides the sidecar location; by default ``X_Trans.csv`` looks for
    ``X_Patterns.txt`` in the same directory.
    """
    table = read_raw_csv(path)
    _check_header(table)
    sink = Quarantine(quarantine)
    checked = validate(table.rows, specs(), path=table.path, width=len(HEADER), header=HEADER)
    rows = sink.keep_good(checked)
    sidecar = patterns if patterns is not None else patterns_path_for(path)
    blocks = read_patterns(sidecar) if sidecar is not None and sidecar.is_file() else None
    rows = attach_patterns(rows, blocks)
    return build_ledger(to_canonical(rows.lazy()), source=str(path), quarantined=sink.finish())
