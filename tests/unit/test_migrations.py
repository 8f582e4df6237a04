"""The migrations build exactly the tables the code defines (a forgotten migration fails here)."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from gofer.store.db import Base, alembic_config, import_table_modules


def test_migrated_schema_matches_the_models(tmp_path):
    import_table_modules()
    engine = create_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        command.upgrade(alembic_config(connection), "head")  # a second run changes nothing
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
