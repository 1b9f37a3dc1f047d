"""Scoring labelled name pairs: how screening quality is measured.

A pairs file is CSV with a header and the columns ``name_a,name_b`` and optionally ``label``
(1 when the two names are the same person or company, 0 when not) and ``kind`` (what the pair
tests: ``khmer``, ``han``, ``alias``, ``surname`` ...). With labels, precision, recall and F1
of the "same" class are computed at a threshold, overall and per kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from counterflow.model import InputError
from counterflow.screening.csvfile import csv_rows
from counterflow.screening.match import compare_names


@dataclass(frozen=True, slots=True)
class NamePair:
    """One row of a pairs file."""

    name_a: str
    name_b: str
    label: int | None = None
    kind: str = ""


@dataclass(frozen=True, slots=True)
class PairQuality:
    """Precision, recall and F1 of the "same" class at ``threshold``."""

    threshold: float
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def false_positive_rate(self) -> float:
        """Share of the different-name pairs scored as the same."""
        neg = self.false_positives + self.true_negatives
        return self.false_positives / neg if neg else 0.0

    def as_dict(self) -> dict[str, float]:
        """``precision``, ``recall``, ``f1``, ``threshold`` and the counts."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "threshold": self.threshold,
            "false_positive_rate": round(self.false_positive_rate, 4),
            "pairs": self.true_positives
            + self.false_positives
            + self.false_negatives
            + self.true_negatives,
        }


def read_pairs(path: Path) -> list[NamePair]:
    """Rows of a pairs CSV; a bad row raises :class:`InputError` naming line and field."""
    out: list[NamePair] = []
    for line, row in csv_rows(path, ("name_a", "name_b")):
        a, b = row.get("name_a", ""), row.get("name_b", "")
        if not a or not b:
            field = "name_a" if not a else "name_b"
            raise InputError("empty name", path=str(path), line=line, field=field)
        raw = row.get("label", "")
        label: int | None = None
        if raw:
            if raw not in ("0", "1"):
                raise InputError(
                    f"expected 0 or 1, got {raw!r}", path=str(path), line=line, field="label"
                )
            label = int(raw)
        out.append(NamePair(a, b, label, row.get("kind", "")))
    return out


def score_pairs(pairs: Sequence[NamePair]) -> list[float]:
    """Name score of each pair (name alone: there is no other evidence in a pair)."""
    scores = []
    for p in pairs:
        m = compare_names(p.name_a, p.name_b)
        scores.append(0.0 if m is None else round(m.score, 4))
    return scores


def pair_quality(labels: Sequence[int], scores: Sequence[float], threshold: float) -> PairQuality:
    """Confusion counts and precision/recall/F1 at ``threshold``."""
    tp = fp = fn = tn = 0
    for y, s in zip(labels, scores, strict=True):
        hit = s >= threshold
        if y and hit:
            tp += 1
        elif y:
            fn += 1
        elif hit:
            fp += 1
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PairQuality(threshold, p, r, f1, tp, fp, fn, tn)
