"""A webhook dispatcher alone in its own process, for scale-out tests; stops on SIGTERM.

Reads DATABASE_URL, WEBHOOK_SECRET, DISPATCHER_NAME, WEBHOOK_TIMEOUT_S and DISPATCHER_CONCURRENCY
from the environment,
prints "ready" once it runs and, after a clean stop, how many requests it sent.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal

from gofer.store.db import create_engine, session_factory
from gofer.webhooks.dispatcher import Dispatcher
from gofer.webhooks.retry import RetrySchedule
from gofer.webhooks.ssrf import UrlGuard
from gofer.webhooks.transport import Answer, WebhookClient


class CountingClient(WebhookClient):
    sent = 0

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        self.sent += 1
        return await super().post(url, body, headers)


async def main() -> None:
    engine = create_engine(os.environ["DATABASE_URL"])
    timeout_s = float(os.environ.get("WEBHOOK_TIMEOUT_S", "15"))
    concurrency = int(os.environ.get("DISPATCHER_CONCURRENCY", "64"))
    client = CountingClient(concurrency=concurrency, timeout_s=timeout_s)
    dispatcher = Dispatcher(
        session_factory(engine),
        UrlGuard(["127.0.0.1"]),
        RetrySchedule([0.1] * 7),
        default_secret=os.environ["WEBHOOK_SECRET"],
        timeout_s=timeout_s,
        concurrency=concurrency,
        disable_after_s=3600,
        idle_poll_s=0.1,
        client=client,
        lease_s=float(os.environ.get("WEBHOOK_LEASE_S", "10")),
        name=os.environ["DISPATCHER_NAME"],
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await dispatcher.start()
    print("ready", flush=True)
    await stop.wait()
    await dispatcher.stop()
    await engine.dispose()
    print(json.dumps({"sent": client.sent}), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
