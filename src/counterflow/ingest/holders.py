"""Account holders: the know-your-customer (KYC) records banks give the FIU.

A bank knows who holds each account and who may operate it; the FIU asks for those records
when a flow looks wrong (AML/CFT Law 2020, art. 25 lets it require them). They are what ties
an opaque account number to a person, and they carry the red flags FATF-APG (2018) lists for
trafficking: the same phone or address on many unrelated customers, one person signatory on
many workers' accounts.

Canonical layout: a UTF-8 CSV file with this header (any column order, names matched
case-insensitively, extra columns ignored), one row per account:

=============== ======== ==================================================================
column          required value
=============== ======== ==================================================================
account         yes      the account as named in the transaction store (at most 128 chars)
bank            yes      the bank's code as in the transaction store (``B001``)
holder_kind     yes      ``person`` or ``company``
name            one of   the holder's name in Latin script, as the bank wrote it
name_khmer      the two  the holder's name in Khmer script
date_of_birth   no       ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (incorporation, companies)
nationality     no       ISO 3166-1 alpha-3 (``KHM``); country of registration, companies
id_document     no       national ID, passport or registration number, as written
phone           no       8 to 15 digits once spaces, dashes and ``+`` are dropped
email           no       an e-mail address
address         no       free text
signatory       no       a person other than the holder who may operate the account
=============== ======== ==================================================================

Blank cells are unknown. Bad input is hostile input: files over :data:`MAX_FILE_BYTES` or
with more than :data:`MAX_HOLDERS` rows are refused before being read in full; every error is
an :class:`~counterflow.model.InputError` naming the file, line (header = 1) and column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from datetime import date
from enum import StrEnum
from pathlib import Path

from counterflow.ingest.atomic import atomic_path
from counterflow.ingest.victim_tables import bad_value, open_csv
from counterflow.model import InputError

MAX_FILE_BYTES = 100 * 1024 * 1024
"""Largest holders file (a national bank's whole customer base is a few hundred MB)."""
MAX_HOLDERS = 500_000
"""Most rows in one file; a larger export is split by bank."""
MAX_TEXT = 300
"""Longest free-text cell (address, signatory, names)."""
MAX_ID = 128
"""Longest identifier cell (account, document, phone, e-mail)."""


class HolderKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"


@dataclass(frozen=True, slots=True)
class HolderRecord:
    """One account and who holds it, as the bank recorded it (blank = unknown = ``""``)."""

    account: str
    bank: str
    holder_kind: HolderKind
    name: str = ""
    name_khmer: str = ""
    date_of_birth: str = ""
    nationality: str = ""
    id_document: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    signatory: str = ""


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(HolderRecord))
REQUIRED: tuple[str, ...] = ("account", "bank", "holder_kind")

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ALPHA3 = re.compile(r"[A-Z]{3}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _check_date(text: str) -> bool:
    m = _PARTIAL_DATE.fullmatch(text)
    if m is None or not 1900 <= int(m[1]) <= 2100:
        return False
    if m[2] is not None and not 1 <= int(m[2]) <= 12:
        return False
    if m[3] is not None:
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return False
    return True


def _check(path: str, line: int, cells: dict[str, str]) -> HolderRecord:
    def bad(column: str, expected: str) -> InputError:
        return bad_value(path, line, column, cells[column], expected)

    for column in REQUIRED:
        if not cells[column]:
            raise InputError(
                f"{column} is blank; expected a value", path=path, line=line, field=column
            )
    kind = cells["holder_kind"].lower()
    if kind not in HolderKind.__members__.values():
        raise bad("holder_kind", "person or company")
    if not cells["name"] and not cells["name_khmer"]:
        raise InputError(
            "no name; expected the holder's name in name or name_khmer",
            path=path,
            line=line,
            field="name",
        )
    for column in ("account", "bank", "id_document", "phone", "email"):
        if len(cells[column]) > MAX_ID:
            raise bad(column, f"at most {MAX_ID} characters")
    for column in ("name", "name_khmer", "address", "signatory"):
        if len(cells[column]) > MAX_TEXT:
            raise bad(column, f"at most {MAX_TEXT} characters")
    if cells["date_of_birth"] and not _check_date(cells["date_of_birth"]):
        raise bad("date_of_birth", "YYYY, YYYY-MM or YYYY-MM-DD (a real date), or blank")
    nationality = cells["nationality"].upper()
    if nationality and not _ALPHA3.fullmatch(nationality):
        raise bad("nationality", "an ISO 3166-1 alpha-3 code such as KHM, or blank")
    if cells["phone"] and not 8 <= len(re.sub(r"\D", "", cells["phone"])) <= 15:
        raise bad("phone", "a phone number of 8 to 15 digits, or blank")
    if cells["email"] and not _EMAIL.fullmatch(cells["email"]):
        raise bad("email", "an e-mail address, or blank")
    return HolderRecord(
        account=cells["account"],
        bank=cells["bank"],
        holder_kind=HolderKind(kind),
        name=cells["name"],
        name_khmer=cells["name_khmer"],
        date_of_birth=cells["date_of_birth"],
        nationality=nationality,
        id_document=cells["id_document"],
        phone=cells["phone"],
        email=cells["email"],
        address=cells["address"],
        signatory=cells["signatory"],
    )


def _cell(row: tuple[object, ...], index: int | None) -> str:
    value = row[index] if index is not None else None
    return " ".join(value.split()) if isinstance(value, str) else ""


def read_holders(path: Path | str) -> list[HolderRecord]:
    """Every row of a holders CSV file (module docstring), in file order.

    Raises :class:`~counterflow.model.InputError` on the first bad cell, a missing required
    column, an account listed twice for the same bank, or a file over the limits; nothing is
    returned then.
    """
    path = Path(path)
    if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(
            f"{path.stat().st_size:,} bytes; expected at most {MAX_FILE_BYTES:,}", path=str(path)
        )
    records: list[HolderRecord] = []
    seen: dict[tuple[str, str], int] = {}
    with open_csv(path) as table:
        at = table.columns(COLUMNS, required=(*REQUIRED, "name"))
        for line, row in table.rows:
            if len(records) >= MAX_HOLDERS:
                raise InputError(
                    f"more than {MAX_HOLDERS:,} rows; expected a file split by bank",
                    path=table.path,
                    line=line,
                )
            cells = {name: _cell(row, at.get(name)) for name in COLUMNS}
            record = _check(table.path, line, cells)
            key = (record.bank, record.account)
            if key in seen:
                raise InputError(
                    f"account {record.account!r} of bank {record.bank!r} is already on line "
                    f"{seen[key]}; expected one row per account",
                    path=table.path,
                    line=line,
                    field="account",
                )
            seen[key] = line
            records.append(record)
    return records


def write_holders(records: Iterable[HolderRecord], path: Path | str) -> int:
    """Write ``records`` as a canonical holders CSV file, atomically; returns the row count."""
    count = 0
    with atomic_path(Path(path)) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow(astuple(record))
            count += 1
    return count
