"""Offer limits and shutdown: 429 after ten offers a minute, and SIGTERM with a live call exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from gofer.app import create_app
from gofer.config import Settings
from gofer.serving import free_port
from gofer.voice.client import VoiceClient
from tests.unit.accounts_support import sign_up
from tests.unit.voice.support import models_root

pytestmark = pytest.mark.e2e


async def test_eleventh_offer_in_a_minute_is_refused(
    make_settings: Callable[..., Settings], run_app: Any
) -> None:
    app = create_app(make_settings(), with_browser=False)
    async with run_app(app) as running:
        user = await sign_up(running.client, running.core, "offers@example.com")
        codes = [
            (
                await running.client.post(
                    "/offer", json={"sdp": "x", "type": "offer"}, headers=user.headers
                )
            )
            for _ in range(11)
        ]
    assert [r.status_code for r in codes] == [400] * 10 + [429]
    assert int(codes[-1].headers["retry-after"]) >= 1
    assert codes[-1].json()["code"] == "rate_limited"


async def test_shutdown_with_a_live_call_exits_promptly(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "ENV": "test",
        "API_SECRET_TOKEN": "shutdown-test-token-0123456789",
        "DATA_DIR": str(tmp_path),
        "VOICE_MODELS_DIR": str(models_root()),
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gofer", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = VoiceClient(f"http://127.0.0.1:{port}", env["API_SECRET_TOKEN"])
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "server did not start"
            time.sleep(0.2)
        await client.connect(language="en", greet=True)
        assert await client.wait_for_bot(0.0) is not None  # the call is live and talking
        server.send_signal(signal.SIGTERM)
        # The bound: a live peer connection must not hold the process past 5 s.
        assert server.wait(timeout=5) is not None
    finally:
        await client.close()
        if server.poll() is None:
            server.kill()
            server.wait()
