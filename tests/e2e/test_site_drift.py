"""When the site changes: each drift either still books (a person's way round) or fails as
`site_changed`, naming the step and the element, with the page kept for its owner only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY
from typer.testing import CliRunner

from gofer.app import create_app
from gofer.canary.health import SiteHealth
from gofer.canary.probe import CanaryRequest, CanaryResult, run_canary
from gofer.cli import app as cli_app
from gofer.config import Settings
from gofer.serving import BackgroundServer
from tests.conftest import ADMIN_TOKEN
from tests.e2e.conftest import PERSONNUMMER, e2e_settings, watch_job
from tests.e2e.live.support import Viewer, centre_of, connect
from tests.e2e.test_auth_matrix import sign_up

pytestmark = pytest.mark.e2e

BODY = {
    "license_type": "B",
    "exam_type": "Körprov",
    "vehicle": "manual",
    "locations": ["Uppsala"],
}
DRIFT = "/_replica/controls/drift"
NEVER = {"internal", "login_timeout", "timeout"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("drift")


@dataclass
class DriftServer:
    server: BackgroundServer
    app: FastAPI
    settings: Settings

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="module")
def gofer_app(replica: BackgroundServer, data_dir: Path) -> Iterator[DriftServer]:
    # Short waits keep a missing element's failure quick; the replica answers in milliseconds.
    # No takeover offer unless a test asks for one: nobody is there to take it.
    settings = e2e_settings(
        data_dir,
        replica.url,
        site_step_timeout_s=4,
        site_qr_grace_s=4,
        site_changed_takeover_offer_s=0,
        rate_limit_job_start="1000/minute",
    )
    app = create_app(settings)
    server = BackgroundServer(app, ws="websockets").start(timeout_s=60)
    settings.port = server.port
    yield DriftServer(server, app, settings)
    server.stop()


@pytest.fixture(scope="module")
def server(gofer_app: DriftServer) -> BackgroundServer:
    return gofer_app.server


@pytest.fixture(scope="module")
def owners(server: BackgroundServer, data_dir: Path) -> dict[str, dict[str, str]]:
    """Two people: jobs are Anna's; Bo must not see their evidence."""
    with httpx.Client(base_url=server.url, timeout=30) as http:
        return {
            "anna": sign_up(http, data_dir / "gofer.db", "anna.drift@example.com").headers,
            "bo": sign_up(http, data_dir / "gofer.db", "bo.drift@example.com").headers,
        }


@pytest.fixture
def site(replica: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=replica.url, timeout=30) as client:
        client.post("/_replica/reset", json={"seed": 1}).raise_for_status()
        yield client
        client.delete(DRIFT).raise_for_status()


def drift(site: httpx.Client, *names: str) -> None:
    for name in names:
        site.post(DRIFT, json={"drift": name}).raise_for_status()


def start_job(server: BackgroundServer, owner: dict[str, str], **changes: Any) -> str:
    with httpx.Client(base_url=server.url, headers=owner, timeout=30) as http:
        answer = http.post("/api/v1/booking/start", json={**BODY, **changes})
        assert answer.status_code in (200, 201, 202), answer.text
        job_id: str = answer.json()["job_id"]
        return job_id


def ended(message: dict[str, Any]) -> bool:
    return message["type"] in ("job_failed", "job_cancelled") or (
        message["type"] == "booking_completed" and message["data"].get("success") is True
    )


def user_bookings(site: httpx.Client) -> list[dict[str, Any]]:
    bookings: list[dict[str, Any]] = site.get(
        "/_replica/bookings", params={"ssn": PERSONNUMMER, "status": "confirmed"}
    ).json()["bookings"]
    return bookings


def reservations_made(site: httpx.Client) -> int:
    calls = site.get("/_replica/requests", params={"endpoint": "create-reservation"}).json()
    return sum(1 for r in calls["requests"] if r["status"] == 200)


BOOKED_ANYWAY = [
    ("login_button_id",),
    ("start_tile_title",),
    ("login_button_id", "start_tile_title"),
    ("cookie_button_text",),
    ("pay_button_text",),
    ("occasion_time_fields",),
    ("qr_container_class",),
    ("qr_iframe",),
    ("qr_shadow_dom",),
    ("survey_dialog",),
    ("interstitial_page",),
    ("survey_dialog", "interstitial_page"),
]


