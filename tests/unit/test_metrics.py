"""GET /metrics: Prometheus text that prometheus_client's own parser reads, with Gofer's series."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import ADMIN_TOKEN
from tests.unit.accounts_support import accounts_app
from tests.unit.fake_workflows import Gates

EXPECTED_FAMILIES = {
    "gofer_http_requests",
    "gofer_http_request_duration_seconds",
    "gofer_jobs",
    "gofer_job_duration_seconds",
    "gofer_browser_contexts_in_use",
    "gofer_qr_relays",
    "gofer_websocket_connections",
    "gofer_auth_requests",
    "gofer_rate_limited_requests",
    "sessions",
    "webrtc_connections",
    "webrtc_active_connections",
}


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_metrics_parse_and_name_every_series(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as running:
        answer = await running.client.get("/metrics")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/plain")
        families = {f.name: f for f in text_string_to_metric_families(answer.text)}
        assert EXPECTED_FAMILIES <= set(families)
        assert families["gofer_http_request_duration_seconds"].type == "histogram"
        assert families["sessions"].type == "counter"
        assert families["webrtc_active_connections"].type == "gauge"


async def test_http_requests_are_labelled_by_route_template(make_settings, run_app, admin_headers):
    async with run_app(accounts_app(make_settings())) as running:
        labels = {"method": "GET", "route": "/api/v1/jobs/{job_id}", "status": "404"}
        before = sample("gofer_http_requests_total", **labels)
        answer = await running.client.get(
            "/api/v1/jobs/job_secretlooking123", headers=admin_headers
        )
        assert answer.status_code == 404
        assert sample("gofer_http_requests_total", **labels) == before + 1
        text = (await running.client.get("/metrics")).text
        assert "job_secretlooking123" not in text
        # Paths that match no route share one label, so scanners cannot blow up the series.
        # (Paths the API does not know reach the web UI's one catch-all route template.)
        await running.client.get("/no/such/path/abc123")
        await running.client.post("/no/such/path/abc123")
        text = (await running.client.get("/metrics")).text
        assert "abc123" not in text
        assert 'route="/{path:path}"' in text


async def test_auth_requests_and_rate_limits_are_counted(make_settings, run_app):
    async with run_app(accounts_app(make_settings(rate_limit_login="1/minute"))) as running:
        body = {"email": "m@example.com", "password": "a wrong passphrase"}
        refused = sample("gofer_auth_requests_total", endpoint="login", status="401")
        limited = sample("gofer_auth_requests_total", endpoint="login", status="429")
        limits = sample("gofer_rate_limited_requests_total", limit="login")
        assert (await running.client.post("/api/auth/login", json=body)).status_code == 401
        assert (await running.client.post("/api/auth/login", json=body)).status_code == 429
        assert sample("gofer_auth_requests_total", endpoint="login", status="401") == refused + 1
        assert sample("gofer_auth_requests_total", endpoint="login", status="429") == limited + 1
        assert sample("gofer_rate_limited_requests_total", limit="login") == limits + 1


async def test_jobs_qr_relays_and_durations_are_counted(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(accounts_app(make_settings(), gates)) as running:
        c = running.client
        completed = sample("gofer_jobs_total", workflow="test.gate", status="completed")
        navigating = sample("gofer_jobs_total", workflow="test.gate", status="navigating")
        durations = sample(
            "gofer_job_duration_seconds_count", workflow="test.gate", status="completed"
        )
        relays = sample("gofer_qr_relays_total", workflow="test.gate")
        job_id = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
        gates.gate(job_id).set()
        async with asyncio.timeout(10):
            while (await c.get(f"/api/v1/jobs/{job_id}", headers=admin_headers)).json()[
                "status"
            ] != "completed":
                await asyncio.sleep(0.02)
        assert sample("gofer_jobs_total", workflow="test.gate", status="completed") == completed + 1
        assert (
            sample("gofer_jobs_total", workflow="test.gate", status="navigating") == navigating + 1
        )
        assert (
            sample("gofer_job_duration_seconds_count", workflow="test.gate", status="completed")
            == durations + 1
        )
        # The gate workflow relays one QR (its unchanged second one is not sent).
        assert sample("gofer_qr_relays_total", workflow="test.gate") == relays + 1
        assert sample("gofer_browser_contexts_in_use") == 0


async def test_metrics_token_guards_scraping(make_settings, run_app):
    async with run_app(accounts_app(make_settings(metrics_token="scrape-token-123"))) as running:
        assert (await running.client.get("/metrics")).status_code == 401
        wrong = await running.client.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = await running.client.get(
            "/metrics", headers={"Authorization": "Bearer scrape-token-123"}
        )
        assert ok.status_code == 200 and "gofer_http_requests_total" in ok.text


def test_websocket_connections_gauge(make_settings):
    gates = Gates()
    app = accounts_app(make_settings(), gates)
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with TestClient(app) as client:
        job_id = client.post(
            "/api/v1/jobs", json={"workflow": "test.gate"}, headers=headers
        ).json()["job_id"]
        before = sample("gofer_websocket_connections")
        with client.websocket_connect(f"/ws/{job_id}?token={ADMIN_TOKEN}") as ws:
            ws.receive_json()  # connected and replaying
            assert sample("gofer_websocket_connections") == before + 1
            client.portal.call(lambda: _open_gate(gates, job_id))
            while ws.receive_json()["type"] != "task_completed":
                pass


async def _open_gate(gates: Gates, job_id: str) -> None:
    await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
    gates.gate(job_id).set()
