"""Rate limits: login lockout per IP, job starts per user, the per-IP default, 429 + Retry-After."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI

from gofer.metrics import RATE_LIMITED
from tests.unit.accounts_support import accounts_app, sign_up


@asynccontextmanager
async def client_from(app: FastAPI, ip: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gofer.test") as client:
        yield client


def login_body(n: int = 0) -> dict[str, str]:
    return {"email": f"someone{n}@example.com", "password": "a wrong passphrase"}


async def test_sixth_login_in_a_minute_is_locked_out_for_60_s(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as running:
        async with client_from(running.app, "203.0.113.7") as attacker:
            for n in range(5):
                answer = await attacker.post("/api/auth/login", json=login_body(n))
                assert answer.status_code == 401
                assert answer.headers["x-ratelimit-limit"] == "5"
                assert answer.headers["x-ratelimit-remaining"] == str(4 - n)
            before = RATE_LIMITED.labels("login")._value.get()
            locked = await attacker.post("/api/auth/login", json=login_body(5))
            assert locked.status_code == 429
            retry = int(locked.headers["retry-after"])
            assert 55 <= retry <= 60
            assert locked.json() == {
                "success": False,
                "error": f"Rate limit exceeded. Please wait {retry} seconds.",
                "code": "rate_limited",
                "retry_after": retry,
            }
            assert RATE_LIMITED.labels("login")._value.get() == before + 1
            # Still locked, whatever the account, with the lockout counting down.
            again = await attacker.post("/api/auth/login", json=login_body(9))
            assert again.status_code == 429 and int(again.headers["retry-after"]) <= retry
            # Other routes from that address are not part of the login lockout.
            assert (await attacker.get("/health")).status_code == 200
        # Another address is not affected.
        async with client_from(running.app, "198.51.100.4") as someone_else:
            answer = await someone_else.post("/api/auth/login", json=login_body())
            assert answer.status_code == 401


async def test_lockout_applies_to_correct_passwords_too(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as running:
        user = await sign_up(running.client, running.core, "real@example.com")
        async with client_from(running.app, "203.0.113.8") as c:
            for n in range(5):
                await c.post("/api/auth/login", json=login_body(n))
            right = await c.post(
                "/api/auth/login",
                json={"email": user.email, "password": "a long enough passphrase"},
            )
            assert right.status_code == 429


async def test_job_starts_are_limited_per_user(make_settings, run_app):
    settings = make_settings(rate_limit_job_start="2/minute", rate_limit_login="100/minute")
    async with run_app(accounts_app(settings)) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        bo = await sign_up(c, running.core, "bo@example.com")
        for _ in range(2):
            ok = await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=anna.headers)
            assert ok.status_code == 201
        limited = await c.post(
            "/api/v1/booking/start", json={"locations": ["Uppsala"]}, headers=anna.headers
        )
        assert limited.status_code == 429 and "Retry-After" in limited.headers
        assert limited.json()["error"].startswith("Rate limit exceeded. Please wait ")
        # Same address, different user: their own allowance.
        other = await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=bo.headers)
        assert other.status_code == 201
        # Reading is not a job start.
        assert (await c.get("/api/v1/jobs", headers=anna.headers)).status_code == 200


async def test_default_limit_per_ip_for_everything_else(make_settings, run_app, admin_headers):
    async with run_app(accounts_app(make_settings(rate_limit_default="3/minute"))) as running:
        async with client_from(running.app, "192.0.2.10") as c:
            statuses = [(await c.get("/api/v1/jobs")).status_code for _ in range(4)]
            assert statuses == [401, 401, 401, 429]
            assert (await c.get("/api/sessions")).status_code == 429
            # Liveness and metrics stay reachable.
            assert (await c.get("/health")).status_code == 200
            assert (await c.get("/metrics")).status_code == 200
            # The operator's key is not limited.
            assert (await c.get("/api/v1/jobs", headers=admin_headers)).status_code == 200
        async with client_from(running.app, "192.0.2.11") as fresh:
            assert (await fresh.get("/api/v1/jobs")).status_code == 401


async def test_offer_route_has_its_own_limit(make_settings, run_app):
    async with run_app(accounts_app(make_settings(rate_limit_offer="2/minute"))) as running:
        async with client_from(running.app, "192.0.2.20") as c:
            statuses = [(await c.post("/offer", json={})).status_code for _ in range(3)]
            # No voice route yet (404), but the limit already holds.
            assert statuses == [404, 404, 429]


@pytest.mark.redis
async def test_limits_are_shared_through_redis(make_settings, run_app):
    import uuid

    import redis.asyncio as redis

    url = "redis://127.0.0.1:6379/15"
    probe = redis.from_url(url)
    try:
        await probe.ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    finally:
        await probe.aclose()
    ip = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.9"
    settings = dict(redis_url=url, rate_limit_default="2/minute")
    # Two servers (two app instances) share one allowance per address.
    async with run_app(accounts_app(make_settings(**settings))) as first:
        async with run_app(accounts_app(make_settings(**settings))) as second:
            async with client_from(first.app, ip) as a, client_from(second.app, ip) as b:
                assert (await a.get("/api/v1/jobs")).status_code == 401
                assert (await b.get("/api/v1/jobs")).status_code == 401
                assert (await a.get("/api/v1/jobs")).status_code == 429
                assert (await b.get("/api/v1/jobs")).status_code == 429
