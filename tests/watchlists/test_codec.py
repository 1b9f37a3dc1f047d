"""Entries and hits survive the trip to JSON and back exactly; the encoding is canonical."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterflow.model.screening import Evidence, ScreeningHit, ScreeningQuery, TokenMatch
from counterflow.model.watchlist import (
    EntityKind,
    EntryName,
    IdentityDocument,
    ListSource,
    NameStrength,
    WatchlistEntry,
)
from counterflow.watchlists import CodecError, codec

text = st.text(max_size=12)
texts = st.lists(text, max_size=3).map(tuple)
maybe = st.none() | text
unit = st.floats(min_value=-1, max_value=1, allow_nan=False)

entries = st.builds(
    WatchlistEntry,
    entry_id=text,
    source=st.sampled_from(ListSource),
    kind=st.sampled_from(EntityKind),
    names=st.lists(
        st.builds(EntryName, text=text, strength=st.sampled_from(NameStrength), kind=text),
        max_size=3,
    ).map(tuple),
    dates_of_birth=texts,
    nationalities=texts,
    gender=maybe,
    documents=st.lists(
        st.builds(IdentityDocument, kind=text, number=text, country=maybe), max_size=2
    ).map(tuple),
    programmes=texts,
    positions=texts,
    remarks=text,
    addresses=texts,
    extra=st.dictionaries(text, text, max_size=3),
)
queries = st.builds(
    ScreeningQuery,
    name=text,
    date_of_birth=maybe,
    country=maybe,
    gender=maybe,
    id_number=maybe,
    ref=maybe,
)
hits = st.builds(
    ScreeningHit,
    query=queries,
    entry_id=text,
    source=text,
    list_version=text,
    score=unit,
    matched_name=text,
    name_score=unit,
    tokens=st.lists(st.builds(TokenMatch, text, text, text, unit), max_size=3).map(tuple),
    evidence=st.lists(st.builds(Evidence, text, unit, text), max_size=3).map(tuple),
    titles=texts,
)


@settings(max_examples=200)
@given(entries)
def test_entries_round_trip_exactly(entry: WatchlistEntry) -> None:
    back = codec.entry_from_json(codec.entry_to_json(entry))
    assert back == entry
    assert back.extra == entry.extra  # not part of dataclass equality
    assert codec.entry_to_json(back) == codec.entry_to_json(entry)


@settings(max_examples=200)
@given(hits)
def test_hits_round_trip_exactly(hit: ScreeningHit) -> None:
    back = codec.hit_from_json(codec.hit_to_json(hit))
    assert back == hit
    assert back.explanation() == hit.explanation()


def khmer_entry(**changes: object) -> WatchlistEntry:
    base = {
        "entry_id": "domestic:7",
        "source": ListSource.DOMESTIC,
        "kind": EntityKind.PERSON,
        "names": (EntryName("សុខ ចាន់"), EntryName("Sok Chan", NameStrength.STRONG, "aka")),
        "dates_of_birth": ("1980",),
        "extra": {"b": "2", "a": "1"},
    }
    return WatchlistEntry(**(base | changes))  # type: ignore[arg-type]


def test_encoding_is_canonical_and_keeps_scripts() -> None:
    payload = codec.entry_to_json(khmer_entry())
    assert "សុខ ចាន់" in payload  # not \\u escapes
    assert " " not in payload.replace("សុខ ចាន់", "").replace("Sok Chan", "")
    keys = list(json.loads(payload))
    assert keys == sorted(keys)
    reordered = khmer_entry(extra={"a": "1", "b": "2"})
    assert codec.entry_to_json(reordered) == payload


def test_digest_tells_a_changed_entry() -> None:
    same = codec.digest(codec.entry_to_json(khmer_entry()))
    assert same == codec.digest(codec.entry_to_json(khmer_entry()))
    assert len(same) == 64
    for change in ({"dates_of_birth": ("1981",)}, {"extra": {"a": "1"}}, {"remarks": "x"}):
        assert codec.digest(codec.entry_to_json(khmer_entry(**change))) != same


def test_optional_fields_missing_from_old_payloads_take_defaults() -> None:
    minimal = '{"entry_id":"un:1","source":"un","kind":"person","names":[{"text":"A B"}]}'
    entry = codec.entry_from_json(minimal)
    assert entry.names == (EntryName("A B", NameStrength.PRIMARY, "name"),)
    assert entry.dates_of_birth == ()
    assert entry.extra == {}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("[1]", "expected a JSON object"),
        ("{nope", "not JSON"),
        ('{"source":"un","kind":"person"}', "entry.entry_id: missing"),
        ('{"entry_id":"x","source":"nowhere","kind":"person"}', "entry.source: expected one of"),
        (
            '{"entry_id":"x","source":"un","kind":"person","names":[{"text":3}]}',
            r"entry.names\[0\].text: expected a string",
        ),
        ('{"entry_id":"x","source":"un","kind":"person","extra":{"a":1}}', "entry.extra"),
    ],
)
def test_bad_entry_payloads_name_the_field(payload: str, message: str) -> None:
    with pytest.raises(CodecError, match=message):
        codec.entry_from_json(payload)


def test_bad_hit_payload_names_the_field() -> None:
    good = codec.hit_to_dict(ScreeningHit(ScreeningQuery("A"), "un:1", "un", "v1", 0.9, "A", 0.9))
    with pytest.raises(CodecError, match=r"hit\.score: expected a number"):
        codec.hit_from_dict(good | {"score": "high"})
    with pytest.raises(CodecError, match=r"hit\.query\.name: missing"):
        codec.hit_from_dict(good | {"query": {}})


def test_nan_scores_are_refused() -> None:
    nan_hit = ScreeningHit(ScreeningQuery("A"), "un:1", "un", "v1", float("nan"), "A", 0.5)
    with pytest.raises(ValueError, match="not JSON compliant"):
        codec.hit_to_json(nan_hit)


def test_subject_key_by_ref_or_by_normalised_identity() -> None:
    key = codec.subject_key
    assert key(ScreeningQuery("Ali  Hassan", "1970", "kh")) == key(
        ScreeningQuery("ali hassan", "1970", "KH")
    )
    assert key(ScreeningQuery("Ali Hassan", "1970")) != key(ScreeningQuery("Ali Hassan", "1971"))
    assert key(ScreeningQuery("Ali Hassan", ref="case:1/subject:2")) == key(
        ScreeningQuery("A. Hassan", "1970", ref="case:1/subject:2")
    )
    assert key(ScreeningQuery("Ali Hassan", ref="r1")) != key(ScreeningQuery("Ali Hassan"))
