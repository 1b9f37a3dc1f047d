"""Small formatters for alert explanations: money, durations, counts."""

from __future__ import annotations

from counterflow.monitor.typologies._frame import US_PER_DAY, US_PER_HOUR


def usd(amount: float) -> str:
    """``USD 45,210``."""
    return f"USD {amount:,.0f}"


def duration(us: float) -> str:
    """A span of microseconds as minutes, hours or days, whichever reads best."""
    if us < US_PER_HOUR:
        return f"{max(us / 60_000_000, 0):.0f} min"
    if us < 2 * US_PER_DAY:
        return f"{us / US_PER_HOUR:.0f}h"
    return f"{us / US_PER_DAY:.1f} days"


def hours_text(h: float) -> str:
    """A threshold in hours as the explanation quotes it: ``24h`` or ``7 days``."""
    if h >= 48 and h % 24 == 0:
        return f"{h / 24:.0f} days"
    return f"{h:g}h"


def count(n: int, noun: str) -> str:
    """``1 transfer`` / ``12 transfers``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
