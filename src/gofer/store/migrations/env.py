"""Alembic environment: runs migrations on the connection Gofer hands over (sync, inside run_sync)."""

from __future__ import annotations

from alembic import context

from gofer.store.db import Base, import_table_modules

import_table_modules()
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only change tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
