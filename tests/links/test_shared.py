"""Shared identifiers: the same phone on twenty workers' accounts, one signatory on many."""

from __future__ import annotations

import pytest

from counterflow.cases.identifiers import normalise as case_normalise
from counterflow.links import (
    LinkRecord,
    RecordSource,
    SharedKind,
    normalise,
    record_graph,
    shared_identifiers,
)
from counterflow.model.codes import IdentifierKind
from counterflow.model.network import EdgeKind

H = RecordSource.HOLDER


def _workers() -> list[LinkRecord]:
    workers = [
        LinkRecord(
            f"person:h{i}",
            H,
            name=f"Worker {i}",
            phones=("012 345 678" if i % 2 else "+855 12 345 678",),
            accounts=(f"W{i:02d}",),
            signatories=("CHAN Sophea",) if i < 15 else (),
        )
        for i in range(20)
    ]
    boss = LinkRecord(
        "person:h99", H, name="Chan Sophea", phones=("85512345678",), accounts=("BOSS",)
    )
    other = LinkRecord(
        "person:h98", H, name="Keo Vanna", phones=("097 111 2222",), accounts=("K1",)
    )
    return [*workers, boss, other]


def test_twenty_workers_share_the_controllers_phone() -> None:
    found = shared_identifiers(_workers(), min_records=3)
    top = found[0]
    assert (top.kind, top.value, top.people) == (SharedKind.PHONE, "85512345678", 21)
    assert "BOSS" in top.accounts and len(top.accounts) == 21
    signatory = next(s for s in found if s.kind is SharedKind.SIGNATORY)
    assert signatory.value == "chan sophea" and len(signatory.accounts) == 15
    assert not [s for s in found if s.value.startswith("85597")]


@pytest.mark.parametrize(
    ("kind", "case_kind", "value"),
    [
        (SharedKind.PHONE, IdentifierKind.PHONE, "012 345 678"),
        (SharedKind.PHONE, IdentifierKind.PHONE, "+855 (12) 345-678"),
        (SharedKind.PHONE, IdentifierKind.PHONE, "0066 81 234 5678"),
        (SharedKind.ID_DOCUMENT, IdentifierKind.ID_DOCUMENT, "n 012-3456"),
        (SharedKind.EMAIL, IdentifierKind.EMAIL, " Boss@Example.COM "),
        (SharedKind.ADDRESS, IdentifierKind.ADDRESS, "No. 5,  Street 271 "),
    ],
)
def test_the_rule_is_the_case_slices(
    kind: SharedKind, case_kind: IdentifierKind, value: str
) -> None:
    assert normalise(kind, value) == case_normalise(case_kind, value)


def test_record_graph_links_workers_through_phone_and_signatory() -> None:
    graph = record_graph(_workers())
    phone = graph.node("phone:85512345678")
    assert phone is not None
    assert sum(1 for e in graph.edges if e.kind is EdgeKind.HAS and e.target == phone.id) == 21
    sig = [e for e in graph.edges if e.kind is EdgeKind.SIGNATORY]
    assert len(sig) == 15 and {e.source for e in sig} == {"person:signatory:chan sophea"}
    assert all(e.source in {n.id for n in graph.nodes} for e in graph.edges)
