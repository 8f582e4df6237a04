"""The deterministic dialogue of a voice call: bank forms and driving-test bookings by voice.

Each user turn is classified (confirm, repeat, help, status, cancel, booking, form content), acted
on through `GoferBackend`, and answered in the session's language. Nothing is submitted or booked
without an explicit yes; a long answer that starts with "no" is a correction, not a refusal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import structlog

from gofer.events.model import Event
from gofer.principal import Principal
from gofer.voice import booking_request, speakable
from gofer.voice.backend import BOOKING_WORKFLOW, BackendError, GoferBackend
from gofer.voice.llm import IntentModel
from gofer.voice.transcripts import TranscriptLog, now_iso
from gofer.voice.wording import fold, has_intent, phrase, starts_with_intent

log = structlog.get_logger("gofer.voice.dialogue")

Speak = Callable[[str], Awaitable[None]]
# Words a bare confirmation can have; longer answers carry content (a correction, new values).
SHORT_ANSWER_WORDS = 4
ENDING = frozenset({"booking_completed", "job_failed", "job_cancelled"})


@dataclass
class Pending:
    kind: str  # "booking" | "submit"
    params: dict[str, Any] | None = None
    text: str = ""


class Dialogue:
    def __init__(
        self,
        backend: GoferBackend,
        principal: Principal,
        session_id: str,
        language: str,
        transcript: TranscriptLog,
        speak: Speak,
        today: Callable[[], date] = date.today,
        intents: IntentModel | None = None,
    ) -> None:
        self.backend = backend
        self.principal = principal
        self.session_id = session_id
        self.language = language
        self.transcript = transcript
        self._speak = speak
        self._today = today
        self._intents = intents
        self.pending: Pending | None = None
        self.last_said = ""
        self.booking_job: str | None = None
        self.in_form = False
        self._followers: set[asyncio.Task[None]] = set()
        self._lock = asyncio.Lock()
        self._storing: asyncio.Task[None] | None = None  # the last answer, being stored

    # --- turns ---
    async def greet(self) -> str:
        return await self._assistant(phrase("greeting", self.language))

    async def reply(self, text: str) -> list[str]:
        async with self._lock:  # one turn at a time, in the order spoken
            await self._stored()
            self.transcript.transcript("user", text)
            await self.backend.remember(self.session_id, "user", text)
            answer = await self._decide(text)
            if not answer:
                return []
            # The answer is spoken at once; the session's history gets it meanwhile (in order:
            # the next turn, and closing, wait for it).
            self.last_said = answer
            self.transcript.transcript("assistant", answer)
            self._storing = asyncio.get_running_loop().create_task(
                self.backend.remember(self.session_id, "assistant", answer)
            )
            return [answer]

    async def _stored(self) -> None:
        if self._storing is not None:
            storing, self._storing = self._storing, None
            await asyncio.gather(storing, return_exceptions=True)

    async def _assistant(self, text: str) -> str:
        await self._stored()
        self.last_said = text
        self.transcript.transcript("assistant", text)
        await self.backend.remember(self.session_id, "assistant", text)
        return text

    async def _decide(self, text: str) -> str:
        lang = self.language
        short = len(fold(text).split()) <= SHORT_ANSWER_WORDS
        if self.pending is not None:
            pending, self.pending = self.pending, None
            if short and starts_with_intent(text, "yes", lang):
                return await self._confirmed(pending)
            if short and starts_with_intent(text, "no", lang):
                key = "booking_not_started" if pending.kind == "booking" else "not_submitted"
                return phrase(key, lang)
            # Anything else replaces the question: a correction or a new request.
        if short and has_intent(text, "repeat", lang):
            return self.last_said or phrase("nothing_to_repeat", lang)
        if short and has_intent(text, "help", lang):
            return phrase("help", lang)
        if has_intent(text, "status", lang) and not has_intent(text, "booking", lang):
            return await self._status()
        if has_intent(text, "cancel", lang) and not self.in_form:
            return await self._cancel()
        if has_intent(text, "booking", lang) or (
            booking_request.parse(text, self._today()).locations and not self.in_form
        ):
            return self._propose_booking(text)
        if has_intent(text, "submit", lang) and self.in_form:
            self.pending = Pending("submit", text=text)
            return phrase("ask_submit", lang)
        if self._intents is not None and not self.in_form:
            # Only what the rules could not place goes to the model, and it only names an intent.
            guessed = await self._intents.intent(text, lang)
            if guessed == "help":
                return phrase("help", lang)
            if guessed == "repeat":
                return self.last_said or phrase("nothing_to_repeat", lang)
            if guessed == "status":
                return await self._status()
            if guessed == "cancel":
                return await self._cancel()
            if guessed == "booking":
                return self._propose_booking(text)
        return await self._form_turn(text)

    async def _confirmed(self, pending: Pending) -> str:
        if pending.kind == "booking" and pending.params is not None:
            return await self._start_booking(pending.params)
        return await self._form_turn(pending.text, submit_confirmed=True)

    # --- booking ---
    def _propose_booking(self, text: str) -> str:
        lang = self.language
        # Only a request already taken for a booking has its places matched by sound as well.
        request = booking_request.parse(text, self._today(), by_sound=lang == "en")
        if not request.locations:
            return phrase("need_places", lang)
        params = request.params()
        problem = self.backend.booking_problem(params)
        if problem:
            return phrase("booking_refused", lang, error=problem)
        self.pending = Pending("booking", params=params)
        exam = phrase(
            "exam_theory" if request.exam_type == "Kunskapsprov" else "exam_driving", lang
        )
        places = f" {phrase('or', lang)} ".join(request.locations)
        window = ""
        if request.before is not None:
            window = phrase("window_before", lang, day=speakable.day(request.before, lang))
        return phrase("confirm_booking", lang, exam=exam, places=places, window=window)

    async def _start_booking(self, params: dict[str, Any]) -> str:
        try:
            job = await self.backend.start_booking(self.principal, params)
        except BackendError as exc:
            return phrase("booking_refused", self.language, error=str(exc))
        self.booking_job = job.job_id
        await self.backend.note_execution(self.session_id, job.job_id, BOOKING_WORKFLOW, "running")
        self.transcript.add({"type": "job_started", "job_id": job.job_id, "params": params})
        task = asyncio.get_running_loop().create_task(self._follow(job.job_id))
        self._followers.add(task)
        task.add_done_callback(self._followers.discard)
        return phrase("booking_started", self.language)

    async def _follow(self, job_id: str) -> None:
        """Speaks a job's progress: the QR hand-off (never the code itself) and the outcome."""
        said: set[str] = set()
        try:
            async with self.backend.job_events(job_id) as events:
                job = await self.backend.job(self.principal, job_id)
                if job is not None and job.state.terminal:
                    return
                async for event in events:
                    line = self._progress_line(event, said)
                    if line:
                        await self._announce(await self._assistant(line))
                    if event.type in ENDING:
                        self._report_end(event)
                        return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a follower must never take the call down
            log.warning("voice_follow_failed", job_id=job_id, error_type=type(exc).__name__)

    def _progress_line(self, event: Event, said: set[str]) -> str | None:
        lang, data = self.language, event.data
        key: str | None = None
        if event.type in ("qr_code_update", "human_needed") or data.get("status") == "qr_waiting":
            key = "scan_qr"
        elif data.get("status") == "searching":
            key = "searching"
        elif data.get("status") == "monitoring":
            key = "monitoring"
        if key is not None:
            if key in said and event.type != "human_needed":
                return None
            said.add(key)
            return phrase(key, lang)
        if event.type == "booking_completed":
            if not data.get("success"):
                return phrase("booking_failed", lang, error=data.get("message") or "")
            booked = data.get("booking_id") is not None or data.get("verified")
            return phrase(
                "booked" if booked else "slot_reported",
                lang,
                location=data.get("location", ""),
                day=self._spoken_day(str(data.get("date", ""))),
                time=data.get("time", ""),
            )
        if event.type == "job_failed":
            return phrase("booking_failed", lang, error=data.get("error") or "")
        if event.type == "job_cancelled":
            return phrase("cancelled", lang)
        return None

    def _spoken_day(self, iso: str) -> str:
        try:
            return speakable.day(date.fromisoformat(iso[:10]), self.language)
        except ValueError:
            return iso

    def _report_end(self, event: Event) -> None:
        ok = event.type == "booking_completed" and bool(event.data.get("success"))
        kind = "task_completed" if ok else "task_failed"
        item: dict[str, Any] = {"type": kind, "task_id": event.job_id, "timestamp": now_iso()}
        if ok:
            item["result"] = event.data
        else:
            item["error"] = event.data.get("error") or event.data.get("message") or event.type
        self.transcript.add(item)

    async def _announce(self, text: str) -> None:
        try:
            await self._speak(text)
        except Exception as exc:
            log.warning("voice_announce_failed", error_type=type(exc).__name__)

    async def _status(self) -> str:
        if self.booking_job is None:
            return phrase("no_booking", self.language)
        job = await self.backend.job(self.principal, self.booking_job)
        if job is None:
            return phrase("no_booking", self.language)
        return phrase("status", self.language, status=job.status)

    async def _cancel(self) -> str:
        job = self.booking_job and await self.backend.job(self.principal, self.booking_job)
        if not job or job.state.terminal:
            return phrase("no_booking", self.language)
        await self.backend.cancel(self.principal, job.job_id)
        return phrase("cancelled", self.language)

    # --- forms ---
    async def _form_turn(self, text: str, submit_confirmed: bool = False) -> str:
        lang = self.language
        if not submit_confirmed and has_intent(text, "submit", lang):
            # Values and a submit in one breath: fill first, then ask before submitting.
            self.pending = Pending("submit", text=text)
        try:
            if self.pending is not None and self.pending.kind == "submit":
                reply = await self.backend.forms_turn(
                    self.principal, self.session_id, _without_submit(text, lang)
                )
            else:
                reply = await self.backend.forms_turn(self.principal, self.session_id, text)
        except BackendError as exc:
            self.pending = None
            return phrase("form_failed", lang, error=str(exc))
        self.in_form = self.in_form or reply.form is not None
        if reply.job_id:
            self.transcript.add(
                {
                    "type": "task_completed",
                    "task_id": reply.job_id,
                    "timestamp": now_iso(),
                    "result": {
                        "url": reply.url,
                        "form": reply.form,
                        "filled": reply.filled,
                        "submitted": reply.submitted,
                    },
                }
            )
        parts = [reply.message]
        if reply.filled:
            parts.append(phrase("filled", lang, fields=speakable.read_back(reply.filled, lang)))
        if self.pending is not None and self.pending.kind == "submit":
            parts.append(phrase("ask_submit", lang))
        elif reply.question:
            parts.append(reply.question)
        return " ".join(p.strip() for p in parts if p and p.strip())

    async def close(self) -> None:
        await self._stored()
        for task in list(self._followers):
            task.cancel()
        if self._followers:
            await asyncio.gather(*self._followers, return_exceptions=True)


def _without_submit(text: str, language: str) -> str:
    """The message with its submit words removed, so filling never submits by itself."""
    from gofer.voice.wording import DATA

    folded_words = {fold(p) for p in DATA["intents"]["submit"][language]}
    kept = [w for w in text.split() if fold(w) not in folded_words]
    return " ".join(kept) or text
