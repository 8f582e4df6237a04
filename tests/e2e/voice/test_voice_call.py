"""Calls over real WebRTC (aiortc client, no browser) to a real server with the Pipecat pipeline."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import websockets

from gofer.voice.audio import wav_to_pcm
from gofer.voice.booking_request import parse
from gofer.voice.client import VoiceClient
from gofer.voice.stt import WhisperTranscriber
from tests.e2e.voice.conftest import (
    User,
    VoiceServer,
    eventually,
    next_item,
    sign_up,
    speech_wav,
)
from tests.unit.voice.support import models_root

pytestmark = pytest.mark.e2e


def ws_url(server: VoiceServer, session_id: str, token: str, after: int = 0) -> str:
    base = server.url.replace("http://", "ws://")
    return f"{base}/ws?session_id={session_id}&token={token}&after={after}"


async def say(client: VoiceClient, text: str, tmp_path: Path) -> float:
    pcm, rate = wav_to_pcm(
        speech_wav(text, "en", tmp_path / "say.wav", lead_s=0.3, tail_s=0).read_bytes()
    )
    return await client.say(pcm, rate)


async def test_english_booking_request_starts_the_right_job(
    voice_server: VoiceServer, alice: User, bob: User, tmp_path: Path
) -> None:
    client = VoiceClient(voice_server.url, alice.token)
    answer = await client.connect(language="en", greet=False)
    session_id = answer["session_id"]
    assert answer["type"] == "answer" and answer["pc_id"] and answer["sdp"].startswith("v=0")
    try:
        async with websockets.connect(ws_url(voice_server, session_id, alice.token)) as ws:
            ended = await say(
                client, "Book a driving test in Uppsala or Järfälla before March.", tmp_path
            )
            asked = await next_item(ws, "transcript", "shall i start")
            assert asked["message"]["role"] == "assistant"
            # The bot's reply arrives as audio, and says what the transcript says.
            assert await client.wait_for_bot(ended) is not None
            await client.wait_for_quiet(2.0)
            heard = await WhisperTranscriber(models_root()).transcribe(
                client.recording.since(ended), 16000, "en"
            )
            assert "start" in heard.lower()
            assert parse(heard, date.today()).locations[:1] == ["Uppsala"]

            await say(client, "Yes.", tmp_path)
            started = await next_item(ws, "job_started")
            await next_item(ws, "transcript", "scan the bankid code on your screen")
            last_seq = started["seq"]

        with httpx.Client(base_url=voice_server.url, headers=alice.headers) as http:
            job = http.get(f"/api/v1/jobs/{started['job_id']}").json()
            assert job["workflow"] == "trafikverket.book"
            assert job["params"]["locations"] == ["Uppsala", "Järfälla"]
            assert job["params"]["exam_type"] == "Körprov"
            march = date(date.today().year + (date.today().month >= 3), 3, 1)
            assert job["params"]["date_to"] == (march - timedelta(days=1)).isoformat()
            history = http.get(f"/api/sessions/{session_id}").json()["session"]
            assert any(e["job_id"] == started["job_id"] for e in history["executions"])
            assert any("Uppsala" in m["content"] for m in history["messages"])
            http.post(f"/api/v1/jobs/{started['job_id']}/cancel")

        # Reconnecting with the last seq seen replays only what came after it.
        async with websockets.connect(
            ws_url(voice_server, session_id, alice.token, last_seq)
        ) as ws:
            replayed = json.loads(await ws.recv())
            assert replayed["seq"] == last_seq + 1

        # Another user's socket gets nothing of this session; no token gets nothing at all.
        async with websockets.connect(ws_url(voice_server, session_id, bob.token)) as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4404
        async with websockets.connect(ws_url(voice_server, session_id, "nope")) as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
    finally:
        await client.close()


async def test_closing_the_peer_ends_the_call(voice_server: VoiceServer, alice: User) -> None:
    client = VoiceClient(voice_server.url, alice.token)
    await client.connect(language="sv", greet=True)
    await eventually(lambda: voice_server.live_calls() >= 1)
    assert await client.wait_for_bot(0.0) is not None  # the Swedish greeting plays
    await client.close()
    await eventually(lambda: voice_server.live_calls() == 0)


async def test_barge_in_stops_the_bot(
    voice_server: VoiceServer, alice: User, tmp_path: Path
) -> None:
    client = VoiceClient(voice_server.url, alice.token)
    try:
        await client.connect(language="en", greet=True)
        greeting_started = await client.wait_for_bot(0.0)
        assert greeting_started is not None
        # Speak over the greeting (which lasts several seconds), in one breath.
        pcm, rate = wav_to_pcm(
            speech_wav(
                "I would like to book a driving test in Uppsala before the end of March please",
                "en",
                tmp_path / "b.wav",
                0,
                0,
            ).read_bytes()
        )
        spoke_at = time.perf_counter()
        await client.say(pcm, rate)
        # A second into the user's speech the bot has gone quiet (and stays so while they talk).
        overlap = [c for t, c in client.recording.chunks if spoke_at + 1.0 <= t <= spoke_at + 2.5]
        assert overlap, "no audio received while the user spoke"
        loudest = max(float((c.astype("float32") ** 2).mean() ** 0.5) for c in overlap)
        assert loudest < 300, "the bot kept talking over the user"
    finally:
        await client.close()


async def test_offer_errors(voice_server: VoiceServer, alice: User) -> None:
    with httpx.Client(base_url=voice_server.url) as http:
        assert http.post("/offer", json={"sdp": "v=0", "type": "offer"}).status_code == 401
        bad = http.post("/offer", json={"sdp": "hello", "type": "offer"}, headers=alice.headers)
        assert bad.status_code == 400
        assert bad.json()["success"] is False and bad.json()["error"] == "Invalid offer"
        assert http.post("/api/offer", content=b"{", headers=alice.headers).status_code == 400
        token = http.post("/api/voice/token", headers=alice.headers).json()["token"]
        # A voice token opens a call but no other route.
        assert (
            http.get("/api/v1/jobs", headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )
        assert (
            http.post(
                "/offer",
                json={"sdp": "x", "type": "offer"},
                headers={"Authorization": f"Bearer {token}"},
            ).status_code
            == 400
        )


VANISHING_CLIENT = """
import asyncio, sys
from gofer.voice.client import VoiceClient

