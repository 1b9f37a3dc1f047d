"""GraphML 1.0 (http://graphml.graphdrawing.org/) for Gephi, yEd, Cytoscape desktop and
networkx.

Every attribute a node or edge carries becomes a typed ``<key>`` declaration (``string``,
``long``, ``double`` or ``boolean``, the narrowest type that holds every value seen), so a
tool reads amounts as numbers, not text. Edges are directed (``source -> target`` reads as
the edge kind's phrase). A case held by another agency is written with its kind and label
only: its data never leaves the platform.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from xml.etree import ElementTree as ET

from counterflow.model.network import Graph, NodeKind, Scalar

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_RESERVED = ("kind", "label")
# XML 1.0 forbids most control characters even when escaped; a value carrying one (pasted
# from a spreadsheet, say) would make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _type_of(value: Scalar) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _widen(a: str, b: str) -> str:
    if a == b:
        return a
    if {a, b} == {"long", "double"}:
        return "double"
    return "string"


def _format(value: Scalar, typ: str) -> str:
    if typ == "boolean":
        return "true" if value else "false"
    if typ in ("long", "double"):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _text(str(value))


def _declare(rows: Iterable[Mapping[str, Scalar]], reserved: tuple[str, ...]) -> dict[str, str]:
    """Attribute name -> GraphML type over every row (``None`` values say nothing)."""
    types: dict[str, str] = {}
    for row in rows:
        for name, value in row.items():
            if value is None or name in reserved:
                continue
            typ = _type_of(value)
            types[name] = _widen(types[name], typ) if name in types else typ
    return types


def to_graphml(graph: Graph) -> str:
    """The graph as a GraphML 1.0 document (UTF-8 text, XML declaration included)."""
    ET.register_namespace("", GRAPHML_NS)
    q = f"{{{GRAPHML_NS}}}"
    root = ET.Element(f"{q}graphml")

    def data_of(node_kind: NodeKind | None, data: Mapping[str, Scalar]) -> Mapping[str, Scalar]:
        return {} if node_kind is NodeKind.HIDDEN_CASE else data

    node_rows = [data_of(n.kind, n.data) for n in graph.nodes]
    edge_rows = [e.data for e in graph.edges]
    keys: dict[tuple[str, str], str] = {}

    def declare(domain: str, name: str, typ: str) -> None:
        key_id = f"{domain[0]}{len(keys)}"
        keys[(domain, name)] = key_id
        ET.SubElement(
            root,
            f"{q}key",
            {"id": key_id, "for": domain, "attr.name": name, "attr.type": typ},
        )

    node_types = {"kind": "string", "label": "string", **_declare(node_rows, _RESERVED)}
    edge_types = {"kind": "string", **_declare(edge_rows, ("kind",))}
    for name, typ in node_types.items():
        declare("node", name, typ)
    for name, typ in edge_types.items():
        declare("edge", name, typ)

    g = ET.SubElement(root, f"{q}graph", {"id": "counterflow", "edgedefault": "directed"})

    def put(
        parent: ET.Element, domain: str, types: dict[str, str], row: Mapping[str, Scalar]
    ) -> None:
        for name, value in row.items():
            if value is None or (domain, name) not in keys:
                continue
            el = ET.SubElement(parent, f"{q}data", {"key": keys[(domain, name)]})
            el.text = _format(value, types[name])

    for node, row in zip(graph.nodes, node_rows, strict=True):
        el = ET.SubElement(g, f"{q}node", {"id": _text(node.id)})
        put(el, "node", node_types, {"kind": node.kind.value, "label": node.label})
        put(el, "node", node_types, {k: v for k, v in row.items() if k not in _RESERVED})
    for edge in graph.edges:
        el = ET.SubElement(
            g,
            f"{q}edge",
            {"id": _text(edge.id), "source": _text(edge.source), "target": _text(edge.target)},
        )
        put(el, "edge", edge_types, {"kind": edge.kind.value})
        put(el, "edge", edge_types, {k: v for k, v in edge.data.items() if k != "kind"})
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
