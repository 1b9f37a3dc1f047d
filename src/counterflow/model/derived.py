"""Derived facts of a trafficking case, computed the same way everywhere (forms, API,
statistics).

- ``palermo_complete``: the Palermo Protocol, Art. 3, defines trafficking as an ACT
  (recruitment, transport, transfer, harbouring, receipt) by a MEANS (force, deception,
  abuse of vulnerability ...) for a PURPOSE (exploitation). For a child under 18 the means
  are irrelevant (Art. 3(c)): ``act and purpose and (means or age < 18)``.
- ``foreign_suspect``: a suspect whose nationality is known and is not Cambodian.
- ``same_foreign_nationality``: a suspect and a victim of the same case share a nationality
  that is not Cambodian: the "foreigners trafficking their own countrymen on Cambodian soil"
  pattern of the online scam compounds (joint report of January 2023).
- age bands of the joint report: under 15, 15-17, 18 and over.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from counterflow.model.codes import HOME_COUNTRY

MINOR_AGE = 18
"""Under this age a person is a child (Convention on the Rights of the Child, Art. 1)."""


def palermo_complete(
    *, acts: Collection[str], means: Collection[str], purposes: Collection[str], age: int | None
) -> bool:
    """Whether the three elements of trafficking are recorded (module docstring)."""
    minor = age is not None and age < MINOR_AGE
    return bool(acts) and bool(purposes) and (bool(means) or minor)


def is_minor(age: int | None) -> bool | None:
    """Under 18 at the time of exploitation; ``None`` when the age is unknown."""
    return None if age is None else age < MINOR_AGE


def age_band(age: int | None) -> str:
    """The joint report's age band: ``<15``, ``15-17``, ``18+`` or ``unknown``."""
    if age is None:
        return "unknown"
    if age < 15:
        return "<15"
    if age < MINOR_AGE:
        return "15-17"
    return "18+"


def is_foreign(nationality: str | None) -> bool | None:
    """Not Cambodian; ``None`` when the nationality is unknown."""
    if not nationality:
        return None
    return nationality.upper() != HOME_COUNTRY


def foreign_suspect(suspect_nationalities: Iterable[str | None]) -> bool:
    """Some suspect of the case is of a known, non-Cambodian nationality."""
    return any(is_foreign(n) for n in suspect_nationalities)


def same_foreign_nationality(
    suspect_nationalities: Iterable[str | None], victim_nationalities: Iterable[str | None]
) -> bool:
    """Some suspect and some victim share a known nationality that is not Cambodian."""
    suspects = {n.upper() for n in suspect_nationalities if n and is_foreign(n)}
    victims = {n.upper() for n in victim_nationalities if n and is_foreign(n)}
    return bool(suspects & victims)
