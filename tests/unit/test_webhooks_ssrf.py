"""The SSRF guard: which addresses and URLs are refused, allowlisting, and DNS pinning."""

from __future__ import annotations

import ipaddress

import pytest

from gofer.webhooks.ssrf import CheckedTarget, UnsafeUrl, UrlGuard, blocked_reason, parse
from gofer.webhooks.transport import PinnedResolver, UncheckedHost, pinned_target


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.0.0.1", "a private address"),
        ("172.16.0.1", "a private address"),
        ("172.31.255.255", "a private address"),
        ("192.168.1.1", "a private address"),
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("::1", "a loopback address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("100.100.100.200", "a cloud metadata address"),
        ("169.254.10.10", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("fc00::1", "a private address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("100.64.0.1", "a reserved address"),
        ("240.0.0.1", "a reserved address"),
    ],
)
def test_internal_addresses_are_blocked(address: str, reason: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "scheme_not_allowed"),
        ("ftp://example.com/x", "scheme_not_allowed"),
        ("javascript:alert(1)", "scheme_not_allowed"),
        ("example.com/hook", "scheme_not_allowed"),
        ("http://", "invalid_url"),
        ("http://example.com:99999/", "invalid_url"),
        ("https://user:secret@example.com/", "credentials_in_url"),
    ],
)
def test_malformed_or_non_http_urls_are_refused(url: str, code: str) -> None:
    with pytest.raises(UnsafeUrl) as caught:
        parse(url)
    assert caught.value.code == code


def test_parse_normalises_host_and_default_ports() -> None:
    assert parse("HTTPS://Example.COM./x") == ("https", "example.com", 443)
    assert parse("http://[2606:4700::1111]:8080/") == ("http", "2606:4700::1111", 8080)
    assert parse("http://bücher.example/") == ("http", "xn--bcher-kva.example", 80)


class FakeDns:
    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.lookups: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.answers:
            raise OSError("name does not resolve")
        return self.answers[host]


async def test_a_name_is_judged_by_every_address_it_resolves_to() -> None:
    dns = FakeDns({"mixed.example": ["93.184.216.34", "10.1.1.1"], "ok.example": ["93.184.216.34"]})
    guard = UrlGuard(resolver=dns)
    with pytest.raises(UnsafeUrl, match=r"resolves to 10\.1\.1\.1, which is a private address"):
        await guard.check("https://mixed.example/hook")
    target = await guard.check("https://ok.example/hook")
    assert target.addresses == ("93.184.216.34",)
    assert (target.host, target.port) == ("ok.example", 443)


async def test_unresolvable_hosts_are_refused() -> None:
    guard = UrlGuard(resolver=FakeDns({}))
    with pytest.raises(UnsafeUrl) as caught:
        await guard.check("https://nowhere.example/")
    assert caught.value.code == "unresolvable_host"


async def test_the_allowlist_admits_named_hosts_only() -> None:
    dns = FakeDns({"receiver.internal": ["10.0.0.5"], "other.internal": ["10.0.0.6"]})
    guard = UrlGuard(["receiver.internal", "127.0.0.1"], resolver=dns)
    assert (await guard.check("http://receiver.internal/x")).addresses == ("10.0.0.5",)
    assert (await guard.check("http://127.0.0.1:9/x")).addresses == ("127.0.0.1",)
    with pytest.raises(UnsafeUrl):
        await guard.check("http://other.internal/x")
    with pytest.raises(UnsafeUrl):
        await guard.check("http://127.0.0.2/x")


async def test_metadata_host_names_are_refused_before_dns() -> None:
    dns = FakeDns({})
    guard = UrlGuard(resolver=dns)
    with pytest.raises(UnsafeUrl, match="cloud metadata"):
        await guard.check("http://metadata.google.internal/computeMetadata/v1/")
    assert dns.lookups == []


async def test_checked_answers_are_reused_and_a_rebinding_is_caught_when_they_expire() -> None:
    dns = FakeDns({"hooks.example": ["93.184.216.34"]})
    cached = UrlGuard(resolver=dns)
    await cached.check("https://hooks.example/a")
    await cached.check("https://hooks.example/b")
    assert dns.lookups == ["hooks.example"]

    uncached = UrlGuard(resolver=dns, cache_ttl_s=0)
    await uncached.check("https://hooks.example/a")
    dns.answers["hooks.example"] = ["169.254.169.254"]
    with pytest.raises(UnsafeUrl, match="cloud metadata"):
        await uncached.check("https://hooks.example/a")


async def test_the_client_resolves_only_to_the_pinned_checked_target() -> None:
    resolver = PinnedResolver()
    with pytest.raises(UncheckedHost, match="unchecked host"):
        await resolver.resolve("hooks.example", 443)
    token = pinned_target.set(CheckedTarget("hooks.example", 443, ("93.184.216.34", "2606::1")))
    try:
        with pytest.raises(UncheckedHost, match="unchecked host"):
            await resolver.resolve("other.example", 443)
        with pytest.raises(UncheckedHost, match="unchecked host"):
            await resolver.resolve("hooks.example", 8443)
        answers = await resolver.resolve("Hooks.Example.", 443)
        assert [a["host"] for a in answers] == ["93.184.216.34", "2606::1"]
        assert [a["hostname"] for a in answers] == ["Hooks.Example.", "Hooks.Example."]
    finally:
        pinned_target.reset(token)
