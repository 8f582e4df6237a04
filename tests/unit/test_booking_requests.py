"""Booking requests: the seed's paths and shapes; every bad request is a 422 before browser work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gofer.app import create_app
from tests.unit.fake_workflows import Gates, registry_with_gate

GOOD = {
    "user_id": "u-1",
    "license_type": "B",
    "exam_type": "Körprov",
    "locations": ["Uppsala", "jarfalla"],
}


def app_without_browser(make_settings):
    # No browser at all: a 422 here proves the request was refused before any browser work.
    return create_app(make_settings(), registry=registry_with_gate(Gates()), with_browser=False)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"locations": ["Atlantis"]}, "locations", "unknown location"),
        ({"locations": []}, "locations", "at least 1"),
        ({"locations": ["Uppsala", "Lund", "Malmö", "Sala", "Gävle"]}, "locations", "at most 4"),
        ({"license_type": "Q"}, "license_type", "unknown licence"),
        ({"exam_type": "swimming"}, "exam_type", "unknown exam type"),
        ({"vehicle": "tractor"}, "vehicle", "unknown vehicle"),
        ({"date_from": "2027-13-01"}, "date_from", "date"),
        ({"date_to": "tomorrow-ish"}, "date_to", "date"),
        ({"date_from": "2027-03-10", "date_to": "2027-03-01"}, "body", "date_from is after"),
        ({"time_from": "25:00"}, "time_from", "time"),
        ({"weekdays": [0, 8]}, "weekdays", "ISO"),
        ({"poll_interval_s": 5}, "poll_interval_s", "at least 10"),
        ({"date_to": (date.today() - timedelta(days=3)).isoformat()}, "date_to", "already passed"),
        ({"colour": "blue"}, "colour", "Extra inputs"),
        ({"locations": "Uppsala"}, "locations", "list"),
        ({"timeout_s": 1e30}, "timeout_s", "less than or equal"),
        ({"poll_interval_s": 1e6}, "poll_interval_s", "less than or equal"),
        ({"monitor_until": "2001-01-01T00:00:00+01:00"}, "monitor_until", "in the past"),
        ({"monitor_until": "2099-01-01T00:00:00+01:00"}, "monitor_until", "within two years"),
        ({"user_id": "u\u0000-1"}, "user_id", "control characters"),
        ({"locations": ["Upp\u001bsala"]}, "locations.0", "control characters"),
        ({"before": (date.today() - timedelta(days=3)).isoformat()}, "before", "already passed"),
        ({"date_to": "2099-01-01"}, "date_to", "within two years"),
    ],
)
async def test_bad_booking_start_is_422_naming_the_field(
    make_settings, run_app, admin_headers, change, field, words
):
    body = {**GOOD, **change}
    async with run_app(app_without_browser(make_settings)) as running:
        response = await running.client.post(
            "/api/v1/booking/start", json=body, headers=admin_headers
        )
        assert response.status_code == 422, response.text
        payload = response.json()
        assert payload["success"] is False and payload["code"] == "validation_error"
        assert f"'{field}" in payload["error"]
        assert words.lower() in payload["error"].lower()
        jobs = (await running.client.get("/api/v1/jobs", headers=admin_headers)).json()["jobs"]
        assert jobs == []  # nothing was stored or queued


async def test_malformed_json_is_422(make_settings, run_app, admin_headers):
    async with run_app(app_without_browser(make_settings)) as running:
        response = await running.client.post(
            "/api/v1/booking/start",
            content=b"{not json",
            headers={**admin_headers, "Content-Type": "application/json"},
        )
        assert response.status_code == 422 and response.json()["success"] is False


async def test_driving_test_in_stockholm_city_is_refused(make_settings, run_app, admin_headers):
    async with run_app(app_without_browser(make_settings)) as running:
        body = {**GOOD, "locations": ["Stockholm City"], "exam_type": "Körprov"}
        response = await running.client.post(
            "/api/v1/booking/start", json=body, headers=admin_headers
        )
        assert response.status_code == 422 and "'locations'" in response.json()["error"]
        assert "Stockholm City" in response.json()["error"]


async def test_start_returns_the_seed_shape_and_normalised_params(
    make_settings, run_app, admin_headers
):
    before = date.today() + timedelta(days=200)
    async with run_app(app_without_browser(make_settings)) as running:
        c = running.client
        body = {
            **GOOD,
            "locations": ["uppsala", "GOTEBORG hisingen"],
            "before": before.isoformat(),
            "exam_type": "korprov",
            "vehicle": "Automatbil",
        }
        response = await c.post("/api/v1/booking/start", json=body, headers=admin_headers)
        assert response.status_code == 201, response.text
        started = response.json()
        assert set(started) >= {
            "job_id",
            "status",
            "message",
            "webhook_configured",
            "websocket_url",
            "qr_polling_url",
        }
        assert started["webhook_configured"] is False
        assert started["qr_polling_url"].endswith(f"/api/v1/booking/{started['job_id']}/qr")
        job = (await c.get(f"/api/v1/jobs/{started['job_id']}", headers=admin_headers)).json()
        params = job["params"]
        assert params["locations"] == ["Uppsala", "Göteborg-Hisingen"]
        assert params["exam_type"] == "Körprov" and params["vehicle"] == "automatic"
        assert params["date_to"] == (before - timedelta(days=1)).isoformat()
        status = (
            await c.get(f"/api/v1/booking/status/{started['job_id']}", headers=admin_headers)
        ).json()
        assert status["job_id"] == started["job_id"]
        listed = (await c.get("/api/v1/booking/status", headers=admin_headers)).json()
        assert listed["count"] == 1
        no_qr = await c.get(f"/api/v1/booking/{started['job_id']}/qr", headers=admin_headers)
        assert no_qr.status_code == 404 and no_qr.json()["code"] == "qr_not_available"
        missing = await c.get("/api/v1/booking/status/job_doesnotexist", headers=admin_headers)
        assert missing.status_code == 404 and missing.json()["success"] is False
        stop_missing = await c.post("/api/v1/booking/stop", json={}, headers=admin_headers)
        assert stop_missing.status_code == 422 and "job_id" in stop_missing.json()["error"]


def test_monitoring_jobs_get_time_to_reach_their_deadline(make_settings):
    from datetime import UTC, datetime

    from gofer.workflows.trafikverket.params import BookingParams

    settings = make_settings(job_timeout_s=1800)
    now = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
    monitoring = BookingParams(locations=["Uppsala"], monitor_until="2027-01-03T12:00:00+00:00")
    assert monitoring.time_limit_s(now, settings) == 2 * 24 * 3600 + 1800
    window = BookingParams(locations=["Uppsala"], date_to="2027-01-01")
    # The window's last day ends 23:59 in Stockholm (22:59 UTC): 10 h 59 min of monitoring left.
    assert window.time_limit_s(now, settings) == (10 * 60 + 59) * 60 + 1800
    explicit = BookingParams(locations=["Uppsala"], date_to="2027-06-01", timeout_s=90)
    assert explicit.time_limit_s(now, settings) == 90


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b'{"locations": ["Uppsala"], "poll_interval_s": 1e309}', "poll_interval_s"),
        (b'{"locations": ["Uppsala"], "timeout_s": -1e309}', "timeout_s"),
    ],
)
async def test_numbers_past_what_a_float_holds_are_422(
    make_settings, run_app, admin_headers, raw, field
):
    async with run_app(app_without_browser(make_settings)) as running:
        response = await running.client.post(
            "/api/v1/booking/start",
            content=raw,
            headers={**admin_headers, "Content-Type": "application/json"},
        )
        assert response.status_code == 422, response.text
        assert f"'{field}'" in response.json()["error"]


@pytest.mark.parametrize("after", ["100000000000000000000", str(2**63), "-1"])
async def test_event_cursor_out_of_bounds_is_422_not_500(
    make_settings, run_app, admin_headers, after
):
    async with run_app(app_without_browser(make_settings)) as running:
        c = running.client
        job_id = (await c.post("/api/v1/booking/start", json=GOOD, headers=admin_headers)).json()[
            "job_id"
        ]
        response = await c.get(f"/api/v1/jobs/{job_id}/events?after={after}", headers=admin_headers)
        assert response.status_code == 422
        assert "'after'" in response.json()["error"]
        # The connection still serves the next request.
        assert (await c.get("/health")).status_code == 200


async def test_webhook_configured_reflects_the_global_webhook(
    make_settings, run_app, admin_headers
):
    settings = make_settings(
        webhook_url="http://127.0.0.1:9/hooks", webhook_allow_hosts=["127.0.0.1"]
    )
    app = create_app(settings, registry=registry_with_gate(Gates()), with_browser=False)
    async with run_app(app) as running:
        response = await running.client.post(
            "/api/v1/booking/start", json=GOOD, headers=admin_headers
        )
        assert response.status_code == 201
        assert response.json()["webhook_configured"] is True
