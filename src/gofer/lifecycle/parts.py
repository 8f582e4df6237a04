"""The lifecycle's long-lived parts in one object: built with the others, started and stopped with them."""

from __future__ import annotations

from dataclasses import dataclass, field

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gofer.config import Settings
from gofer.lifecycle.artifacts import ArtifactStore
from gofer.lifecycle.backup import ServerLock, sqlite_path
from gofer.lifecycle.erasure import CancelJob, EndpointsChanged, Eraser, InFlight, SessionClosed
from gofer.lifecycle.qr import QrImageStripper
from gofer.lifecycle.retention import Pruner, RetentionPolicy
from gofer.lifecycle.vacuum import ensure_incremental_auto_vacuum

log = structlog.get_logger("gofer.lifecycle")


@dataclass
class DataLifecycle:
    """QR image dropping, the retention pruner, erasure, and the server's lock on its SQLite file.

    `stripper.after_commit` must be among the job store's after-commit hooks.
    """

    settings: Settings
    engine: AsyncEngine
    stripper: QrImageStripper
    pruner: Pruner
    eraser: Eraser
    run_pruner: bool = True
    _lock: ServerLock | None = field(default=None, repr=False)

    async def start(self) -> None:
        """Run before anything else uses the database: it may rebuild a SQLite file once."""
        if self.engine.dialect.name == "sqlite":
            self._lock = ServerLock(sqlite_path(self.settings.effective_database_url))
            self._lock.acquire()
            if await ensure_incremental_auto_vacuum(self.engine):
                log.info("sqlite_auto_vacuum_incremental")
        self.stripper.start()
        if self.run_pruner:
            self.pruner.start(self.settings.prune_interval_s)

    async def stop(self) -> None:
        await self.pruner.stop()
        await self.stripper.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def build_stripper(settings: Settings, db: async_sessionmaker[AsyncSession]) -> QrImageStripper:
    """Built before the job store, which takes its hook."""
    return QrImageStripper(db, batch_size=settings.prune_batch_size)


def build_lifecycle(
    settings: Settings,
    engine: AsyncEngine,
    db: async_sessionmaker[AsyncSession],
    stripper: QrImageStripper,
    *,
    in_flight: InFlight,
    cancel_job: CancelJob | None,
    endpoints_changed: EndpointsChanged | None,
    session_closed: SessionClosed | None,
    run_pruner: bool = True,
) -> DataLifecycle:
    artifacts = ArtifactStore(settings.artifacts_dir)
    return DataLifecycle(
        settings=settings,
        engine=engine,
        stripper=stripper,
        pruner=Pruner(
            db,
            engine,
            RetentionPolicy.from_settings(settings),
            artifacts,
            batch_size=settings.prune_batch_size,
        ),
        eraser=Eraser(
            db,
            artifacts,
            in_flight=in_flight,
            cancel_job=cancel_job,
            endpoints_changed=endpoints_changed,
            session_closed=session_closed,
        ),
        run_pruner=run_pruner,
    )
