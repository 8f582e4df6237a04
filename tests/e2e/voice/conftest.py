"""Voice e2e fixtures: a Gofer server with voice, real users, speech made at test time."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from gofer.app import create_app
from gofer.serving import BackgroundServer
from gofer.voice.audio import pcm_to_wav, wav_to_pcm
from gofer.voice.tts import ESPEAK_VOICES, EspeakSynthesizer, PiperSynthesizer
from tests.e2e.conftest import e2e_settings
from tests.unit.voice.support import models_root

PASSWORD = "a long enough passphrase"


@dataclass
class VoiceServer:
    server: BackgroundServer
    data_dir: Path
    app: Any

    def live_calls(self) -> int:
        return len(self.app.state.voice.calls)

    @property
    def url(self) -> str:
        return self.server.url


@dataclass
class User:
    user_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def voice_server(
    replica: BackgroundServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[VoiceServer]:
    data_dir = tmp_path_factory.mktemp("voice")
    settings = e2e_settings(
        data_dir, replica.url, voice_models_dir=models_root(), rate_limit_offer="1000/minute"
    )
    app = create_app(settings)
    server = BackgroundServer(app, ws="websockets").start(timeout_s=90)
    settings.port = server.port
    yield VoiceServer(server, data_dir, app)
    server.stop()


def sign_up(server: VoiceServer) -> User:
    """A real account: register, read the mailed code from the dev outbox, verify, log in."""
    email = f"voice-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=server.url, timeout=30) as http:
        registered = http.post(
            "/api/auth/register", json={"email": email, "password": PASSWORD, "name": "Voice"}
        )
        assert registered.status_code == 201, registered.text
        with sqlite3.connect(server.data_dir / "gofer.db") as db:
            (body,) = db.execute(
                "SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC", (email,)
            ).fetchone()
        code = re.search(r"\b(\d{6})\b", body)
        assert code
        verified = http.post("/api/auth/verify", json={"email": email, "code": code.group(1)})
        assert verified.status_code == 200, verified.text
        answer = http.post("/api/auth/login", json={"email": email, "password": PASSWORD}).json()
    return User(answer["user"]["id"], answer["tokens"]["accessToken"])


@pytest.fixture(scope="module")
def alice(voice_server: VoiceServer) -> User:
    return sign_up(voice_server)


@pytest.fixture(scope="module")
def bob(voice_server: VoiceServer) -> User:
    return sign_up(voice_server)


def speech_wav(
    text: str, language: str, path: Path, lead_s: float = 1.0, tail_s: float = 3.0
) -> Path:
    """Speech made now (Piper for English, espeak-ng otherwise) with silence around it."""
    if language == "en":
        speech = PiperSynthesizer().synthesize_sync(text)
        pcm16, rate = speech.pcm16, speech.sample_rate
    else:
        voice = ESPEAK_VOICES[language]
        wav = subprocess.run(
            [EspeakSynthesizer().executable, "-v", voice, "--stdout", "--", text],
            capture_output=True,
            check=True,
        ).stdout
        pcm16, rate = wav_to_pcm(wav)
    pcm = bytes(int(lead_s * rate) * 2) + pcm16 + bytes(int(tail_s * rate) * 2)
    path.write_bytes(pcm_to_wav(pcm, rate))
    return path


async def eventually(check: Any, timeout_s: float = 20.0) -> None:
    """Waits until `check()` is true (a condition on another thread's state), or fails."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.05)


async def next_item(
    ws: Any, kind: str, contains: str = "", timeout_s: float = 60.0
) -> dict[str, Any]:
    """The next transcript-WS item of a type (and, for transcripts, containing some text)."""
    import asyncio
    import json

    async with asyncio.timeout(timeout_s):
        while True:
            item = json.loads(await ws.recv())
            if item["type"] != kind:
                continue
            if kind == "transcript" and contains.lower() not in item["message"]["content"].lower():
                continue
            return dict(item)
