"""Engine, sessions and the shared table metadata."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, DateTime, Engine, event, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes; SQLite drops the zone, so it is restored as UTC on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Every table in Gofer shares this metadata, whichever module defines it."""


def create_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # WAL lets readers (WebSocket replay, polling) run while a job writes events.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_async_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


_write_locks: weakref.WeakKeyDictionary[Engine, dict[asyncio.AbstractEventLoop, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


def serial_writes(sessions: async_sessionmaker[AsyncSession]) -> AbstractAsyncContextManager[Any]:
    """Held around the busiest write transactions (event store, webhook dispatcher) on SQLite.

    SQLite has one writer at a time, and a writer that finds the lock taken sleeps 1–25 ms
    before trying again; queueing on an asyncio lock instead hands the lock over at once.
    PostgreSQL writes concurrently, so there it is a no-op.
    """
    engine = sessions.kw.get("bind")
    if not isinstance(engine, AsyncEngine) or engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    per_loop = _write_locks.setdefault(engine.sync_engine, {})
    loop = asyncio.get_running_loop()
    lock = per_loop.get(loop)
    if lock is None:
        for stale in [known for known in per_loop if known.is_closed()]:
            del per_loop[stale]
        lock = per_loop[loop] = asyncio.Lock()
    return lock


MIGRATIONS = Path(__file__).parent / "migrations"


def import_table_modules() -> None:
    """Imports every module that defines tables, so their metadata is registered."""
    import gofer.accounts.tables
    import gofer.lifecycle.tables
    import gofer.live.tables
    import gofer.sessions.tables
    import gofer.store.tables
    import gofer.webhooks.tables
    import gofer.workflows.forms.tables  # noqa: F401  (each import only registers tables)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


async def create_tables(engine: AsyncEngine) -> None:
    """Brings the schema up to date with the migrations (on a new database: creates it)."""
    import_table_modules()

    def upgrade(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), "head")

    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # An API and its workers may start together on a new database: one migrates at a
            # time, the others then find the schema up to date.
            await connection.execute(text("SELECT pg_advisory_xact_lock(74190001)"))
        await connection.run_sync(upgrade)
