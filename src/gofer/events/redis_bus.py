"""The event bus across processes: Redis pub/sub, fanned out to this process's subscribers.

Each process keeps one pub/sub connection with one pattern subscription per channel kind, made
once and confirmed before the first subscriber returns, so "subscribe, then replay the store"
misses nothing. Events are published after they are stored; a subscriber that falls behind, or
that was subscribed while the connection to Redis was lost, gets a `Gap` and replays from the
store. Live-only payloads (never stored) lose the oldest when a subscriber is slow, as in memory.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from gofer.events.bus import (
    LiveSubscription,
    QueuedLiveSubscription,
    QueuedSubscription,
    Subscription,
)
from gofer.events.model import Event

log = structlog.get_logger("gofer.events.redis")

# Wait before reconnecting after the pub/sub connection broke.
RECONNECT_DELAY_S = 0.5


class RedisEventBus:
    """Publishes to `<prefix>:events:<job_id>` and `<prefix>:live:<job_id>`."""

    default_queue_size = 1000

    def __init__(
        self,
        redis_url: str,
        prefix: str = "gofer",
        *,
        queue_size: int | None = None,
        live_queue_size: int = 8,
    ) -> None:
        self._redis: Redis = Redis.from_url(redis_url)
        self._events_prefix = f"{prefix}:events:"
        self._live_prefix = f"{prefix}:live:"
        self._queue_size = queue_size or self.default_queue_size
        self._live_queue_size = live_queue_size
        self._subscribers: dict[str, set[QueuedSubscription]] = defaultdict(set)
        self._live: dict[str, set[QueuedLiveSubscription]] = defaultdict(set)
        self._reader: asyncio.Task[None] | None = None
        self._listening: asyncio.Event = asyncio.Event()
        self._start_lock = asyncio.Lock()
        self.gaps = 0  # Gaps handed out because the connection broke (shown by /health)

    # --- publishing --------------------------------------------------------------------------

    async def publish(self, event: Event) -> None:
        await self._redis.publish(
            self._events_prefix + event.job_id, event.model_dump_json().encode()
        )

    async def publish_live(self, job_id: str, payload: Any) -> None:
        await self._redis.publish(self._live_prefix + job_id, _encode_live(payload))

    # --- subscribing -------------------------------------------------------------------------

    @asynccontextmanager
    async def subscribe(self, job_id: str) -> AsyncIterator[Subscription]:
        subscription = QueuedSubscription(self._queue_size)
        self._subscribers[job_id].add(subscription)
        try:
            await self._ensure_listening()
            yield subscription
        finally:
            _discard(self._subscribers, job_id, subscription)

    @asynccontextmanager
    async def subscribe_live(self, job_id: str) -> AsyncIterator[LiveSubscription]:
        subscription = QueuedLiveSubscription(self._live_queue_size)
        self._live[job_id].add(subscription)
        try:
            await self._ensure_listening()
            yield subscription
        finally:
            _discard(self._live, job_id, subscription)

    def subscriber_count(self, job_id: str | None = None) -> int:
        if job_id is not None:
            return len(self._subscribers.get(job_id, ()))
        return sum(len(s) for s in self._subscribers.values())

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        await self._redis.aclose()

    # --- the one pub/sub connection ----------------------------------------------------------

    async def _ensure_listening(self) -> None:
        """Returns once the pattern subscriptions are confirmed by Redis."""
        if self._reader is None or self._reader.done():
            async with self._start_lock:
                if self._reader is None or self._reader.done():
                    self._listening.clear()
                    self._reader = asyncio.create_task(
                        self._read_forever(), name="gofer-redis-bus-reader"
                    )
        await self._listening.wait()

    async def _read_forever(self) -> None:
        first = True
        while True:
            pubsub = self._redis.pubsub()
            try:
                await self._listen(pubsub, announce_gap=not first)
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as exc:
                self._listening.clear()
                log.warning("redis_bus_disconnected", error=type(exc).__name__)
                await asyncio.sleep(RECONNECT_DELAY_S)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
            first = False

    async def _listen(self, pubsub: PubSub, *, announce_gap: bool) -> None:
        patterns = {self._events_prefix + "*", self._live_prefix + "*"}
        await pubsub.psubscribe(*patterns)
        confirmed: set[str] = set()
        while True:
            message = await pubsub.get_message(timeout=None)
            if message is None:
                continue
            kind = message["type"]
            if kind == "psubscribe":
                confirmed.add(_text(message["pattern"] or message["channel"]))
                if confirmed >= patterns:
                    if announce_gap:
                        # Events published while we were away are in the store: replay them.
                        self._gap_everyone()
                    self._listening.set()
            elif kind == "pmessage":
                self._dispatch(_text(message["channel"]), message["data"])

    def _dispatch(self, channel: str, data: bytes) -> None:
        if channel.startswith(self._events_prefix):
            job_id = channel[len(self._events_prefix) :]
            subscribers = self._subscribers.get(job_id)
            if not subscribers:
                return
            event = Event.model_validate_json(data)
            for subscription in tuple(subscribers):
                subscription.offer(event)
        elif channel.startswith(self._live_prefix):
            job_id = channel[len(self._live_prefix) :]
            live = self._live.get(job_id)
            if not live:
                return
            payload = _decode_live(data)
            for live_subscription in tuple(live):
                live_subscription.offer(payload)

    def _gap_everyone(self) -> None:
        for subscribers in self._subscribers.values():
            for subscription in subscribers:
                subscription.mark_gap()
                self.gaps += 1


def _discard(table: dict[str, set[Any]], job_id: str, member: Any) -> None:
    members = table.get(job_id)
    if members is not None:
        members.discard(member)
        if not members:
            del table[job_id]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _encode_live(payload: Any) -> bytes:
    """Live payloads are JSON; bytes (a screencast frame) travel as base64."""
    if isinstance(payload, bytes | bytearray):
        return json.dumps({"__bytes__": base64.b64encode(payload).decode()}).encode()
    return json.dumps({"value": payload}).encode()


def _decode_live(data: bytes) -> Any:
    decoded = json.loads(data)
    if "__bytes__" in decoded:
        return base64.b64decode(decoded["__bytes__"])
    return decoded["value"]
