"""Errors of the store layer (engine, sessions, migrations)."""

from __future__ import annotations

from counterflow.model.errors import CounterflowError


class StoreError(CounterflowError):
    """Base class of the store's errors."""


class UnsupportedDatabaseError(StoreError):
    """A database URL names a backend counterflow is not built and tested for."""


class MigrationError(StoreError):
    """The migrations could not run (no database URL, unknown revision ...)."""
