"""`gofer worker`: the same core as the server, without HTTP, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import socket

import structlog
from sqlalchemy.exc import SQLAlchemyError

from gofer.config import Settings
from gofer.core import build_core
from gofer.jobs.workers import WorkerRegistry
from gofer.logs import configure_logging
from gofer.store.db import create_engine, session_factory

log = structlog.get_logger("gofer.worker")


async def run_worker(settings: Settings) -> None:
    configure_logging(settings)
    core = await build_core(settings, role="worker")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await core.start()
    log.info("worker_started", worker_id=core.worker.worker_id if core.worker else None)
    try:
        await stop.wait()
    finally:
        await core.stop()
        log.info("worker_stopped")


async def worker_alive_here(settings: Settings) -> bool:
    """True if a worker process on this host has beaten recently (the container healthcheck)."""
    engine = create_engine(settings.effective_database_url)
    try:
        registry = WorkerRegistry(session_factory(engine), settings.worker_dead_after_s)
        host = socket.gethostname()
        return any(w.alive and w.host == host for w in await registry.all())
    except (SQLAlchemyError, OSError):
        return False  # no database yet, or none reachable: not healthy
    finally:
        await engine.dispose()
