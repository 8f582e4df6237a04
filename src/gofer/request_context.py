"""Gives every request an id (X-Request-ID), binds it to the logs, and logs one line per request."""

from __future__ import annotations

import re
import time
import uuid
from typing import TYPE_CHECKING

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gofer.metrics import route_template

if TYPE_CHECKING:
    pass

log = structlog.get_logger("gofer.http")

_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
QUIET_ROUTES = frozenset({"/health", "/metrics"})


def request_id_from(scope: Scope) -> str:
    """The client's X-Request-ID when it is a plain token, else a new one (never echo junk)."""
    for key, value in scope.get("headers", []):
        if key == b"x-request-id":
            candidate = value.decode("latin-1")
            if _CLIENT_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message = {
                    **message,
                    "headers": [
                        *message.get("headers", []),
                        (b"x-request-id", request_id.encode()),
                    ],
                }
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                if scope["type"] == "http":
                    route = route_template(scope)
                    # The route template, never the query string: tokens can travel there.
                    line = log.debug if route in QUIET_ROUTES else log.info
                    line(
                        "http_request",
                        method=scope.get("method"),
                        route=route,
                        status=status,
                        duration_ms=round((time.perf_counter() - started) * 1000, 1),
                    )
