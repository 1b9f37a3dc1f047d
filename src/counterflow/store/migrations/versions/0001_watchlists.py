"""Watch lists: list versions and their entries, screened subjects, stored hits.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "list_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_version")),
        sa.UniqueConstraint("source", "version", name=op.f("uq_list_version_source_version")),
    )
    # One current version per source: a partial unique index (both backends support it).
    op.create_index(
        "uq_list_version_current_source",
        "list_version",
        ["source"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "list_entry",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("primary_name", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["list_version.id"],
            name=op.f("fk_list_entry_version_id_list_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "entry_id", name=op.f("pk_list_entry")),
    )
    op.create_table(
        "screened_subject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_key", sa.String(64), nullable=False),
        sa.Column("ref", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("date_of_birth", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("gender", sa.Text(), nullable=True),
        sa.Column("id_number", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.Column("first_screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screened_subject")),
        sa.UniqueConstraint("match_key", name=op.f("uq_screened_subject_match_key")),
    )
    op.create_table(
        "stored_hit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Text(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("list_version", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("matched_name", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('open', 'superseded')", name=op.f("ck_stored_hit_status")),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["screened_subject.id"],
            name=op.f("fk_stored_hit_subject_id_screened_subject"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_hit")),
    )
    op.create_index(op.f("ix_stored_hit_subject_id"), "stored_hit", ["subject_id"], unique=False)
    op.create_index(
        "ix_stored_hit_source_entry_id_status",
        "stored_hit",
        ["source", "entry_id", "status"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_stored_hit_source_entry_id_status", table_name="stored_hit")
    op.drop_index(op.f("ix_stored_hit_subject_id"), table_name="stored_hit")
    op.drop_table("stored_hit")
    op.drop_table("screened_subject")
    op.drop_table("list_entry")
    op.drop_index("uq_list_version_current_source", table_name="list_version")
    op.drop_table("list_version")
