"""The long-lived parts of a running server, built once at startup and shared by routes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request, WebSocket
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gofer.browser.pool import BrowserPool
from gofer.config import Settings
from gofer.events.bus import EventBus
from gofer.jobs.runner import Runner
from gofer.jobs.store import JobStore
from gofer.workflows.registry import WorkflowRegistry


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    bus: EventBus
    store: JobStore
    registry: WorkflowRegistry
    pool: BrowserPool | None
    runner: Runner
    # Parts added by later features (webhook dispatcher, rate limiter, ...) keyed by name.
    extras: dict[str, Any] = field(default_factory=dict)


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def websocket_services(websocket: WebSocket) -> Services:
    return websocket.app.state.services  # type: ignore[no-any-return]
