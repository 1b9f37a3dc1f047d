"""Planted laundering typologies: one module per family, listed in :mod:`.registry`."""

from counterflow.simulate.patterns.base import Planter
from counterflow.simulate.patterns.registry import BY_TYPOLOGY, REGISTRY, PatternSpec
from counterflow.simulate.patterns.unpatterned import unpatterned

__all__ = ["BY_TYPOLOGY", "REGISTRY", "PatternSpec", "Planter", "unpatterned"]
