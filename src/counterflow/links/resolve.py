"""Entity resolution: which case persons and account holders are the same human.

Probabilistic record linkage (Fellegi-Sunter, see :mod:`.comparisons`) with Splink on its
DuckDB backend, in memory. The steps:

1. each record gets comparable columns (:mod:`.names`, :mod:`.identifiers`);
2. ``u`` is estimated by random sampling of record pairs and ``m`` by expectation
   maximisation on two blocking rules (same phone; same name), when there are enough records
   (:data:`MIN_RECORDS_TO_ESTIMATE`) — otherwise, or when an estimation fails, the declared
   parameters of :mod:`.comparisons` are used and :attr:`Resolution.estimated` says so;
3. the pairs of the blocking rules are scored; every pair at or above ``threshold`` (match
   probability) becomes a :class:`Candidate` with its match weight and the weight each
   comparison contributed, so an investigator sees *why* two records may be one person.

A candidate is a suggestion: the platform keeps it until an investigator confirms or rejects
it. Companies are not resolved here (their registries have numbers; persons have names).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from counterflow.links.comparisons import (
    BLOCKING_RULES,
    TRAINING_RULES,
    comparisons,
    prior_match_probability,
)
from counterflow.links.identifiers import SharedKind, normalise
from counterflow.links.names import name_keys
from counterflow.links.records import LinkRecord

MIN_RECORDS_TO_ESTIMATE = 200
"""Below this, parameters are declared, not estimated: a random sample of fewer pairs than
``200 * 199 / 2`` leaves most comparison levels unobserved, and EM on a handful of blocked
pairs converges to whatever the first pairs say."""
U_SAMPLE_PAIRS = 2e6
MIN_PROBABILITY = 1e-3
"""Floor of every estimated m and u: EM on blocked pairs can drive a level it rarely sees to
m ≈ 0 (say "different nationality" among people sharing a phone), which would make one
disagreeing field outweigh everything else (hundreds of bits); a floor keeps any single
comparison's weight within about ±10 bits of evidence of what the data can support."""
DEFAULT_THRESHOLD = 0.8
SEED = 7


@dataclass(frozen=True, slots=True)
class ComparisonWeight:
    """What one comparison said about a pair: the level it fell in and its weight (bits)."""

    comparison: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two records that may be one person. ``left < right`` (keys)."""

    left: str
    right: str
    match_weight: float
    match_probability: float
    weights: tuple[ComparisonWeight, ...]

    @property
    def explanation(self) -> str:
        return "; ".join(f"{w.comparison}: {w.level} ({w.weight:+.1f})" for w in self.weights)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The candidates of one run and how the model's parameters were obtained."""

    candidates: tuple[Candidate, ...]
    estimated: bool
    """``True`` if u and m were estimated from these records; ``False``: declared values."""
    notes: tuple[str, ...]
    records: int


def _first(values: Sequence[str], kind: SharedKind) -> str | None:
    for value in values:
        norm = normalise(kind, value)
        if norm:
            return norm
    return None


def _row(uid: int, record: LinkRecord) -> dict[str, Any]:
    name, romanised = name_keys(record.name, record.name_khmer)
    words = name.split()
    dob = record.date_of_birth.strip() or None
    return {
        "unique_id": uid,
        "key": record.key,
        "source": record.source.value,
        "name": name or None,
        "name_km": romanised or None,
        "name_first": words[0] if words else None,
        "name_last": words[-1] if words else None,
        "name_prefix": name[:2] or None,
        "dob": dob,
        "birth_year": dob[:4] if dob else None,
        "nationality": record.nationality.upper() or None,
        "phone": _first(record.phones, SharedKind.PHONE),
        "id_document": _first(record.documents, SharedKind.ID_DOCUMENT),
        "email": _first(record.emails, SharedKind.EMAIL),
    }


@contextmanager
def _quiet() -> Iterator[None]:
    logger = logging.getLogger("splink")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _settings(n: int) -> dict[str, Any]:
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": comparisons(term_frequencies=n >= MIN_RECORDS_TO_ESTIMATE),
        "blocking_rules_to_generate_predictions": list(BLOCKING_RULES),
        "probability_two_random_records_match": prior_match_probability(n),
        "retain_intermediate_calculation_columns": True,
        "retain_matching_columns": True,
        "additional_columns_to_retain": ["key"],
        "max_iterations": 20,
    }


