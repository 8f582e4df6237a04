"""Test parts for webhook tests: a programmable receiver and servers on 127.0.0.1 in this loop."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from gofer.app import create_app
from gofer.config import Settings
from gofer.core import Core
from gofer.principal import Principal
from gofer.webhooks.ssrf import Resolver

ADMIN_TOKEN = "admin-token-for-webhook-tests"
USER_TOKENS = {"token-user-a": "user_a", "token-user-b": "user_b"}


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextlib.asynccontextmanager
async def serve(app: Any, tls: tuple[Path, Path] | None = None) -> AsyncIterator[str]:
    """Serves an ASGI app with uvicorn on a free 127.0.0.1 port in this event loop.

    With `tls` (certificate file, key file) it serves HTTPS.
    """
    sock = free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=1,
        access_log=False,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
    )
    config.load()
    server = uvicorn.Server(config)
    server.lifespan = config.lifespan_class(config)
    await server.startup(sockets=[sock])  # returns once the app has started and listens
    main = asyncio.create_task(server.main_loop())
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await main
        await server.shutdown(sockets=[sock])
        sock.close()


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]


# Decides a response: (status, body). May await (a hanging receiver awaits forever).
Responder = Callable[[Received, int], Awaitable[tuple[int, bytes, dict[str, str]]]]


async def ok(_: Received, __: int) -> tuple[int, bytes, dict[str, str]]:
    return 200, b'{"ok":true}', {}


@dataclass
class Receiver:
    """An ASGI app that records every request and answers as `respond` says."""

    respond: Responder = ok
    requests: list[Received] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        request = Received(scope["path"], headers, body)
        async with self.changed:
            self.requests.append(request)
            index = len(self.requests)
            self.changed.notify_all()
        status, answer, extra = await self.respond(request, index)
        response_headers = [(b"content-type", b"application/json")]
        response_headers += [(k.encode(), v.encode()) for k, v in extra.items()]
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": answer})

    async def wait_for(self, check: Callable[[list[Received]], bool], timeout: float = 15) -> None:
        async with asyncio.timeout(timeout):
            async with self.changed:
                await self.changed.wait_for(lambda: check(self.requests))

    def hooks(self) -> list[Received]:
        """Requests that carried a webhook (not other paths such as a redirect landing)."""
        return [r for r in self.requests if "webhook-id" in r.headers]


def settings_for_tests(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "test",
        "api_secret_token": ADMIN_TOKEN,
        "data_dir": data_dir,
        "webhook_allow_hosts": ["127.0.0.1"],
        "webhook_retry_schedule_s": [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05],
        "webhook_timeout_s": 2.0,
        "webhook_secret": "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def user_tokens(token: str) -> Principal | None:
    user = USER_TOKENS.get(token)
    return Principal(user) if user else None


@dataclass
class RunningGofer:
    base_url: str
    core: Core
    http: httpx.AsyncClient

    def auth(self, token: str = ADMIN_TOKEN) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    async def until(self, check: Callable[[], Awaitable[bool]], timeout: float = 15) -> None:
        """Waits until `check` holds, re-checking whenever the delivery log is written."""
        dispatcher = self.core.webhooks.dispatcher
        async with asyncio.timeout(timeout):
            while True:
                seen = dispatcher.flush_count
                if await check():
                    return
                await dispatcher.wait_for_flush_after(seen)

    async def job(self, user_id: str = "admin", webhook_url: str | None = None) -> str:
        job = await self.core.store.create(
            user_id=user_id,
            workflow="trafikverket.book",
            params={"user_id": "seed-user-42"},
            webhook_url=webhook_url,
        )
        return job.job_id

    async def messages(self, token: str = ADMIN_TOKEN, **query: str) -> list[dict[str, Any]]:
        response = await self.http.get(
            "/api/v1/webhooks/messages", params=query, headers=self.auth(token)
        )
        assert response.status_code == 200, response.text
        return response.json()["messages"]  # type: ignore[no-any-return]


@contextlib.asynccontextmanager
async def running_gofer(
    data_dir: Path, resolver: Resolver | None = None, **overrides: Any
) -> AsyncIterator[RunningGofer]:
    settings = settings_for_tests(data_dir, **overrides)
    app = create_app(settings, with_browser=False, webhook_resolver=resolver)
    app.state.token_resolvers.append(user_tokens)
    async with serve(app) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
            yield RunningGofer(base_url, app.state.core, http)
