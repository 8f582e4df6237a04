"""Trafikverket replica: simulated BankID login, the phone's checks, and the login gate."""

from __future__ import annotations

import re

from gofer.replicas.trafikverket import ReplicaConfig
from gofer.replicas.trafikverket.bankid import qr_code
from tests.unit.replica_trafikverket_fixtures import SSN, START, open_replica


def test_payload_matches_the_published_check_value() -> None:
    payload = qr_code(
        "5f0c7a2e-3b1d-4c8e-9a6f-2d7e4b1c9a30", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", 1
    )
    assert payload == (
        "bankid.5f0c7a2e-3b1d-4c8e-9a6f-2d7e4b1c9a30.1."
        "38343954790483c134429d554333f5967bb7056dd8b3803b929fb5bbea6bb6c3"
    )


async def test_begin_authentication_hands_out_an_animated_order() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        begin = await browser.data("begin-authentication")
        uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        for key in ("referenceId", "autostartToken", "qrStartToken", "qrStartSecret"):
            assert uuid.match(begin[key]), key
        assert begin["qrStartTime"] == int(START.timestamp())
        assert begin["qrCode"] == qr_code(begin["qrStartToken"], begin["qrStartSecret"], 0)

        tv.time.advance(3.4)
        status = await browser.data("check-authentication-status-qr", begin)
        assert status["collectionStatus"] == "OutstandingTransaction"
        assert status["loginStatus"] is None
        assert status["qrCode"] == qr_code(begin["qrStartToken"], begin["qrStartSecret"], 3)


async def test_approved_scan_logs_the_browser_in_with_cookies() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        assert await browser.data("is-authorizied") is False
        begin = await browser.data("begin-authentication")
        tv.time.advance(0.4)
        scanned = await tv.scan(begin, "19121212-1212")
        assert scanned.status_code == 200
        assert scanned.json() == {"ok": True, "referenceId": begin["referenceId"], "age_s": 0.4}

        response = await browser.call("check-authentication-status-qr", begin)
        assert response.json()["data"]["collectionStatus"] == "Completed"
        assert response.json()["data"]["loginStatus"] == SSN
        assert re.fullmatch(r"[0-9a-f]{128}", browser.client.cookies["FpsExternalIdentity"])
        # 09:00:00.4 Stockholm plus the fixed 30 minutes.
        assert browser.client.cookies["LoginValid"].strip('"') == "2026-03-02 09:30"
        assert re.fullmatch(r"[a-z0-9]{24}", browser.client.cookies["ASP.NET_SessionId"])
        set_cookies = response.headers.get_list("set-cookie")
        identity_header = next(c for c in set_cookies if c.startswith("FpsExternalIdentity="))
        assert "httponly" in identity_header.lower()
        login_valid_header = next(c for c in set_cookies if c.startswith("LoginValid="))
        assert "httponly" not in login_valid_header.lower()

        assert await browser.data("is-authorizied") is True
        info = await browser.data("information")
        assert info["aspirant"]["socialSecurityNumber"] == SSN


async def test_scan_checks_run_in_the_specified_order() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        begin = await browser.data("begin-authentication")
        token, secret = begin["qrStartToken"], begin["qrStartSecret"]

        async def scan(qr: str) -> dict:
            response = await tv.controls.post(
                "/_replica/bankid/scan", json={"qr": qr, "personalNumber": SSN, "action": "approve"}
            )
            assert response.status_code == 400, response.text
            body = response.json()
            assert body["ok"] is False
            return body

        for malformed in (
            "bankid.only.three",
            "qrcode.a.0.b",
            f"bankid.{token}.-1.ab",
            f"bankid.{token}.1a.ab",
            "",
            f"bankid.{token}.0.ab.extra",
        ):
            assert (await scan(malformed))["error"] == "malformed", malformed
        # Unknown token, though the code is also wrong and the seconds stale.
        assert (await scan("bankid.not-a-token.99.deadbeef"))["error"] == "unknown_order"
        # Right order, wrong code, stale seconds: the code is checked first.
        tv.time.advance(10)
        assert (await scan(f"bankid.{token}.0.deadbeef"))["error"] == "bad_hmac"
        assert (await scan(qr_code(token, secret + "x", 10)))["error"] == "bad_hmac"
        stale = await scan(qr_code(token, secret, 0))
        assert stale["error"] == "stale_qr"
        assert stale["age_s"] == 10.0
        early = await scan(qr_code(token, secret, 12))
        assert early["error"] == "stale_qr"
        assert early["age_s"] == -2.0
        # Past the BankID timeout the order is expired, whatever the code says.
        tv.time.advance(171)
        assert (await scan(f"bankid.{token}.181.deadbeef"))["error"] == "order_expired"
        # The poll reports the failed order as the real site does: HTTP 200, 400 in the body.
        failed = await browser.error("check-authentication-status-qr", begin, status=200)
        assert failed["status"] == 400
        assert failed["type"] == "BankIdException"
        assert failed["data"]["success"] is False


