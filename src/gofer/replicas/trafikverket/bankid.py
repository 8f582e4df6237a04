"""Simulated BankID (spec §6): orders, the animated QR payload, and the phone's checks."""

from __future__ import annotations

import hashlib
import hmac
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from .config import ReplicaConfig

OrderState = Literal["pending", "approved", "cancelled", "consumed", "expired"]

# A payload drawn a little before the server's second ticks over is still accepted.
EARLY_TOLERANCE_S = 0.25


def qr_code(token: str, secret: str, seconds: int) -> str:
    """`bankid.<token>.<seconds>.<hex HMAC-SHA256(secret, seconds)>`, the standard animated QR."""
    digest = hmac.new(secret.encode(), str(seconds).encode(), hashlib.sha256).hexdigest()
    return f"bankid.{token}.{seconds}.{digest}"


@dataclass
class Order:
    reference_id: str
    autostart_token: str
    qr_start_token: str
    qr_start_secret: str
    qr_start_time: int  # epoch seconds, replica clock
    created_at: datetime
    state: OrderState = "pending"
    ssn: str | None = None
    login_identity: str | None = None  # set once a poll turned the approval into a login

    def seconds_at(self, now: datetime) -> int:
        return max(0, math.floor(now.timestamp() - self.qr_start_time))

    def code_at(self, now: datetime) -> str:
        return qr_code(self.qr_start_token, self.qr_start_secret, self.seconds_at(now))

    def timed_out(self, now: datetime, config: ReplicaConfig) -> bool:
        return now - self.created_at > timedelta(seconds=config.bankid_order_timeout_s)


@dataclass(frozen=True)
class ScanOutcome:
    ok: bool
    error: str | None = None
    detail: str = ""
    reference_id: str | None = None
    age_s: float | None = None

    def as_json(self) -> dict[str, object]:
        if self.ok:
            return {"ok": True, "referenceId": self.reference_id, "age_s": self.age_s}
        body: dict[str, object] = {"ok": False, "error": self.error, "detail": self.detail}
        if self.age_s is not None:
            body["age_s"] = self.age_s
        return body


def _refuse(error: str, detail: str, age_s: float | None = None) -> ScanOutcome:
    return ScanOutcome(ok=False, error=error, detail=detail, age_s=age_s)


class OrderBook:
    """Every BankID order since the last reset."""

    def __init__(self) -> None:
        self._by_reference: dict[str, Order] = {}
        self._by_token: dict[str, Order] = {}
        self._by_autostart: dict[str, Order] = {}

    def clear(self) -> None:
        self._by_reference.clear()
        self._by_token.clear()
        self._by_autostart.clear()

    def begin(self, now: datetime) -> Order:
        order = Order(
            reference_id=str(uuid.uuid4()),
            autostart_token=str(uuid.uuid4()),
            qr_start_token=str(uuid.uuid4()),
            qr_start_secret=str(uuid.uuid4()),
            qr_start_time=math.floor(now.timestamp()),
            created_at=now,
        )
        self._by_reference[order.reference_id] = order
        self._by_token[order.qr_start_token] = order
        self._by_autostart[order.autostart_token] = order
        return order

    def by_reference(self, reference_id: str) -> Order | None:
        return self._by_reference.get(reference_id)

    def orders(self) -> list[Order]:
        return sorted(self._by_reference.values(), key=lambda order: order.created_at)

    def refresh(self, order: Order, now: datetime, config: ReplicaConfig) -> Order:
        """Mark a pending order expired once it is older than the BankID timeout."""
        if order.state == "pending" and order.timed_out(now, config):
            order.state = "expired"
        return order

    def _decide(self, order: Order, ssn: str | None, action: str) -> None:
        if action == "approve":
            order.state = "approved"
            order.ssn = ssn
        else:
            order.state = "cancelled"

    def scan(
        self,
        qr: str,
        ssn: str | None,
        action: str,
        now: datetime,
        config: ReplicaConfig,
    ) -> ScanOutcome:
        """What a phone does with a scanned QR payload; checks in the order of spec §6."""
        parts = qr.strip().split(".")
        if len(parts) != 4 or parts[0] != "bankid" or not parts[1] or not parts[3]:
            return _refuse("malformed", "expected bankid.<token>.<seconds>.<code>")
        if not parts[2].isascii() or not parts[2].isdigit():
            return _refuse("malformed", "seconds must be a whole number >= 0")
        token, seconds_text, code = parts[1], parts[2], parts[3]
        seconds = int(seconds_text)
        order = self._by_token.get(token)
        if order is None:
            return _refuse("unknown_order", "no order has this qrStartToken")
        self.refresh(order, now, config)
        if order.state != "pending":
            return _refuse("order_expired", f"the order is {order.state}")
        expected = qr_code(order.qr_start_token, order.qr_start_secret, seconds).rsplit(".", 1)[1]
        if not hmac.compare_digest(expected.encode(), code.lower().encode()):
            return _refuse("bad_hmac", "the code does not match the order's secret")
        age = round((now.timestamp() - order.qr_start_time) - seconds, 3)
        if age < -EARLY_TOLERANCE_S or age > config.bankid_qr_max_age_s:
            return _refuse(
                "stale_qr",
                f"the code is {age:.2f} s old; accepted {-EARLY_TOLERANCE_S}"
                f" to {config.bankid_qr_max_age_s} s",
                age_s=age,
            )
        self._decide(order, ssn, action)
        return ScanOutcome(ok=True, reference_id=order.reference_id, age_s=age)

    def autostart(
        self, autostart_token: str, ssn: str, now: datetime, config: ReplicaConfig
    ) -> ScanOutcome:
        """Same-device login: approve by autostart token, without a freshness check."""
        order = self._by_autostart.get(autostart_token)
        if order is None:
            return _refuse("unknown_order", "no order has this autostartToken")
        self.refresh(order, now, config)
        if order.state != "pending":
            return _refuse("order_expired", f"the order is {order.state}")
        self._decide(order, ssn, "approve")
        return ScanOutcome(ok=True, reference_id=order.reference_id, age_s=0.0)
