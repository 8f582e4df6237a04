"""One canary run: an `auto_book: false` booking job on the server, followed to its verdict."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import websockets

SITE = "trafikverket"
SITE_CHANGED = "site_changed"
# Reaching one of these proves every step before booking works on the site as it is now.
HEALTHY_STATUSES = frozenset({"monitoring"})


@dataclass(frozen=True)
class CanaryRequest:
    server: str
    token: str
    body: dict[str, Any]
    # The replica's simulated phone (test-only): without it, a person scans the QR.
    phone_url: str | None = None
    personal_number: str = "191212121212"
    timeout_s: float = 300.0


@dataclass
class CanaryResult:
    site: str
    healthy: bool
    step: str | None = None
    code: str | None = None
    message: str = ""
    job_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "healthy": self.healthy,
            "step": self.step,
            "code": self.code,
            "message": self.message,
            "job_id": self.job_id,
            "details": self.details,
        }


def _ws_url(server: str, job_id: str, token: str) -> str:
    origin = "ws" + server.removeprefix("http")
    return f"{origin}/ws/{job_id}?token={token}"


async def run_canary(request: CanaryRequest) -> CanaryResult:
    """Starts the job, plays the phone if one is given, and reads the job's verdict."""
    headers = {"Authorization": f"Bearer {request.token}"}
    async with httpx.AsyncClient(base_url=request.server, headers=headers, timeout=30) as http:
        started = await http.post(
            "/api/v1/booking/start", json={**request.body, "auto_book": False}
        )
        if started.status_code not in (200, 201):
            return CanaryResult(SITE, False, code="canary_not_started", message=started.text[:300])
        job_id = str(started.json()["job_id"])
        try:
            async with asyncio.timeout(request.timeout_s):
                result = await _follow(request, job_id)
        except TimeoutError:
            result = CanaryResult(
                SITE, False, code="canary_timeout", message="The canary job did not finish"
            )
        result.job_id = job_id
        if result.code != SITE_CHANGED:  # a job still monitoring is stopped: one look is enough
            await http.post(f"/api/v1/jobs/{job_id}/cancel")
        return result


async def _follow(request: CanaryRequest, job_id: str) -> CanaryResult:
    step: str | None = None
    scan = True
    phone = httpx.AsyncClient(base_url=request.phone_url or "http://unused", timeout=30)
    async with phone, websockets.connect(_ws_url(request.server, job_id, request.token)) as ws:
        async for raw in ws:
            message = json.loads(raw)
            kind, data = message["type"], message.get("data") or {}
            if kind == "status_update":
                step = data.get("status") or step
                if step in HEALTHY_STATUSES:
                    return CanaryResult(SITE, True, step=step, message="OK: no free slot now")
            elif kind == "human_needed":
                scan = True
            elif kind == "qr_update" and message.get("qr_payload") and not request.phone_url:
                # Nobody can log in unattended on the real site: a readable QR is as far as it goes.
                return CanaryResult(
                    SITE, True, step="qr_waiting", message="OK up to the BankID QR (no phone)"
                )
            elif kind == "qr_update" and scan and message.get("qr_payload"):
                answer = await phone.post(
                    "/_replica/bankid/scan",
                    json={
                        "qr": message["qr_payload"],
                        "personalNumber": request.personal_number,
                        "action": "approve",
                    },
                )
                scan = answer.status_code != 200
            elif kind == "slot_found":
                return CanaryResult(SITE, True, step="slot_found", message="OK: a slot was found")
            elif kind == "booking_completed" and data.get("success"):
                return CanaryResult(SITE, True, step=step, message="OK")
            elif kind in ("job_failed", "job_cancelled"):
                details = data.get("details") or {}
                return CanaryResult(
                    SITE,
                    False,
                    step=str(details.get("step") or step or ""),
                    code=str(data.get("code") or ""),
                    message=str(data.get("error") or data.get("message") or ""),
                    details=details,
                )
    return CanaryResult(SITE, False, step=step, code="canary_lost", message="Event stream ended")
