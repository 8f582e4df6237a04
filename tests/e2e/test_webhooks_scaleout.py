"""Several dispatchers on one PostgreSQL database: leased claims, no double sends, dead leases retried."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from gofer.events.bus import MemoryEventBus
from gofer.jobs.store import JobStore
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.webhooks.control import sync_default_endpoint
from gofer.webhooks.outbox import EndpointDirectory, Outbox
from gofer.webhooks.tables import WebhookAttemptRow, WebhookMessageRow
from tests.e2e.webhooks_support import Received, Receiver, serve

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(300)]

REPO = Path(__file__).resolve().parents[2]
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
SECRET = "whsec_" + "c2NhbGUtb3V0LXRlc3Qtc2VjcmV0LTEyMzQ1Njc4OTA="


@pytest.fixture
async def database() -> AsyncIterator[str]:
    """A new, empty PostgreSQL database for this test, built by the migrations."""
    try:
        admin = await asyncpg.connect(ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"gofer_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


class Events:
    """Gofer's event store with the webhook outbox, but no dispatcher of its own."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.sessions = session_factory(self.engine)
        self.directory = EndpointDirectory(self.sessions)
        outbox = Outbox(self.directory, lambda: None)
        self.store = JobStore(
            self.sessions,
            MemoryEventBus(),
            in_transaction_hooks=[outbox.enqueue],
            before_commit_hooks=[outbox.write],
            after_commit_hooks=[outbox.after_commit],
        )

    async def prepare(self, hook_url: str) -> None:
        await create_tables(self.engine)
        await sync_default_endpoint(self.sessions, hook_url)
        await self.directory.refresh()

    async def emit(self, jobs: int, per_job: int) -> list[str]:
        """`per_job` events for each of `jobs` jobs, the jobs recording concurrently."""
        ids = [
            (await self.store.create(user_id="admin", workflow="bench", params={})).job_id
            for _ in range(jobs)
        ]

        async def run(job_id: str) -> None:
            for step in range(per_job):
                await self.store.record(
                    job_id, "status_update", {"message": f"step {step}", "progress": 0}
                )

        await asyncio.gather(*(run(job_id) for job_id in ids))
        return ids

    async def attempts(self) -> dict[str, list[tuple[bool, str | None]]]:
        """Every logged attempt of each message: (succeeded, error)."""
        a = WebhookAttemptRow
        found: dict[str, list[tuple[bool, str | None]]] = {}
        async with self.sessions() as session:
            rows = (await session.execute(select(a.message_id, a.succeeded, a.error))).all()
        for row in rows:
            found.setdefault(row.message_id, []).append((row.succeeded, row.error))
        return found

    async def leases(self) -> dict[str, tuple[str | None, datetime | None]]:
        m = WebhookMessageRow
        async with self.sessions() as session:
            rows = (await session.execute(select(m.id, m.leased_by, m.lease_until))).all()
        return {row.id: (row.leased_by, row.lease_until) for row in rows}


@asynccontextmanager
async def events_on(url: str, hook_url: str) -> AsyncIterator[Events]:
    found = Events(url)
    try:
        await found.prepare(hook_url)
        yield found
    finally:
        await found.engine.dispose()


class DispatcherProcess:
    def __init__(self, database_url: str, name: str, **env: str) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "tests/e2e/webhooks_dispatcher_process.py"],
            cwd=REPO,
            env={
                **os.environ,
                "PYTHONPATH": str(REPO),
                "DATABASE_URL": database_url,
                "WEBHOOK_SECRET": SECRET,
                "DISPATCHER_NAME": name,
                **env,
            },
            stdout=subprocess.PIPE,
            text=True,
        )

    async def ready(self) -> None:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), 60)
        assert line.strip() == "ready", f"dispatcher {self.name} did not start"

    def stop(self) -> int:
        """Stops it cleanly; returns how many requests it sent."""
        self.process.send_signal(signal.SIGTERM)
        out, _ = self.process.communicate(timeout=30)
        return int(json.loads(out.strip().splitlines()[-1])["sent"])

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)


@contextmanager
def cleaned_up(*processes: DispatcherProcess) -> Iterator[None]:
    try:
        yield
    finally:
        for p in processes:
            if p.process.poll() is None:
                p.process.kill()
                p.process.wait(10)


