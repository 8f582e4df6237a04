"""SQLite space reclaiming: incremental auto-vacuum, switched on once, run in small steps."""

from __future__ import annotations

import asyncio

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from gofer.lifecycle.metrics import VACUUM_PAGES

log = structlog.get_logger("gofer.lifecycle.vacuum")

INCREMENTAL = 2  # PRAGMA auto_vacuum: 0 none, 1 full, 2 incremental
# Pages freed per step; between steps writers get the database back.
STEP_PAGES = 256


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


async def ensure_incremental_auto_vacuum(engine: AsyncEngine) -> bool:
    """Makes the SQLite file give freed pages back on request. Returns whether it was changed.

    The mode can only be chosen before the first table exists, or by rebuilding the file once
    with VACUUM; a new database is empty at that point, an existing one is rebuilt once at start.
    """
    if not is_sqlite(engine):
        return False
    async with engine.connect() as connection:
        auto = await connection.execution_options(isolation_level="AUTOCOMMIT")
        mode = (await auto.exec_driver_sql("PRAGMA auto_vacuum")).scalar()
        if mode == INCREMENTAL:
            return False
        log.info("sqlite_auto_vacuum_enabling", previous_mode=mode)
        await auto.exec_driver_sql("PRAGMA auto_vacuum=INCREMENTAL")
        await auto.exec_driver_sql("VACUUM")
        return True


async def free_pages(engine: AsyncEngine) -> int:
    if not is_sqlite(engine):
        return 0
    async with engine.connect() as connection:
        return int((await connection.exec_driver_sql("PRAGMA freelist_count")).scalar() or 0)


async def incremental_vacuum(engine: AsyncEngine, max_pages: int | None = None) -> int:
    """Gives free pages back to the file system in small steps. Returns pages freed."""
    if not is_sqlite(engine):
        return 0
    freed = 0
    while max_pages is None or freed < max_pages:
        async with engine.connect() as connection:
            auto = await connection.execution_options(isolation_level="AUTOCOMMIT")
            before = int((await auto.exec_driver_sql("PRAGMA freelist_count")).scalar() or 0)
            if before == 0:
                break
            step = STEP_PAGES if max_pages is None else min(STEP_PAGES, max_pages - freed)
            await auto.exec_driver_sql(f"PRAGMA incremental_vacuum({int(step)})")
            after = int((await auto.exec_driver_sql("PRAGMA freelist_count")).scalar() or 0)
        if after >= before:
            break
        freed += before - after
        await asyncio.sleep(0)
    VACUUM_PAGES.inc(freed)
    return freed
