"""An httpx transport that connects only to addresses the SSRF guard has just checked."""

from __future__ import annotations

import contextvars
import importlib.util
import ssl
import sys
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from gofer.webhooks.ssrf import CheckedTarget

# httpcore tries `import sniffio` on every request; when it is not installed, each failed import
# searches the whole path (a large share of a delivery's CPU). A None entry fails it at once.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

# The checked target of the delivery running in this task; connections are made only to it.
pinned_target: contextvars.ContextVar[CheckedTarget | None] = contextvars.ContextVar(
    "gofer_webhook_pinned_target", default=None
)


class PinnedNetworkBackend(httpcore.AsyncNetworkBackend):
    """Connects to the checked addresses instead of resolving the host name again.

    TLS still uses the URL's host name for SNI and certificate checks, because httpcore passes
    the name (not the address) to `start_tls`.
    """

    def __init__(self) -> None:
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        target = pinned_target.get()
        if target is None or target.host != host.lower().rstrip(".") or target.port != port:
            raise httpcore.ConnectError(f"refusing to connect to unchecked host {host}:{port}")
        error: Exception | None = None
        for address in target.addresses:
            try:
                return await self._backend.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address to connect to for {host}")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks never use unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's pooled HTTP/1.1 transport with the pinned network backend underneath."""

    def __init__(
        self, ssl_context: ssl.SSLContext, max_connections: int, keepalive_expiry: float = 30.0
    ) -> None:
        # No super().__init__(): it would build an SSL context per transport; ours is shared.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=PinnedNetworkBackend(),
        )


class DeliveryClients:
    """One single-connection pinned transport per concurrent delivery.

    httpcore's pool does work proportional to its connections on every request, so one big
    pool gets slow under load; many one-connection pools stay fast. A delivery borrows an idle
    transport, preferring one whose kept-alive connection already goes to the same host.
    Requests go straight to the transport: redirects are never followed, no cookies, no proxies.
    """

    def __init__(self, count: int) -> None:
        context = httpx.create_ssl_context(trust_env=False)
        self._idle: dict[tuple[str, int], list[PinnedTransport]] = {}
        self._fresh = [PinnedTransport(context, max_connections=1) for _ in range(count)]
        self._all = list(self._fresh)

    def borrow(self, origin: tuple[str, int]) -> PinnedTransport:
        """An idle transport; callers never run more deliveries than there are transports."""
        same = self._idle.get(origin)
        if same:
            return same.pop()
        if self._fresh:
            return self._fresh.pop()
        for transports in self._idle.values():
            if transports:
                return transports.pop()
        raise RuntimeError("more concurrent deliveries than delivery transports")

    def give_back(self, origin: tuple[str, int], transport: PinnedTransport) -> None:
        self._idle.setdefault(origin, []).append(transport)

    async def aclose(self) -> None:
        for transport in self._all:
            await transport.aclose()