def first_arrival_order(requests: list[Received]) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = {}
    for r in requests:
        order = seen.setdefault(r.json["job_id"], [])
        if r.json["seq"] not in order:
            order.append(r.json["seq"])
    return seen


async def test_two_dispatcher_processes_send_each_message_exactly_once(database: str) -> None:
    receiver = Receiver()
    async with serve(receiver) as hooks, events_on(database, f"{hooks}/hook") as gofer:
        # Each may hold at most 16 of the 50 jobs' next messages (a job's messages go in order),
        # so neither can take every job and leave the other idle, however the CPU is shared.
        one = DispatcherProcess(database, "dsp_one", DISPATCHER_CONCURRENCY="16")
        two = DispatcherProcess(database, "dsp_two", DISPATCHER_CONCURRENCY="16")
        with cleaned_up(one, two):
            await one.ready()
            await two.ready()
            job_ids = await gofer.emit(jobs=50, per_job=100)
            expected = set(await gofer.leases())
            assert len(expected) == 5000
            await receiver.wait_for(
                lambda got: {r.headers["webhook-id"] for r in got} >= expected, timeout=120
            )
            sent = {one.name: one.stop(), two.name: two.stop()}
            left_leased = [lease for lease in (await gofer.leases()).values() if lease[0]]
            attempts = await gofer.attempts()

    ids = [r.headers["webhook-id"] for r in receiver.requests]
    assert set(ids) == expected  # none lost
    # Never two claims on one message: each was delivered by exactly one successful attempt.
    # A receiver may still see a message again after an attempt that failed on the sender's
    # side (a timeout on a starved machine): that is a logged retry, never a double claim.
    assert {mid: [ok for ok, _ in tried].count(True) for mid, tried in attempts.items()} == {
        mid: 1 for mid in expected
    }
    seen = Counter(ids)
    assert {mid: n for mid, n in seen.items() if n > len(attempts[mid])} == {}
    assert sum(sent.values()) == sum(len(tried) for tried in attempts.values())
    assert all(count > 0 for count in sent.values()), sent  # both shared the work
    verifier = Webhook(SECRET)
    for request in receiver.requests:
        verifier.verify(request.body, request.headers)
    order = first_arrival_order(receiver.requests)
    assert set(order) == set(job_ids)
    assert all(seqs == list(range(1, 101)) for seqs in order.values())
    assert left_leased == []


async def test_the_leases_of_a_dead_dispatcher_expire_and_another_sends_them(
    database: str,
) -> None:
    gate = asyncio.Event()

    async def hang_until_released(_: Received, __: int) -> tuple[int, bytes, dict[str, str]]:
        await gate.wait()
        return 204, b"", {}

    receiver = Receiver(hang_until_released)
    async with serve(receiver) as hooks, events_on(database, f"{hooks}/hook") as gofer:
        # A short lease, renewed while sending; the hanging deliveries outlast it (time limit).
        dead = DispatcherProcess(database, "dsp_dead", WEBHOOK_TIMEOUT_S="30", WEBHOOK_LEASE_S="3")
        with cleaned_up(dead):
            await dead.ready()
            await gofer.emit(jobs=5, per_job=2)
            # The first event of each job is in flight at the dead one; the second waits behind.
            await receiver.wait_for(lambda got: len(got) == 5, timeout=60)
            dead.kill()
        leases = await gofer.leases()
        held = {mid: until for mid, (by, until) in leases.items() if by == "dsp_dead"}
        first_attempts = {r.headers["webhook-id"] for r in receiver.requests}
        gate.set()
        heir_began = len(receiver.requests)
        heir = DispatcherProcess(database, "dsp_heir")
        with cleaned_up(heir):
            await heir.ready()
            await receiver.wait_for(
                lambda got: {r.headers["webhook-id"] for r in got[heir_began:]} >= set(leases),
                timeout=120,
            )
            heir.stop()

    assert set(held) == first_attempts
    assert len(held) == 5
    resent = [r for r in receiver.requests[heir_began:] if r.headers["webhook-id"] in held]
    assert {r.headers["webhook-id"] for r in resent} == set(held)
    order = first_arrival_order(receiver.requests[heir_began:])
    assert all(seqs == [1, 2] for seqs in order.values())
    verifier = Webhook(SECRET)
    for request in receiver.requests:
        verifier.verify(request.body, request.headers)
