"""``read_victim_records``: one entry point for historical victim records in IOM's formats.

Formats (:data:`VICTIM_READERS`, an explicit registry):

* ``ctdc``: IOM CTDC's global victim-perpetrator synthetic dataset, CSV (:mod:`.ctdc`).
  One record per victim-perpetrator *pair*: counts from it are of rows, not people.
* ``htcds``: a spreadsheet in IOM's Human Trafficking Case Data Standard 2.0 layout, .xlsx
  (the official template) or CSV with the same field names (:mod:`.htcds`).

``auto`` picks by these rules, in order: an ``.xlsx`` file is HTCDS; a ``.csv`` file whose
header names ``yearRegister`` and ``majorityStatus`` is CTDC; one whose header names an HTCDS
field read by the importer (``prs_Gender`` ...) is HTCDS. Otherwise the error says so and
suggests naming the format.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from pathlib import Path

from counterflow.ingest import htcds
from counterflow.ingest.ctdc import read_ctdc
from counterflow.ingest.htcds import read_htcds
from counterflow.model import InputError
from counterflow.model.victim_record import VictimRecord

VictimReader = Callable[[Path], list[VictimRecord]]

VICTIM_READERS: Mapping[str, VictimReader] = {
    "ctdc": read_ctdc,
    "htcds": read_htcds,
}
"""Format name → reader. A new format is a module with a reader, and a line here."""

VICTIM_FORMATS: tuple[str, ...] = ("auto", *VICTIM_READERS)

_HEADER_BYTES = 64 * 1024
_CTDC_MARKERS = frozenset({"yearregister", "majoritystatus"})
_HTCDS_MARKERS = frozenset(field.casefold() for field in (*htcds.REQUIRED, *htcds.OPTIONAL))


def _header_names(path: Path) -> set[str]:
    with path.open("rb") as handle:
        head = handle.read(_HEADER_BYTES)
    first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    return {name.strip().casefold() for row in csv.reader(first) for name in row}


def detect_victim_format(path: Path | str) -> str:
    """The format of ``path`` by the rules of the module docstring; InputError if none."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "htcds"
    if suffix == ".csv":
        names = _header_names(path)
        if names >= _CTDC_MARKERS:
            return "ctdc"
        if names & _HTCDS_MARKERS:
            return "htcds"
    raise InputError(
        "cannot tell the format: expected an .xlsx HTCDS workbook, or a .csv file whose "
        "header is CTDC's (yearRegister, majorityStatus ...) or HTCDS's (prs_Gender ...); "
        "or name the format (" + "/".join(VICTIM_READERS) + ")",
        path=str(path),
        line=1,
    )


def read_victim_records(path: Path | str, format: str = "auto") -> list[VictimRecord]:
    """Read historical victim records from ``path`` in ``format`` (``auto`` detects it).

    Returns every record or raises :class:`~counterflow.model.InputError` (file, line,
    field, what was expected); never a partial list.
    """
    if format not in VICTIM_FORMATS:
        raise ValueError(f"format must be one of {', '.join(VICTIM_FORMATS)}, not {format!r}")
    path = Path(path)
    chosen = detect_victim_format(path) if format == "auto" else format
    return VICTIM_READERS[chosen](path)
