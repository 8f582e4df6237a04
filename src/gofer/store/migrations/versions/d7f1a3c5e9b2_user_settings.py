"""per-user settings: UI language, voice-call language, voice and model

Revision ID: d7f1a3c5e9b2
Revises: c4e6a8b0d2f4
Create Date: 2026-12-06 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import gofer.store.db

revision = "d7f1a3c5e9b2"
down_revision = "c4e6a8b0d2f4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_settings",
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("voice_language", sa.String(length=8), nullable=False),
        sa.Column("voice", sa.String(length=16), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("updated_at", gofer.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("user_settings")
