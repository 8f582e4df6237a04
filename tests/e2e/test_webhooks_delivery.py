"""Webhook delivery against a real receiver on 127.0.0.1: signatures, retries, order, coalescing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from standardwebhooks.webhooks import Webhook

from gofer.events import model as events
from tests.e2e.webhooks_support import Received, Receiver, RunningGofer, running_gofer, serve

pytestmark = pytest.mark.timeout(60)

METRICS = {
    "success": ("gofer_webhook_deliveries_total", {"outcome": "success"}),
    "failure": ("gofer_webhook_deliveries_total", {"outcome": "failure"}),
    "retries": ("gofer_webhook_retries_total", {}),
    "timed": ("gofer_webhook_delivery_seconds_count", {}),
}


def sample(name: str, labels: dict[str, str]) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


SETTINGS_SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


async def register(gofer: RunningGofer, url: str, **fields: object) -> dict[str, object]:
    response = await gofer.http.post(
        "/api/v1/webhooks/endpoints", json={"url": url, **fields}, headers=gofer.auth()
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def attempts(gofer: RunningGofer, message_id: str) -> list[dict[str, object]]:
    response = await gofer.http.get(
        f"/api/v1/webhooks/messages/{message_id}/attempts", headers=gofer.auth()
    )
    assert response.status_code == 200, response.text
    return response.json()["attempts"]  # type: ignore[no-any-return]


async def message_status(gofer: RunningGofer, message_id: str) -> str:
    response = await gofer.http.get(f"/api/v1/webhooks/messages/{message_id}", headers=gofer.auth())
    return str(response.json()["status"])


async def test_every_target_gets_a_signed_body_in_the_seed_shape(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path, webhook_url=f"{hooks}/default") as gofer:
            endpoint = await register(gofer, f"{hooks}/registered", description="my backend")
            job_id = await gofer.job(webhook_url=f"{hooks}/job")
            await gofer.core.store.record(
                job_id, events.BOOKING_STARTED, {"params": {}, "message": "Starting"}
            )
            await gofer.core.store.record(
                job_id,
                events.STATUS_UPDATE,
                {"message": "Searching", "progress": 70},
                step="searching",
            )
            await gofer.core.store.record(
                job_id, events.BOOKING_COMPLETED, {"success": True, "booking_id": "B-1"}
            )
            await receiver.wait_for(lambda got: len(got) == 9)

    secrets = {
        "/registered": str(endpoint["secret"]),
        "/job": SETTINGS_SECRET,
        "/default": SETTINGS_SECRET,
    }
    seen: dict[str, list[str]] = {}
    for request in receiver.requests:
        verified = Webhook(secrets[request.path]).verify(request.body, request.headers)
        assert verified == request.json
        assert set(verified) >= {"event_type", "job_id", "user_id", "timestamp", "data"}
        assert verified["job_id"] == job_id
        assert verified["user_id"] == "seed-user-42"
        assert verified["timestamp"].endswith("Z")
        seen.setdefault(request.path, []).append(verified["event_type"])
    expected = [events.BOOKING_STARTED, events.STATUS_UPDATE, events.BOOKING_COMPLETED]
    assert seen == {"/registered": expected, "/job": expected, "/default": expected}
    completed = next(
        r.json for r in receiver.requests if r.json["event_type"] == "booking_completed"
    )
    assert completed["data"]["success"] is True


async def test_a_wrong_secret_does_not_verify(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            await register(gofer, f"{hooks}/a")
            job_id = await gofer.job()
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            await receiver.wait_for(lambda got: len(got) == 1)
    request = receiver.requests[0]
    with pytest.raises(Exception, match="signature"):
        Webhook(SETTINGS_SECRET).verify(request.body, request.headers)


async def test_a_failing_receiver_is_retried_until_it_succeeds(tmp_path: Path) -> None:
    async def fail_three_times(_: Received, index: int) -> tuple[int, bytes, dict[str, str]]:
        if index <= 3:
            return 500, b'{"error":"database is down"}', {}
        return 204, b"", {}

    receiver = Receiver(fail_three_times)
    before = {name: sample(*key) for name, key in METRICS.items()}
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            await register(gofer, f"{hooks}/flaky")
            job_id = await gofer.job()
            await gofer.core.store.record(job_id, events.BOOKING_COMPLETED, {"success": True})
            await receiver.wait_for(lambda got: len(got) == 4)
            [message] = await gofer.messages(job_id=job_id)
            await gofer.until(lambda: _status_is(gofer, message["id"], "succeeded"))
            log = await attempts(gofer, str(message["id"]))

    assert {r.headers["webhook-id"] for r in receiver.requests} == {message["id"]}
    assert [a["status_code"] for a in log] == [500, 500, 500, 204]
    assert [a["succeeded"] for a in log] == [False, False, False, True]
    assert log[0]["response_body"] == '{"error":"database is down"}'
    assert log[0]["error"] == "HTTP 500"
    assert [a["number"] for a in log] == [1, 2, 3, 4]
    grown = {name: sample(*key) - before[name] for name, key in METRICS.items()}
    assert grown == {"success": 1, "failure": 3, "retries": 3, "timed": 4}


async def _status_is(gofer: RunningGofer, message_id: str, status: str) -> bool:
    return await message_status(gofer, message_id) == status


async def test_a_hanging_receiver_times_out_and_is_tried_again(tmp_path: Path) -> None:
    release = asyncio.Event()

    async def hang_once(_: Received, index: int) -> tuple[int, bytes, dict[str, str]]:
        if index == 1:
            await release.wait()
        return 200, b"ok", {}

    receiver = Receiver(hang_once)
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path, webhook_timeout_s=0.5) as gofer:
            await register(gofer, f"{hooks}/slow")
            job_id = await gofer.job()
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            await receiver.wait_for(lambda got: len(got) == 2)
            [message] = await gofer.messages(job_id=job_id)
            await gofer.until(lambda: _status_is(gofer, message["id"], "succeeded"))
            log = await attempts(gofer, str(message["id"]))
            release.set()

    assert log[0]["succeeded"] is False
    assert log[0]["status_code"] is None
    assert "Timed out" in str(log[0]["error"])
    assert log[1]["succeeded"] is True


async def test_410_gone_disables_the_endpoint_and_the_job_hears_of_it(tmp_path: Path) -> None:
    async def gone(_: Received, __: int) -> tuple[int, bytes, dict[str, str]]:
        return 410, b"gone", {}

    receiver = Receiver(gone)
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            endpoint = await register(gofer, f"{hooks}/gone")
            job_id = await gofer.job()
            async with gofer.core.bus.subscribe(job_id) as live:
                await gofer.core.store.record(
                    job_id, events.STATUS_UPDATE, {"message": "", "progress": 15}, step="login"
                )
                async with asyncio.timeout(15):
                    notice = await anext(live)
                    while notice.type != "webhook_disabled":
                        notice = await anext(live)
            response = await gofer.http.get(
                f"/api/v1/webhooks/endpoints/{endpoint['id']}", headers=gofer.auth()
            )
            await gofer.core.store.record(
                job_id, events.STATUS_UPDATE, {"message": "", "progress": 70}, step="searching"
            )
            messages = await gofer.messages(endpoint_id=str(endpoint["id"]))

    assert notice.data["endpoint_id"] == endpoint["id"]
    assert notice.data["reason"] == "gone"
    assert response.json()["status"] == "disabled"
    assert "410" in response.json()["disabled_reason"]
    assert len(receiver.requests) == 1
    # The disabled endpoint gets no new messages (only the first event's message exists).
    assert [m["seq"] for m in messages] == [1]


async def test_an_endpoint_failing_too_long_is_disabled(tmp_path: Path) -> None:
    async def broken(_: Received, __: int) -> tuple[int, bytes, dict[str, str]]:
        return 503, b"maintenance", {}

    receiver = Receiver(broken)
    async with serve(receiver) as hooks:
        async with running_gofer(
            tmp_path, webhook_disable_after_s=0.3, webhook_retry_schedule_s=[0.1] * 20
        ) as gofer:
            endpoint = await register(gofer, f"{hooks}/broken")
            job_id = await gofer.job()
            async with gofer.core.bus.subscribe(job_id) as live:
                await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
                async with asyncio.timeout(15):
                    notice = await anext(live)
                    while notice.type != "webhook_disabled":
                        notice = await anext(live)
            response = await gofer.http.get(
                f"/api/v1/webhooks/endpoints/{endpoint['id']}", headers=gofer.auth()
            )

    assert notice.data["reason"] == "failing"
    assert response.json()["status"] == "disabled"
    assert len(receiver.requests) >= 2


async def test_one_jobs_events_reach_an_endpoint_in_seq_order(tmp_path: Path) -> None:
    failed_once: set[tuple[str, int]] = set()

    async def fail_each_even_seq_once(
        request: Received, _: int
    ) -> tuple[int, bytes, dict[str, str]]:
        key = (request.json["job_id"], request.json["seq"])
        if key[1] % 2 == 0 and key not in failed_once:
            failed_once.add(key)
            return 500, b"try later", {}
        return 200, b"ok", {}

    receiver = Receiver(fail_each_even_seq_once)
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            await register(gofer, f"{hooks}/ordered")
            jobs = [await gofer.job(), await gofer.job()]
            for step in range(1, 11):
                for job_id in jobs:
                    await gofer.core.store.record(
                        job_id, events.STATUS_UPDATE, {"step": step, "message": "", "progress": 0}
                    )
            await receiver.wait_for(lambda got: len(got) == 2 * (10 + 5))

    for job_id in jobs:
        seqs = [r.json["seq"] for r in receiver.requests if r.json["job_id"] == job_id]
        assert seqs == sorted(seqs)
        assert sorted(set(seqs)) == list(range(1, 11))


async def test_only_the_newest_pending_qr_code_is_sent(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            endpoint = await register(gofer, f"{hooks}/qr", event_types=["qr_code_update"])
            paused = await gofer.http.post(
                f"/api/v1/webhooks/endpoints/{endpoint['id']}/pause", headers=gofer.auth()
            )
            job_id = await gofer.job()
            await gofer.core.store.record(
                job_id, events.STATUS_UPDATE, {"message": "Scan", "progress": 25}, step="qr_waiting"
            )
            for n in range(1, 6):
                await gofer.core.store.record(
                    job_id, events.QR_CODE_UPDATE, {"image_data": f"png-{n}", "qr_payload": f"q{n}"}
                )
            resumed = await gofer.http.post(
                f"/api/v1/webhooks/endpoints/{endpoint['id']}/resume", headers=gofer.auth()
            )
            await receiver.wait_for(lambda got: len(got) == 1)
            await gofer.until(
                lambda: _all_final(gofer, job_id),
            )
            messages = await gofer.messages(job_id=job_id)

    assert paused.json()["status"] == "paused"
    assert resumed.json()["status"] == "active"
    assert [r.json["data"]["image_data"] for r in receiver.requests] == ["png-5"]
    assert [m["status"] for m in messages] == ["superseded"] * 4 + ["succeeded"]


async def _all_final(gofer: RunningGofer, job_id: str) -> bool:
    return all(m["status"] != "pending" for m in await gofer.messages(job_id=job_id))


async def test_redelivery_sends_the_same_webhook_id_again(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            await register(gofer, f"{hooks}/again")
            job_id = await gofer.job()
            await gofer.core.store.record(job_id, events.BOOKING_COMPLETED, {"success": True})
            await receiver.wait_for(lambda got: len(got) == 1)
            [message] = await gofer.messages(job_id=job_id)
            await gofer.until(lambda: _status_is(gofer, message["id"], "succeeded"))
            response = await gofer.http.post(
                f"/api/v1/webhooks/messages/{message['id']}/redeliver", headers=gofer.auth()
            )
            await receiver.wait_for(lambda got: len(got) == 2)
            await gofer.until(lambda: _attempt_count_is(gofer, str(message["id"]), 2))

    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == message["id"]
    assert first.body == second.body


async def _attempt_count_is(gofer: RunningGofer, message_id: str, count: int) -> bool:
    return len(await attempts(gofer, message_id)) == count


async def test_the_test_button_sends_a_signed_test_event(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            endpoint = await register(gofer, f"{hooks}/ping", event_types=["booking_completed"])
            response = await gofer.http.post(
                f"/api/v1/webhooks/endpoints/{endpoint['id']}/test", headers=gofer.auth()
            )
            await receiver.wait_for(lambda got: len(got) == 1)

    assert response.status_code == 202
    request = receiver.requests[0]
    payload = Webhook(str(endpoint["secret"])).verify(request.body, request.headers)
    assert payload["event_type"] == "webhook_test"
    assert request.headers["webhook-id"] == response.json()["message_id"]


async def test_after_rotation_both_secrets_verify_for_a_while(tmp_path: Path) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks:
        async with running_gofer(tmp_path) as gofer:
            endpoint = await register(gofer, f"{hooks}/rotating")
            rotated = await gofer.http.post(
                f"/api/v1/webhooks/endpoints/{endpoint['id']}/rotate-secret", headers=gofer.auth()
            )
            job_id = await gofer.job()
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            await receiver.wait_for(lambda got: len(got) == 1)

    new_secret = rotated.json()["secret"]
    assert new_secret.startswith("whsec_") and new_secret != endpoint["secret"]
    assert rotated.json()["previous_secret_valid_until"] is not None
    request = receiver.requests[0]
    Webhook(new_secret).verify(request.body, request.headers)
    Webhook(str(endpoint["secret"])).verify(request.body, request.headers)
