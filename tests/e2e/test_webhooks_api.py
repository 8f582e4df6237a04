"""The webhook API: endpoints belong to their owner, secrets are shown once, bad input is a 422."""

from __future__ import annotations

from pathlib import Path

import pytest

from gofer.events import model as events
from tests.e2e.webhooks_support import Receiver, RunningGofer, running_gofer, serve

pytestmark = pytest.mark.timeout(60)

USER_A = "token-user-a"
USER_B = "token-user-b"


async def test_an_endpoint_is_created_listed_shown_and_deleted(tmp_path: Path) -> None:
    async with running_gofer(tmp_path) as gofer:
        created = await gofer.http.post(
            "/api/v1/webhooks/endpoints",
            json={
                "url": "http://127.0.0.1:9/hook",
                "event_types": ["booking_completed", "qr_code_update"],
                "description": "Supabase edge function",
            },
            headers=gofer.auth(USER_A),
        )
        endpoint = created.json()
        shown = await gofer.http.get(
            f"/api/v1/webhooks/endpoints/{endpoint['id']}", headers=gofer.auth(USER_A)
        )
        listed = await gofer.http.get("/api/v1/webhooks/endpoints", headers=gofer.auth(USER_A))
        deleted = await gofer.http.delete(
            f"/api/v1/webhooks/endpoints/{endpoint['id']}", headers=gofer.auth(USER_A)
        )
        after = await gofer.http.get(
            f"/api/v1/webhooks/endpoints/{endpoint['id']}", headers=gofer.auth(USER_A)
        )

    assert created.status_code == 201
    assert endpoint["secret"].startswith("whsec_")
    assert endpoint["status"] == "active"
    assert endpoint["kind"] == "registered"
    assert endpoint["event_types"] == ["booking_completed", "qr_code_update"]
    assert shown.status_code == 200
    assert "secret" not in shown.json()
    assert [e["id"] for e in listed.json()["endpoints"]] == [endpoint["id"]]
    assert deleted.status_code == 204
    assert after.status_code == 404
    assert after.json()["code"] == "endpoint_not_found"


async def test_other_users_cannot_see_or_touch_an_endpoint(tmp_path: Path) -> None:
    async with running_gofer(tmp_path) as gofer:
        created = await gofer.http.post(
            "/api/v1/webhooks/endpoints",
            json={"url": "http://127.0.0.1:9/a"},
            headers=gofer.auth(USER_A),
        )
        endpoint_id = created.json()["id"]
        b = gofer.auth(USER_B)
        attempts = [
            await gofer.http.get(f"/api/v1/webhooks/endpoints/{endpoint_id}", headers=b),
            await gofer.http.delete(f"/api/v1/webhooks/endpoints/{endpoint_id}", headers=b),
            await gofer.http.post(f"/api/v1/webhooks/endpoints/{endpoint_id}/pause", headers=b),
            await gofer.http.post(f"/api/v1/webhooks/endpoints/{endpoint_id}/resume", headers=b),
            await gofer.http.post(f"/api/v1/webhooks/endpoints/{endpoint_id}/test", headers=b),
            await gofer.http.post(
                f"/api/v1/webhooks/endpoints/{endpoint_id}/rotate-secret", headers=b
            ),
        ]
        listed_by_b = await gofer.http.get("/api/v1/webhooks/endpoints", headers=b)
        listed_by_admin = await gofer.http.get("/api/v1/webhooks/endpoints", headers=gofer.auth())
        still_there = await gofer.http.get(
            f"/api/v1/webhooks/endpoints/{endpoint_id}", headers=gofer.auth(USER_A)
        )

    assert [r.status_code for r in attempts] == [404] * 6
    assert listed_by_b.json()["endpoints"] == []
    assert [e["id"] for e in listed_by_admin.json()["endpoints"]] == [endpoint_id]
    assert still_there.json()["status"] == "active"