@pytest.mark.parametrize("drifts", BOOKED_ANYWAY, ids="+".join)
async def test_a_drift_with_a_way_round_still_books(server, replica, site, owners, drifts):
    drift(site, *drifts)
    job_id = start_job(server, owners["anna"])
    watch = await watch_job(server, replica, job_id, stop_when=ended)
    done = watch.last("booking_completed")["data"]
    assert done["success"] is True, watch.messages[-3:]
    assert [b["bookingId"] for b in user_bookings(site)] == [done["booking_id"]]
    warnings = [m["data"] for m in watch.messages if m["type"] == "warning"]
    dialogs = {"survey_dialog", "interstitial_page"} & set(drifts)
    # A dialog closed on the person's behalf is told, each one once.
    assert len(warnings) == len(dialogs), warnings
    assert all(w["code"] == "dialog_closed" for w in warnings)


SITE_CHANGED = [
    ("occasion_start_field", "searching", {"field": "duration.start"}),
    ("occasion_location_field", "searching", {"field": "locationId"}),
]


@pytest.mark.parametrize(("name", "step", "named"), SITE_CHANGED, ids=[c[0] for c in SITE_CHANGED])
async def test_a_drift_without_a_way_round_is_site_changed_with_evidence(
    server, replica, site, owners, name, step, named
):
    drift(site, name)
    job_id = start_job(server, owners["anna"])
    watch = await watch_job(server, replica, job_id, stop_when=ended)
    failed = watch.last("job_failed")["data"]
    assert failed["code"] == "site_changed" and failed["code"] not in NEVER
    details = failed["details"]
    assert details["step"] == step
    assert {k: details.get(k) for k in named} == named
    assert details["url"].startswith(replica.url) and details["title"]
    assert "\n" not in failed["error"] and named["field"] in failed["error"]
    # Never "no slot yet": the job did not go on to monitor a site it cannot read.
    assert "monitoring" not in watch.statuses()
    assert user_bookings(site) == []
    assert_evidence_for_owner_only(server, owners, job_id, details)


def assert_evidence_for_owner_only(
    server: BackgroundServer, owners: dict[str, dict[str, str]], job_id: str, details: dict
) -> None:
    assert details["artifacts_url"] == f"{server.url}/api/v1/jobs/{job_id}/artifacts"
    with httpx.Client(base_url=server.url, headers=owners["anna"], timeout=30) as http:
        names = {a["name"] for a in http.get(details["artifacts_url"]).json()["artifacts"]}
        assert {"failure.jpg", "failure.html", "failure-url.txt"} <= names, names
        page = http.get(f"{details['artifacts_url']}/failure.html")
        assert page.status_code == 200 and "Förarprov" in page.text
        url = http.get(f"{details['artifacts_url']}/failure-url.txt").text
        assert url == details["url"]
    with httpx.Client(base_url=server.url, headers=owners["bo"], timeout=30) as http:
        assert http.get(details["artifacts_url"]).status_code == 404
        assert http.get(f"{details['artifacts_url']}/failure.html").status_code == 404


async def test_a_renamed_pay_button_reports_the_hold_and_a_retry_pays_that_hold(
    server, replica, site, owners
):
    drift(site, "pay_button_id")
    job_id = start_job(server, owners["anna"])
    watch = await watch_job(server, replica, job_id, stop_when=ended)
    failed = watch.last("job_failed")["data"]
    assert failed["code"] == "site_changed"
    details = failed["details"]
    assert details["step"] == "booking" and details["selector"] == "#pay-invoice-button"
    assert_evidence_for_owner_only(server, owners, job_id, details)

    # The person is told what is held for them and until when; the site agrees.
    told = [m["data"] for m in watch.messages if m["type"] == "human_needed"]
    pay = [t for t in told if t["action"] == "pay_in_cart"]
    assert len(pay) == 1, told
    holds = site.get("/_replica/reservations").json()["reservations"]
    assert len(holds) == 1
    held = holds[0]
    assert pay[0]["slot"]["start"] == held["start"]
    assert pay[0]["held_until"][:19] == held["expires"][:19]
    assert details["hold"]["held_until"] == pay[0]["held_until"]
    assert user_bookings(site) == [] and reservations_made(site) == 1

    # The site is put right; the next job pays that hold instead of reserving another slot.
    site.delete(DRIFT).raise_for_status()
    retry = start_job(server, owners["anna"])
    again = await watch_job(server, replica, retry, stop_when=ended)
    done = again.last("booking_completed")["data"]
    assert done["success"] is True, again.messages[-3:]
    assert done["start"] == held["start"]
    assert [b["bookingId"] for b in user_bookings(site)] == [done["booking_id"]]
    assert reservations_made(site) == 1


