"""QR images are ephemeral: dropped once the job leaves the QR step; replay stays gap-free."""

from __future__ import annotations

from datetime import timedelta

from gofer.events.model import utc_now
from gofer.lifecycle.qr import qr_digest
from tests.unit.lifecycle.support import (
    Gate,
    lifecycle_app,
    lifecycle_of,
    qr_image,
    wait_for_status,
)


async def start_job(client, headers, **params) -> str:
    answer = await client.post(
        "/api/v1/jobs", json={"workflow": "test.qr_step", "params": params}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["job_id"]


async def stored_events(client, headers, job_id) -> list[dict]:
    answer = await client.get(f"/api/v1/jobs/{job_id}/events", headers=headers)
    assert answer.status_code == 200
    return answer.json()["events"]


async def test_images_dropped_after_the_qr_step_and_replay_stays_whole(
    make_settings, run_app, admin_headers
):
    gate = Gate()
    app = lifecycle_app(make_settings(), gate)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        client = running.client
        job_id = await start_job(client, admin_headers, codes=4)
        await Gate.get(gate.at_qr, job_id).wait()

        # At the QR step the current image is served by polling.
        qr = await client.get(f"/api/v1/booking/{job_id}/qr", headers=admin_headers)
        assert qr.status_code == 200
        assert qr.json()["image_data"] == qr_image(3)
        before = await stored_events(client, admin_headers, job_id)

        Gate.get(gate.scanned, job_id).set()
        await Gate.get(gate.past_qr, job_id).wait()
        await feature.stripper.dropped(job_id)

        after = await stored_events(client, admin_headers, job_id)
        assert [e["seq"] for e in after] == [e["seq"] for e in before] + [len(before) + 1]
        qr_before = [e for e in before if e["type"] == "qr_code_update"]
        qr_after = [e for e in after if e["type"] == "qr_code_update"]
        assert len(qr_after) == 4
        for old, new in zip(qr_before, qr_after, strict=True):
            assert new["seq"] == old["seq"] and new["timestamp"] == old["timestamp"]
            assert new["data"]["image_data"] is None and new["data"]["qr_payload"] is None
            assert new["data"]["image_dropped"] is True
            assert new["data"]["payload_sha256"] == qr_digest(old["data"])

        gone = await client.get(f"/api/v1/booking/{job_id}/qr", headers=admin_headers)
        assert gone.status_code == 404 and gone.json()["code"] == "qr_not_available"
        Gate.get(gate.finish, job_id).set()
        await wait_for_status(client, admin_headers, job_id, "completed")


def test_websocket_replay_after_reconnect_is_gap_free_without_images(make_settings):
    from fastapi.testclient import TestClient
    from starlette.websockets import WebSocketDisconnect

    from tests.conftest import ADMIN_TOKEN

    app = lifecycle_app(make_settings())
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with TestClient(app) as client:
        job_id = client.post(
            "/api/v1/jobs",
            json={"workflow": "test.qr_step", "params": {"codes": 3, "scan": False}},
            headers=headers,
        ).json()["job_id"]
        while client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()["status"] != (
            "completed"
        ):
            pass
        client.portal.call(lifecycle_of(app).stripper.dropped, job_id)
        # A client that saw seq 2 reconnects: it gets 3, 4, ... to the end, once each.
        seen = []
        with client.websocket_connect(f"/ws/{job_id}?after=2&token={ADMIN_TOKEN}") as ws:
            while True:
                try:
                    seen.append(ws.receive_json())
                except WebSocketDisconnect as closed:
                    assert closed.code == 1000
                    break
        last = client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()["last_seq"]
        assert [m["seq"] for m in seen] == list(range(3, last + 1))
        qr_messages = [m for m in seen if m.get("event_type") == "qr_code_update"]
        assert qr_messages and all(m["image_data"] is None for m in qr_messages)
        assert all(m["data"]["payload_sha256"] for m in qr_messages)


async def test_pruner_drops_superseded_images_of_a_waiting_job_but_not_the_current_one(
    make_settings, run_app, admin_headers
):
    gate = Gate()
    app = lifecycle_app(make_settings(retention_qr_images_s=60), gate)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        client = running.client
        job_id = await start_job(client, admin_headers, codes=5)
        await Gate.get(gate.at_qr, job_id).wait()
        assert (await feature.pruner.run_once())["qr_images"] == 0  # all younger than 60 s
        counts = await feature.pruner.run_once(now=utc_now() + timedelta(seconds=61))
        assert counts["qr_images"] == 4
        events = await stored_events(client, admin_headers, job_id)
        images = [e["data"].get("image_data") for e in events if e["type"] == "qr_code_update"]
        assert images == [None, None, None, None, qr_image(4)]
        qr = await client.get(f"/api/v1/booking/{job_id}/qr", headers=admin_headers)
        assert qr.status_code == 200 and qr.json()["image_data"] == qr_image(4)
        Gate.get(gate.scanned, job_id).set()
        Gate.get(gate.finish, job_id).set()
        await wait_for_status(client, admin_headers, job_id, "completed")


async def test_pruner_sweep_catches_jobs_whose_move_was_not_seen(
    make_settings, run_app, admin_headers
):
    """A job that left the QR step while no stripper watched (another process, a restart)."""
    app = lifecycle_app(make_settings())
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        client = running.client
        store = running.core.store
        store.after_commit_hooks = tuple(
            hook for hook in store.after_commit_hooks if hook != feature.stripper.after_commit
        )
        job_id = await start_job(client, admin_headers, codes=3, scan=False)
        await wait_for_status(client, admin_headers, job_id, "completed")
        events = await stored_events(client, admin_headers, job_id)
        assert all(e["data"].get("image_data") for e in events if e["type"] == "qr_code_update")
        counts = await feature.pruner.run_once()
        assert counts["qr_images"] == 3
        events = await stored_events(client, admin_headers, job_id)
        assert not any(e["data"].get("image_data") for e in events if e["type"] == "qr_code_update")


async def test_back_at_the_qr_step_an_old_dropped_image_is_not_served(
    make_settings, run_app, admin_headers
):
    """A login that expired goes back to qr_waiting; until the fresh QR arrives there is none."""
    gate = Gate()
    app = lifecycle_app(make_settings(), gate)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        client = running.client
        job_id = await start_job(client, admin_headers, codes=2)
        await Gate.get(gate.at_qr, job_id).wait()
        Gate.get(gate.scanned, job_id).set()
        await Gate.get(gate.past_qr, job_id).wait()
        await feature.stripper.dropped(job_id)
        await running.core.store.record(
            job_id,
            "status_update",
            {"message": "Scan the QR code", "progress": 25},
            step="qr_waiting",
        )

        answer = await client.get(f"/api/v1/booking/{job_id}/qr", headers=admin_headers)

        assert answer.status_code == 404 and answer.json()["code"] == "qr_not_available"
        Gate.get(gate.finish, job_id).set()
        await wait_for_status(client, admin_headers, job_id, "completed")
