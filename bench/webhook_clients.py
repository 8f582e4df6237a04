"""httpx delivery clients the webhook benchmark compares with Gofer's aiohttp client.

Both pin the guard's checked addresses like the real client (a network backend that connects
only to them), verify TLS, follow no redirects and read at most 1 KB of the answer.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from gofer.webhooks.transport import RESPONSE_PREFIX_BYTES, Answer, pinned_target


class PinnedNetworkBackend(httpcore.AsyncNetworkBackend):
    """Connects to the checked addresses instead of resolving the host name again."""

    def __init__(self) -> None:
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        target = pinned_target.get()
        if target is None or target.host != host.lower().rstrip(".") or target.port != port:
            raise httpcore.ConnectError(f"refusing to connect to unchecked host {host}:{port}")
        return await self._backend.connect_tcp(
            target.addresses[0], port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("no unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def pinned_pool(context: ssl.SSLContext, connections: int) -> httpcore.AsyncConnectionPool:
    return httpcore.AsyncConnectionPool(
        ssl_context=context,
        max_connections=connections,
        max_keepalive_connections=connections,
        keepalive_expiry=30,
        network_backend=PinnedNetworkBackend(),
    )


async def _send(pool: httpcore.AsyncConnectionPool, url: str, body: bytes, headers: Any) -> Answer:
    async with pool.stream("POST", url, headers=headers, content=body) as response:
        prefix = bytearray()
        async for chunk in response.aiter_stream():
            prefix += chunk
            if len(prefix) >= RESPONSE_PREFIX_BYTES:
                break
    return Answer(response.status, prefix[:RESPONSE_PREFIX_BYTES].decode("utf-8", "replace"))


class HttpxPooled:
    """httpx's transport (httpcore) with one pool of `concurrency` keep-alive connections."""

    def __init__(self, concurrency: int, timeout_s: float) -> None:
        self._pool = pinned_pool(httpx.create_ssl_context(trust_env=False), concurrency)
        self._timeout = {"connect": timeout_s, "read": timeout_s, "write": timeout_s}

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        return await _send(self._pool, url, body, list(headers.items()))

    async def aclose(self) -> None:
        await self._pool.aclose()


class HttpxLent:
    """Gofer's former client: one single-connection pool lent out per concurrent delivery."""

    def __init__(self, concurrency: int, timeout_s: float) -> None:
        context = httpx.create_ssl_context(trust_env=False)
        self._idle = [pinned_pool(context, 1) for _ in range(concurrency)]
        self._all = list(self._idle)

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        pool = self._idle.pop()
        try:
            return await _send(pool, url, body, list(headers.items()))
        finally:
            self._idle.append(pool)

    async def aclose(self) -> None:
        for pool in self._all:
            await pool.aclose()
