"""What triage needs from outside: the transactions behind an alert's ids.

Alerts name their transactions by id; the rows live in the Parquet transaction store, not
in the database. Escalation asks a :class:`TransactionLookup` for them so the case gets
amounts, times and accounts; the platform passes one over the store, tests a dictionary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from counterflow.cases import TransactionIn


class TransactionLookup(Protocol):
    def transactions(self, txn_ids: Sequence[str]) -> list[TransactionIn]:
        """The rows of those ids that exist (any order)."""
        ...
