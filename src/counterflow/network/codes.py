"""Code lists of the network slice."""

from __future__ import annotations

from enum import StrEnum


class MergeVerdict(StrEnum):
    """An investigator's answer to "are these two records one person?"."""

    CONFIRM = "confirm"
    REJECT = "reject"
