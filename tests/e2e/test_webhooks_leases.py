"""A live dispatcher keeps its lease while a slow receiver holds every delivery slot."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from gofer.events.bus import EventBus
from gofer.jobs.store import JobStore
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.webhooks.control import sync_default_endpoint
from gofer.webhooks.dispatcher import Dispatcher
from gofer.webhooks.outbox import EndpointDirectory, Outbox
from gofer.webhooks.retry import RetrySchedule
from gofer.webhooks.ssrf import UrlGuard
from gofer.webhooks.tables import WebhookMessageRow
from tests.e2e.webhooks_support import Received, Receiver, serve

pytestmark = pytest.mark.timeout(60)

SECRET = "whsec_" + "bGVhc2UtcmVuZXdhbC10ZXN0LXNlY3JldC0xMjM0NTY3OA=="
LEASE_S = 0.2


async def test_a_busy_dispatcher_renews_its_lease_and_no_other_takes_the_message(
    tmp_path: Path,
) -> None:
    gate = asyncio.Event()

    async def slow(_: Received, __: int) -> tuple[int, bytes, dict[str, str]]:
        await gate.wait()
        return 204, b"", {}

    receiver = Receiver(slow)
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'gofer.db'}")
    await create_tables(engine)
    sessions = session_factory(engine)

    def dispatcher(name: str) -> Dispatcher:
        # One slot each, so a hanging delivery leaves the dispatcher no room to claim more.
        return Dispatcher(
            sessions,
            UrlGuard(["127.0.0.1"]),
            RetrySchedule([0.05] * 7),
            default_secret=SECRET,
            timeout_s=30,
            concurrency=1,
            disable_after_s=3600,
            idle_poll_s=0.05,
            lease_s=LEASE_S,
            name=name,
        )

    first, second = dispatcher("dsp_first"), dispatcher("dsp_second")
    directory = EndpointDirectory(sessions)

    def wake_both() -> None:
        first.wake()
        second.wake()

    outbox = Outbox(directory, wake_both)
    store = JobStore(
        sessions,
        EventBus(),
        in_transaction_hooks=[outbox.enqueue],
        before_commit_hooks=[outbox.write],
        after_commit_hooks=[outbox.after_commit],
    )

    async def lease() -> tuple[str | None, datetime | None]:
        m = WebhookMessageRow
        async with sessions() as session:
            row = (await session.execute(select(m.leased_by, m.lease_until))).one()
        return row.leased_by, row.lease_until

    async def status() -> str:
        async with sessions() as session:
            return str(await session.scalar(select(WebhookMessageRow.status)))

    try:
        async with serve(receiver) as hooks:
            await sync_default_endpoint(sessions, f"{hooks}/hook")
            await directory.refresh()
            await first.start()
            await second.start()
            job = await store.create(user_id="admin", workflow="w", params={})
            await store.record(job.job_id, "status_update", {"message": "m", "progress": 1})
            await receiver.wait_for(lambda got: len(got) == 1)
            holder, first_until = await lease()
            assert holder in ("dsp_first", "dsp_second") and first_until is not None
            # Wait (reading the database) until the lease has been renewed well past ten of its
            # own lengths: had renewal stopped, the other dispatcher would have taken it by then.
            async with asyncio.timeout(30):
                while True:
                    by, until = await lease()
                    if until is not None and (until - first_until).total_seconds() > 10 * LEASE_S:
                        break
                    await asyncio.sleep(LEASE_S)  # the renewals happen in other tasks
            taken_meanwhile = len(receiver.requests)
            sender = first if holder == "dsp_first" else second
            written = sender.flush_count
            gate.set()
            await sender.wait_for_flush_after(written)  # the success is in the delivery log
            await first.stop()
            await second.stop()
            final = await lease()
            delivered = await status()
    finally:
        gate.set()
        await engine.dispose()

    assert by == holder
    assert taken_meanwhile == 1
    assert len(receiver.requests) == 1
    assert final == (None, None)
    assert delivered == "succeeded"
