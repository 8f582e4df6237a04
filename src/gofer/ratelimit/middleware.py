"""ASGI middleware that applies the rate limits and answers 429 with Retry-After."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import structlog
from limits.errors import StorageError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gofer.api.auth import bearer_token
from gofer.authn import AdminTokenResolver, resolve
from gofer.metrics import RATE_LIMITED
from gofer.ratelimit.limiter import Decision, LimitName, RateLimiter, limit_for

if TYPE_CHECKING:
    from gofer.core import Core

log = structlog.get_logger("gofer.ratelimit")

# RFC 6455's registered "Try Again Later": the server is refusing this client for now.
CLOSE_TRY_AGAIN_LATER = 1013


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _client_ip(scope: Scope) -> str:
    # Behind a proxy, uvicorn's --proxy-headers/--forwarded-allow-ips sets the real client here;
    # X-Forwarded-For is never read directly, since any client can send it.
    client = scope.get("client")
    return client[0] if client else "unknown"


def limit_headers(decision: Decision) -> list[tuple[bytes, bytes]]:
    headers = [
        (b"x-ratelimit-limit", str(decision.limit).encode()),
        (b"x-ratelimit-remaining", str(decision.remaining).encode()),
        (b"x-ratelimit-reset", str(decision.reset_in_s).encode()),
    ]
    if not decision.allowed:
        headers.append((b"retry-after", str(decision.retry_after_s).encode()))
    return headers


def _limiter(scope: Scope) -> RateLimiter | None:
    core: Core | None = getattr(scope["app"].state, "core", None)
    if core is None or not core.limiter.started:
        return None
    return core.limiter


class RateLimitMiddleware:
    """Limits by the running core's limiter (memory, or Redis when REDIS_URL is set)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limiter = _limiter(scope) if scope["type"] in ("http", "websocket") else None
        if limiter is None:
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET") if scope["type"] == "http" else "WEBSOCKET"
        name = limit_for(method, scope["path"])
        if name is None or (name != LimitName.LOGIN and await self._is_admin(scope)):
            await self.app(scope, receive, send)
            return
        identity = await self._identity(scope, name)
        try:
            decision = await limiter.hit(name, identity)
        except StorageError as exc:
            # An unreachable limit store must not take the API down with it.
            log.warning("rate_limit_storage_error", error_type=type(exc).__name__)
            await self.app(scope, receive, send)
            return
        if not decision.allowed:
            RATE_LIMITED.labels(name.value).inc()
            log.info("rate_limited", limit=name.value, retry_after_s=decision.retry_after_s)
            await self._refuse(scope, receive, send, decision)
            return
        extra = limit_headers(decision)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _is_admin(self, scope: Scope) -> bool:
        """The operator's key is not limited (its polling and benches are trusted traffic)."""
        token = self._token(scope)
        if not token:
            return False
        resolvers = scope["app"].state.token_resolvers
        admins = [r for r in resolvers if isinstance(r, AdminTokenResolver)]
        principal = await resolve(admins, token)  # type: ignore[arg-type]
        return principal is not None and principal.is_admin

    @staticmethod
    def _token(scope: Scope) -> str | None:
        token = bearer_token(_header(scope, b"authorization"))
        if token is None and scope["type"] == "websocket":
            for part in scope.get("query_string", b"").decode("latin-1").split("&"):
                key, _, value = part.partition("=")
                if key == "token" and value:
                    return value
        return token

    async def _identity(self, scope: Scope, name: LimitName) -> str:
        if name == LimitName.JOB_START:
            token = self._token(scope)
            principal = await resolve(scope["app"].state.token_resolvers, token)
            if principal is not None:
                return f"user:{principal.user_id}"
        return f"ip:{_client_ip(scope)}"

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, decision: Decision) -> None:
        seconds = decision.retry_after_s
        if scope["type"] == "websocket":
            # Accepted first, like every WebSocket refusal: a browser never sees a handshake's
            # HTTP status, only a close code and reason.
            message = await receive()
            if message["type"] != "websocket.connect":
                return
            await send({"type": "websocket.accept"})
            reason = f"Rate limit exceeded. Please wait {seconds} seconds."
            await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER, "reason": reason})
            return
        body = json.dumps(
            {
                "success": False,
                "error": f"Rate limit exceeded. Please wait {seconds} seconds.",
                "code": "rate_limited",
                "retry_after": seconds,
            }
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *limit_headers(decision),
        ]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})
