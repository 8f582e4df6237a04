"""one-time live view tokens and stored takeover requests

Revision ID: c4e6a8b0d2f4
Revises: f8f423f65adb
Create Date: 2026-12-06 05:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import gofer.store.db

revision = "c4e6a8b0d2f4"
down_revision = "f8f423f65adb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("job_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("interactive", sa.Boolean(), nullable=False),
        sa.Column("expires_at", gofer.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("used_at", gofer.store.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_table(
        "job_takeovers",
        sa.Column("job_id", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at_step", sa.String(length=32), nullable=True),
        sa.Column("requested_by", sa.String(length=128), nullable=False),
        sa.Column("requested_at", gofer.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", gofer.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("job_id"),
    )


def downgrade() -> None:
    op.drop_table("job_takeovers")
    op.drop_table("live_tokens")
