"""Reading an XML list file as hostile input.

A list file arrives from outside (a download, a USB stick, an e-mail) and XML lets a file
*declare* things the parser will then do: an entity that expands to a billion copies of
itself ("billion laughs", CWE-776) or an external entity that reads a local file or a URL
into the document (XXE, CWE-611; OWASP XML External Entity Prevention Cheat Sheet). No
published sanctions list needs either, so counterflow refuses both:

- the lxml parser never substitutes entities, never loads a DTD, never touches the network,
  and keeps libxml2's limits on tree depth and text size (``huge_tree=False``);
- a document whose DOCTYPE declares any entity, or points to an external DTD, is rejected
  with a :class:`~counterflow.screening.lists.errors.ListError` naming the file and line;
  entity declarations are refused before libxml2 even reads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from counterflow.screening.lists.errors import ListError

Element = Any
"""An ``lxml.etree._Element`` (lxml ships no type information)."""


def _parser() -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _line_of(data: bytes, marker: bytes) -> int | None:
    at = data.find(marker)
    return None if at < 0 else data.count(b"\n", 0, at) + 1


def _entity_error(path: Path, data: bytes) -> ListError:
    return ListError(
        "the DOCTYPE declares entities (entity expansion and external entities are refused); "
        "expected a list file without a DOCTYPE",
        path=str(path),
        line=_line_of(data, b"<!ENTITY") or _line_of(data, b"<!DOCTYPE"),
    )


def parse_xml(path: Path) -> Element:
    """The root element of the XML file at ``path``, parsed with entities refused.

    Raises :class:`ListError` if the file cannot be read, declares entities or an external
    DTD, or is not well-formed XML (with the line libxml2 reports).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    # A literal "<!ENTITY" can only be a declaration (or sit in a comment or CDATA section,
    # which no list needs): refuse it before libxml2 reads it at all.
    if b"<!ENTITY" in data:
        raise _entity_error(path, data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ListError(
            f"not well-formed XML: {exc.msg}; expected the list's XML format",
            path=str(path),
            line=exc.lineno,
        ) from exc
    # Second line of defence, for encodings the byte test above cannot see (UTF-16).
    info = root.getroottree().docinfo
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entity_error(path, data)
    if info.system_url or info.public_id:
        raise ListError(
            "the DOCTYPE refers to an external DTD (never loaded); expected a list file "
            "without a DOCTYPE",
            path=str(path),
            line=_line_of(data, b"<!DOCTYPE"),
        )
    return root