async def main():
    client = VoiceClient(sys.argv[1], sys.argv[2])
    await client.connect(language="en", greet=True)
    await client.wait_for_bot(0.0)
    print("talking", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


async def test_a_peer_that_vanishes_is_freed(voice_server: VoiceServer, alice: User) -> None:
    """A client killed mid-call sends nothing more; ICE consent checks end the call (~30 s)."""
    import asyncio
    import signal
    import sys

    before = voice_server.live_calls()
    peer = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        VANISHING_CLIENT,
        voice_server.url,
        alice.token,
        stdout=asyncio.subprocess.PIPE,
    )
    assert peer.stdout is not None
    assert (await asyncio.wait_for(peer.stdout.readline(), 60)).strip() == b"talking"
    assert voice_server.live_calls() == before + 1
    peer.send_signal(signal.SIGKILL)
    await peer.wait()
    await eventually(lambda: voice_server.live_calls() == before, timeout_s=90)


async def test_a_call_without_a_language_uses_the_callers_saved_call_language_and_voice(
    voice_server: VoiceServer,
) -> None:
    carol = sign_up(voice_server)
    with httpx.Client(base_url=voice_server.url, headers=carol.headers) as http:
        saved = http.put(
            "/api/v1/me/settings",
            json={"language": "en", "voice_language": "sv", "voice": "female", "model": ""},
        )
        assert saved.status_code == 200, saved.text
    client = VoiceClient(voice_server.url, carol.token)
    try:
        answer = await client.connect(greet=False)
        # The call is in the saved language, and speaks with the saved voice.
        assert (answer["language"], answer["voice"]) == ("sv", "female")
    finally:
        await client.close()
    # A language the offer names still wins over the saved one.
    client = VoiceClient(voice_server.url, carol.token)
    try:
        assert (await client.connect(language="vi", greet=False))["language"] == "vi"
    finally:
        await client.close()
