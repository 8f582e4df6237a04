"""Plugs the forms agent into the server: routes, saved conversations, and kept-open pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gofer.workflows.forms.live_pages import LivePages
from gofer.workflows.forms.state import WORKFLOW, FormSessions, SessionLocks
from gofer.workflows.forms.workflow import FormsWorkflow

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.config import Settings
    from gofer.services import Services


class FormsFeature:
    def __init__(self) -> None:
        self._sessions: FormSessions | None = None
        self._pages: LivePages | None = None

    def setup(self, app: FastAPI, settings: Settings) -> None:
        from gofer.api.execute import router

        app.include_router(router)

    async def start(self, app: FastAPI, svc: Services) -> None:
        self._sessions = FormSessions(svc.sessions)
        svc.extras["form_sessions"] = self._sessions
        svc.extras["form_locks"] = SessionLocks()
        svc.store.in_transaction_hooks.append(self._sessions.record_outcome)
        workflow = svc.registry.get(WORKFLOW)
        if isinstance(workflow, FormsWorkflow) and svc.settings.forms_page_idle_s > 0:
            self._pages = LivePages(idle_s=svc.settings.forms_page_idle_s)
            workflow.live_pages = self._pages

    async def stop(self, app: FastAPI, svc: Services) -> None:
        if self._sessions is not None and self._sessions.record_outcome in (
            svc.store.in_transaction_hooks
        ):
            svc.store.in_transaction_hooks.remove(self._sessions.record_outcome)
        if self._pages is not None:
            workflow = svc.registry.get(WORKFLOW)
            if isinstance(workflow, FormsWorkflow) and workflow.live_pages is self._pages:
                workflow.live_pages = None
            await self._pages.close_all()
            self._pages = None