async def test_messages_and_attempts_are_private_to_the_endpoint_owner(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            await gofer.http.post(
                "/api/v1/webhooks/endpoints",
                json={"url": f"{hooks}/a"},
                headers=gofer.auth(USER_A),
            )
            job_id = await gofer.job(user_id="user_a")
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            await receiver.wait_for(lambda got: len(got) == 1)
            own = await gofer.messages(USER_A, job_id=job_id)
            others = await gofer.messages(USER_B, job_id=job_id)
            message_id = own[0]["id"]
            b = gofer.auth(USER_B)
            hidden = [
                await gofer.http.get(f"/api/v1/webhooks/messages/{message_id}", headers=b),
                await gofer.http.get(f"/api/v1/webhooks/messages/{message_id}/attempts", headers=b),
                await gofer.http.post(
                    f"/api/v1/webhooks/messages/{message_id}/redeliver", headers=b
                ),
            ]
            detail = await gofer.http.get(
                f"/api/v1/webhooks/messages/{message_id}", headers=gofer.auth(USER_A)
            )

    assert len(own) == 1
    assert others == []
    assert [r.status_code for r in hidden] == [404, 404, 404]
    assert detail.json()["payload"]["event_type"] == "booking_started"
    assert detail.json()["payload"]["job_id"] == job_id


async def test_messages_page_with_a_cursor(tmp_path: Path) -> None:
    async with running_gofer(tmp_path) as gofer:
        created = await gofer.http.post(
            "/api/v1/webhooks/endpoints", json={"url": "http://127.0.0.1:9/x"}, headers=gofer.auth()
        )
        await gofer.http.post(
            f"/api/v1/webhooks/endpoints/{created.json()['id']}/pause", headers=gofer.auth()
        )
        job_id = await gofer.job()
        for step in range(5):
            await gofer.core.store.record(
                job_id, events.STATUS_UPDATE, {"step": step, "message": "", "progress": 0}
            )
        first = await gofer.http.get(
            "/api/v1/webhooks/messages", params={"job_id": job_id, "limit": 3}, headers=gofer.auth()
        )
        second = await gofer.http.get(
            "/api/v1/webhooks/messages",
            params={"job_id": job_id, "limit": 3, "cursor": first.json()["next_cursor"]},
            headers=gofer.auth(),
        )

    assert [m["seq"] for m in first.json()["messages"]] == [1, 2, 3]
    assert [m["seq"] for m in second.json()["messages"]] == [4, 5]
    assert second.json()["next_cursor"] is None
    assert all(m["status"] == "pending" for m in second.json()["messages"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "http://127.0.0.1:9/x", "event_types": ["booking_complete"]}, "event_types"),
        ({"url": ""}, "url"),
        ({}, "url"),
        ({"url": "http://127.0.0.1:9/x", "description": "x" * 501}, "description"),
        ({"url": "not a url"}, "url"),
    ],
)
async def test_bad_endpoint_input_is_a_422_naming_the_field(
    tmp_path: Path, body: dict[str, object], field: str
) -> None:
    async with running_gofer(tmp_path) as gofer:
        response = await gofer.http.post(
            "/api/v1/webhooks/endpoints", json=body, headers=gofer.auth()
        )
    assert response.status_code == 422
    assert response.json()["success"] is False
    assert f"'{field}'" in response.json()["error"]


async def test_the_same_url_twice_is_a_conflict(tmp_path: Path) -> None:
    async with running_gofer(tmp_path) as gofer:
        body = {"url": "http://127.0.0.1:9/x"}
        first = await gofer.http.post("/api/v1/webhooks/endpoints", json=body, headers=gofer.auth())
        second = await gofer.http.post(
            "/api/v1/webhooks/endpoints", json=body, headers=gofer.auth()
        )
    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json()["code"] == "endpoint_exists"


async def test_every_webhook_route_needs_a_token(tmp_path: Path) -> None:
    async with running_gofer(tmp_path) as gofer:
        responses = [
            await gofer.http.get("/api/v1/webhooks/endpoints"),
            await gofer.http.post("/api/v1/webhooks/endpoints", json={"url": "http://127.0.0.1/"}),
            await gofer.http.get("/api/v1/webhooks/messages"),
            await gofer.http.post("/api/v1/webhooks/messages/msg_x/redeliver"),
        ]
    assert [r.status_code for r in responses] == [401] * 4


