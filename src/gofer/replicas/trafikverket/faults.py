"""Injected failures (spec §7): failing the next N matching requests, and maintenance windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

FaultBody = Literal["html", "json"]


@dataclass
class FaultRule:
    """Fail the next `remaining` matching requests with `status`."""

    status: int
    remaining: int
    endpoints: frozenset[str] | None  # None: every API endpoint
    pages: bool
    body: FaultBody

    def matches(self, endpoint: str | None) -> bool:
        if endpoint is None:  # a page load
            return self.pages
        return self.endpoints is None or endpoint in self.endpoints


@dataclass
class Maintenance:
    message: str
    until: datetime | None  # None: until switched off


class FaultPlan:
    """Pending fault rules and the maintenance window."""

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []
        self.maintenance: Maintenance | None = None

    def clear(self) -> None:
        self.rules.clear()
        self.maintenance = None

    def take(self, endpoint: str | None) -> FaultRule | None:
        """The rule that fails this request, consuming one of its uses."""
        for rule in self.rules:
            if rule.remaining > 0 and rule.matches(endpoint):
                rule.remaining -= 1
                if rule.remaining == 0:
                    self.rules.remove(rule)
                return rule
        return None

    def maintenance_at(self, now: datetime) -> Maintenance | None:
        window = self.maintenance
        if window is not None and window.until is not None and now >= window.until:
            self.maintenance = None
            return None
        return window
