"""Groupings the joint report breaks people down by, declared once.

- *Nationality group*: the joint reports of the National Police and Gendarmerie speak of
  Cambodians, the neighbouring countries whose nationals are trafficked into and out of
  Cambodia, Chinese nationals (the operators and many of the workers of online scam
  compounds, January 2023 reports) and others (UNODC Global Report on Trafficking in
  Persons 2022, East Asia and the Pacific). A record with only a UN region of origin (CTDC)
  has no nationality group: it is counted as unknown.
- *Origin*: Cambodian or foreign, the split of suspects in the joint report.
- *Age band*: :func:`counterflow.model.derived.age_band`, plus ``<18`` for a child whose
  exact age the source does not give (CTDC ``majorityStatus = Minor``).
"""

from __future__ import annotations

from counterflow.model.codes import HOME_COUNTRY
from counterflow.model.derived import MINOR_AGE, age_band
from counterflow.stats.table import UNKNOWN

NATIONALITY_GROUPS: dict[str, tuple[str, ...]] = {
    "cambodian": (HOME_COUNTRY,),
    "thai": ("THA",),
    "vietnamese": ("VNM",),
    "chinese": ("CHN", "TWN", "HKG", "MAC"),
    "other_asean": ("LAO", "MMR", "MYS", "IDN", "PHL", "SGP", "BRN", "TLS"),
    "other": (),
}
"""Group → ISO 3166-1 alpha-3 codes; ``other`` takes every known code not listed."""

_GROUP_OF = {code: group for group, codes in NATIONALITY_GROUPS.items() for code in codes}

AGE_BANDS: tuple[str, ...] = ("<15", "15-17", "<18", "18+", UNKNOWN)
"""Rows of the age-band tables; ``<18``: a child of unknown exact age."""

ORIGINS: tuple[str, ...] = ("cambodian", "foreign", UNKNOWN)


def nationality_group(code: str | None) -> str:
    """The report's nationality group of an ISO alpha-3 code (``unknown`` when missing)."""
    if not code:
        return UNKNOWN
    return _GROUP_OF.get(code.upper(), "other")


def origin(code: str | None) -> str:
    """``cambodian``, ``foreign`` or ``unknown``."""
    if not code:
        return UNKNOWN
    return "cambodian" if code.upper() == HOME_COUNTRY else "foreign"


def band(age: int | None, minor: bool | None) -> str:
    """The age band of a person of ``age`` (or only known to be a child or an adult)."""
    if age is not None:
        return age_band(age)
    if minor is True:
        return "<18"
    if minor is False:
        return age_band(MINOR_AGE)
    return UNKNOWN


def yes_no(value: bool | None) -> str:
    """``yes``, ``no`` or ``unknown``: a flag as a table row."""
    if value is None:
        return UNKNOWN
    return "yes" if value else "no"