async def test_the_default_endpoint_comes_from_settings(tmp_path: Path) -> None:
    async with running_gofer(tmp_path, supabase_webhook_url="http://127.0.0.1:9/supabase") as gofer:
        listed = await gofer.http.get("/api/v1/webhooks/endpoints", headers=gofer.auth())
        delete = await gofer.http.delete(
            "/api/v1/webhooks/endpoints/ep_default", headers=gofer.auth()
        )
        rotate = await gofer.http.post(
            "/api/v1/webhooks/endpoints/ep_default/rotate-secret", headers=gofer.auth()
        )
    [default] = listed.json()["endpoints"]
    assert default["id"] == "ep_default"
    assert default["kind"] == "default"
    assert default["url"] == "http://127.0.0.1:9/supabase"
    assert delete.status_code == 409
    assert rotate.status_code == 409


async def test_redelivery_to_a_disabled_endpoint_is_refused(tmp_path: Path) -> None:
    async with running_gofer(tmp_path) as gofer:
        created = await gofer.http.post(
            "/api/v1/webhooks/endpoints", json={"url": "http://127.0.0.1:9/x"}, headers=gofer.auth()
        )
        endpoint_id = created.json()["id"]
        await gofer.http.post(
            f"/api/v1/webhooks/endpoints/{endpoint_id}/pause", headers=gofer.auth()
        )
        job_id = await gofer.job()
        await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
        [message] = await gofer.messages(job_id=job_id)
        async with gofer.core.db.begin() as session:
            from sqlalchemy import update

            from gofer.webhooks.tables import WebhookEndpointRow

            await session.execute(
                update(WebhookEndpointRow)
                .where(WebhookEndpointRow.id == endpoint_id)
                .values(status="disabled", disabled_reason="test")
            )
        refused = await gofer.http.post(
            f"/api/v1/webhooks/messages/{message['id']}/redeliver", headers=gofer.auth()
        )
        resumed = await gofer.http.post(
            f"/api/v1/webhooks/endpoints/{endpoint_id}/resume", headers=gofer.auth()
        )
    assert refused.status_code == 409
    assert refused.json()["code"] == "endpoint_disabled"
    assert resumed.json()["status"] == "active"
    assert resumed.json()["disabled_reason"] is None


async def test_list_responses_carry_the_success_envelope(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            await gofer.http.post(
                "/api/v1/webhooks/endpoints", json={"url": f"{hooks}/a"}, headers=gofer.auth()
            )
            job_id = await gofer.job()
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            await receiver.wait_for(lambda got: len(got) == 1)
            endpoints = await gofer.http.get("/api/v1/webhooks/endpoints", headers=gofer.auth())
            messages = await gofer.http.get(
                "/api/v1/webhooks/messages", params={"job_id": job_id}, headers=gofer.auth()
            )
            message_id = messages.json()["messages"][0]["id"]
            await gofer.until(lambda: attempts_written(gofer, message_id))
            attempts = await gofer.http.get(
                f"/api/v1/webhooks/messages/{message_id}/attempts", headers=gofer.auth()
            )

    for response in (endpoints, messages, attempts):
        assert response.status_code == 200
        assert response.json()["success"] is True
    assert [e["url"] for e in endpoints.json()["endpoints"]] == [f"{hooks}/a"]
    assert messages.json()["next_cursor"] is None
    assert attempts.json()["message_id"] == message_id
    assert attempts.json()["attempts"][0]["succeeded"] is True


async def attempts_written(gofer: RunningGofer, message_id: str) -> bool:
    response = await gofer.http.get(
        f"/api/v1/webhooks/messages/{message_id}/attempts", headers=gofer.auth()
    )
    return bool(response.json()["attempts"])
