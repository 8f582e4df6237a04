"""Prometheus metrics: the collectors (created once, on the default registry) and GET /metrics."""

from __future__ import annotations

import hmac
import re
import time
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gofer.api.auth import bearer_token
from gofer.errors import NotAuthenticated
from gofer.events.model import ENDING_EVENTS, QR_CODE_UPDATE, STATUS_UPDATE, Event
from gofer.jobs.model import JobState, display_status

if TYPE_CHECKING:
    from fastapi import FastAPI
    from sqlalchemy.ext.asyncio import AsyncSession

    from gofer.browser.pool import BrowserPool
    from gofer.config import Settings
    from gofer.store.tables import JobRow

HTTP_REQUESTS = Counter(
    "gofer_http_requests",
    "HTTP requests by method, route template and status.",
    ["method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "gofer_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
JOBS = Counter(
    "gofer_jobs",
    "Jobs entering each status, by workflow (terminal statuses count finished jobs).",
    ["workflow", "status"],
)
JOB_DURATION = Histogram(
    "gofer_job_duration_seconds",
    "Time from a job's start to its end, by workflow and outcome.",
    ["workflow", "status"],
    buckets=(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200),
)
BROWSER_CONTEXTS = Gauge("gofer_browser_contexts_in_use", "Browser contexts open for jobs.")
QR_RELAYS = Counter(
    "gofer_qr_relays", "BankID QR codes relayed to users, by workflow.", ["workflow"]
)
WEBSOCKET_CONNECTIONS = Gauge("gofer_websocket_connections", "Open WebSocket connections.")
# Webhook delivery counts and latency are gofer.webhooks.metrics, on the same registry.
AUTH_REQUESTS = Counter(
    "gofer_auth_requests",
    "Requests to /api/auth endpoints by endpoint and status.",
    ["endpoint", "status"],
)
RATE_LIMITED = Counter(
    "gofer_rate_limited_requests", "Requests refused with 429, by limit.", ["limit"]
)
# The voice server's names, kept as they were.
SESSIONS_CREATED = Counter("sessions", "Conversation sessions created.")
WEBRTC_CONNECTIONS = Counter("webrtc_connections", "WebRTC connections opened (voice).")
WEBRTC_ACTIVE = Gauge("webrtc_active_connections", "Open WebRTC connections (voice).")

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_template(scope: Scope) -> str:
    """The route's path template ("/api/v1/jobs/{job_id}"), never the raw path: bounded labels."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    # Answered before routing (a 429, a CORS preflight): match the path against the templates.
    for pattern, template in _templates(scope.get("app")):
        if pattern.match(scope.get("path", "")):
            return template
    return "unmatched"


def _templates(app: Any) -> list[tuple[re.Pattern[str], str]]:
    state = getattr(app, "state", None)
    if state is None:
        return []
    cached = getattr(state, "route_templates", None)
    if cached is None:
        try:
            paths = [*app.openapi().get("paths", {}), "/metrics"]
        except Exception:  # a broken schema must not break counting
            paths = ["/metrics"]
        cached = [(compile_path(p)[0], p) for p in paths]
        state.route_templates = cached
    return cached  # type: ignore[no-any-return]


class HttpMetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            method = scope["method"] if scope["method"] in KNOWN_METHODS else "OTHER"
            route = route_template(scope)
            HTTP_REQUESTS.labels(method, route, str(status)).inc()
            HTTP_DURATION.labels(method, route).observe(time.perf_counter() - started)
            if route.startswith("/api/auth/"):
                AUTH_REQUESTS.labels(route.removeprefix("/api/auth/"), str(status)).inc()


class JobMetrics:
    """Counts job statuses, durations and QR relays from the job store's events.

    The workflow and start time are read from the job row inside the storing transaction and
    counted once that transaction has committed.
    """

    def __init__(self) -> None:
        self._pending: dict[tuple[str, int], tuple[str, str | None, float | None]] = {}

    async def in_transaction(self, _session: AsyncSession, row: JobRow, event: Event) -> None:
        status: str | None = None
        duration: float | None = None
        if event.type == STATUS_UPDATE:
            status = display_status(JobState(row.state), row.step)
        elif event.type in ENDING_EVENTS and row.finished_at == event.timestamp:
            # The event that ended the job (a second, seed-style failure event is not counted).
            status = display_status(JobState(row.state), row.step)
            began = row.started_at or row.created_at
            duration = (row.finished_at - began).total_seconds()
        elif event.type != QR_CODE_UPDATE:
            return
        self._pending[(event.job_id, event.seq)] = (row.workflow, status, duration)

    def after_commit(self, event: Event) -> None:
        noted = self._pending.pop((event.job_id, event.seq), None)
        if noted is None:
            return
        workflow, status, duration = noted
        if event.type == QR_CODE_UPDATE:
            QR_RELAYS.labels(workflow).inc()
            return
        if status is not None:
            JOBS.labels(workflow, status).inc()
        if duration is not None and status is not None:
            JOB_DURATION.labels(workflow, status).observe(max(0.0, duration))


router = APIRouter()


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if settings.metrics_token is not None:
        token = bearer_token(request.headers.get("authorization")) or ""
        expected = settings.metrics_token.get_secret_value()
        if not hmac.compare_digest(token.encode(), expected.encode()):
            raise NotAuthenticated(
                "Missing or invalid metrics token",
                "unauthorized",
                headers={"WWW-Authenticate": "Bearer"},
            )
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def watch_browser_contexts(pool: BrowserPool) -> None:
    """The browser-contexts gauge reads the pool of this process."""
    BROWSER_CONTEXTS.set_function(lambda: float(pool.contexts_in_use))


def install_metrics(app: FastAPI) -> None:
    app.include_router(router)
    app.add_middleware(HttpMetricsMiddleware)  # type: ignore[arg-type]
