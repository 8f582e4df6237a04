"""job lifecycle state and step; workers with heartbeats; stored cancel requests

Revision ID: a1c3e5f7b9d1
Revises: fbbcd6d8a459
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import gofer.store.db

revision = "a1c3e5f7b9d1"
down_revision = "fbbcd6d8a459"
branch_labels = None
depends_on = None

# Statuses that were lifecycle states; every other old status was a booking step of a running job.
_LIFECYCLE = ("queued", "completed", "failed", "cancelled")


def upgrade() -> None:
    op.create_table(
        "workers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.JSON(), nullable=False),
        sa.Column("running", sa.Integer(), nullable=False),
        sa.Column("started_at", gofer.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", gofer.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_status")
        batch_op.alter_column(
            "status",
            new_column_name="state",
            existing_type=sa.String(length=32),
            type_=sa.String(length=16),
            existing_nullable=False,
        )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("step", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("worker_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("attempt", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("cancel_requested", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_jobs_state", ["state"], unique=False)
    lifecycle = ", ".join(f"'{s}'" for s in _LIFECYCLE)
    op.execute(  # constants only
        f"UPDATE jobs SET step = state, state = 'running' WHERE state NOT IN ({lifecycle})"  # noqa: S608
    )


def downgrade() -> None:
    op.execute("UPDATE jobs SET state = step WHERE state IN ('running', 'waiting')")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_state")
        batch_op.drop_column("cancel_requested")
        batch_op.drop_column("attempt")
        batch_op.drop_column("worker_id")
        batch_op.drop_column("step")
        batch_op.alter_column(
            "state",
            new_column_name="status",
            existing_type=sa.String(length=16),
            type_=sa.String(length=32),
            existing_nullable=False,
        )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index("ix_jobs_status", ["status"], unique=False)
    op.drop_table("workers")
