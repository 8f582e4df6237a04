"""Trafikverket replica: the test-only drift controls (the site changed the way real sites do)."""

from __future__ import annotations

import html
import json
import re

from gofer.replicas.trafikverket.drift import Drift
from tests.unit.replica_trafikverket_fixtures import MANUAL, UPPSALA, open_replica

DRIFT = "/_replica/controls/drift"


def shell_drifts(shell: str) -> list[str]:
    match = re.search(r'<meta name="replica-drifts" content="([^"]*)">', shell)
    assert match is not None
    names: list[str] = json.loads(html.unescape(match.group(1)))
    return names


async def test_every_named_drift_is_accepted_and_several_stay_active() -> None:
    names = [
        "login_button_id",
        "start_tile_title",
        "cookie_button_text",
        "pay_button_text",
        "pay_button_id",
        "occasion_time_fields",
        "occasion_start_field",
        "occasion_location_field",
        "qr_container_class",
        "qr_iframe",
        "qr_shadow_dom",
        "survey_dialog",
        "interstitial_page",
    ]
    assert sorted(d.value for d in Drift) == sorted(names)
    async with open_replica() as tv:
        for name in names:
            assert (await tv.controls.post(DRIFT, json={"drift": name})).status_code == 200
        listed = (await tv.controls.get(DRIFT)).json()["drifts"]
        assert listed == sorted(names)
        reset = await tv.controls.delete(DRIFT)
        assert reset.json() == {"drifts": []}
        assert (await tv.controls.get(DRIFT)).json()["drifts"] == []


async def test_an_unknown_drift_is_refused_by_name() -> None:
    async with open_replica() as tv:
        answer = await tv.controls.post(DRIFT, json={"drift": "pay_button_colour"})
        assert answer.status_code == 422
        assert answer.json()["code"] == "unknown_drift"
        assert "'drift'" in answer.json()["error"]
        missing = await tv.controls.post(DRIFT, json={})
        assert missing.status_code == 422 and "drift" in missing.json()["error"]
        assert (await tv.controls.get(DRIFT)).json()["drifts"] == []


async def test_page_drifts_reach_the_shell_and_answer_drifts_do_not() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        assert shell_drifts((await browser.client.get("/Boka/ng/")).text) == []
        await tv.controls.post(DRIFT, json={"drift": "survey_dialog"})
        await tv.controls.post(DRIFT, json={"drift": "occasion_start_field"})
        shell = (await browser.client.get("/Boka/ng/licence")).text
        assert shell_drifts(shell) == ["survey_dialog"]
        assert "/Boka/assets/drift.js" in shell


async def test_occasion_field_drifts_rename_the_search_answers_fields() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        before = (await browser.occasions(UPPSALA, vehicle=MANUAL))[0]
        assert {"date", "time", "locationId"} <= set(before) and "start" in before["duration"]
        for name in ("occasion_time_fields", "occasion_start_field", "occasion_location_field"):
            await tv.controls.post(DRIFT, json={"drift": name})
        after = (await browser.occasions(UPPSALA, vehicle=MANUAL))[0]
        assert not {"date", "time", "locationId"} & set(after)
        assert "start" not in after["duration"]
        assert after["occasionDate"] == before["date"] and after["placeId"] == UPPSALA
        assert after["duration"]["from"] == before["duration"]["start"]


async def test_a_reset_of_the_replica_clears_the_drifts() -> None:
    async with open_replica() as tv:
        await tv.controls.post(DRIFT, json={"drift": "qr_iframe"})
        await tv.controls.post("/_replica/reset", json={})
        assert (await tv.controls.get(DRIFT)).json()["drifts"] == []
