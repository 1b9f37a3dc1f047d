"""What every exporter shares: the document to render, the format registry's entry type,
the error, and how a cell reads as text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from counterflow.model.errors import CounterflowError
from counterflow.stats.svg import Svg
from counterflow.stats.table import Sheet

Cell = str | int | float | None


class ExportError(CounterflowError):
    """A document could not be rendered in the format asked for (an unknown format, or the
    PDF printer missing or failing); the message says what to do about it."""


@dataclass(frozen=True, slots=True)
class Document:
    """The sheets of one report and the words around them.

    ``charts`` maps a sheet's key to its chart (from :mod:`counterflow.stats.charts`);
    only the page formats (HTML, PDF) draw charts, the data formats carry figures only.
    """

    sheets: tuple[Sheet, ...]
    title: str
    subtitle: str = ""
    lang: str = "en"
    """The language of the words (``en``, ``km``): the HTML ``lang`` attribute, which picks
    the font and line breaking for Khmer."""
    charts: Mapping[str, Svg] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: how to render it and how to offer the file for download."""

    name: str
    media_type: str
    extension: str
    render: Callable[[Document], bytes]


_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def is_number_text(text: str) -> bool:
    """``-54.6`` and ``+12`` are numbers, ``-1+1`` and ``-A1`` are not."""
    return _NUMBER.fullmatch(text) is not None


def display(cell: Cell) -> str:
    """A cell as a reader sees it on a page: counts with thousands separators, shares and
    changes with one decimal, withheld figures as an empty cell."""
    if cell is None:
        return ""
    if isinstance(cell, bool):  # a bool is an int to Python, never a figure here
        return str(cell)
    if isinstance(cell, int):
        return f"{cell:,}"
    if isinstance(cell, float):
        return f"{cell:,.1f}"
    return cell


def is_figure(cell: Cell) -> bool:
    """Whether a cell holds a figure (aligned right) rather than a label."""
    return isinstance(cell, int | float) and not isinstance(cell, bool)
