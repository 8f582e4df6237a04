"""The replica's whole in-memory world, injectable so tests can own the clock."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .bankid import OrderBook
from .clock import ReplicaClock, system_now
from .competitor import Competitor
from .config import ReplicaConfig
from .drift import DriftSet
from .faults import FaultPlan
from .ledger import Ledger
from .sessions import LoginStore
from .slots import SlotBook

LOG_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class RequestRecord:
    time: datetime
    method: str
    endpoint: str
    status: int
    latency_ms: float
    error_type: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "time": self.time.isoformat(),
            "method": self.method,
            "endpoint": self.endpoint,
            "status": self.status,
            "latency_ms": round(self.latency_ms, 2),
            "errorType": self.error_type,
        }


@dataclass(frozen=True, slots=True)
class QrDraw:
    reference_id: str
    payload: str
    drawn_at_ms: float
    received_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "referenceId": self.reference_id,
            "payload": self.payload,
            "drawnAtMs": self.drawn_at_ms,
            "receivedAt": self.received_at.isoformat(),
        }


class ReplicaState:
    """Config, clock, slots, ledger, logins, BankID orders and the test-control knobs.

    Every handler runs its check-and-change without awaiting in between, so a single event
    loop needs no locks.
    """

    def __init__(
        self,
        config: ReplicaConfig | None = None,
        *,
        time_source: Callable[[], datetime] = system_now,
        jitter: random.Random | None = None,
    ) -> None:
        self.config = config or ReplicaConfig()
        self.clock = ReplicaClock(lambda: self.config.clock_offset_s, time_source)
        self.slots = SlotBook()
        self.ledger = Ledger()
        self.logins = LoginStore()
        self.orders = OrderBook()
        self.faults = FaultPlan()
        self.competitor = Competitor()
        self.drifts = DriftSet()
        self.requests: deque[RequestRecord] = deque(maxlen=LOG_LIMIT)
        self.qr_draws: deque[QrDraw] = deque(maxlen=LOG_LIMIT)
        self.jitter = jitter or random.Random()

    def now(self) -> datetime:
        return self.clock.now()

    def tick(self) -> datetime:
        """Apply what time has done since the last request: ended holds, competitor takes."""
        now = self.clock.now()
        self.ledger.expire_holds(now)
        for slot in self.competitor.due(now):
            if not self.ledger.is_taken(slot.key) and slot.visible_at(now):
                self.ledger.book_for_competitor(slot, now)
        return now

    def update_config(self, changes: dict[str, Any]) -> ReplicaConfig:
        """Apply a partial change, validated as a whole; raises pydantic.ValidationError."""
        merged = {**self.config.model_dump(), **changes}
        self.config = ReplicaConfig.model_validate(merged)
        return self.config

    def reset(self, seed: int | None = None) -> None:
        """Wipe sessions, orders, holds, bookings and test knobs; regenerate slots."""
        if seed is not None:
            self.update_config({"seed": seed})
        self.slots.reset()
        self.ledger = Ledger()
        self.logins.clear()
        self.orders.clear()
        self.faults.clear()
        self.competitor.clear()
        self.drifts.clear()
        self.requests.clear()
        self.qr_draws.clear()

    def latency_s(self, endpoint: str) -> float:
        config = self.config
        base = config.latency_by_endpoint.get(endpoint, config.latency_ms)
        jitter = self.jitter.uniform(0, config.latency_jitter_ms) if config.latency_jitter_ms else 0
        return max(0.0, base + jitter) / 1000
