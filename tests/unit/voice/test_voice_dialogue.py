"""The dialogue's decisions: confirm before acting, corrections, read-back wording, booking slots."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import pytest

from gofer.api.auth import Principal
from gofer.voice.backend import FormsReply
from gofer.voice.booking_request import parse
from gofer.voice.dialogue import Dialogue
from gofer.voice.speakable import read_back
from gofer.voice.transcripts import TranscriptLog

TODAY = date(2026, 12, 6)


class RecordingBackend:
    """Stands in for Gofer's services: records what the dialogue asked of them."""

    def __init__(self, replies: list[FormsReply] | None = None) -> None:
        self.form_messages: list[str] = []
        self.bookings: list[dict[str, Any]] = []
        self.replies = replies or []

    async def remember(self, session_id: str, role: str, content: str) -> None:
        return None

    async def note_execution(self, *args: Any) -> None:
        return None

    async def forms_turn(self, principal: Principal, session_id: str, message: str) -> FormsReply:
        self.form_messages.append(message)
        return self.replies.pop(0) if self.replies else FormsReply(message="OK", form="loan")

    def booking_problem(self, params: dict[str, Any]) -> str | None:
        return None

    async def start_booking(self, principal: Principal, params: dict[str, Any]) -> Any:
        self.bookings.append(params)

        class Job:
            job_id = "job_1"

        return Job()

    async def job(self, principal: Principal, job_id: str) -> None:
        return None

    @asynccontextmanager
    async def job_events(self, job_id: str) -> AsyncIterator[AsyncIterator[Any]]:
        async def nothing() -> AsyncIterator[Any]:
            if False:
                yield None

        yield nothing()


async def _silent(text: str) -> None:
    return None


def dialogue(backend: RecordingBackend, language: str) -> Dialogue:
    return Dialogue(
        backend,  # type: ignore[arg-type]
        Principal("u1"),
        "ses_1",
        language,
        TranscriptLog(),
        _silent,
        today=lambda: TODAY,
    )


async def test_booking_needs_an_explicit_yes() -> None:
    backend = RecordingBackend()
    talk = dialogue(backend, "en")
    [ask] = await talk.reply("Book a driving test in Uppsala or Järfälla before March.")
    assert (
        ask == "I will book a driving test in Uppsala or Järfälla, before 1 March. Shall I start?"
    )
    assert backend.bookings == []
    await talk.reply("Yes.")
    assert backend.bookings == [
        {
            "locations": ["Uppsala", "Järfälla"],
            "exam_type": "Körprov",
            "license_type": "B",
            "vehicle": "manual",
            "before": "2027-03-01",
        }
    ]
    await talk.close()


async def test_no_means_nothing_is_booked() -> None:
    backend = RecordingBackend()
    talk = dialogue(backend, "sv")
    await talk.reply("Boka ett körprov i Uppsala före mars")
    [answer] = await talk.reply("Nej")
    assert backend.bookings == [] and "bokar ingenting" in answer


async def test_submit_waits_for_yes_and_a_correction_is_a_form_turn() -> None:
    backend = RecordingBackend(
        [
            FormsReply(
                message="Đã điền 2 trường.", form="loan", filled={"phoneNumber": "0912345678"}
            ),
            FormsReply(message="Đã sửa.", form="loan", filled={"phoneNumber": "0987654321"}),
            FormsReply(message="Đã nộp.", form="loan", submitted=True),
        ]
    )
    talk = dialogue(backend, "vi")
    [first] = await talk.reply("Mở đơn vay, số điện thoại 0912345678")
    assert "không chín một hai ba bốn năm sáu bảy tám" in first
    [ask] = await talk.reply("Nộp đơn")
    assert ask == "Tôi nộp đơn bây giờ nhé?" and len(backend.form_messages) == 1
    [fixed] = await talk.reply("không, số điện thoại là 0987654321")
    assert backend.form_messages[-1] == "không, số điện thoại là 0987654321"
    assert "không chín tám bảy sáu năm bốn ba hai một" in fixed
    await talk.reply("Nộp đơn")
    await talk.reply("Đúng rồi")
    assert backend.form_messages[-1] == "Nộp đơn" and len(backend.form_messages) == 3


async def test_repeat_and_help() -> None:
    talk = dialogue(RecordingBackend(), "en")
    [helped] = await talk.reply("Help")
    assert "driving test" in helped
    assert await talk.reply("Say that again") == [helped]


def test_read_back_speaks_ids_digit_by_digit_and_amounts_in_words() -> None:
    filled = {"customerId": "012345678901", "loanAmount": "500000000", "loanTerm": "24"}
    assert read_back(filled, "en") == (
        "ID number: zero one two three four five six seven eight nine zero one; "
        "loan amount: five hundred million dong; term in months: 24"
    )
    assert "năm trăm triệu đồng" in read_back(filled, "vi")


@pytest.mark.parametrize(
    ("text", "locations", "before"),
    [
        (
            "book a driving test in Uppsala or Stockholm before March",
            ["Uppsala", "Stockholm City"],
            "2027-03-01",
        ),
        (
            "I need a driving test in Sollentuna before the 15th of February",
            ["Sollentuna"],
            "2027-02-15",
        ),
        ("Boka ett körprov i Järfälla före mars", ["Järfälla"], "2027-03-01"),
        ("driving test in Malmo or Lund", ["Malmö", "Lund"], None),
    ],
)
def test_booking_slots(text: str, locations: list[str], before: str | None) -> None:
    request = parse(text, TODAY)
    assert request.locations == locations
    assert (request.before.isoformat() if request.before else None) == before
