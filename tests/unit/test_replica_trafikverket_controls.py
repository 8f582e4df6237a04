"""Trafikverket replica: serving, sessions and forced expiry, faults, maintenance, test controls."""

from __future__ import annotations

from pathlib import Path

from gofer.replicas.trafikverket import ReplicaConfig
from tests.unit.replica_trafikverket_fixtures import SSN, UPPSALA, booking_session, open_replica


async def test_every_app_route_serves_the_shell() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        for path in (
            "/Boka/ng/",
            "/boka/ng/licence",
            "/BOKA/NG/search/xYihrXpXhCRiRl/5/12/0/0",
            "/Boka/ng/reservation",
            "/Boka/ng/confirmation/123",
        ):
            response = await browser.client.get(path)
            assert response.status_code == 200, path
            assert response.headers["content-type"].startswith("text/html")
            assert "<title>Förarprov - Bokning</title>" in response.text
            assert 'name="replica-switches"' in response.text
        assert "ASP.NET_SessionId" in browser.client.cookies
        redirect = await browser.client.get("/Boka/")
        assert (redirect.status_code, redirect.headers["location"]) == (302, "/Boka/ng/")


async def test_shell_carries_the_page_switches(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><head><title>x</title></head><body></body></html>")
    (tmp_path / "app.js").write_text("console.log(1)")
    config = ReplicaConfig(mobile_results=True)
    async with open_replica(config, static_dir=tmp_path) as tv:
        browser = tv.new_browser()
        shell = (await browser.client.get("/Boka/ng/")).text
        assert "&quot;mobileResults&quot;: true" in shell
        assert shell.index("replica-switches") < shell.index("</head>")
        script = await browser.client.get("/Boka/assets/app.js")
        assert script.headers["content-type"].startswith("text/javascript")
        assert (await browser.client.get("/Boka/assets/missing.js")).status_code == 404
        assert (await browser.client.get("/Boka/assets/..%2Fapp.py")).status_code == 404


async def test_a_placeholder_shell_is_served_before_the_app_exists(tmp_path: Path) -> None:
    async with open_replica(static_dir=tmp_path / "none") as tv:
        shell = await tv.new_browser().client.get("/Boka/ng/")
        assert shell.status_code == 200
        assert "/Boka/assets/app.js" in shell.text


async def test_api_answers_only_post_and_knows_its_endpoints() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        for method in ("GET", "PUT", "DELETE"):
            response = await browser.client.request(method, "/Boka/start")
            assert response.status_code == 405, method
        envelope = (await browser.client.post("/boka/START", content="null")).json()
        assert envelope["url"] == "http://replica.test/Boka/start"
        assert envelope["data"]["loginRequired"] is True
        assert envelope["data"]["otpEnabled"] is False
        unknown = await browser.client.post("/Boka/no-such-endpoint")
        assert unknown.status_code == 404


async def test_fixed_sessions_end_thirty_minutes_after_login() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        tv.time.advance(29 * 60)
        await browser.data("licence-information")
        tv.time.advance(60)
        failed = await browser.error("licence-information")
        assert failed["type"] == "LoginRequiredException"
        assert await browser.data("is-authorizied") is False


async def test_editing_login_valid_changes_nothing() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        tv.time.advance(31 * 60)
        browser.client.cookies.set("LoginValid", "2099-01-01 00:00")
        assert (await browser.error("information"))["type"] == "LoginRequiredException"


async def test_sliding_sessions_extend_and_rotate_the_identity() -> None:
    async with open_replica(ReplicaConfig(session_mode="sliding")) as tv:
        browser = await tv.login()
        first = browser.client.cookies["FpsExternalIdentity"]
        for _ in range(3):
            tv.time.advance(20 * 60)
            await browser.data("licence-information")
        assert browser.client.cookies["FpsExternalIdentity"] != first
        assert browser.client.cookies["LoginValid"].strip('"') == "2026-03-02 10:30"
        tv.time.advance(31 * 60)
        assert (await browser.error("information"))["type"] == "LoginRequiredException"


async def test_forced_expiry_after_some_calls_in_each_style() -> None:
    for style, check in (
        (
            "login_required",
            lambda r: r.status_code == 400 and r.json()["type"] == "LoginRequiredException",
        ),
        ("status_401", lambda r: r.status_code == 200 and r.json() == {"status": 401}),
        (
            "html",
            lambda r: r.status_code == 200 and r.headers["content-type"].startswith("text/html"),
        ),
    ):
        async with open_replica() as tv:
            browser = await tv.login()
            doomed = await tv.controls.post(
                "/_replica/sessions/expire", json={"who": SSN, "after_calls": 2, "style": style}
            )
            assert doomed.json()["affected"] == 1
            await browser.data("licence-information")
            await browser.data("search-information", {"bookingSession": booking_session()})
            assert check(await browser.call("occasion-bundles", {})), style
            after = await browser.error("information")
            assert after["type"] == "LoginRequiredException"


async def test_forced_expiry_now_and_for_the_next_login() -> None:
    async with open_replica() as tv:
        pending = await tv.controls.post("/_replica/sessions/expire", json={"who": "all"})
        assert pending.json() == {"ok": True, "affected": 0, "pending": True}
        browser = await tv.login()
        assert await browser.data("is-authorizied") is False
        assert (await browser.error("information"))["type"] == "LoginRequiredException"
        relogged = await tv.login(browser)
        assert await relogged.data("information")
        invalid = await tv.controls.post("/_replica/sessions/expire", json={"style": "boom"})
        assert invalid.status_code == 422 and "style" in invalid.json()["error"]


async def test_faults_fail_a_counted_number_of_matching_requests() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        added = await tv.controls.post(
            "/_replica/faults",
            json={"status": 503, "count": 2, "endpoints": ["occasion-bundles"], "body": "json"},
        )
        assert added.status_code == 200
        query = {
            "bookingSession": booking_session(),
            "occasionBundleQuery": {
                "locationId": UPPSALA,
                "examinationTypeId": 12,
                "vehicleTypeId": 4,
            },
        }
        await browser.data("licence-information")  # other endpoints are unaffected
        for _ in range(2):
            failed = await browser.call("occasion-bundles", query)
            assert failed.status_code == 503
            assert failed.json()["status"] == 503
        assert (await browser.call("occasion-bundles", query)).status_code == 200

        await tv.controls.post(
            "/_replica/faults", json={"status": 403, "count": 1, "pages": True, "endpoints": []}
        )
        assert (await browser.data("information"))["aspirant"]
        forbidden = await browser.client.get("/Boka/ng/licence")
        assert forbidden.status_code == 403 and "Forbidden" in forbidden.text
        assert (await browser.client.get("/Boka/ng/licence")).status_code == 200
        assert (await tv.controls.post("/_replica/faults", json={"status": 418})).status_code == 422
        logged = (await tv.controls.get("/_replica/requests?endpoint=occasion-bundles")).json()
        assert [r["status"] for r in logged["requests"]] == [503, 503, 200]
        assert all(r["latency_ms"] >= 0 and r["time"] for r in logged["requests"])


async def test_maintenance_blocks_everything_but_the_status_check() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        await tv.controls.post(
            "/_replica/faults",
            json={"maintenance": {"on": True, "message": "Systemet uppdateras", "duration_s": 60}},
        )
        status = await browser.data("is-system-updating")
        assert (status["isUpdating"], status["updateMessage"]) == (True, "Systemet uppdateras")
        blocked = await browser.call("start")
        assert blocked.status_code == 503
        assert blocked.headers["content-type"].startswith("text/html")
        tv.time.advance(60)
        assert (await browser.data("is-system-updating"))["isUpdating"] is False
        assert (await browser.call("start")).status_code == 200


async def test_config_can_be_read_and_patched_with_validation() -> None:
    async with open_replica() as tv:
        config = (await tv.controls.get("/_replica/config")).json()
        assert config["seed"] == 1 and config["slot_density"] == 0.15
        assert config["bundle_cap"] == 500 and config["session_mode"] == "fixed"
        patched = await tv.controls.patch(
            "/_replica/config", json={"mobile_results": True, "latency_ms": 5}
        )
        assert patched.json()["mobile_results"] is True
        assert tv.state.config.latency_ms == 5
        bad = await tv.controls.patch("/_replica/config", json={"slot_density": 2})
        assert bad.status_code == 422 and "slot_density" in bad.json()["error"]
        unknown = await tv.controls.patch("/_replica/config", json={"colour": "red"})
        assert unknown.status_code == 422 and "colour" in unknown.json()["error"]
        assert tv.state.config.slot_density == 0.15


async def test_clock_offset_shifts_now_everywhere() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        await tv.controls.patch("/_replica/config", json={"clock_offset_s": 3600})
        begin = await browser.data("begin-authentication")
        assert begin["qrStartTime"] == int(tv.time().timestamp()) + 3600


async def test_reset_wipes_sessions_and_bookings() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        await tv.controls.delete("/_replica/slots")
        reset = await tv.controls.post("/_replica/reset", json={"seed": 7})
        assert reset.json() == {"ok": True, "seed": 7}
        assert (await browser.error("information"))["type"] == "LoginRequiredException"
        assert (await tv.controls.get("/_replica/slots")).json()["generated"] is True
        assert (await tv.controls.get("/_replica/bankid/orders")).json()["orders"] == []


async def test_qr_draws_accept_beacons_and_filter_by_order() -> None:
    async with open_replica() as tv:
        for reference in ("a", "b", "a"):
            sent = await tv.controls.post(
                "/_replica/qr-draws",
                content=f'{{"referenceId": "{reference}", "payload": "bankid.t.0.c",'
                f' "drawnAtMs": 1772438400000}}',
                headers={"Content-Type": "text/plain;charset=UTF-8"},
            )
            assert sent.status_code == 200
        draws = (await tv.controls.get("/_replica/qr-draws?referenceId=a")).json()["draws"]
        assert [(d["referenceId"], d["payload"]) for d in draws] == [("a", "bankid.t.0.c")] * 2
        missing = await tv.controls.post("/_replica/qr-draws", json={"payload": "x"})
        assert missing.status_code == 422 and "referenceId" in missing.json()["error"]


async def test_without_test_controls_there_is_no_replica_api() -> None:
    async with open_replica(test_controls=False) as tv:
        assert (await tv.controls.get("/_replica/config")).status_code == 404
        assert (await tv.controls.post("/_replica/bankid/scan", json={})).status_code == 404
        assert (await tv.new_browser().client.get("/Boka/ng/")).status_code == 200
