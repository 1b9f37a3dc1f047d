"""FollowTheMoney (FtM) entities as JSON lines: the format of Aleph and OpenSanctions.

Each line is one entity ``{"id", "schema", "properties": {name: [values]}}`` (see
https://followthemoney.tech/explorer/). The network maps onto the model like this:

========================  =====================================================
network                    FtM
========================  =====================================================
person / company           ``Person`` / ``Company``; phones, e-mails, identity
                           documents and addresses the graph links to them become
                           ``phone``, ``email``, ``idNumber``, ``address`` (and an
                           ``Address`` entity through ``addressEntity``)
account                    ``BankAccount`` (``accountNumber``, ``bankName``)
holds                      ``Ownership`` (owner -> asset)
signatory                  ``UnknownLink`` (person -> account, role "signatory")
flow                       ``Payment`` (payer, beneficiary, their accounts, amount in
                           USD, first and last date); when the graph shows no holder
                           of an account, a ``LegalEntity`` "Holder of account ..."
                           stands in, since FtM requires a payer and a beneficiary
case                       ``Project``; persons in it ``ProjectParticipant``,
                           accounts in it ``UnknownLink`` (role "in case")
case of another agency     ``Project`` named with its label (agency and contact)
                           only: its content is never exported
alert                      ``Note`` naming the accounts it flags
same_as                    ``UnknownLink`` (role "possible duplicate" or the decision)
========================  =====================================================

Ids are stable and namespaced (``cf-<kind>-<key>``; keys that are not plain letters,
digits, dots and dashes are hashed), so exporting the same graph twice gives the same
ids and an importer merges rather than duplicates. The standard library only: the
``followthemoney`` package is used by the tests to check every line.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import datetime

from counterflow.model.network import Edge, EdgeKind, Graph, Node, NodeKind, Scalar

NAMESPACE = "cf"
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,63}")
_SCHEMA: dict[NodeKind, str] = {
    NodeKind.PERSON: "Person",
    NodeKind.COMPANY: "Company",
    NodeKind.ACCOUNT: "BankAccount",
    NodeKind.ADDRESS: "Address",
    NodeKind.CASE: "Project",
    NodeKind.HIDDEN_CASE: "Project",
    NodeKind.ALERT: "Note",
}
_HOLDERS = (NodeKind.PERSON, NodeKind.COMPANY)
_HAS_PROPERTY: dict[NodeKind, str] = {
    NodeKind.PHONE: "phone",
    NodeKind.EMAIL: "email",
    NodeKind.ID_DOCUMENT: "idNumber",
    NodeKind.ADDRESS: "address",
}
# Node data copied onto the entity, by kind: data key -> FtM property.
_DATA: dict[NodeKind, dict[str, str]] = {
    NodeKind.PERSON: {
        "name_khmer": "alias",
        "alias": "alias",
        "date_of_birth": "birthDate",
        "gender": "gender",
    },
    NodeKind.COMPANY: {"registration": "registrationNumber"},
    NodeKind.ACCOUNT: {"bank": "bankName", "currency": "currency"},
    NodeKind.ALERT: {"typology": "summary", "explanation": "description"},
    NodeKind.CASE: {"summary": "summary"},
}
_GENDERS = frozenset({"female", "male", "other"})


def entity_id(kind: str, key: str) -> str:
    """The FtM id of a network entity or relation: ``cf-<kind>-<key>``."""
    slug = key if _PLAIN.fullmatch(key) else hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]  # noqa: S324 - an id, not a secret
    return f"{NAMESPACE}-{kind.replace('_', '-')}-{slug}"


def _node_eid(node: Node) -> str:
    _, _, key = node.id.partition(":")
    return entity_id(node.kind.value, key or node.id)


def _edge_eid(kind: str, edge: Edge) -> str:
    return entity_id(kind, hashlib.sha1(edge.id.encode("utf-8")).hexdigest()[:20])  # noqa: S324


def _date(value: Scalar) -> str | None:
    """An FtM date (``YYYY-MM-DDTHH:MM:SS``, no zone: FtM dates are UTC) or ``None``."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None, microsecond=0).isoformat()


def _number(value: Scalar) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return f"{value:.2f}"


class _Entities:
    """Entities under construction, by id, in the order first seen."""

    def __init__(self) -> None:
        self.schema: dict[str, str] = {}
        self.props: dict[str, dict[str, list[str]]] = {}

    def add(self, eid: str, schema: str, **props: str | list[str] | None) -> str:
        if eid not in self.schema:
            self.schema[eid] = schema
            self.props[eid] = {}
        for name, value in props.items():
            self.put(eid, name, value)
        return eid

    def put(self, eid: str, name: str, value: str | list[str] | None) -> None:
        for v in [value] if isinstance(value, str) or value is None else value:
            if v is None or not str(v).strip():
                continue
            values = self.props[eid].setdefault(name, [])
            if v not in values:
                values.append(v)

    def lines(self) -> Iterator[str]:
        for eid, schema in self.schema.items():
            body = {"id": eid, "schema": schema, "properties": self.props[eid]}
            yield json.dumps(body, ensure_ascii=False, sort_keys=True)


