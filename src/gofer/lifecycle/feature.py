"""Plugs the data lifecycle into the server as a feature: erasure routes and the lifecycle parts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gofer.lifecycle.erasure import Eraser
from gofer.lifecycle.parts import DataLifecycle, build_lifecycle, build_stripper
from gofer.lifecycle.qr import QrImageStripper
from gofer.lifecycle.retention import Pruner
from gofer.workflows.forms.state import WORKFLOW as FORMS_WORKFLOW

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.config import Settings
    from gofer.services import Services


class LifecycleFeature:
    """Installed first, so the one-time SQLite rebuild runs before anything else uses the file."""

    def __init__(self, *, run_pruner: bool = True) -> None:
        self._run_pruner = run_pruner
        self.parts: DataLifecycle | None = None

    @property
    def stripper(self) -> QrImageStripper | None:
        return self.parts.stripper if self.parts else None

    @property
    def pruner(self) -> Pruner | None:
        return self.parts.pruner if self.parts else None

    @property
    def eraser(self) -> Eraser | None:
        return self.parts.eraser if self.parts else None

    def setup(self, app: FastAPI, settings: Settings) -> None:
        from gofer.api.erasure import router

        app.include_router(router)

    async def start(self, app: FastAPI, svc: Services) -> None:
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

        stripper = build_stripper(svc.settings, svc.sessions)
        self.parts = build_lifecycle(
            svc.settings,
            svc.engine,
            svc.sessions,
            stripper,
            in_flight=in_flight,
            cancel_job=svc.runner.cancel,
            endpoints_changed=endpoints_changed,
            session_closed=session_closed,
            run_pruner=self._run_pruner,
        )
        svc.store.after_commit_hooks.append(stripper.after_commit)
        svc.extras["eraser"] = self.parts.eraser
        await self.parts.start()

    async def stop(self, app: FastAPI, svc: Services) -> None:
        if self.parts is None:
            return
        if self.parts.stripper.after_commit in svc.store.after_commit_hooks:
            svc.store.after_commit_hooks.remove(self.parts.stripper.after_commit)
        await self.parts.stop()
