"""The webhook HTTP client: aiohttp, connecting only to addresses the SSRF guard has just checked."""

from __future__ import annotations

import contextvars
import socket
import ssl
from dataclasses import dataclass
from typing import Protocol

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from gofer.webhooks.ssrf import CheckedTarget

RESPONSE_PREFIX_BYTES = 1024

# The checked target of the delivery running in this task; connections are made only to it.
pinned_target: contextvars.ContextVar[CheckedTarget | None] = contextvars.ContextVar(
    "gofer_webhook_pinned_target", default=None
)


class UncheckedHost(OSError):
    """A connection was asked for a host the guard did not check for this delivery."""


class PinnedResolver(AbstractResolver):
    """Answers name lookups with the guard's checked addresses instead of asking DNS again.

    aiohttp still uses the URL's host name for SNI and the certificate check, so TLS verifies
    the name while the socket goes to the checked address. IP-literal hosts skip resolvers;
    the guard has checked the literal itself.
    """

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        target = pinned_target.get()
        if target is None or target.host != host.lower().rstrip(".") or target.port != port:
            raise UncheckedHost(f"refusing to connect to unchecked host {host}:{port}")
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in target.addresses
        ]

    async def close(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Answer:
    status_code: int
    # The first KB of the receiver's answer, for debugging a failing endpoint.
    body_prefix: str


class DeliveryClient(Protocol):
    """What the dispatcher needs from an HTTP client (the benchmark compares several)."""

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer: ...

    async def aclose(self) -> None: ...


def verifying_ssl_context(ca_bundle: str | None = None) -> ssl.SSLContext:
    """The system's trusted CAs (honouring SSL_CERT_FILE), plus `ca_bundle` when given."""
    context = ssl.create_default_context()
    if ca_bundle is not None:
        context.load_verify_locations(cafile=ca_bundle)
    return context


class WebhookClient:
    """One pooled aiohttp session for every delivery of a dispatcher.

    No redirects, no cookies, no proxies from the environment, a whole-request time limit,
    and TLS verified against `ssl_context` (the system CAs by default).
    """

    def __init__(
        self, *, concurrency: int, timeout_s: float, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self._concurrency = concurrency
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._ssl = ssl_context or verifying_ssl_context()
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        # Built lazily: aiohttp wants a running event loop.
        connector = aiohttp.TCPConnector(
            limit=self._concurrency,
            limit_per_host=0,
            resolver=PinnedResolver(),
            use_dns_cache=False,
            ssl=self._ssl,
            keepalive_timeout=30,
        )
        return aiohttp.ClientSession(
            connector=connector,
            timeout=self._timeout,
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
            auto_decompress=False,
            skip_auto_headers=("Accept-Encoding",),
        )

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        """Sends one webhook; the caller has set `pinned_target` to the checked target."""
        if self._session is None:
            self._session = self._open()
        async with self._session.post(
            url, data=body, headers=headers, allow_redirects=False
        ) as response:
            prefix = bytearray()
            while len(prefix) < RESPONSE_PREFIX_BYTES:
                chunk = await response.content.read(RESPONSE_PREFIX_BYTES - len(prefix))
                if not chunk:
                    break
                prefix += chunk
            return Answer(response.status, prefix.decode("utf-8", "replace"))

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