async def test_a_page_that_redraws_every_two_seconds_is_scanned_at_every_moment() -> None:
    # Drawn at second 2, on screen until second 4 is drawn; the scan lands at any time until then.
    for shown_for in (0.0, 0.9, 1.9, 2.9):
        async with open_replica() as tv:
            browser = tv.new_browser()
            begin = await browser.data("begin-authentication")
            tv.time.advance(2 + shown_for)
            scanned = await tv.scan(begin, SSN, seconds=2)
            assert scanned.status_code == 200, (shown_for, scanned.text)


async def test_scan_freshness_window_follows_the_switch() -> None:
    async with open_replica(ReplicaConfig(bankid_qr_max_age_s=1.0)) as tv:
        browser = tv.new_browser()
        begin = await browser.data("begin-authentication")
        tv.time.advance(1.5)
        assert (await tv.scan(begin, SSN, seconds=0)).json()["error"] == "stale_qr"
        current = await tv.scan(begin, SSN, seconds=1)
        assert current.status_code == 200
        assert current.json()["age_s"] == 0.5


async def test_an_order_can_be_approved_only_once() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        begin = await browser.data("begin-authentication")
        assert (await tv.scan(begin, SSN)).status_code == 200
        again = await tv.scan(begin, SSN)
        assert again.status_code == 400
        assert again.json()["error"] == "order_expired"


async def test_cancel_on_the_phone_fails_the_login() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        begin = await browser.data("begin-authentication")
        cancelled = await tv.scan(begin, SSN, action="cancel")
        assert cancelled.status_code == 200
        failed = await browser.error("check-authentication-status-qr", begin, status=200)
        assert failed == {
            "status": 400,
            "data": {"success": False, "message": "Inloggningen avbröts"},
            "type": "BankIdException",
        }
        assert "FpsExternalIdentity" not in browser.client.cookies


async def test_scan_rejects_bad_input_with_the_field_named() -> None:
    async with open_replica() as tv:
        bad_number = await tv.controls.post(
            "/_replica/bankid/scan", json={"qr": "bankid.a.0.b", "personalNumber": "12345"}
        )
        assert bad_number.status_code == 422
        assert bad_number.json()["code"] == "validation_error"
        assert "personalNumber" in bad_number.json()["error"]
        not_json = await tv.controls.post("/_replica/bankid/scan", content=b"{nope")
        assert not_json.status_code == 422
        assert not_json.json()["success"] is False


async def test_autostart_logs_in_without_a_qr() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        begin = await browser.data("begin-authentication")
        tv.time.advance(60)  # no freshness check for same-device login
        approved = await tv.controls.post(
            "/_replica/bankid/autostart",
            json={"autostartToken": begin["autostartToken"], "personalNumber": "19121212-1212"},
        )
        assert approved.status_code == 200
        status = await browser.data("check-authentication-status-qr", begin)
        assert status["loginStatus"] == SSN
        unknown = await tv.controls.post(
            "/_replica/bankid/autostart",
            json={"autostartToken": "nope", "personalNumber": SSN},
        )
        assert unknown.json()["error"] == "unknown_order"


async def test_orders_list_never_reveals_the_secret() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        begin = await browser.data("begin-authentication")
        listing = (await tv.controls.get("/_replica/bankid/orders")).json()
        assert [order["referenceId"] for order in listing["orders"]] == [begin["referenceId"]]
        assert listing["orders"][0]["state"] == "pending"
        assert begin["qrStartSecret"] not in str(listing)


async def test_everything_but_the_public_endpoints_needs_a_login() -> None:
    async with open_replica() as tv:
        browser = tv.new_browser()
        for endpoint in ("start", "is-authorizied", "is-system-updating", "begin-authentication"):
            await browser.data(endpoint)
        for endpoint in (
            "licence-information",
            "information",
            "search-information",
            "occasion-bundles",
            "examinations",
            "create-reservation",
            "get-active-reservations",
            "reservation-information",
            "invoice-payment",
            "summary",
            "confirm-cancel",
            "sign-out",
        ):
            failed = await browser.error(endpoint, {})
            assert failed == {
                "status": 400,
                "data": {"success": False, "message": "Du måste vara inloggad."},
                "type": "LoginRequiredException",
            }, endpoint


async def test_sign_out_ends_the_session() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        assert await browser.data("sign-out") is None
        assert await browser.data("is-authorizied") is False
        failed = await browser.error("licence-information")
        assert failed["type"] == "LoginRequiredException"
