"""Anonymous tips from the public: the tip, its referrals to agencies, staff notes.

No column holds a network address, a browser or a device identifier: the tip form does not
keep them, and this schema has nowhere to put them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(16), nullable=True),
        sa.Column("province", sa.String(length=32), nullable=True),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text_digest", sa.String(length=64), nullable=False),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.Column("photo_sha256", sa.String(length=64), nullable=True),
        sa.Column("photo_content_type", sa.String(length=16), nullable=True),
        sa.Column("photo_size", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("dismissal_reason", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["user_account.id"], name=op.f("fk_tip_assignee_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"],
            ["tip.id"],
            name=op.f("fk_tip_duplicate_of_id_tip"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip")),
        sa.UniqueConstraint("reference", name=op.f("uq_tip_reference")),
    )
    with op.batch_alter_table("tip", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tip_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_tip_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_tip_text_digest"), ["text_digest"], unique=False)

    op.create_table(
        "tip_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tip_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tip_id"], ["tip.id"], name=op.f("fk_tip_note_tip_id_tip"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_tip_note_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip_note")),
    )
    with op.batch_alter_table("tip_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tip_note_tip_id"), ["tip_id"], unique=False)

    op.create_table(
        "tip_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tip_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("referred_by", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_tip_referral_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["referred_by"],
            ["user_account.id"],
            name=op.f("fk_tip_referral_referred_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["tip_id"], ["tip.id"], name=op.f("fk_tip_referral_tip_id_tip"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip_referral")),
        sa.UniqueConstraint("tip_id", "agency_id", name=op.f("uq_tip_referral_tip_id_agency_id")),
    )
    with op.batch_alter_table("tip_referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tip_referral_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tip_referral_tip_id"), ["tip_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tip_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tip_referral_tip_id"))
        batch_op.drop_index(batch_op.f("ix_tip_referral_agency_id"))
    op.drop_table("tip_referral")
    with op.batch_alter_table("tip_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tip_note_tip_id"))
    op.drop_table("tip_note")
    with op.batch_alter_table("tip", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tip_text_digest"))
        batch_op.drop_index(batch_op.f("ix_tip_status"))
        batch_op.drop_index(batch_op.f("ix_tip_received_at"))
    op.drop_table("tip")
