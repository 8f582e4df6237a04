"""Saved form values and submissions, one state per form and session key, kept in memory."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

FormValues = dict[str, str | list[str]]


@dataclass
class Submission:
    at: datetime
    values: FormValues


@dataclass
class FormState:
    """What one session of one form has saved; `version` counts the saves."""

    form: str
    session: str
    version: int = 0
    updated_at: datetime | None = None
    values: FormValues = field(default_factory=dict)
    submissions: list[Submission] = field(default_factory=list)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class FormStateStore:
    """In-memory states, safe to share between the requests of one event loop.

    Readers get deep copies, so nothing outside the lock can change a stored state.
    """

    def __init__(self, clock: Callable[[], datetime] = _utc_now) -> None:
        self._clock = clock
        self._states: dict[tuple[str, str], FormState] = {}
        self._lock = asyncio.Lock()

    async def read(self, form: str, session: str) -> FormState:
        """The saved state, or an empty one at version 0 for a key never saved."""
        async with self._lock:
            state = self._states.get((form, session))
            return copy.deepcopy(state) if state else FormState(form=form, session=session)

    async def save(self, form: str, session: str, values: FormValues) -> FormState:
        """Replace the saved values (the last write wins) and count one more version."""
        async with self._lock:
            state = self._states.setdefault((form, session), FormState(form=form, session=session))
            state.values = copy.deepcopy(values)
            state.version += 1
            state.updated_at = self._clock()
            return copy.deepcopy(state)

    async def add_submission(self, form: str, session: str, values: FormValues) -> Submission:
        """Record a submitted form; the saved values are left as they are."""
        async with self._lock:
            state = self._states.setdefault((form, session), FormState(form=form, session=session))
            submission = Submission(at=self._clock(), values=copy.deepcopy(values))
            state.submissions.append(submission)
            return copy.deepcopy(submission)

    async def sessions(self, form: str) -> list[FormState]:
        """Every state of one form, oldest key first."""
        async with self._lock:
            return [copy.deepcopy(s) for (name, _), s in self._states.items() if name == form]

    async def clear(self) -> None:
        async with self._lock:
            self._states.clear()