def _copy_data(out: _Entities, eid: str, node: Node) -> None:
    for key, prop in _DATA.get(node.kind, {}).items():
        value = node.data.get(key)
        if value is None or isinstance(value, bool):
            continue
        text = str(value)
        if prop == "birthDate":
            text = text[:10]
        if prop == "gender" and text not in _GENDERS:
            continue
        out.put(eid, prop, text)


def to_ftm_lines(graph: Graph) -> Iterator[str]:
    """The graph as FtM entities, one JSON object per line (no trailing newline)."""
    out = _Entities()
    nodes = {n.id: n for n in graph.nodes}
    eids: dict[str, str] = {}
    for node in graph.nodes:
        schema = _SCHEMA.get(node.kind)
        if schema is None:
            continue  # phones, e-mails, documents: properties of their holder
        eid = eids[node.id] = _node_eid(node)
        label = node.label or node.id
        if node.kind is NodeKind.HIDDEN_CASE:
            out.add(eid, schema, name=label)  # the label (agency, contact) and nothing else
            continue
        if node.kind is NodeKind.ACCOUNT:
            _, _, number = node.id.partition(":")
            out.add(eid, schema, name=label, accountNumber=number or label)
        elif node.kind is NodeKind.ADDRESS:
            out.add(eid, schema, full=label)
        elif node.kind is NodeKind.ALERT:
            out.add(eid, schema, name=label)
        else:
            out.add(eid, schema, name=label)
        _copy_data(out, eid, node)

    holders: dict[str, list[str]] = defaultdict(list)  # account node id -> holder entity ids
    for edge in graph.edges:
        if edge.kind is EdgeKind.HOLDS and edge.source in eids and edge.target in eids:
            holders[edge.target].append(eids[edge.source])

    for edge in graph.edges:
        src, dst = nodes[edge.source], nodes[edge.target]
        _relation(out, edge, src, dst, eids, holders)
    yield from out.lines()


def _relation(
    out: _Entities,
    edge: Edge,
    src: Node,
    dst: Node,
    eids: Mapping[str, str],
    holders: Mapping[str, list[str]],
) -> None:
    s, t = eids.get(src.id), eids.get(dst.id)
    kind = edge.kind
    if kind is EdgeKind.HAS and s and src.kind in _HOLDERS and dst.kind in _HAS_PROPERTY:
        out.put(s, _HAS_PROPERTY[dst.kind], dst.label)
        if t and dst.kind is NodeKind.ADDRESS:
            out.put(s, "addressEntity", t)
    elif not (s and t):
        return  # a relation to something exported as a property (or not at all)
    elif kind is EdgeKind.HOLDS and src.kind in _HOLDERS and dst.kind is NodeKind.ACCOUNT:
        out.add(_edge_eid("ownership", edge), "Ownership", owner=s, asset=t, role="account holder")
    elif kind is EdgeKind.SIGNATORY:
        out.add(_edge_eid("link", edge), "UnknownLink", subject=s, object=t, role="signatory")
    elif kind is EdgeKind.FLOW and src.kind is dst.kind is NodeKind.ACCOUNT:
        _payment(out, edge, src, dst, s, t, holders)
    elif kind is EdgeKind.FLAGGED and src.kind is NodeKind.ALERT:
        out.put(s, "entity", t)
    elif kind is EdgeKind.IN_CASE and dst.kind in (NodeKind.CASE, NodeKind.HIDDEN_CASE):
        if src.kind in _HOLDERS:
            out.add(
                _edge_eid("participant", edge),
                "ProjectParticipant",
                project=t,
                participant=s,
                role=str(edge.data.get("role") or "in case"),
            )
        else:
            out.add(_edge_eid("link", edge), "UnknownLink", subject=s, object=t, role="in case")
    elif kind is EdgeKind.SAME_AS:
        decision = edge.data.get("decision")
        role = f"duplicate: {decision}" if decision else "possible duplicate"
        weight = edge.data.get("weight")
        out.add(
            _edge_eid("link", edge),
            "UnknownLink",
            subject=s,
            object=t,
            role=role,
            description=f"match weight {weight}" if weight is not None else None,
        )


def _holder(out: _Entities, account: Node, holders: Mapping[str, list[str]]) -> list[str]:
    known = holders.get(account.id)
    if known:
        return known
    _, _, number = account.id.partition(":")
    eid = entity_id("holder", number or account.id)
    return [out.add(eid, "LegalEntity", name=f"Holder of account {account.label}")]


def _payment(
    out: _Entities,
    edge: Edge,
    src: Node,
    dst: Node,
    s: str,
    t: str,
    holders: Mapping[str, list[str]],
) -> None:
    amount = _number(edge.data.get("amount_usd"))
    count = edge.data.get("count")
    out.add(
        _edge_eid("payment", edge),
        "Payment",
        payer=_holder(out, src, holders),
        payerAccount=s,
        beneficiary=_holder(out, dst, holders),
        beneficiaryAccount=t,
        amount=amount,
        amountUsd=amount,
        currency="USD",
        startDate=_date(edge.data.get("first_ts")),
        endDate=_date(edge.data.get("last_ts")),
        date=_date(edge.data.get("first_ts")),
        summary=f"{count} transfers" if isinstance(count, int) and count > 1 else None,
    )
