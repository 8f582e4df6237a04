"""CORS: explicit allowed origins; localhost origins in dev; none by default in production."""

from __future__ import annotations

from tests.unit.accounts_support import accounts_app

PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization,content-type",
}


async def test_preflight_from_an_allowed_origin(make_settings, run_app):
    settings = make_settings(cors_origins=["https://app.example.com"])
    async with run_app(accounts_app(settings)) as running:
        answer = await running.client.options(
            "/api/v1/booking/start", headers={"Origin": "https://app.example.com", **PREFLIGHT}
        )
        assert answer.status_code == 200
        assert answer.headers["access-control-allow-origin"] == "https://app.example.com"
        assert "POST" in answer.headers["access-control-allow-methods"]
        allowed = answer.headers["access-control-allow-headers"].lower()
        assert "authorization" in allowed and "content-type" in allowed
        # The real request carries the header too, and exposes the rate-limit headers.
        real = await running.client.get("/health", headers={"Origin": "https://app.example.com"})
        assert real.headers["access-control-allow-origin"] == "https://app.example.com"
        assert "retry-after" in real.headers["access-control-expose-headers"].lower()


async def test_preflight_from_another_origin_is_refused(make_settings, run_app):
    settings = make_settings(cors_origins=["https://app.example.com"])
    async with run_app(accounts_app(settings)) as running:
        answer = await running.client.options(
            "/api/v1/jobs", headers={"Origin": "https://evil.example.net", **PREFLIGHT}
        )
        assert answer.status_code == 400
        assert "access-control-allow-origin" not in answer.headers
        real = await running.client.get("/health", headers={"Origin": "https://evil.example.net"})
        assert "access-control-allow-origin" not in real.headers


async def test_production_allows_no_origin_by_default(make_settings, run_app):
    settings = make_settings(env="prod", jwt_secret="j" * 40)
    async with run_app(accounts_app(settings)) as running:
        answer = await running.client.options(
            "/api/v1/jobs", headers={"Origin": "http://localhost:3000", **PREFLIGHT}
        )
        assert "access-control-allow-origin" not in answer.headers
        assert answer.status_code in (404, 405)


async def test_dev_allows_localhost_origins(make_settings, run_app):
    async with run_app(accounts_app(make_settings(env="dev"))) as running:
        for origin in ("http://localhost:3000", "http://127.0.0.1:5173"):
            answer = await running.client.options(
                "/api/v1/jobs", headers={"Origin": origin, **PREFLIGHT}
            )
            assert (
                answer.status_code == 200
                and answer.headers["access-control-allow-origin"] == origin
            )
        remote = await running.client.options(
            "/api/v1/jobs", headers={"Origin": "https://example.com", **PREFLIGHT}
        )
        assert "access-control-allow-origin" not in remote.headers


async def test_rate_limited_answer_is_readable_cross_origin(make_settings, run_app):
    settings = make_settings(
        cors_origins=["https://app.example.com"], rate_limit_default="1/minute"
    )
    async with run_app(accounts_app(settings)) as running:
        origin = {"Origin": "https://app.example.com"}
        await running.client.get("/api/v1/jobs", headers=origin)
        limited = await running.client.get("/api/v1/jobs", headers=origin)
        assert limited.status_code == 429
        assert limited.headers["access-control-allow-origin"] == "https://app.example.com"
