"""Watch-list entries and screening hits to JSON and back, exactly.

The database keeps each :class:`WatchlistEntry` and :class:`ScreeningHit` whole, as JSON
text, next to the few columns it queries on. The encoding is *canonical* (keys sorted, no
spaces, UTF-8 text kept as is, no NaN), so the same entry always gives the same bytes and
its SHA-256 (:func:`digest`) tells whether a list changed an entry between two versions.

Decoding is the exact inverse: ``entry_from_json(entry_to_json(e))`` equals ``e``,
including the ``extra`` mapping that dataclass equality ignores. Optional fields missing
from older payloads take their defaults; a missing or mistyped required field raises
:class:`CodecError` naming it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from counterflow.model.screening import Evidence, ScreeningHit, ScreeningQuery, TokenMatch
from counterflow.model.watchlist import (
    EntityKind,
    EntryName,
    IdentityDocument,
    ListSource,
    NameStrength,
    WatchlistEntry,
)
from counterflow.watchlists.errors import CodecError


def canonical_json(value: object) -> str:
    """Deterministic JSON: sorted keys, compact, non-ASCII kept, NaN refused."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def digest(text: str) -> str:
    """SHA-256 of ``text`` (UTF-8), as 64 hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- entries ---------------------------------------------------------------------------


def entry_to_dict(entry: WatchlistEntry) -> dict[str, Any]:
    """A :class:`WatchlistEntry` as plain JSON-ready data."""
    return {
        "entry_id": entry.entry_id,
        "source": entry.source.value,
        "kind": entry.kind.value,
        "names": [
            {"text": n.text, "strength": n.strength.value, "kind": n.kind} for n in entry.names
        ],
        "dates_of_birth": list(entry.dates_of_birth),
        "nationalities": list(entry.nationalities),
        "gender": entry.gender,
        "documents": [
            {"kind": d.kind, "number": d.number, "country": d.country} for d in entry.documents
        ],
        "programmes": list(entry.programmes),
        "positions": list(entry.positions),
        "remarks": entry.remarks,
        "addresses": list(entry.addresses),
        "extra": dict(entry.extra),
    }


def entry_from_dict(data: Mapping[str, Any]) -> WatchlistEntry:
    """The inverse of :func:`entry_to_dict`."""
    r = _Reader(data, "entry")
    return WatchlistEntry(
        entry_id=r.text("entry_id"),
        source=r.member("source", ListSource),
        kind=r.member("kind", EntityKind),
        names=tuple(
            EntryName(
                text=n.text("text"),
                strength=n.member("strength", NameStrength, NameStrength.PRIMARY),
                kind=n.text("kind", "name"),
            )
            for n in r.children("names")
        ),
        dates_of_birth=r.texts("dates_of_birth"),
        nationalities=r.texts("nationalities"),
        gender=r.opt_text("gender"),
        documents=tuple(
            IdentityDocument(
                kind=d.text("kind"), number=d.text("number"), country=d.opt_text("country")
            )
            for d in r.children("documents")
        ),
        programmes=r.texts("programmes"),
        positions=r.texts("positions"),
        remarks=r.text("remarks", ""),
        addresses=r.texts("addresses"),
        extra=r.text_map("extra"),
    )


def entry_to_json(entry: WatchlistEntry) -> str:
    """The canonical JSON text of an entry (what ``list_entry.payload`` holds)."""
    return canonical_json(entry_to_dict(entry))


def entry_from_json(text: str) -> WatchlistEntry:
    """The entry a ``list_entry.payload`` holds."""
    return entry_from_dict(_load_object(text, "entry"))


# -- queries and hits ------------------------------------------------------------------


def query_to_dict(query: ScreeningQuery) -> dict[str, Any]:
    """A :class:`ScreeningQuery` as plain JSON-ready data."""
    return {
        "name": query.name,
        "date_of_birth": query.date_of_birth,
        "country": query.country,
        "gender": query.gender,
        "id_number": query.id_number,
        "ref": query.ref,
    }


def query_from_dict(data: Mapping[str, Any]) -> ScreeningQuery:
    """The inverse of :func:`query_to_dict`."""
    return _query(_Reader(data, "query"))


def _query(r: _Reader) -> ScreeningQuery:
    return ScreeningQuery(
        name=r.text("name"),
        date_of_birth=r.opt_text("date_of_birth"),
        country=r.opt_text("country"),
        gender=r.opt_text("gender"),
        id_number=r.opt_text("id_number"),
        ref=r.opt_text("ref"),
    )


def hit_to_dict(hit: ScreeningHit) -> dict[str, Any]:
    """A :class:`ScreeningHit` as plain JSON-ready data."""
    return {
        "query": query_to_dict(hit.query),
        "entry_id": hit.entry_id,
        "source": hit.source,
        "list_version": hit.list_version,
        "score": hit.score,
        "matched_name": hit.matched_name,
        "name_score": hit.name_score,
        "tokens": [
            {"query": t.query, "entry": t.entry, "how": t.how, "similarity": t.similarity}
            for t in hit.tokens
        ],
        "evidence": [
            {"field": e.field, "effect": e.effect, "detail": e.detail} for e in hit.evidence
        ],
        "titles": list(hit.titles),
    }


def hit_from_dict(data: Mapping[str, Any]) -> ScreeningHit:
    """The inverse of :func:`hit_to_dict`."""
    r = _Reader(data, "hit")
    return ScreeningHit(
        query=_query(r.child("query")),
        entry_id=r.text("entry_id"),
        source=r.text("source"),
        list_version=r.text("list_version"),
        score=r.number("score"),
        matched_name=r.text("matched_name"),
        name_score=r.number("name_score"),
        tokens=tuple(
            TokenMatch(
                query=t.text("query"),
                entry=t.text("entry"),
                how=t.text("how"),
                similarity=t.number("similarity"),
            )
            for t in r.children("tokens")
        ),
        evidence=tuple(
            Evidence(field=e.text("field"), effect=e.number("effect"), detail=e.text("detail"))
            for e in r.children("evidence")
        ),
        titles=r.texts("titles"),
    )


def hit_to_json(hit: ScreeningHit) -> str:
    """The canonical JSON text of a hit (what ``stored_hit.payload`` holds)."""
    return canonical_json(hit_to_dict(hit))


def hit_from_json(text: str) -> ScreeningHit:
    """The hit a ``stored_hit.payload`` holds."""
    return hit_from_dict(_load_object(text, "hit"))


# -- subject identity ------------------------------------------------------------------


def subject_key(query: ScreeningQuery) -> str:
    """The identity under which a screened subject is stored and found again.

    A caller's ``ref`` names the subject on its own (``case:42/subject:7``), so it must be
    unique across callers. Without one, the subject is its name (Unicode NFC, case-folded,
    spaces collapsed), date of birth and country: screening "Ali  Hassan" and "ali hassan"
    born 1970 updates one subject, not two.
    """
    if query.ref is not None:
        parts: list[str | None] = ["ref", query.ref]
    else:
        name = " ".join(unicodedata.normalize("NFC", query.name).casefold().split())
        country = query.country.strip().upper() if query.country else None
        dob = query.date_of_birth.strip() if query.date_of_birth else None
        parts = ["identity", name, dob or None, country or None]
    return digest(canonical_json(parts))


# -- typed reading of decoded JSON -----------------------------------------------------


E = TypeVar("E", bound=StrEnum)
_MISSING: Any = object()


def _load_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodecError(f"{what}: not JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise CodecError(f"{what}: expected a JSON object, got {type(value).__name__}")
    return value


class _Reader:
    """Typed access to one decoded JSON object; errors name the path (``hit.tokens[2].how``)."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise CodecError(f"{path}: expected an object, got {type(data).__name__}")
        self.data: Mapping[str, Any] = data
        self.path = path

    def _get(self, key: str, default: Any) -> Any:
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise CodecError(f"{self.path}.{key}: missing")
        return default

    def _fail(self, key: str, expected: str, value: object) -> CodecError:
        return CodecError(f"{self.path}.{key}: expected {expected}, got {value!r}")

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise self._fail(key, "a string", value)
        return value

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, None)
        if value is not None and not isinstance(value, str):
            raise self._fail(key, "a string or null", value)
        return value

    def number(self, key: str) -> float:
        value = self._get(key, _MISSING)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._fail(key, "a number", value)
        return float(value)

    def member(self, key: str, enum: type[E], default: Any = _MISSING) -> E:
        value = self._get(key, default)
        try:
            return enum(value)
        except ValueError:
            raise self._fail(key, f"one of {[m.value for m in enum]}", value) from None

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail(key, "a list of strings", value)
        return tuple(value)

    def text_map(self, key: str) -> dict[str, str]:
        value = self._get(key, {})
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise self._fail(key, "an object of strings", value)
        return dict(value)

    def child(self, key: str) -> _Reader:
        return _Reader(self._get(key, _MISSING), f"{self.path}.{key}")

    def children(self, key: str) -> list[_Reader]:
        value = self._get(key, [])
        if not isinstance(value, list):
            raise self._fail(key, "a list", value)
        return [_Reader(v, f"{self.path}.{key}[{i}]") for i, v in enumerate(value)]
