"""`gofer worker`: the same core as the server, without HTTP, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import signal

import structlog

from gofer.config import Settings
from gofer.core import build_core
from gofer.logs import configure_logging

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
