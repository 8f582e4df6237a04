"""The WebSocket: stored events after `?after=seq`, QR in the seed's shape, and auth."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from gofer.app import create_app
from gofer.principal import Principal
from tests.conftest import ADMIN_TOKEN
from tests.unit.fake_workflows import Gates, registry_with_gate


@pytest.fixture
def client(make_settings):
    app = create_app(make_settings(), registry=registry_with_gate(Gates()), with_browser=False)

    async def other_user(token: str) -> Principal | None:
        return Principal("someone-else") if token == "other-user-token" else None

    app.state.token_resolvers.append(other_user)
    with TestClient(app) as test_client:
        yield test_client


def finished_job(client: TestClient) -> str:
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    job_id = client.post(
        "/api/v1/jobs", json={"workflow": "test.gate", "params": {"wait": False}}, headers=headers
    ).json()["job_id"]
    deadline = time.monotonic() + 10
    while client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()["status"] != "completed":
        assert time.monotonic() < deadline, "job did not complete"
    return job_id


def receive_until_closed(ws) -> list[dict]:
    messages = []
    while True:
        try:
            messages.append(ws.receive_json())
        except WebSocketDisconnect as closed:
            assert closed.code == 1000
            return messages


def test_replays_all_events_then_closes_for_a_finished_job(client):
    job_id = finished_job(client)
    # A finished job's QR images are dropped (data lifecycle): let that happen first.
    client.portal.call(client.app.state.core.lifecycle.stripper.dropped, job_id)
    with client.websocket_connect(f"/ws/{job_id}?token={ADMIN_TOKEN}") as ws:
        messages = receive_until_closed(ws)
    assert [m["seq"] for m in messages] == [1, 2, 3, 4]
    qr = messages[2]
    assert qr["type"] == "qr_update" and qr["event_type"] == "qr_code_update"
    # The seed's shape stays; the image and payload are gone, a hash of the payload is kept.
    assert qr["image_data"] is None and qr["qr_payload"] is None
    assert qr["data"]["image_dropped"] is True and len(qr["data"]["payload_sha256"]) == 64
    assert messages[-1]["type"] == "task_completed"
    assert set(messages[0]) >= {"seq", "job_id", "type", "timestamp", "data"}


def test_after_skips_events_already_seen(client):
    job_id = finished_job(client)
    with client.websocket_connect(
        f"/ws/{job_id}?after=2", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    ) as ws:
        assert [m["seq"] for m in receive_until_closed(ws)] == [3, 4]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", 4401),
        ("?token=wrong", 4401),
        ("?token=other-user-token", 4404),
        (f"?token={ADMIN_TOKEN}&after=x", 1008),
    ],
)
def test_refused_connections(client, query, code):
    job_id = finished_job(client)
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect(f"/ws/{job_id}{query}") as ws,
    ):
        ws.receive_json()
    assert closed.value.code == code


def test_unknown_job_is_not_found(client):
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect(f"/ws/job_nope?token={ADMIN_TOKEN}") as ws,
    ):
        ws.receive_json()
    assert closed.value.code == 4404


def test_other_users_cannot_see_the_job_over_http(client):
    job_id = finished_job(client)
    other = {"Authorization": "Bearer other-user-token"}
    for path in (
        f"/api/v1/jobs/{job_id}",
        f"/api/v1/jobs/{job_id}/events",
        f"/api/v1/booking/status/{job_id}",
        f"/api/v1/booking/{job_id}/qr",
    ):
        response = client.get(path, headers=other)
        assert response.status_code == 404, path
    assert client.get("/api/v1/jobs", headers=other).json()["jobs"] == []


def test_client_leaving_a_quiet_job_frees_the_connection(client):
    from gofer.metrics import WEBSOCKET_CONNECTIONS

    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    job_id = client.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=headers).json()[
        "job_id"
    ]
    before = WEBSOCKET_CONNECTIONS._value.get()
    with client.websocket_connect(f"/ws/{job_id}?token={ADMIN_TOKEN}") as ws:
        first = ws.receive_json()
        assert first["seq"] == 1
        assert WEBSOCKET_CONNECTIONS._value.get() == before + 1
    deadline = time.monotonic() + 10
    while WEBSOCKET_CONNECTIONS._value.get() != before:
        assert time.monotonic() < deadline, "the server kept the connection of a client that left"
        time.sleep(0.01)
