"""The Fellegi-Sunter model of a person match: what is compared, at which levels, and the
declared parameters used when the data cannot estimate them.

Fellegi and Sunter (1969, "A Theory for Record Linkage", JASA 64:1183) score a pair of
records by summing, over the compared fields, the weight ``log2(m/u)`` of the level the
field falls in: ``m`` is the chance of that level among true matches, ``u`` among
non-matches. Splink (UK Ministry of Justice) implements the model in SQL; this module writes
its settings.

Declared parameters. When there are too few records to estimate ``u`` by sampling or ``m`` by
expectation maximisation (a handful of case persons and holders), the values below are used
and the result says so. They are our stated assumptions, not measurements:

- ``u`` (non-matches) follows from how values are spread: two random people share an exact
  full birth date about once in 365 × 40 pairs (adults born over some 40 years) and a birth
  year about once in 40; Cambodian names draw on few surnames, so an exact name is shared by
  about 1 pair in 500 and a near spelling by more; a phone or document number is nearly
  unique (but see term frequencies); four people in five are Cambodian, so equal
  nationalities say little (u ≈ 0.8² + small shares ≈ 0.7).
- ``m`` (matches) follows from how records of one person differ: names are spelled or
  romanised differently in perhaps one record in three (``Sophea``/``Sophia``), birth dates
  are often known only by year, phones change, documents are re-issued.

Phones and documents use Splink's term-frequency adjustment, so that agreeing on a phone
written on twenty workers' files (a controller's number, DOMAIN.md) counts for little as
evidence that two of those workers are one person (only on enough records to count
frequencies: see :func:`comparisons`).
"""

from __future__ import annotations

from typing import Any

NAME_JW_HIGH = 0.94
NAME_JW_MID = 0.88
NAME_JW_LOW = 0.80

PRIOR_DUPLICATE_SHARE = 0.05
"""Assumed share of records having a duplicate among the others (one in twenty), giving the
prior match probability of a random pair: ``share * n / 2`` matching pairs among
``n (n - 1) / 2`` pairs."""


def prior_match_probability(n: int) -> float:
    """The declared probability that two random records of ``n`` are the same person."""
    if n < 2:
        return 0.5
    return min(0.5, PRIOR_DUPLICATE_SHARE / (n - 1))


def _level(sql: str, label: str, m: float, u: float, **extra: Any) -> dict[str, Any]:
    return {
        "sql_condition": sql,
        "label_for_charts": label,
        "m_probability": m,
        "u_probability": u,
        **extra,
    }


def _null(column: str) -> dict[str, Any]:
    return {
        "sql_condition": f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
        "label_for_charts": f"{column} missing",
        "is_null_level": True,
    }


def _name_sim(threshold: float) -> str:
    # Latin to Latin, or a Khmer name romanised against the other side's Latin name.
    return (
        f"jaro_winkler_similarity(name_l, name_r) >= {threshold}"
        f" OR jaro_winkler_similarity(coalesce(name_km_l, ''), name_r) >= {threshold}"
        f" OR jaro_winkler_similarity(name_l, coalesce(name_km_r, '')) >= {threshold}"
    )


def name_comparison() -> dict[str, Any]:
    return {
        "output_column_name": "name",
        "comparison_description": "name (Latin, or Khmer romanised; words sorted)",
        "comparison_levels": [
            _null("name"),
            _level(
                "name_l = name_r OR name_km_l = name_r OR name_l = name_km_r",
                "exact name",
                0.65,
                0.002,
            ),
            _level(_name_sim(NAME_JW_HIGH), f"Jaro-Winkler >= {NAME_JW_HIGH}", 0.2, 0.006),
            _level(_name_sim(NAME_JW_MID), f"Jaro-Winkler >= {NAME_JW_MID}", 0.08, 0.03),
            _level(_name_sim(NAME_JW_LOW), f"Jaro-Winkler >= {NAME_JW_LOW}", 0.04, 0.1),
            _level("ELSE", "different names", 0.03, 0.862),
        ],
    }


def dob_comparison() -> dict[str, Any]:
    year = "TRY_CAST(substr({0}, 1, 4) AS INTEGER)"
    return {
        "output_column_name": "date_of_birth",
        "comparison_description": "date of birth (YYYY, YYYY-MM or YYYY-MM-DD)",
        "comparison_levels": [
            _null("dob"),
            _level("length(dob_l) = 10 AND dob_l = dob_r", "same full date", 0.6, 0.00007),
            _level(
                "length(dob_l) >= 7 AND length(dob_r) >= 7"
                " AND substr(dob_l, 1, 7) = substr(dob_r, 1, 7)",
                "same month",
                0.08,
                0.002,
            ),
            _level("substr(dob_l, 1, 4) = substr(dob_r, 1, 4)", "same year", 0.22, 0.025),
            _level(
                f"abs({year.format('dob_l')} - {year.format('dob_r')}) <= 1",
                "years 1 apart",
                0.05,
                0.05,
            ),
            _level("ELSE", "different dates", 0.05, 0.92293),
        ],
    }


def exact_comparison(column: str, label: str, m: float, u: float, *, tf: bool) -> dict[str, Any]:
    exact = _level(f'"{column}_l" = "{column}_r"', f"same {label}", m, u)
    if tf:
        exact["tf_adjustment_column"] = column
        exact["tf_adjustment_weight"] = 1.0
    return {
        "output_column_name": column,
        "comparison_description": label,
        "comparison_levels": [
            _null(column),
            exact,
            _level("ELSE", f"different {label}", 1.0 - m, 1.0 - u),
        ],
    }


def comparisons(*, term_frequencies: bool = True) -> list[dict[str, Any]]:
    """Every comparison of the model, in explanation order. ``term_frequencies``: adjust
    phones and documents by how often each value occurs (meaningless on a few records,
    where every value is "frequent")."""
    tf = term_frequencies
    return [
        name_comparison(),
        dob_comparison(),
        exact_comparison("phone", "phone", 0.6, 0.0005, tf=tf),
        exact_comparison("id_document", "identity document", 0.8, 0.00002, tf=tf),
        exact_comparison("nationality", "nationality", 0.95, 0.7, tf=False),
    ]


BLOCKING_RULES: tuple[str, ...] = (
    "l.phone = r.phone",
    "l.id_document = r.id_document",
    "l.email = r.email",
    "l.name = r.name",
    "l.name_first = r.name_first AND l.birth_year = r.birth_year",
    "l.name_last = r.name_last AND l.birth_year = r.birth_year",
    # a case person against every holder whose name starts alike (cheap: few case persons)
    "l.name_prefix = r.name_prefix AND l.source <> r.source",
)
"""Which pairs are scored at all (Splink unions them): pairs sharing an identifier, the
same name, a name word and the birth year, or a case person and a holder whose sorted names
start with the same two letters."""

TRAINING_RULES: tuple[str, ...] = ("l.phone = r.phone", "l.name = r.name")
"""Blocking rules of the expectation-maximisation passes: each estimates ``m`` of the
comparisons it does not block on."""
