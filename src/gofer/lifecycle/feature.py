"""Plugs the data lifecycle into the server: erasure routes, QR image dropping, the pruner, the lock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import structlog

from gofer.lifecycle.artifacts import ArtifactStore
from gofer.lifecycle.backup import ServerLock, sqlite_path
from gofer.lifecycle.erasure import Eraser
from gofer.lifecycle.qr import QrImageStripper
from gofer.lifecycle.retention import Pruner, RetentionPolicy
from gofer.lifecycle.vacuum import ensure_incremental_auto_vacuum
from gofer.workflows.forms.state import WORKFLOW as FORMS_WORKFLOW

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.config import Settings
    from gofer.services import Services

log = structlog.get_logger("gofer.lifecycle")


class LifecycleFeature:
    """Installed first, so the one-time SQLite rebuild runs before anything else uses the file."""

    def __init__(self, *, run_pruner: bool = True) -> None:
        self._run_pruner = run_pruner
        self._lock: ServerLock | None = None
        self.stripper: QrImageStripper | None = None
        self.pruner: Pruner | None = None

    def setup(self, app: FastAPI, settings: Settings) -> None:
        from gofer.api.erasure import router

        app.include_router(router)

    async def start(self, app: FastAPI, svc: Services) -> None:
        settings = svc.settings
        if svc.engine.dialect.name == "sqlite":
            self._lock = ServerLock(sqlite_path(settings.effective_database_url))
            self._lock.acquire()
            if await ensure_incremental_auto_vacuum(svc.engine):
                log.info("sqlite_auto_vacuum_incremental")
        artifacts = ArtifactStore(settings.artifacts_dir)
        self.stripper = QrImageStripper(svc.sessions, batch_size=settings.prune_batch_size)
        svc.store.after_commit_hooks.append(self.stripper.after_commit)
        self.stripper.start()

        def in_flight() -> set[str]:
            dispatcher: Any = svc.extras.get("webhook_dispatcher")
            return set(dispatcher.in_flight_ids) if dispatcher is not None else set()

        async def endpoints_changed() -> None:
            dispatcher: Any = svc.extras.get("webhook_dispatcher")
            if dispatcher is not None and dispatcher.on_endpoints_changed is not None:
                await dispatcher.on_endpoints_changed()

        async def session_closed(session_id: str) -> None:
            forms: Any = svc.registry.get(FORMS_WORKFLOW)
            pages = getattr(forms, "live_pages", None)
            if pages is not None:
                await pages.close(session_id)

        svc.extras["eraser"] = Eraser(
            svc.sessions,
            artifacts,
            in_flight=in_flight,
            cancel_job=svc.runner.cancel,
            endpoints_changed=endpoints_changed,
            session_closed=session_closed,
        )
        self.pruner = Pruner(
            svc.sessions,
            svc.engine,
            RetentionPolicy.from_settings(settings),
            artifacts,
            batch_size=settings.prune_batch_size,
        )
        svc.extras["pruner"] = self.pruner
        if self._run_pruner:
            self.pruner.start(settings.prune_interval_s)

    async def stop(self, app: FastAPI, svc: Services) -> None:
        if self.pruner is not None:
            await self.pruner.stop()
        if self.stripper is not None:
            if self.stripper.after_commit in svc.store.after_commit_hooks:
                svc.store.after_commit_hooks.remove(self.stripper.after_commit)
            await self.stripper.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
