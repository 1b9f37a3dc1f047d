"""OFAC's Specially Designated Nationals list, legacy CSV release.

The US Treasury's Office of Foreign Assets Control blocks the assets of the persons on its SDN
list (terrorists, narcotics traffickers, proliferators, regime officials ...) and forbids US
persons to deal with them; banks everywhere screen against it because their dollar payments
pass through US correspondents.

The legacy CSV release (OFAC "SDN Data Specification") is three files without header, linked
by the integer ``ent_num``:

- ``sdn.csv``: ``ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
  GRT, Vess_flag, Vess_owner, Remarks``;
- ``alt.csv``: ``ent_num, alt_num, alt_type, alt_name, alt_remarks`` (``aka``, ``fka``, ``nka``);
- ``add.csv``: ``ent_num, Add_num, Address, City/State/Province/Postal Code, Country,
  Add_remarks``.

``-0-`` means null, lines end in CR LF and the files end with a DOS end-of-file byte (0x1A) on
a line of its own. ``SDN_Type`` is ``individual``, ``vessel``, ``aircraft`` or null (an entity).
A ``Program`` of ``SDGT] [IFSR`` lists two programmes. Dates of birth, nationalities,
documents and weak aliases live in ``Remarks`` (see
:mod:`counterflow.screening.lists.ofac_remarks`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
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
from counterflow.screening.lists.errors import ListError
from counterflow.screening.lists.ofac_remarks import individual_name, parse_remarks
from counterflow.screening.lists.snapshot import EntryCollector, ListSnapshot, content_version

SDN_COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
ADD_COLUMNS = (
    "ent_num",
    "Add_num",
    "Address",
    "City/State/Province/Postal Code",
    "Country",
    "Add_remarks",
)

_KINDS = {
    "individual": EntityKind.PERSON,
    "vessel": EntityKind.VESSEL,
    "aircraft": EntityKind.AIRCRAFT,
    None: EntityKind.ORGANIZATION,
}
_ALT_TYPES = ("aka", "fka", "nka")
_EOF = "\x1a"
_WEAK_REMARK = re.compile(r"weak|low quality", re.IGNORECASE)

Row = tuple[int, dict[str, str | None]]
"""A data row: its first line (1-based) and its values by column, ``None`` for null."""


def _find(folder: Path, name: str) -> Path:
    """``folder/name``, matched without regard to case (OFAC publishes ``SDN.CSV``)."""
    for candidate in sorted(folder.iterdir()):
        if candidate.name.casefold() == name:
            return candidate
    raise ListError(
        f"{name} not found beside sdn.csv; expected the three files sdn.csv, alt.csv, add.csv",
        path=str(folder),
    )


def ofac_files(path: Path) -> tuple[Path, Path, Path]:
    """``sdn.csv``, ``alt.csv`` and ``add.csv`` from a folder or the path of ``sdn.csv``."""
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        raise ListError("no such folder; expected the folder holding sdn.csv", path=str(path))
    sdn = _find(folder, "sdn.csv") if path.is_dir() else path
    if not sdn.is_file():
        raise ListError("no such file; expected sdn.csv", path=str(path))
    return sdn, _find(folder, "alt.csv"), _find(folder, "add.csv")


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # The specification says ASCII; older releases used Windows-1252 for accents.
        return data.decode("cp1252", errors="replace")


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(_decode(path), newline=""), strict=True)
    line = 1
    try:
        for values in reader:
            if values and values != [_EOF]:
                if len(values) < len(columns):
                    raise ListError(
                        f"row has {len(values)} fields, expected {len(columns)} "
                        f"({', '.join(columns)}); the row looks truncated",
                        path=str(path),
                        line=line,
                        field=columns[len(values)],
                    )
                if len(values) > len(columns):
                    raise ListError(
                        f"row has {len(values)} fields, expected {len(columns)}",
                        path=str(path),
                        line=line,
                    )
                yield (
                    line,
                    {
                        c: None if v.strip() == "-0-" else v.strip()
                        for c, v in zip(columns, values, strict=True)
                    },
                )
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ListError(f"malformed CSV ({exc})", path=str(path), line=line) from exc


def _ent_num(path: Path, line: int, values: dict[str, str | None]) -> int:
    raw = values["ent_num"] or ""
    if not raw.isdigit():
        raise ListError(
            f"bad ent_num {raw!r}; expected a whole number",
            path=str(path),
            line=line,
            field="ent_num",
        )
    return int(raw)


class _Linked:
    """Aliases and addresses of ``alt.csv`` and ``add.csv``, grouped by ``ent_num``."""

    def __init__(self, alt: Path, add: Path) -> None:
        self.aliases: dict[int, list[tuple[str, str, bool]]] = defaultdict(list)
        self.addresses: dict[int, list[str]] = defaultdict(list)
        self.lines: dict[tuple[Path, int], int] = {}
        for line, v in _rows(alt, ALT_COLUMNS):
            ent = _ent_num(alt, line, v)
            alt_type, name = (v["alt_type"] or "").casefold(), v["alt_name"]
            if alt_type not in _ALT_TYPES:
                raise ListError(
                    f"unknown alt_type {v['alt_type']!r}; expected aka, fka or nka",
                    path=str(alt),
                    line=line,
                    field="alt_type",
                )
            if not name:
                raise ListError("alias without a name", path=str(alt), line=line, field="alt_name")
            weak = bool(_WEAK_REMARK.search(v["alt_remarks"] or ""))
            self.aliases[ent].append((alt_type, name, weak))
            self.lines.setdefault((alt, ent), line)
        for line, v in _rows(add, ADD_COLUMNS):
            ent = _ent_num(add, line, v)
            parts = (v["Address"], v["City/State/Province/Postal Code"], v["Country"])
            if text := ", ".join(p for p in parts if p):
                self.addresses[ent].append(text)
            self.lines.setdefault((add, ent), line)

    def orphans(self, known: set[int]) -> None:
        """Refuse aliases or addresses of an ``ent_num`` that ``sdn.csv`` does not have."""
        for (path, ent), line in self.lines.items():
            if ent not in known:
                raise ListError(
                    f"ent_num {ent} is not in sdn.csv; expected files of the same release",
                    path=str(path),
                    line=line,
                    field="ent_num",
                )


def _entry(
    ent: int, v: dict[str, str | None], linked: _Linked, path: Path, line: int
) -> WatchlistEntry:
    sdn_type = (v["SDN_Type"] or "").casefold() or None
    if sdn_type not in _KINDS:
        raise ListError(
            f"unknown SDN_Type {v['SDN_Type']!r}; expected individual, vessel, aircraft or -0-",
            path=str(path),
            line=line,
            field="SDN_Type",
        )
    kind = _KINDS[sdn_type]
    person = kind is EntityKind.PERSON
    name = v["SDN_Name"]
    if not name:
        raise ListError("entry without a name", path=str(path), line=line, field="SDN_Name")
    remarks = parse_remarks(v["Remarks"] or "", reorder_alias=person)
    names = [EntryName(individual_name(name) if person else name)]
    for alt_type, alias, weak in linked.aliases.get(ent, ()):
        strength = NameStrength.WEAK if weak else NameStrength.STRONG
        names.append(EntryName(individual_name(alias) if person else alias, strength, alt_type))
    names.extend(remarks.weak_aliases)
    documents = list(remarks.documents)
    if v["Call_Sign"]:
        documents.append(IdentityDocument("call sign", v["Call_Sign"]))
    nationalities = list(remarks.nationalities)
    if v["Vess_flag"] and v["Vess_flag"].casefold() != "none identified":
        # A ship has the nationality of the State whose flag it flies (UNCLOS art. 91).
        nationalities.append(nationality(v["Vess_flag"]))
    extra = {
        "place_of_birth": "; ".join(remarks.places_of_birth),
        "linked_to": "; ".join(remarks.linked_to),
        "email": "; ".join(remarks.emails),
        "website": "; ".join(remarks.websites),
        "vessel_type": v["Vess_type"] or "",
        "vessel_owner": v["Vess_owner"] or "",
        "tonnage": v["Tonnage"] or "",
        "grt": v["GRT"] or "",
    }
    return WatchlistEntry(
        entry_id=f"ofac:{ent}",
        source=ListSource.OFAC,
        kind=kind,
        names=tuple(dict.fromkeys(names)),
        dates_of_birth=tuple(dict.fromkeys(remarks.dates_of_birth)),
        nationalities=tuple(dict.fromkeys(nationalities)),
        gender=remarks.gender,
        documents=tuple(dict.fromkeys(documents)),
        programmes=tuple(p.strip() for p in (v["Program"] or "").split("] [") if p.strip()),
        positions=(v["Title"],) if v["Title"] else (),
        remarks=v["Remarks"] or "",
        addresses=tuple(dict.fromkeys(linked.addresses.get(ent, ()))),
        extra={k: x for k, x in extra.items() if x},
    )


def read_ofac(path: Path) -> ListSnapshot:
    """Every SDN entry with its aliases and addresses, from a folder or ``sdn.csv``'s path.

    ``alt.csv`` and ``add.csv`` must sit beside ``sdn.csv`` (any letter case): an SDN list
    read without its aliases would miss most of the names OFAC publishes. The legacy files
    carry no publication date, so the version is a digest of the three files
    (:func:`~counterflow.screening.lists.snapshot.content_version`).
    """
    sdn, alt, add = ofac_files(Path(path))
    linked = _Linked(alt, add)
    entries = EntryCollector(sdn)
    known: set[int] = set()
    for line, values in _rows(sdn, SDN_COLUMNS):
        ent = _ent_num(sdn, line, values)
        known.add(ent)
        entries.add(_entry(ent, values, linked, sdn, line), line=line, field="ent_num")
    linked.orphans(known)
    return entries.snapshot(ListSource.OFAC, content_version((sdn, alt, add)))
