"""The domestic list: persons and organisations of interest named by the national authorities.

Besides the UN and foreign lists, a country keeps its own list: persons designated under
national counter-terrorism or anti-trafficking law (UN Security Council resolution 1373
asks every state to freeze the assets of terrorists it designates itself), wanted suspects,
and domestic politically exposed persons (FATF Recommendation 12). It is kept by people, in a
spreadsheet, so the format is a plain UTF-8 CSV with a header line, in any column order:

=============  =========  ===============================================================
column         required   value
=============  =========  ===============================================================
name           yes        the name as written, in any script (Khmer, Latin, Chinese ...)
kind           yes        ``person`` or ``organization`` (also ``vessel``, ``aircraft``)
aliases                   other names, separated by ``;``
date_of_birth             ISO 8601 ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; several by ``;``
nationality               alpha-2 codes or country names, separated by ``;``
id_numbers                ``kind:number`` or ``number``, separated by ``;``
                          (``passport:N0123456; national id:010203040``)
position                  offices held, separated by ``;``
reason                    why the entry is listed (kept as remarks)
gender                    ``male``, ``female`` or empty
entry_id                  the list's own stable id; without it the id is derived from
                          kind, name and dates of birth
=============  =========  ===============================================================

Every problem is reported as a :class:`~counterflow.screening.lists.errors.ListError` with the
line (header = line 1), the column and what was expected, so the keeper can fix the sheet.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from counterflow.model import (
    EntityKind,
    EntryName,
    IdentityDocument,
    ListSource,
    NameStrength,
    WatchlistEntry,
)
from counterflow.screening.lists.countries import nationality
from counterflow.screening.lists.dates import partial_iso
from counterflow.screening.lists.documents import OTHER_ID, document_kind
from counterflow.screening.lists.errors import ListError
from counterflow.screening.lists.snapshot import EntryCollector, ListSnapshot, content_version

REQUIRED_COLUMNS = ("name", "kind")
OPTIONAL_COLUMNS = (
    "aliases",
    "date_of_birth",
    "nationality",
    "id_numbers",
    "position",
    "reason",
    "gender",
    "entry_id",
)
_KINDS = {k.value: k for k in EntityKind if k is not EntityKind.UNKNOWN}
_GENDERS = {"male": "male", "m": "male", "female": "female", "f": "female"}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


class _Row:
    """One data line: its values by column, and errors that name the line and column."""

    def __init__(self, path: Path, line: int, values: dict[str, str]) -> None:
        self.path = path
        self.line = line
        self.values = values

    def fail(self, column: str, message: str) -> ListError:
        return ListError(message, path=str(self.path), line=self.line, field=column)

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def kind(self) -> EntityKind:
        text = self.get("kind").casefold()
        if text not in _KINDS:
            shown = repr(self.get("kind")) if text else "nothing"
            raise self.fail("kind", f"unknown kind {shown}; expected person or organization")
        return _KINDS[text]

    def dates(self) -> tuple[str, ...]:
        out = []
        for value in _split(self.get("date_of_birth")):
            if (iso := partial_iso(value)) is None:
                raise self.fail(
                    "date_of_birth", f"bad date {value!r}; expected YYYY, YYYY-MM or YYYY-MM-DD"
                )
            out.append(iso)
        return tuple(dict.fromkeys(out))

    def gender(self) -> str | None:
        text = self.get("gender").casefold()
        if text and text not in _GENDERS:
            raise self.fail(
                "gender", f"unknown gender {self.get('gender')!r}; expected male, female or empty"
            )
        return _GENDERS.get(text)

    def documents(self) -> tuple[IdentityDocument, ...]:
        out = []
        for value in _split(self.get("id_numbers")):
            label, colon, number = value.partition(":")
            if not colon:
                label, number = "", value
            if not number.strip():
                raise self.fail("id_numbers", f"{value!r} has no number; expected kind:number")
            kind = document_kind(label) if label.strip() else OTHER_ID
            out.append(IdentityDocument(kind, number.strip()))
        return tuple(dict.fromkeys(out))

    def entry(self) -> WatchlistEntry:
        name = self.get("name")
        if not name:
            raise self.fail("name", "missing name; every entry needs one")
        kind = self.kind()
        dates = self.dates()
        own_id = self.get("entry_id")
        if not own_id:
            key = "\x1f".join((kind.value, name, *dates)).encode()
            own_id = hashlib.sha256(key).hexdigest()[:12]
        aliases = [EntryName(a, NameStrength.STRONG, "aka") for a in _split(self.get("aliases"))]
        return WatchlistEntry(
            entry_id=f"domestic:{own_id}",
            source=ListSource.DOMESTIC,
            kind=kind,
            names=tuple(dict.fromkeys((EntryName(name), *aliases))),
            dates_of_birth=dates,
            nationalities=tuple(dict.fromkeys(map(nationality, _split(self.get("nationality"))))),
            gender=self.gender(),
            documents=self.documents(),
            positions=tuple(_split(self.get("position"))),
            remarks=self.get("reason"),
        )


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListError(
            f"invalid UTF-8 byte {data[exc.start : exc.start + 1]!r}; expected a UTF-8 CSV file",
            path=str(path),
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from exc


def _header(path: Path, header: list[str]) -> list[str]:
    columns = [h.strip().casefold() for h in header]
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    for column in columns:
        if column not in known:
            raise ListError(
                f"unknown column {column!r}; expected some of {', '.join(known)}",
                path=str(path),
                line=1,
                field=column,
            )
        if columns.count(column) > 1:
            raise ListError("column appears twice", path=str(path), line=1, field=column)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise ListError("required column missing", path=str(path), line=1, field=column)
    return columns


def read_domestic(path: Path) -> ListSnapshot:
    """Every entry of a domestic-list CSV (see the module docstring for the columns).

    Blank lines are skipped. The version is a digest of the file's bytes.
    """
    path = Path(path)
    reader = csv.reader(io.StringIO(_text(path), newline=""), strict=True)
    entries = EntryCollector(path)
    line = 1
    try:
        header = next(reader, None)
        if header is None:
            raise ListError("empty file; expected a header line", path=str(path), line=1)
        columns = _header(path, header)
        line = reader.line_num + 1
        for values in reader:
            if values:
                if len(values) != len(columns):
                    raise ListError(
                        f"row has {len(values)} fields, expected {len(columns)} "
                        f"({', '.join(columns)})",
                        path=str(path),
                        line=line,
                        field=columns[len(values)] if len(values) < len(columns) else None,
                    )
                row = _Row(path, line, dict(zip(columns, values, strict=True)))
                entries.add(row.entry(), line=line, field="entry_id")
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ListError(f"malformed CSV ({exc})", path=str(path), line=line) from exc
    return entries.snapshot(ListSource.DOMESTIC, content_version((path,)))
