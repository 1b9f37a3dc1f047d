"""Network: account holders (bank KYC), duplicate candidates of entity resolution and the
investigators' merge decisions (never updated: a new decision supersedes).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-12
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REFUSAL = "merge_decision is never edited: a new decision supersedes"


def upgrade() -> None:
    op.create_table(
        "account_holder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(128), nullable=False),
        sa.Column("bank", sa.String(128), nullable=False),
        sa.Column("holder_kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_khmer", sa.Text(), nullable=False),
        sa.Column("date_of_birth", sa.String(10), nullable=False),
        sa.Column("nationality", sa.String(3), nullable=False),
        sa.Column("id_document", sa.String(128), nullable=False),
        sa.Column("phone", sa.String(128), nullable=False),
        sa.Column("email", sa.String(128), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("signatory", sa.Text(), nullable=False),
        sa.Column("phone_norm", sa.String(128), nullable=False),
        sa.Column("document_norm", sa.String(128), nullable=False),
        sa.Column("email_norm", sa.String(128), nullable=False),
        sa.Column("address_norm", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_holder")),
        sa.UniqueConstraint("bank", "account", name=op.f("uq_account_holder_bank_account")),
    )
    with op.batch_alter_table("account_holder", schema=None) as batch_op:
        for column in ("account", "phone_norm", "document_norm", "email_norm"):
            batch_op.create_index(batch_op.f(f"ix_account_holder_{column}"), [column], unique=False)

    op.create_table(
        "duplicate_candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("left_key", sa.String(160), nullable=False),
        sa.Column("right_key", sa.String(160), nullable=False),
        sa.Column("left_person_id", sa.Integer(), nullable=True),
        sa.Column("right_person_id", sa.Integer(), nullable=True),
        sa.Column("left_holder_id", sa.Integer(), nullable=True),
        sa.Column("right_holder_id", sa.Integer(), nullable=True),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("match_probability", sa.Float(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("estimated", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["left_person_id"],
            ["person.id"],
            name=op.f("fk_duplicate_candidate_left_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["right_person_id"],
            ["person.id"],
            name=op.f("fk_duplicate_candidate_right_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["left_holder_id"],
            ["account_holder.id"],
            name=op.f("fk_duplicate_candidate_left_holder_id_account_holder"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["right_holder_id"],
            ["account_holder.id"],
            name=op.f("fk_duplicate_candidate_right_holder_id_account_holder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_candidate")),
        sa.UniqueConstraint(
            "left_key", "right_key", name=op.f("uq_duplicate_candidate_left_key_right_key")
        ),
    )
    with op.batch_alter_table("duplicate_candidate", schema=None) as batch_op:
        for column in ("left_key", "right_key", "left_person_id", "right_person_id"):
            batch_op.create_index(
                batch_op.f(f"ix_duplicate_candidate_{column}"), [column], unique=False
            )

    op.create_table(
        "merge_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["duplicate_candidate.id"],
            name=op.f("fk_merge_decision_candidate_id_duplicate_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_merge_decision_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_decision")),
    )
    with op.batch_alter_table("merge_decision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_merge_decision_candidate_id_id", ["candidate_id", "id"], unique=False
        )
    _never_updated()


def _never_updated() -> None:
    # Deletion stays possible: a candidate and its decisions go when a person is deleted.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION merge_decision_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER merge_decision_no_update BEFORE UPDATE "
            "ON merge_decision FOR EACH ROW EXECUTE FUNCTION merge_decision_refuse()"
        )
        return
    op.execute(
        "CREATE TRIGGER merge_decision_no_update BEFORE UPDATE "
        f"ON merge_decision BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE merge_decision")
        op.execute("DROP FUNCTION merge_decision_refuse()")
    else:
        op.drop_table("merge_decision")
    with op.batch_alter_table("duplicate_candidate", schema=None) as batch_op:
        for column in ("right_person_id", "left_person_id", "right_key", "left_key"):
            batch_op.drop_index(batch_op.f(f"ix_duplicate_candidate_{column}"))
    op.drop_table("duplicate_candidate")
    with op.batch_alter_table("account_holder", schema=None) as batch_op:
        for column in ("email_norm", "document_norm", "phone_norm", "account"):
            batch_op.drop_index(batch_op.f(f"ix_account_holder_{column}"))
    op.drop_table("account_holder")
