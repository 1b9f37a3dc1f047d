"""The graph exporters: GraphML read back with the standard library's XML parser, and
every FollowTheMoney line checked against the FtM model (schema, property names, values,
required properties, references)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from followthemoney import model
from followthemoney.types import registry

from counterflow.links.export import entity_id, to_ftm_lines, to_graphml
from counterflow.model.network import Edge, EdgeKind, Graph, Node, NodeKind, graph_of

G = "{http://graphml.graphdrawing.org/xmlns}"


def _graph() -> Graph:
    nodes = [
        Node(
            "person:1",
            NodeKind.PERSON,
            "SOK Dara <b>&",
            {"name_khmer": "សុខ ដារា", "date_of_birth": "1990-04-01", "gender": "male"},
        ),
        Node("person:2", NodeKind.PERSON, "Chan Bopha", {"gender": "unknown"}),
        Node("company:9", NodeKind.COMPANY, "Golden KTV Co."),
        Node("account:KH-001", NodeKind.ACCOUNT, "KH-001", {"bank": "ABA", "hops": 0}),
        Node("account:ACC 7/2", NodeKind.ACCOUNT, "ACC 7/2", {"bank": "Wing"}),
        Node("account:X3", NodeKind.ACCOUNT, "X3", {"score": 1.5, "watched": True}),
        Node("phone:+85512345678", NodeKind.PHONE, "+85512345678"),
        Node("email:dara@example.org", NodeKind.EMAIL, "dara@example.org"),
        Node("id_document:N0123", NodeKind.ID_DOCUMENT, "N0123"),
        Node("address:5", NodeKind.ADDRESS, "Street 271, Phnom Penh"),
        Node(
            "case:7",
            NodeKind.CASE,
            "NP-2024-0007 Karaoke bar",
            {"reference": "NP-2024-0007", "summary": "bar"},
        ),
        Node(
            "hidden_case:8",
            NodeKind.HIDDEN_CASE,
            "Case held by GMP — contact GMP duty officer",
            {"reference": "GMP-SECRET-1", "title": "secret title", "agency": "GMP"},
        ),
        Node(
            "alert:A-3",
            NodeKind.ALERT,
            "structuring 0.93",
            {"typology": "structuring", "explanation": "14 deposits below USD 10,000"},
        ),
    ]
    edges = [
        Edge("e1", "person:1", "account:KH-001", EdgeKind.HOLDS),
        Edge("e2", "company:9", "account:X3", EdgeKind.HOLDS),
        Edge("e3", "person:2", "account:X3", EdgeKind.SIGNATORY),
        Edge(
            "flow:KH-001>ACC 7/2",
            "account:KH-001",
            "account:ACC 7/2",
            EdgeKind.FLOW,
            {
                "amount_usd": 12500.5,
                "count": 3,
                "first_ts": "2024-03-01T10:00:00+00:00",
                "last_ts": "2024-03-04T18:30:00Z",
            },
        ),
        Edge(
            "flow:X3>KH-001",
            "account:X3",
            "account:KH-001",
            EdgeKind.FLOW,
            {"amount_usd": 40, "count": 1, "first_ts": "2024-03-02T00:00:00+00:00"},
        ),
        Edge("e4", "person:1", "phone:+85512345678", EdgeKind.HAS),
        Edge("e5", "person:1", "email:dara@example.org", EdgeKind.HAS),
        Edge("e6", "person:1", "id_document:N0123", EdgeKind.HAS),
        Edge("e7", "person:1", "address:5", EdgeKind.HAS),
        Edge("e8", "person:1", "case:7", EdgeKind.IN_CASE, {"role": "suspect"}),
        Edge("e9", "account:KH-001", "case:7", EdgeKind.IN_CASE),
        Edge("e10", "person:2", "hidden_case:8", EdgeKind.IN_CASE),
        Edge("e11", "alert:A-3", "account:KH-001", EdgeKind.FLAGGED),
        Edge("e12", "person:1", "person:2", EdgeKind.SAME_AS, {"weight": 0.81}),
    ]
    return graph_of(nodes, edges)


# --- GraphML ---------------------------------------------------------------------------


def _read_graphml(text: str) -> tuple[dict[str, dict[str, str]], list[dict[str, str]], dict]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{G}graphml"
    keys = {k.get("id"): k.attrib for k in root.findall(f"{G}key")}
    graph = root.find(f"{G}graph")
    assert graph is not None
    assert graph.get("edgedefault") == "directed"

    def values(el: ET.Element) -> dict[str, str]:
        out = {}
        for d in el.findall(f"{G}data"):
            key = keys[d.get("key")]
            out[key["attr.name"]] = d.text or ""
        return out

    nodes = {n.get("id"): values(n) for n in graph.findall(f"{G}node")}
    edges = [
        {"id": e.get("id"), "source": e.get("source"), "target": e.get("target"), **values(e)}
        for e in graph.findall(f"{G}edge")
    ]
    return nodes, edges, keys


def test_graphml_round_trips_nodes_edges_and_attributes() -> None:
    graph = _graph()
    nodes, edges, _keys = _read_graphml(to_graphml(graph))
    assert set(nodes) == {n.id for n in graph.nodes}
    assert {e["id"] for e in edges} == {e.id for e in graph.edges}
    assert nodes["person:1"]["label"] == "SOK Dara <b>&"
    assert nodes["person:1"]["name_khmer"] == "សុខ ដារា"
    assert nodes["account:ACC 7/2"]["kind"] == "account"
    flow = next(e for e in edges if e["id"] == "flow:KH-001>ACC 7/2")
    assert (flow["source"], flow["target"], flow["kind"]) == (
        "account:KH-001",
        "account:ACC 7/2",
        "flow",
    )
    assert float(flow["amount_usd"]) == 12500.5
    assert flow["count"] == "3"


def test_graphml_keys_are_typed() -> None:
    _nodes, _edges, keys = _read_graphml(to_graphml(_graph()))
    by_name = {(k["for"], k["attr.name"]): k["attr.type"] for k in keys.values()}
    # 12500.5 and 40 in one column: the narrowest type holding both is double.
    assert by_name[("edge", "amount_usd")] == "double"
    assert by_name[("edge", "count")] == "long"
    assert by_name[("node", "score")] == "double"
    assert by_name[("node", "watched")] == "boolean"
    assert by_name[("node", "hops")] == "long"
    assert by_name[("node", "label")] == "string"
    assert len({k["id"] for k in keys.values()}) == len(keys)


def test_graphml_never_carries_a_hidden_case_s_data() -> None:
    text = to_graphml(_graph())
    assert "GMP-SECRET-1" not in text
    assert "secret title" not in text
    nodes, _edges, _keys = _read_graphml(text)
    assert nodes["hidden_case:8"] == {
        "kind": "hidden_case",
        "label": "Case held by GMP — contact GMP duty officer",
    }


def test_graphml_drops_characters_xml_cannot_hold() -> None:
    graph = graph_of([Node("person:1", NodeKind.PERSON, "bell\x07 and tab\t")], [])
    nodes, _e, _k = _read_graphml(to_graphml(graph))
    assert nodes["person:1"]["label"] == "bell and tab\t"


def test_graphml_reads_in_networkx_when_available() -> None:
    nx = pytest.importorskip("networkx")
    g = nx.parse_graphml(to_graphml(_graph()))
    assert g.number_of_nodes() == len(_graph().nodes)
    assert g.nodes["account:X3"]["watched"] is True


# --- FollowTheMoney --------------------------------------------------------------------


def _entities() -> list[dict]:
    lines = list(to_ftm_lines(_graph()))
    assert all("\n" not in line for line in lines)
    return [json.loads(line) for line in lines]


def test_every_line_is_a_valid_entity_of_its_schema() -> None:
    entities = _entities()
    ids = {e["id"]: e["schema"] for e in entities}
    assert len(ids) == len(entities), "ids are unique"
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None, data["schema"]
        assert not schema.abstract, data
        assert registry.entity.clean(data["id"]) == data["id"]
        unknown = set(data["properties"]) - set(schema.properties)
        assert not unknown, (data["schema"], unknown)
        for name in schema.required:
            assert data["properties"].get(name), (data, name)
        # Re-validate every value (cleaned=False): nothing may be dropped as invalid.
        proxy = model.get_proxy(data, cleaned=False)
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            assert len(proxy.get(name)) == len(values), (data["schema"], name, values)
            if prop.type == registry.entity:
                for ref in values:
                    assert ref in ids, (name, ref)
                    assert model.get(ids[ref]).is_a(prop.range), (name, ids[ref], prop.range)


def test_mapping_of_the_network_onto_ftm() -> None:
    entities = _entities()
    by_schema: dict[str, list[dict]] = {}
    for e in entities:
        by_schema.setdefault(e["schema"], []).append(e)
    dara = next(e for e in by_schema["Person"] if e["id"] == entity_id("person", "1"))["properties"]
    assert dara["name"] == ["SOK Dara <b>&"]
    assert dara["phone"] == ["+85512345678"]
    assert dara["email"] == ["dara@example.org"]
    assert dara["idNumber"] == ["N0123"]
    assert dara["address"] == ["Street 271, Phnom Penh"]
    assert dara["addressEntity"] == [entity_id("address", "5")]
    assert dara["alias"] == ["សុខ ដារា"]
    assert (
        "gender"
        not in next(e for e in by_schema["Person"] if e["id"] == entity_id("person", "2"))[
            "properties"
        ]
    ), "unknown is not an FtM gender"

    payments = {
        tuple(p["properties"]["payerAccount"]): p["properties"] for p in by_schema["Payment"]
    }
    big = payments[(entity_id("account", "KH-001"),)]
    assert big["amount"] == ["12500.50"]
    assert big["currency"] == ["USD"]
    assert big["payer"] == [entity_id("person", "1")]
    assert big["startDate"] == ["2024-03-01T10:00:00"]
    assert big["endDate"] == ["2024-03-04T18:30:00"]
    # No holder of "ACC 7/2" in the graph: a stand-in legal entity receives.
    (stand_in,) = big["beneficiary"]
    assert next(e for e in entities if e["id"] == stand_in)["schema"] == "LegalEntity"
    small = payments[(entity_id("account", "X3"),)]
    assert small["payer"] == [entity_id("company", "9")]

    ownerships = {
        (o["properties"]["owner"][0], o["properties"]["asset"][0]) for o in by_schema["Ownership"]
    }
    assert (entity_id("person", "1"), entity_id("account", "KH-001")) in ownerships
    roles = {link["properties"]["role"][0] for link in by_schema["UnknownLink"]}
    assert {"signatory", "in case", "possible duplicate"} <= roles
    participants = {
        (p["properties"]["project"][0], p["properties"]["participant"][0]): p["properties"]
        for p in by_schema["ProjectParticipant"]
    }
    assert participants[(entity_id("case", "7"), entity_id("person", "1"))]["role"] == ["suspect"]
    assert (entity_id("hidden-case", "8"), entity_id("person", "2")) in participants
    (note,) = by_schema["Note"]
    assert note["properties"]["entity"] == [entity_id("account", "KH-001")]
    assert note["properties"]["summary"] == ["structuring"]


def test_hidden_case_is_exported_as_its_label_only() -> None:
    text = "\n".join(to_ftm_lines(_graph()))
    assert "GMP-SECRET-1" not in text
    assert "secret title" not in text
    hidden = next(e for e in _entities() if e["id"] == entity_id("hidden-case", "8"))
    assert hidden["properties"] == {"name": ["Case held by GMP — contact GMP duty officer"]}


def test_ids_are_stable_and_namespaced() -> None:
    first = list(to_ftm_lines(_graph()))
    assert first == list(to_ftm_lines(_graph()))
    ids = [json.loads(line)["id"] for line in first]
    assert all(i.startswith("cf-") for i in ids)
    assert entity_id("account", "ACC 7/2") in ids  # hashed: a space is not an id character
    assert entity_id("account", "ACC 7/2") != entity_id("account", "ACC 7/3")


def test_empty_graph_exports_nothing_but_a_valid_document() -> None:
    assert list(to_ftm_lines(Graph())) == []
    nodes, edges, _keys = _read_graphml(to_graphml(Graph()))
    assert (nodes, edges) == ({}, [])
