"""Statistics: the justice pipeline on suspects, asset freezes, FIU report tallies,
imported historical victims and the append-only release ledger.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REFUSAL = "statistics_release is append-only: a correction is a new release"


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("charged", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("convicted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # The server default only fills existing rows; the models set the value themselves.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("charged", server_default=None)
        batch_op.alter_column("convicted", server_default=None)

    op.create_table(
        "asset_freeze",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("ordered_on", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount", sa.Numeric(20, 2), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_usd", sa.Numeric(20, 2), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_asset_freeze_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["user_account.id"],
            name=op.f("fk_asset_freeze_recorded_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_freeze")),
    )
    with op.batch_alter_table("asset_freeze", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asset_freeze_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_asset_freeze_ordered_on"), ["ordered_on"], unique=False
        )

    op.create_table(
        "report_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("report_type", sa.String(8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["user_account.id"],
            name=op.f("fk_report_tally_recorded_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_tally")),
        sa.UniqueConstraint("month", "report_type", name=op.f("uq_report_tally_month_report_type")),
    )
    with op.batch_alter_table("report_tally", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_tally_month"), ["month"], unique=False)

    op.create_table(
        "victim_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("source_format", sa.String(16), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by"],
            ["user_account.id"],
            name=op.f("fk_victim_import_imported_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_victim_import")),
        sa.UniqueConstraint("source", name=op.f("uq_victim_import_source")),
        sa.UniqueConstraint("sha256", name=op.f("uq_victim_import_sha256")),
    )
    op.create_table(
        "imported_victim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("identified_on", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(16), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("is_minor", sa.Boolean(), nullable=True),
        sa.Column("nationality", sa.String(3), nullable=True),
        sa.Column("origin_region", sa.String(64), nullable=True),
        sa.Column("exploitation_forms", sa.JSON(), nullable=False),
        sa.Column("control_methods", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["victim_import.id"],
            name=op.f("fk_imported_victim_import_id_victim_import"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_victim")),
    )
    with op.batch_alter_table("imported_victim", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_imported_victim_import_id"), ["import_id"], unique=False
        )

    op.create_table(
        "statistics_release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("compare_start", sa.Date(), nullable=True),
        sa.Column("compare_end", sa.Date(), nullable=True),
        sa.Column("rules_version", sa.String(32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("corrects_seq", sa.Integer(), nullable=True),
        sa.Column("published_by", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["published_by"],
            ["user_account.id"],
            name=op.f("fk_statistics_release_published_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics_release")),
        sa.UniqueConstraint("seq", name=op.f("uq_statistics_release_seq")),
        sa.UniqueConstraint("prev_hash", name=op.f("uq_statistics_release_prev_hash")),
        sa.UniqueConstraint("hash", name=op.f("uq_statistics_release_hash")),
    )
    _append_only_ledger()


def _append_only_ledger() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION statistics_release_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER statistics_release_no_change BEFORE UPDATE OR DELETE "
            "ON statistics_release FOR EACH ROW EXECUTE FUNCTION statistics_release_refuse()"
        )
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER statistics_release_no_{verb.lower()} BEFORE {verb} "
            f"ON statistics_release BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE statistics_release")
        op.execute("DROP FUNCTION statistics_release_refuse()")
    else:
        op.drop_table("statistics_release")
    with op.batch_alter_table("imported_victim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_victim_import_id"))
    op.drop_table("imported_victim")
    op.drop_table("victim_import")
    with op.batch_alter_table("report_tally", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_tally_month"))
    op.drop_table("report_tally")
    with op.batch_alter_table("asset_freeze", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_asset_freeze_ordered_on"))
        batch_op.drop_index(batch_op.f("ix_asset_freeze_case_id"))
    op.drop_table("asset_freeze")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("convicted")
        batch_op.drop_column("charged")
