"""Rebook and cancel requests: aliases over the job resource; bad requests are 422 before any job."""

from __future__ import annotations

import pytest

from tests.unit.test_booking_requests import app_without_browser

REBOOK = {"user_id": "u-1", "license_type": "B", "exam_type": "Körprov"}


@pytest.mark.parametrize(
    ("path", "body", "field", "words"),
    [
        ("/api/v1/booking/cancel", {"booking_id": "71300001"}, "confirm", "must be true"),
        (
            "/api/v1/booking/cancel",
            {"booking_id": "71300001", "confirm": False},
            "confirm",
            "must be true",
        ),
        ("/api/v1/booking/cancel", {"confirm": True}, "booking_id", "field required"),
        ("/api/v1/booking/cancel", {"booking_id": "B-1", "confirm": True}, "booking_id", "pattern"),
        ("/api/v1/booking/rebook", {**REBOOK, "booking_id": "x"}, "booking_id", "pattern"),
        ("/api/v1/booking/rebook", {**REBOOK, "locations": ["Atlantis"]}, "locations", "unknown"),
        ("/api/v1/booking/rebook", {**REBOOK, "poll_interval_s": 1}, "poll_interval_s", "least"),
        ("/api/v1/booking/rebook", {**REBOOK, "colour": "blue"}, "colour", "extra inputs"),
    ],
)
async def test_bad_rebook_and_cancel_requests_are_422_naming_the_field(
    make_settings, run_app, admin_headers, path, body, field, words
):
    async with run_app(app_without_browser(make_settings)) as running:
        response = await running.client.post(path, json=body, headers=admin_headers)
        assert response.status_code == 422, response.text
        payload = response.json()
        assert payload["success"] is False and payload["code"] == "validation_error"
        assert f"'{field}" in payload["error"]
        assert words in payload["error"].lower()
        jobs = (await running.client.get("/api/v1/jobs", headers=admin_headers)).json()["jobs"]
        assert jobs == []


async def test_the_generic_job_path_refuses_an_unconfirmed_cancel_too(
    make_settings, run_app, admin_headers
):
    async with run_app(app_without_browser(make_settings)) as running:
        response = await running.client.post(
            "/api/v1/jobs",
            json={"workflow": "trafikverket.cancel", "params": {"booking_id": "71300001"}},
            headers=admin_headers,
        )
        assert response.status_code == 422
        assert "params.confirm" in response.json()["error"]


async def test_the_aliases_need_auth(make_settings, run_app):
    async with run_app(app_without_browser(make_settings)) as running:
        for path, body in (
            ("/api/v1/booking/rebook", REBOOK),
            ("/api/v1/booking/cancel", {"booking_id": "1", "confirm": True}),
        ):
            response = await running.client.post(path, json=body)
            assert response.status_code == 401, path


async def test_the_aliases_start_jobs_of_their_workflows(make_settings, run_app, admin_headers):
    async with run_app(app_without_browser(make_settings)) as running:
        c = running.client
        rebook = await c.post(
            "/api/v1/booking/rebook",
            json={**REBOOK, "booking_id": "44120001", "webhook_url": None},
            headers=admin_headers,
        )
        cancel = await c.post(
            "/api/v1/booking/cancel",
            json={"booking_id": "44120001", "confirm": True, "idempotency_key": "k-1"},
            headers=admin_headers,
        )
        assert rebook.status_code == 201 and cancel.status_code == 201, cancel.text
        again = await c.post(
            "/api/v1/booking/cancel",
            json={"booking_id": "44120001", "confirm": True, "idempotency_key": "k-1"},
            headers=admin_headers,
        )
        assert again.json()["job_id"] == cancel.json()["job_id"]
        for answer, workflow in ((rebook, "trafikverket.rebook"), (cancel, "trafikverket.cancel")):
            job = (
                await c.get(f"/api/v1/jobs/{answer.json()['job_id']}", headers=admin_headers)
            ).json()
            assert job["workflow"] == workflow
            assert job["params"]["booking_id"] == "44120001"
            assert "idempotency_key" not in job["params"]
