"""Name particles: words that join names rather than tell people apart.

"al" (Arabic article), "bin"/"ibn"/"bint" (son/daughter of), "abu" (father of), "de", "da",
"del", "van", "von" ... are shared by thousands of unrelated people, so a match on them says
next to nothing. They keep a small weight (they still belong to the name) in every
comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "bint",
        "binti",
        "abu",
        "abd",
        "abdul",
        "ould",
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "der",
        "den",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ten",
        "ter",
        "y",
        "e",
        "mac",
        "mc",
    ]
)
"""Name particles (Arabic, Romance, Germanic): they join names rather than distinguish
people, so two names sharing "al" or "de" share next to nothing."""
PARTICLE_WEIGHT = 0.3


def uniform(tokens: Sequence[str]) -> list[float]:
    """Every token weighs the same (no list to learn rarity from), particles less."""
    return [PARTICLE_WEIGHT if t in PARTICLES else 1.0 for t in tokens]
