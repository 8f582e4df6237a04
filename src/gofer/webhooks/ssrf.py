"""The SSRF guard: which webhook URLs may be called, and the checked addresses to connect to."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Turns (host, port) into the addresses it resolves to; injectable so tests can fake DNS.
Resolver = Callable[[str, int], Awaitable[list[str]]]

# Addresses that hand out cloud credentials (AWS, GCP, Azure, ECS, Alibaba, Oracle).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254")
)
METADATA_HOSTNAMES = frozenset({"metadata.google.internal", "metadata", "instance-data"})


class UnsafeUrl(ValueError):
    """A URL the guard refuses, with a sentence a person can act on and a machine code."""

    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class CheckedTarget:
    """A URL that passed the guard and the addresses that may be connected to for it."""

    host: str
    port: int
    addresses: tuple[str, ...]


async def system_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def blocked_reason(address: IpAddress) -> str | None:
    """Why an address must not be called, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "a reserved address"
    return None


def parse(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of an http(s) URL, or UnsafeUrl saying what is wrong with it."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UnsafeUrl("the URL is not valid", "invalid_url") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = scheme or "none"
        raise UnsafeUrl(
            f"the scheme '{shown}' is not allowed; use http or https", "scheme_not_allowed"
        )
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UnsafeUrl("the URL has no host", "invalid_url")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")  # the form the client connects with
        except UnicodeError as exc:
            raise UnsafeUrl("the URL's host name is not valid", "invalid_url") from exc
    if parts.username is not None or parts.password is not None:
        raise UnsafeUrl("the URL must not contain credentials", "credentials_in_url")
    return scheme, host, port or (443 if scheme == "https" else 80)


class UrlGuard:
    """Checks webhook URLs at registration and again, after DNS, right before each delivery."""

    def __init__(
        self,
        allow_hosts: Sequence[str] = (),
        resolver: Resolver | None = None,
        cache_ttl_s: float = 30.0,
    ) -> None:
        self._allow = {h.strip().strip("[]").rstrip(".").lower() for h in allow_hosts if h.strip()}
        self._resolver = resolver or system_resolver
        self._cache_ttl_s = cache_ttl_s
        # Caching is safe: connections go to the cached addresses, which were checked.
        self._cache: dict[tuple[str, int], tuple[float, CheckedTarget]] = {}

    def is_allowlisted(self, host: str) -> bool:
        return host in self._allow

    async def check(self, url: str) -> CheckedTarget:
        _, host, port = parse(url)
        key = (host, port)
        cached = self._cache.get(key)
        now = time.monotonic()
        if cached is not None and cached[0] > now:
            return cached[1]
        target = await self._resolve_and_check(host, port)
        self._cache[key] = (now + self._cache_ttl_s, target)
        return target

    async def _resolve_and_check(self, host: str, port: int) -> CheckedTarget:
        allowlisted = self.is_allowlisted(host)
        if host in METADATA_HOSTNAMES and not allowlisted:
            raise UnsafeUrl(f"the host '{host}' is a cloud metadata service", "blocked_address")
        try:
            literal: IpAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                addresses = await self._resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise UnsafeUrl(f"the host '{host}' does not resolve", "unresolvable_host") from exc
            if not addresses:
                raise UnsafeUrl(f"the host '{host}' does not resolve", "unresolvable_host")
        if not allowlisted:
            # Every address must be public: a name with one private address could be steered to it.
            for text in addresses:
                reason = blocked_reason(ipaddress.ip_address(text.split("%")[0]))
                if reason is not None:
                    what = "is" if literal is not None else f"resolves to {text}, which is"
                    raise UnsafeUrl(f"the host '{host}' {what} {reason}", "blocked_address")
        return CheckedTarget(host, port, tuple(addresses))
