"""Errors of the audit slice."""

from __future__ import annotations

from counterflow.model.errors import CounterflowError


class AuditError(CounterflowError):
    """Base class of the audit slice's errors."""
