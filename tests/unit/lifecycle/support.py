"""Test parts for the data lifecycle: a workflow with a BankID-like QR step, and an app with it."""

from __future__ import annotations

import asyncio
import base64
from typing import Any, ClassVar

from fastapi import FastAPI
from pydantic import BaseModel

from gofer.app import create_app
from gofer.config import Settings
from gofer.lifecycle.parts import DataLifecycle
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.registry import default_registry


class QrStepParams(BaseModel):
    codes: int = 3  # distinct QR codes shown while waiting for the scan
    scan: bool = True  # False: finish without waiting to be scanned


def qr_image(n: int) -> str:
    """A data URL about the size of a relayed QR PNG (~6.7 KB), different for each code."""
    raw = (f"png-{n}-".encode() * 700)[:5000]
    return "data:image/png;base64," + base64.b64encode(raw).decode()


class Gate:
    def __init__(self) -> None:
        self.scanned: dict[str, asyncio.Event] = {}
        self.at_qr: dict[str, asyncio.Event] = {}
        self.past_qr: dict[str, asyncio.Event] = {}
        self.finish: dict[str, asyncio.Event] = {}

    @staticmethod
    def get(table: dict[str, asyncio.Event], job_id: str) -> asyncio.Event:
        return table.setdefault(job_id, asyncio.Event())


class QrStepWorkflow:
    """Shows `codes` QR codes at the QR step, waits for the scan, moves on, waits to finish."""

    name: ClassVar[str] = "test.qr_step"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"qr_waiting": 25, "authenticated": 40}
    params_model: ClassVar[type[BaseModel]] = QrStepParams
    completed_event: ClassVar[str] = "booking_completed"
    failed_event: ClassVar[str | None] = "job_failed"
    started_event: ClassVar[str | None] = "booking_started"

    def __init__(self, gate: Gate) -> None:
        self.gate = gate

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        params = ctx.params
        assert isinstance(params, QrStepParams)
        await ctx.step("qr_waiting", "Scan the QR code")
        for n in range(params.codes):
            await ctx.qr(qr_image(n), f"bankid.token.{n}.secret-{n}")
        Gate.get(self.gate.at_qr, ctx.job_id).set()
        if params.scan:
            await Gate.get(self.gate.scanned, ctx.job_id).wait()
        await ctx.step("authenticated", "Signed in")
        Gate.get(self.gate.past_qr, ctx.job_id).set()
        if params.scan:
            await Gate.get(self.gate.finish, ctx.job_id).wait()
        return {"success": True, "message": "booked", "booking_id": "B-1"}


def lifecycle_app(settings: Settings, gate: Gate | None = None) -> FastAPI:
    registry = default_registry()
    registry.add(QrStepWorkflow(gate or Gate()))
    return create_app(settings, registry=registry, with_browser=False)


def lifecycle_of(app: FastAPI) -> DataLifecycle:
    """The running app's lifecycle parts (stripper, pruner, eraser)."""
    parts: DataLifecycle = app.state.core.lifecycle
    return parts


async def wait_for_status(client: Any, headers: dict[str, str], job_id: str, *wanted: str) -> None:
    """Polls until the job has one of the statuses (each poll is a real request, no sleeps)."""
    async with asyncio.timeout(15):
        while True:
            job = (await client.get(f"/api/v1/jobs/{job_id}", headers=headers)).json()
            if job["status"] in wanted:
                return
            await asyncio.sleep(0)
