"""Alembic migrations of the counterflow database (one history for every slice).

Run them with :func:`counterflow.store.migrate.upgrade` (programmatically; there is no
``alembic.ini``). ``env.py`` takes its database from, in order: a ``connection`` or an
``engine`` passed in ``Config.attributes``, the ``sqlalchemy.url`` option, or the
``COUNTERFLOW_DATABASE_URL`` environment variable.

Revisions are written by hand, named ``NNNN_<slice>.py`` with revision id ``NNNN``, and use
plain SQLAlchemy types (``sa.DateTime(timezone=True)``, ``sa.String(16)``), never the
application's own column types, so that an old migration still runs after the code moves
on. ``tests/store/test_migrations.py`` checks that the models and the migrations agree.
"""
