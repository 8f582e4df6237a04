"""Trafikverket replica: runs under a real uvicorn on 127.0.0.1; latency switches."""

from __future__ import annotations

import asyncio
import math
import random
import socket

import httpx
import uvicorn

from gofer.replicas.trafikverket import ReplicaConfig, ReplicaState, create_trafikverket_app
from gofer.replicas.trafikverket.bankid import qr_code


async def test_full_login_over_real_http() -> None:
    state = ReplicaState()
    app = create_trafikverket_app(state=state)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # connections queue here until the server accepts them
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    serving = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            shell = await client.get("/boka/ng/licence")
            assert shell.status_code == 200 and "Förarprov - Bokning" in shell.text
            begin = (await client.post("/Boka/begin-authentication", content="null")).json()["data"]
            seconds = math.floor(state.now().timestamp() - begin["qrStartTime"])
            payload = qr_code(begin["qrStartToken"], begin["qrStartSecret"], seconds)
            scanned = await client.post(
                "/_replica/bankid/scan", json={"qr": payload, "personalNumber": "191212121212"}
            )
            assert scanned.status_code == 200, scanned.text
            done = await client.post("/Boka/check-authentication-status-qr", json=begin)
            assert done.json()["data"]["collectionStatus"] == "Completed"
            assert "FpsExternalIdentity" in client.cookies
            envelope = (await client.post("/Boka/licence-information", content="null")).json()
            assert envelope["url"] == f"http://127.0.0.1:{port}/Boka/licence-information"
            assert envelope["data"]["socialSecurityNumber"] == "191212121212"
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, timeout=10)
        listener.close()


def test_latency_per_endpoint_overrides_the_base_and_adds_jitter() -> None:
    config = ReplicaConfig(
        latency_ms=100, latency_jitter_ms=50, latency_by_endpoint={"occasion-bundles": 400}
    )
    state = ReplicaState(config, jitter=random.Random(3))
    for _ in range(20):
        assert 0.1 <= state.latency_s("start") <= 0.15
        assert 0.4 <= state.latency_s("occasion-bundles") <= 0.45
    assert ReplicaState().latency_s("start") == 0
