"""``read_transactions``: one entry point that recognises the format and reads it.

Recognised formats (``fmt``):

* ``amlsim``: a directory holding ``transactions.csv`` and ``nodes.csv`` (:mod:`.amlsim`);
* ``amlworld``: a file named ``*_Trans.csv``, or any CSV whose header is AMLworld's
  (:mod:`.amlworld`); its ``*_Patterns.txt`` sibling is read when present;
* ``canonical``: a ``.parquet`` file, a directory of Parquet files (partitioned by day), or
  a CSV file whose header names the canonical columns (:mod:`.canonical`).

``auto`` (the default) picks by these rules, in this order; when none applies the error says
so and suggests passing ``fmt`` explicitly.
"""

from __future__ import annotations

from pathlib import Path

from counterflow.ingest.amlsim import is_amlsim_dir, read_amlsim
from counterflow.ingest.amlworld import read_amlworld
from counterflow.ingest.amlworld_format import HEADER
from counterflow.ingest.canonical import has_canonical_header, read_canonical
from counterflow.ingest.ledger import Ledger
from counterflow.model import InputError

FORMATS: tuple[str, ...] = ("auto", "canonical", "amlworld", "amlsim")


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().lstrip("\ufeff").rstrip("\r\n")


def detect_format(path: Path) -> str:
    """The format of ``path`` by the rules above; InputError when none applies."""
    if path.is_dir():
        if is_amlsim_dir(path):
            return "amlsim"
        if any(path.rglob("*.parquet")):
            return "canonical"
        raise InputError(
            "cannot tell the format: a directory needs transactions.csv + nodes.csv (AMLSim) "
            "or Parquet files (canonical)",
            path=str(path),
        )
    if not path.is_file():
        raise InputError("no such file or directory", path=str(path))
    if path.name.endswith("_Trans.csv"):
        return "amlworld"
    if path.suffix.lower() == ".parquet":
        return "canonical"
    if path.suffix.lower() == ".csv":
        if has_canonical_header(path):
            return "canonical"
        if _first_line(path) == ",".join(HEADER):
            return "amlworld"
    raise InputError(
        "cannot tell the format from the name or header; expected *_Trans.csv, .parquet or "
        "a CSV with the canonical header (or pass fmt=" + "/".join(FORMATS[1:]) + ")",
        path=str(path),
    )


def read_transactions(
    path: Path | str, *, fmt: str = "auto", quarantine: Path | None = None
) -> Ledger:
    """Read transactions in any supported format into a :class:`~.ledger.Ledger`.

    Bad rows raise :class:`~counterflow.model.InputError` (file, line, field, value, what was
    expected) unless ``quarantine`` names a CSV file to write them to instead.
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    chosen = detect_format(path) if fmt == "auto" else fmt
    if chosen == "amlsim":
        return read_amlsim(path, quarantine=quarantine)
    if chosen == "amlworld":
        return read_amlworld(path, quarantine=quarantine)
    return read_canonical(path, quarantine=quarantine)
