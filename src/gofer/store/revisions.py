"""Writing a new migration: compares the tables in code with a database built from the migrations."""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from gofer.store.db import alembic_config, import_table_modules


def write_revision(message: str) -> None:
    """Autogenerates a migration for whatever the table modules changed since the last one."""
    import_table_modules()
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'schema.db'}")
        with engine.begin() as connection:
            config = alembic_config(connection)
            command.upgrade(config, "head")
            command.revision(config, message=message, autogenerate=True)
        engine.dispose()