def _estimate(linker: Any, n: int) -> tuple[bool, list[str]]:
    notes: list[str] = []
    if n < MIN_RECORDS_TO_ESTIMATE:
        notes.append(
            f"{n} records (fewer than {MIN_RECORDS_TO_ESTIMATE}): declared m and u "
            "probabilities used (counterflow.links.comparisons)"
        )
        return False, notes
    try:
        linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=SEED)
        notes.append(f"u estimated by random sampling of up to {U_SAMPLE_PAIRS:,.0f} pairs")
    except Exception as exc:  # Splink raises plain exceptions on degenerate data
        notes.append(f"u not estimated ({type(exc).__name__}: {exc}); declared u used")
        return False, notes
    trained = 0
    for rule in TRAINING_RULES:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
            trained += 1
            notes.append(f"m estimated by expectation maximisation on pairs where {rule}")
        except Exception as exc:
            notes.append(f"EM on {rule} failed ({type(exc).__name__}); declared m kept")
    return trained > 0, notes


def _floored(model: dict[str, Any]) -> dict[str, Any]:
    """The trained model with every m and u probability at least :data:`MIN_PROBABILITY`."""
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            for name in ("m_probability", "u_probability"):
                if level.get(name) is not None:
                    level[name] = max(float(level[name]), MIN_PROBABILITY)
    return model


def _weights(
    row: dict[str, Any], labels: Sequence[tuple[str, list[str]]]
) -> tuple[ComparisonWeight, ...]:
    """Splink's per-comparison weights (``mw_*``, bits, term-frequency adjustment added)
    and the level each comparison fell in (``gamma_*``: -1 missing, 0 the last level)."""
    out = []
    for column, names in labels:
        gamma = row.get(f"gamma_{column}")
        weight = row.get(f"mw_{column}")
        if gamma is None or weight is None:
            continue
        total = float(weight) + float(row.get(f"mw_tf_adj_{column}") or 0.0)
        g = int(gamma)
        level = names[len(names) - 1 - g] if 0 <= g < len(names) else "missing"
        out.append(ComparisonWeight(column, level, round(total, 3)))
    return tuple(out)


def _labels() -> list[tuple[str, list[str]]]:
    """Per comparison, the non-null level labels from the last (gamma 0) to the first."""
    result = []
    for comparison in comparisons(term_frequencies=False):
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        result.append(
            (str(comparison["output_column_name"]), [str(lv["label_for_charts"]) for lv in levels])
        )
    return result


def resolve(records: Iterable[LinkRecord], *, threshold: float = DEFAULT_THRESHOLD) -> Resolution:
    """Candidate duplicates among ``records`` (persons; companies are skipped) with a match
    probability of at least ``threshold``, strongest first (module docstring)."""
    from splink import DuckDBAPI, Linker

    people = [r for r in records if not r.company]
    rows = [_row(i, r) for i, r in enumerate(people)]
    rows = [r for r in rows if r["name"]]
    n = len(rows)
    if n < 2:
        return Resolution((), False, ("fewer than two named persons: nothing to compare",), n)
    with _quiet():
        db_api = DuckDBAPI()
        table = db_api.register(pa.Table.from_pylist(rows), dataset_display_name="records")
        linker = Linker(table, _settings(n), log_level=None)
        estimated, notes = _estimate(linker, n)
        if estimated:
            linker = Linker(table, _floored(linker.misc.save_model_to_json()), log_level=None)
        scored = linker.inference.predict(
            threshold_match_probability=threshold, warning_mode="never"
        )
        found = scored.as_pyarrow_table().to_pylist()  # type: ignore[no-untyped-call]
    labels = _labels()
    candidates = []
    for row in found:
        left, right = sorted((str(row["key_l"]), str(row["key_r"])))
        candidates.append(
            Candidate(
                left=left,
                right=right,
                match_weight=round(float(row["match_weight"]), 3),
                match_probability=round(float(row["match_probability"]), 6),
                weights=_weights(row, labels),
            )
        )
    candidates.sort(key=lambda c: (-c.match_weight, c.left, c.right))
    return Resolution(tuple(candidates), estimated, tuple(notes), n)
