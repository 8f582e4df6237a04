"""A Vietnamese loan request by voice fills the replica's form; corrections and submit by voice.

The recogniser here is the cloud-STT plug (VOICE_STT_URL) answered by a local fake: espeak-ng's
Vietnamese is not intelligible to the offline Whisper base model (see docs/benchmarks.md), so the
words are given, while WebRTC, the pipeline, the dialogue, the forms agent and the bot's
Vietnamese voice are all real.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import websockets

from gofer.app import create_app
from gofer.serving import BackgroundServer
from gofer.voice.audio import wav_to_pcm
from gofer.voice.client import VoiceClient
from tests.conftest import ADMIN_TOKEN
from tests.e2e.conftest import e2e_settings
from tests.e2e.voice.conftest import eventually, next_item, speech_wav
from tests.unit.voice.support import fake_openai_app, models_root

pytestmark = pytest.mark.e2e

REQUEST = (
    "Mở đơn vay cho Nguyễn Văn An, CCCD 012345678901, số điện thoại 0912345678, "
    "vay 500 triệu trong 24 tháng để mua xe"
)
CORRECTION = "không, số điện thoại là 0987654321"


@pytest.fixture(scope="module")
def heard() -> list[str]:
    return []


@pytest.fixture(scope="module")
def cloud_stt_server(
    replica: BackgroundServer, heard: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    calls: list[dict[str, Any]] = []
    fake = BackgroundServer(fake_openai_app(calls, heard)).start()
    settings = e2e_settings(
        tmp_path_factory.mktemp("voice-cloud"),
        replica.url,
        voice_models_dir=models_root(),
        voice_stt_url=fake.url,
        rate_limit_offer="1000/minute",
    )
    server = BackgroundServer(create_app(settings), ws="websockets").start(timeout_s=90)
    settings.port = server.port
    yield server.url
    server.stop()
    fake.stop()


async def test_vietnamese_loan_request_fills_the_form(
    cloud_stt_server: str, replica: BackgroundServer, heard: list[str], tmp_path: Path
) -> None:
    client = VoiceClient(cloud_stt_server, ADMIN_TOKEN)
    answer = await client.connect(language="vi", greet=False)
    ws_url = cloud_stt_server.replace("http://", "ws://")
    speech, rate = wav_to_pcm(
        speech_wav("Mở đơn vay cho Nguyễn Văn An", "vi", tmp_path / "vi.wav", 0.3, 0).read_bytes()
    )
    try:
        async with websockets.connect(
            f"{ws_url}/ws?session_id={answer['session_id']}&token={ADMIN_TOKEN}"
        ) as ws:
            heard.append(REQUEST)
            ended = await client.say(speech, rate)
            filled = await next_item(ws, "task_completed", timeout_s=120)
            said = await next_item(ws, "transcript", "không chín một hai ba bốn năm sáu bảy tám")
            assert "năm trăm triệu đồng" in said["message"]["content"]
            assert await client.wait_for_bot(ended) is not None  # the read-back is spoken

            session = parse_qs(urlparse(filled["result"]["url"]).query)["session"][0]
            state_url = f"{replica.url}/_replica/forms/loan/state"

            def read() -> dict[str, Any]:
                return dict(httpx.get(state_url, params={"session": session}).json())

            await eventually(lambda: read()["values"].get("loanTerm") == "24")
            state = read()
            assert state["values"]["customerName"] == "Nguyễn Văn An"
            assert state["values"]["customerId"] == "012345678901"
            assert state["values"]["phoneNumber"] == "0912345678"
            assert state["values"]["loanAmount"] == "500000000"
            assert state["values"]["loanTerm"] == "24"

            heard.append(CORRECTION)
            await client.say(speech, rate)
            await next_item(ws, "transcript", "không chín tám bảy sáu năm bốn ba hai một")
            # The page saves its state to the replica a moment after the change.
            await eventually(lambda: read()["values"]["phoneNumber"] == "0987654321")

            heard.append("nộp đơn")
            await client.say(speech, rate)
            await next_item(ws, "transcript", "Tôi nộp đơn bây giờ nhé?")
            assert read()["submissions"] == []  # nothing is sent before an explicit yes

            heard.append("đúng rồi")
            await client.say(speech, rate)
            await next_item(ws, "task_completed", timeout_s=120)
            await eventually(lambda: len(read()["submissions"]) == 1)
    finally:
        await client.close()
