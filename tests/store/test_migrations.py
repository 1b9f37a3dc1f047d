"""Migrations: they build the schema from nothing, and they agree with the ORM models."""

from __future__ import annotations

import importlib

from sqlalchemy import inspect

from counterflow.store import (
    Base,
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    metadata_diffs,
    upgrade,
)
from counterflow.store.migrate import MIGRATIONS_DIR

# Every slice with ORM models, so that Base.metadata is complete. Add yours here.
MODEL_MODULES = (
    "counterflow.watchlists.models",
    "counterflow.agencies.models",
    "counterflow.auth.models",
    "counterflow.audit.models",
    "counterflow.cases.models",
    "counterflow.alerts.models",
    "counterflow.tips.models",
    "counterflow.reports.models",
    "counterflow.publish.models",
    "counterflow.network.models",
)

SLICE_TABLES = {"list_version", "list_entry", "screened_subject", "stored_hit"}


def _load_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)


def test_the_scripts_ship_with_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert head_revision() == "0005"


def test_upgrade_builds_every_table_on_an_empty_database(database_url: str) -> None:
    assert current_revision(database_url) is None
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) >= SLICE_TABLES
    finally:
        engine.dispose()
    assert current_revision(database_url) == head_revision()
    upgrade(database_url)  # at head already: nothing to do, no error
    assert current_revision(database_url) == head_revision()


def test_models_match_the_migrations(database_url: str) -> None:
    _load_models()
    upgrade(database_url)
    assert metadata_diffs(database_url, Base.metadata) == []


def test_downgrade_to_base_removes_the_tables(database_url: str) -> None:
    upgrade(database_url)
    downgrade(database_url, "base")
    engine = make_engine(database_url)
    try:
        assert not SLICE_TABLES & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert current_revision(database_url) is None
