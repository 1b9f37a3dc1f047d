"""Charts drawn on the server as SVG: no JavaScript, for the PDF and for slow phones.

:func:`svg_bars` and :func:`svg_trend` draw what ``comparison_bars`` and ``trend_line``
(:mod:`counterflow.stats.charts`) specify for the browser, from the same figures
(:mod:`counterflow.stats.chartdata`). Every text is escaped and
stripped of characters XML forbids, so a category named ``<script>`` is shown, never run,
and the markup can be inlined in an HTML page as is. Axes start at zero. The result is an
:class:`Svg`, a marker type that exporters require instead of ``str``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from counterflow.stats.chartdata import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    FONT_STACK,
    Comparison,
    Series,
    as_comparison,
    colours,
    month_axis,
    named_series,
)
from counterflow.stats.sheets import Gettext, Label, default_label, same
from counterflow.stats.table import PublicTable, Table

__all__ = ["Svg", "svg_bars", "svg_trend"]


@dataclass(frozen=True, slots=True)
class Svg:
    """SVG markup drawn by this module, every text in it escaped: safe to inline in HTML.

    A marker type: exporters take ``Svg`` rather than ``str`` so that only rendered charts,
    never arbitrary strings, end up inside a document unescaped.
    """

    markup: str

    def __str__(self) -> str:
        return self.markup


_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    """Text for an SVG document: markup escaped (``<script>`` stays text), and characters
    XML forbids dropped so the document stays well-formed whatever a label contains."""
    return escape(_INVALID_XML.sub("", value), quote=True)


def _width(text: str, size: float = 12) -> float:
    """A rough width in pixels: marks that combine with the letter before them (Khmer vowel
    signs, accents) take no room of their own. Good enough to size margins."""
    return sum(0 if unicodedata.combining(ch) or _is_mark(ch) else size * 0.6 for ch in text)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf")


def _fit(text: str, room: float, size: float = 12) -> str:
    """``text`` cut to ``room`` pixels with an ellipsis, cutting only before a letter so a
    Khmer syllable keeps its vowel signs."""
    if _width(text, size) <= room:
        return text
    cut = ""
    for ch in text:
        if not _is_mark(ch) and _width(cut + ch + "…", size) > room:
            break
        cut += ch
    return cut + "…"


def _ticks(high: float, count: int = 5) -> list[int]:
    """Whole-number ticks from 0 past ``high``, about ``count`` of them, at 1, 2, 2.5 or
    5 times a power of ten (the steps people read without effort)."""
    if high <= 0:
        return [0, 1]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude * 10
    for multiple in (1, 2, 2.5, 5):
        candidate = multiple * magnitude
        if candidate >= raw and candidate == int(candidate):
            step = candidate
            break
    step = max(1, int(step))
    top = math.ceil(high / step) * step
    return list(range(0, top + 1, step))


def _svg(width: float, height: float, title: str, body: list[str]) -> Svg:
    return Svg(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" '
        f'font-family="{_text(FONT_STACK)}" font-size="12" fill="#1a1a1a">'
        f"<title>{_text(title)}</title>" + "".join(body) + "</svg>"
    )


def _legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> tuple[list[str], float]:
    parts: list[str] = []
    for colour, name in items:
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16:.1f}" y="{y + 1:.1f}">{_text(name)}</text>')
        x += 16 + _width(name) + 18
    return parts, x


def svg_bars(
    data: Table | PublicTable | Comparison,
    *,
    width: int = 560,
    compare: tuple[int, int] | None = (0, 1),
    source: str | None = None,
    label: Label = default_label,
    gettext: Gettext = same,
    sort: bool = True,
) -> Svg:
    """:func:`comparison_bars` drawn on the server: grouped bars from zero with their
    figures, and the change in % in a column on the right."""
    c = as_comparison(data, compare=compare, source=source, label=label, gettext=gettext, sort=sort)
    pad, bar, inner, group_gap, change_room = 12.0, 11.0, 2.0, 10.0, 64.0
    label_room = min(200.0, max((_width(b.category) for b in c.bars), default=40.0)) + 8
    value_room = 8 + max(
        (_width(s) for b in c.bars for s in (b.before_shown, b.after_shown)), default=20
    )
    x0 = pad + label_room
    plot = max(60.0, width - x0 - value_room - change_room - pad)
    ticks = _ticks(max((v or 0 for b in c.bars for v in (b.before, b.after)), default=0))
    top = ticks[-1]

    def x(value: float) -> float:
        return x0 + value / top * plot

    body = [
        f'<text x="{pad}" y="{pad + 14}" font-size="15" font-weight="bold">{_text(c.title)}</text>'
    ]
    legend, _ = _legend(pad, pad + 36, ((BEFORE_COLOUR, c.before), (AFTER_COLOUR, c.after)))
    body += legend
    y = pad + 58
    body.append(
        f'<text x="{width - pad:.1f}" y="{y:.1f}" text-anchor="end" font-weight="bold">'
        f"{_text(c.change_title)}</text>"
    )
    y += 8
    plot_top = y
    marks: list[str] = []
    for b in c.bars:
        middle = y + bar + inner / 2
        marks.append(
            f'<text x="{x0 - 6:.1f}" y="{middle + 4:.1f}" text-anchor="end">'
            f"{_text(_fit(b.category, label_room - 8))}</text>"
        )
        for offset, colour, value, shown in (
            (0.0, BEFORE_COLOUR, b.before, b.before_shown),
            (bar + inner, AFTER_COLOUR, b.after, b.after_shown),
        ):
            end = x(value or 0)
            if value:
                marks.append(
                    f'<rect x="{x0:.1f}" y="{y + offset:.1f}" width="{end - x0:.1f}" '
                    f'height="{bar}" fill="{colour}"/>'
                )
            marks.append(
                f'<text x="{end + 3:.1f}" y="{y + offset + bar - 1.5:.1f}" font-size="10.5">'
                f"{_text(shown)}</text>"
            )
        marks.append(
            f'<text x="{width - pad:.1f}" y="{middle + 4:.1f}" text-anchor="end">'
            f"{_text(_percent(b.change))}</text>"
        )
        y += 2 * bar + inner + group_gap
    plot_bottom = y - group_gap + 4
    # The grid goes under the bars: drawn first.
    body += _x_axis(ticks, x, plot_top - 4, plot_bottom) + marks
    body.append(
        f'<text x="{x0 + plot / 2:.1f}" y="{plot_bottom + 32:.1f}" text-anchor="middle">'
        f"{_text(c.measure)}</text>"
    )
    return _svg(width, plot_bottom + 40, f"{c.title}: {c.before}, {c.after}", body)


def _percent(change: float | None) -> str:
    return "–" if change is None else f"{change:+.1f} %"


def _x_axis(
    ticks: Sequence[int], x: Callable[[float], float], top: float, bottom: float
) -> list[str]:
    parts = []
    for tick in ticks:
        at = x(tick)
        colour = "#888" if tick == 0 else "#e3e3e3"
        parts.append(
            f'<line x1="{at:.1f}" y1="{top:.1f}" x2="{at:.1f}" y2="{bottom:.1f}" '
            f'stroke="{colour}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{at:.1f}" y="{bottom + 14:.1f}" text-anchor="middle" font-size="10.5">'
            f"{tick:,}</text>"
        )
    return parts


def svg_trend(
    series: Series | Mapping[str, Series],
    *,
    title: str,
    measure: str = "",
    width: int = 560,
    height: int = 280,
    gettext: Gettext = same,
) -> Svg:
    """:func:`trend_line` drawn on the server: lines from a zero baseline, a dot per
    month (hover shows its figure, no script needed), months labelled as room allows."""
    named = named_series(series)
    months = month_axis(named)
    pad, left, bottom = 12.0, 52.0, 34.0
    top = pad + 28 + (22 if len(named) > 1 else 0) + (16 if measure else 0)
    plot_w, plot_h = width - left - pad, height - top - bottom
    ticks = _ticks(max((n for points in named.values() for _, n in points), default=0))
    high = ticks[-1]
    slots = max(len(months) - 1, 1)

    def px(i: int) -> float:
        return left + (i / slots * plot_w if len(months) > 1 else plot_w / 2)

    def py(value: float) -> float:
        return top + plot_h - value / high * plot_h

    body = [
        f'<text x="{pad}" y="{pad + 14}" font-size="15" font-weight="bold">{_text(title)}</text>'
    ]
    palette = colours(len(named))
    if len(named) > 1:
        legend, _ = _legend(pad, pad + 36, list(zip(palette, named, strict=True)))
        body += legend
    for tick in ticks:
        y = py(tick)
        body.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" '
            f'stroke="{"#888" if tick == 0 else "#e3e3e3"}" stroke-width="1"/>'
        )
        body.append(
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end" font-size="10.5">'
            f"{tick:,}</text>"
        )
    every = max(1, math.ceil(len(months) / max(1, plot_w // 60)))
    for i, month in enumerate(months):
        # Every ``every``-th month, and the last one too unless it would touch its neighbour.
        if i % every == 0 or (i == len(months) - 1 and i % every > every // 2):
            body.append(
                f'<text x="{px(i):.1f}" y="{top + plot_h + 16:.1f}" text-anchor="middle" '
                f'font-size="10.5">{_text(month)}</text>'
            )
    if measure:
        body.append(
            f'<text x="{pad:.1f}" y="{top - 8:.1f}" font-size="10.5">{_text(measure)}</text>'
        )
    if not months:
        body.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" '
            f'text-anchor="middle">{_text(gettext("No data"))}</text>'
        )
    position = {m: i for i, m in enumerate(months)}
    for colour, (name, points) in zip(palette, named.items(), strict=True):
        xy = [(px(position[m]), py(n), m, n) for m, n in points]
        xy.sort(key=lambda p: p[0])
        line = " ".join(f"{a:.1f},{b:.1f}" for a, b, _, _ in xy)
        body.append(
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" '
            f'stroke-linejoin="round"/>'
        )
        who = f"{name}, " if name else ""
        body += [
            f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}">'
            f"<title>{_text(f'{who}{m}: {n:,}')}</title></circle>"
            for a, b, m, n in xy
        ]
    return _svg(width, height, title, body)
