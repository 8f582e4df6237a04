"""Forms conversations are saved with the event that ends each turn, and survive a new engine."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from gofer.events.bus import MemoryEventBus
from gofer.events.model import JOB_FAILED, TASK_COMPLETED
from gofer.jobs.model import JobState
from gofer.jobs.store import JobStore
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.workflows.forms.params import FormState
from gofer.workflows.forms.state import FormSessions, SessionLocks


async def _parts(path: Path) -> tuple[JobStore, FormSessions, AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await create_tables(engine)
    sessions = session_factory(engine)
    forms = FormSessions(sessions)
    store = JobStore(sessions, MemoryEventBus(), in_transaction_hooks=[forms.record_outcome])
    return store, forms, engine


async def _finish_turn(store: JobStore, session_id: str, base: FormState, new: FormState) -> str:
    job = await store.create(
        user_id="u1",
        workflow="forms.fill",
        params={"message": "vay 500 triệu", "session_id": session_id, "state": base.model_dump()},
    )
    result = {"message": "ok", "url": "http://x.test/loan/?session=" + session_id}
    await store.record(
        job.job_id,
        TASK_COMPLETED,
        {"success": True, **result, "state": new.model_dump()},
        state=JobState.COMPLETED,
        result=result,
    )
    return job.job_id


async def test_a_finished_turn_saves_the_state_and_a_restart_keeps_it(tmp_path: Path) -> None:
    store, forms, engine = await _parts(tmp_path / "a.db")
    session = await forms.create("u1")
    new = FormState(form="loan", values={"loanAmount": "500000000"}, step=2, turn=1)

    job_id = await _finish_turn(store, session.session_id, session.state, new)
    await engine.dispose()

    _, reopened, engine2 = await _parts(tmp_path / "a.db")
    saved = await reopened.get(session.session_id)
    assert saved is not None and saved.user_id == "u1"
    assert saved.state == new
    assert saved.url == f"http://x.test/loan/?session={session.session_id}"
    turns = await reopened.turns(session.session_id)
    assert [(t.job_id, t.turn, t.status) for t in turns] == [(job_id, 1, "completed")]
    assert "state" not in turns[0].outcome
    assert (await reopened.latest_for_user("u1")).session_id == session.session_id  # type: ignore[union-attr]
    assert await reopened.latest_for_user("someone-else") is None
    await engine2.dispose()


async def test_a_turn_built_on_an_old_state_does_not_overwrite_a_newer_one(tmp_path: Path) -> None:
    store, forms, engine = await _parts(tmp_path / "b.db")
    session = await forms.create("u1")
    first = FormState(form="crm", values={"customerName": "An"}, turn=1)
    late = FormState(form="crm", values={"customerName": "Bình"}, turn=1)

    await _finish_turn(store, session.session_id, session.state, first)
    await _finish_turn(store, session.session_id, session.state, late)  # also from turn 0

    saved = await forms.get(session.session_id)
    assert saved is not None and saved.state.values == {"customerName": "An"}
    outcomes = [t.outcome for t in await forms.turns(session.session_id)]
    assert outcomes[-1].get("stale") is True
    await engine.dispose()


async def test_a_failed_turn_is_recorded_and_leaves_the_state_alone(tmp_path: Path) -> None:
    store, forms, engine = await _parts(tmp_path / "c.db")
    session = await forms.create("u1")
    job = await store.create(
        user_id="u1",
        workflow="forms.fill",
        params={"message": "gửi đơn", "session_id": session.session_id, "state": {}},
    )

    await store.record(
        job.job_id,
        JOB_FAILED,
        {"error": "Could not open the form page", "code": "site_unreachable"},
        state=JobState.FAILED,
    )

    saved = await forms.get(session.session_id)
    assert saved is not None and saved.state == FormState()
    turns = await forms.turns(session.session_id)
    assert [(t.status, t.outcome["code"]) for t in turns] == [("failed", "site_unreachable")]
    await engine.dispose()


async def test_other_workflows_are_ignored(tmp_path: Path) -> None:
    store, forms, engine = await _parts(tmp_path / "d.db")
    job = await store.create(user_id="u1", workflow="trafikverket.book", params={"session_id": "x"})

    await store.record(job.job_id, TASK_COMPLETED, {"success": True}, state=JobState.COMPLETED)

    assert await forms.turns("x") == []
    await engine.dispose()


async def test_turns_of_one_conversation_wait_for_each_other() -> None:
    import asyncio

    locks = SessionLocks()
    order: list[str] = []
    first_in = asyncio.Event()

    async def turn(name: str, hold: asyncio.Event | None) -> None:
        async with locks.hold("s1"):
            order.append(f"{name} in")
            if hold is not None:
                first_in.set()
                await hold.wait()
            order.append(f"{name} out")

    release = asyncio.Event()
    first = asyncio.create_task(turn("a", release))
    await first_in.wait()
    second = asyncio.create_task(turn("b", None))
    await asyncio.sleep(0)  # let b reach the lock
    assert order == ["a in"]
    release.set()
    await asyncio.gather(first, second)
    assert order == ["a in", "a out", "b in", "b out"]