def site_health(step: str) -> float | None:
    return REGISTRY.get_sample_value("site_health", {"site": "trafikverket", "step": step})


async def test_the_canary_turns_red_under_a_drift_and_green_after_reset(server, replica, site):
    told: list[CanaryResult] = []

    async def notify(result: CanaryResult) -> None:
        told.append(result)

    health = SiteHealth(notify)
    request = CanaryRequest(server.url, ADMIN_TOKEN, dict(BODY), phone_url=replica.url)
    drift(site, "occasion_location_field")
    red = await run_canary(request)
    assert (red.healthy, red.code, red.step) == (False, "site_changed", "searching")
    assert red.details["field"] == "locationId"
    await health.record(red)
    await health.record(red)  # still red: the operator is told once
    assert [r.step for r in told] == ["searching"]
    assert site_health("searching") == 0 and site_health("login") == 1

    site.delete(DRIFT).raise_for_status()
    green = await run_canary(request)
    assert green.healthy and green.code is None, green
    await health.record(green)
    assert site_health("searching") == 1 and health.red is False
    assert user_bookings(site) == []  # the canary never books


def test_gofer_canary_says_ok_or_names_the_changed_step(server, replica, site, tmp_path):
    env = {"API_SECRET_TOKEN": ADMIN_TOKEN, "DATA_DIR": str(tmp_path)}
    arguments = ["canary", "--server", server.url, "--phone", replica.url]
    ok = CliRunner().invoke(cli_app, arguments, env=env)
    assert ok.exit_code == 0 and ok.output.startswith("OK trafikverket"), ok.output
    drift(site, "occasion_start_field")
    red = CliRunner().invoke(cli_app, arguments, env=env)
    assert red.exit_code == 1, red.output
    assert "site_changed at step searching" in red.output


def offered(message: dict[str, Any]) -> bool:
    return message["type"] == "human_needed" and message["data"]["action"] == "takeover_offer"


def held_for_person(message: dict[str, Any]) -> bool:
    return message["type"] == "human_needed" and message["data"]["action"] == "takeover"


async def test_a_changed_step_is_offered_to_a_person_who_finishes_it(
    gofer_app, replica, site, owners
):
    gofer_app.settings.site_changed_takeover_offer_s = 60
    try:
        drift(site, "pay_button_id")
        job_id = start_job(gofer_app.server, owners["anna"])
        first = await watch_job(gofer_app.server, replica, job_id, stop_when=offered)
        offer = first.messages[-1]["data"]
        assert offer["reason"] == "site_changed" and offer["step"] == "booking"
        assert offer["selector"] == "#pay-invoice-button"
        with httpx.Client(base_url=gofer_app.url, headers=owners["anna"], timeout=30) as http:
            taken = http.post(f"/api/v1/jobs/{job_id}/takeover", json={})
            assert taken.status_code == 200, taken.text
            live_url = taken.json()["live_url"]
            after = first.messages[-1]["seq"]
            held = await watch_job(
                gofer_app.server,
                replica,
                job_id,
                after=after,
                scan=False,
                stop_when=held_for_person,
            )
            # The person presses the renamed pay button through the live view.
            runtime = gofer_app.app.state.core.live_runtime
            async with connect(gofer_app.url, live_url, job_id) as ws:
                person = Viewer(ws)
                frame = await person.next("frame")
                x, y = await centre_of(runtime, job_id, "#invoice-pay-button")
                await person.click(x, y, frame)
            assert http.post(f"/api/v1/jobs/{job_id}/handback").status_code == 200
        rest = await watch_job(
            gofer_app.server,
            replica,
            job_id,
            after=held.messages[-1]["seq"],
            scan=False,
            stop_when=ended,
        )
        done = rest.last("booking_completed")["data"]
        assert done["success"] is True, rest.messages[-3:]
        assert [b["bookingId"] for b in user_bookings(site)] == [done["booking_id"]]
        assert reservations_made(site) == 1
    finally:
        gofer_app.settings.site_changed_takeover_offer_s = 0
