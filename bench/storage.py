"""Benchmark of storage: bytes kept per finished booking job and per forms conversation.

Runs Gofer's job engine, event store, sessions and forms state on a temporary SQLite database
(no browser): booking jobs go through the real runner with a workflow that emits a booking's
events (the statuses, `--qr` BankID QR codes of PNG size at the QR step, the slot, the booking);
forms conversations store what a `/api/execute` conversation stores (messages, a job and its
events per turn, the form state and turns). Bytes are the database's used pages (page count minus
free pages, after a WAL checkpoint) divided by the number of jobs or conversations.

Figures:
- bytes_per_booking_job_kept_images: as stored before this work (every QR image kept);
- bytes_per_booking_job: after the QR step (images dropped, pages reclaimed);
- bytes_per_conversation;
- db_bytes_after_1000_jobs: the file after `--jobs` jobs (scaled to 1000 when fewer are run);
- db_bytes_after_retention: the file once the finished jobs and conversations are past retention.

Usage: python bench/storage.py [--json] [--jobs 1000] [--qr 26] [--conversations 200]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel

from gofer.app import create_app
from gofer.config import Settings
from gofer.events.model import SLOT_FOUND, STATUS_UPDATE, TASK_COMPLETED, utc_now
from gofer.jobs.model import JobState
from gofer.principal import Principal
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.forms.state import FormSessions
from gofer.workflows.registry import default_registry

# The measurement: 920 QR events over 35 jobs (about 26 a job), about 6.7 KB each.
QR_PNG_BYTES = 5000  # base64 makes a 6.7 KB data URL; random bytes compress like a PNG


class BenchBookingParams(BaseModel):
    qr_codes: int = 26
    locations: list[str] = ["Uppsala", "Järfälla"]
    license_type: str = "B"
    exam_type: str = "Körprov"
    vehicle: str = "manual"
    before: str = "2027-03-01"
    user_id: str = "u-42"


class BenchBookingWorkflow:
    """Emits what a real booking stores, in the same order and shapes, without a browser."""

    name: ClassVar[str] = "bench.booking"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"qr_waiting": 25, "booking": 90}
    params_model: ClassVar[type[BaseModel]] = BenchBookingParams
    completed_event: ClassVar[str] = "booking_completed"
    failed_event: ClassVar[str | None] = "job_failed"
    started_event: ClassVar[str | None] = "booking_started"

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        params = ctx.params
        assert isinstance(params, BenchBookingParams)
        await ctx.step("navigating", "Opening Boka prov")
        await ctx.step("login", "Choosing Mobilt BankID")
        await ctx.step("bankid", "Starting BankID")
        await ctx.step("qr_waiting", "Scan the QR code with the BankID app")
        for n in range(params.qr_codes):
            image = "data:image/png;base64," + base64.b64encode(os.urandom(QR_PNG_BYTES)).decode()
            await ctx.qr(image, f"bankid.{os.urandom(16).hex()}.{n}.{os.urandom(32).hex()}")
        await ctx.step("authenticated", "Signed in with BankID")
        await ctx.step("configuring", "Choosing licence B, Körprov, manual")
        await ctx.step("locations", "Choosing Uppsala, Järfälla")
        await ctx.step("searching", "Searching 2 places")
        slot = {
            "date": "2027-02-11",
            "time": "09:40",
            "location": "Uppsala",
            "exam": "Körprov B",
            "price": "1 040 kr",
            "start": "2027-02-11T09:40:00+01:00",
        }
        found = {"slot": slot, "auto_book": True, "message": "Found a slot on 2027-02-11 09:40"}
        await ctx.emit(SLOT_FOUND, found)
        await ctx.step("booking", "Reserving the slot")
        return {"success": True, "booking_id": "BK-2027-0211-0940", "verified": True, **slot}


def used_bytes(database: Path) -> int:
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * size)


def file_bytes(database: Path) -> int:
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database.stat().st_size


async def run_jobs(app: Any, count: int, qr_codes: int) -> None:
    core = app.state.core
    owner = Principal("u-bench")
    for _ in range(count):
        await core.jobs.submit(owner, "bench.booking", {"qr_codes": qr_codes})
    unfinished = [JobState.QUEUED, JobState.RUNNING, JobState.WAITING]
    while await core.store.count(unfinished):
        await asyncio.sleep(0.2)


CONVERSATION = [
    "Mở đơn vay cho Nguyễn Văn An, CCCD 012345678901, SĐT 0912345678, vay 500 triệu trong 24 "
    "tháng để mua xe",
    "email an.nguyen@gmail.com, thu nhập 25 triệu một tháng",
    "à nhầm, số điện thoại là 0987654321",
    "gửi đơn",
]


async def store_conversation(app: Any, user_id: str) -> None:
    """What one four-turn forms conversation writes (see POST /api/execute)."""
    svc = app.state.core
    sessions = svc.sessions
    forms = FormSessions(svc.db)
    session_id = await sessions.create(user_id, "forms", CONVERSATION[0][:80])
    await forms.create(user_id, session_id)
    values: dict[str, str] = {}
    for turn, message in enumerate(CONVERSATION):
        await sessions.add_message(session_id, "user", message)
        values.update(
            {
                "customerName": "Nguyễn Văn An",
                "customerId": "012345678901",
                "phoneNumber": "0987654321" if turn >= 2 else "0912345678",
                "loanAmount": "500000000",
                "loanTerm": "24",
                "loanPurpose": "vehicle",
                **({"email": "an.nguyen@gmail.com", "monthlyIncome": "25000000"} if turn else {}),
            }
        )
        state = {"form": "loan", "values": dict(values), "step": 2, "turn": turn}
        job = await svc.store.create(
            user_id=user_id,
            workflow="forms.fill",
            params={"session_id": session_id, "message": message, "state": state},
        )
        await sessions.add_execution(session_id, job.job_id, "forms.fill", "running")
        await svc.store.record(
            job.job_id,
            STATUS_UPDATE,
            {"message": "Opening the form", "progress": 10},
            state=JobState.RUNNING,
            step="navigating",
        )
        await svc.store.record(
            job.job_id,
            STATUS_UPDATE,
            {"message": "Filling the form", "progress": 50},
            step="filling",
        )
        reply = {
            "success": True,
            "result": f"Đã điền {len(values)} trường trên Đơn đăng ký vay. Đang ở bước 2/3.",
            "session_id": session_id,
            "form": "loan",
            "filled": dict(values),
            "missing": ["address", "dateOfBirth", "occupation", "employer"],
            "question": "Bạn cho mình biết thêm: Địa Chỉ Thường Trú, Ngày Sinh?",
            "submitted": turn == len(CONVERSATION) - 1,
            "url": f"http://127.0.0.1:8090/vpbank/loan/?session={session_id}",
            "step": 2,
            "steps": 3,
            "form_values": {**values, "applicationDate": "2026-11-24"},
            "state": {**state, "turn": turn + 1},
        }
        await svc.store.record(
            job.job_id, TASK_COMPLETED, reply, state=JobState.COMPLETED, result=reply
        )
        await sessions.add_execution(session_id, job.job_id, "forms.fill", "completed")
        await sessions.add_message(session_id, "assistant", reply["result"])


async def measure(jobs: int, qr_codes: int, conversations: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            env="test",
            api_secret_token="bench-token-0123456789",
            data_dir=Path(folder),
            max_concurrent_jobs=8,
            log_level="ERROR",
        )
        database = Path(folder) / "gofer.db"
        registry = default_registry()
        registry.add(BenchBookingWorkflow())
        app = create_app(settings, registry=registry, with_browser=False)
        async with app.router.lifespan_context(app):
            svc = app.state.core
            lifecycle = svc.lifecycle
            empty = used_bytes(database)
            # As before: keep every image (the stripper is not told about the jobs).
            watched = svc.store.after_commit_hooks
            svc.store.after_commit_hooks = tuple(
                hook for hook in watched if hook != lifecycle.stripper.after_commit
            )
            started = time.perf_counter()
            await run_jobs(app, jobs, qr_codes)
            run_s = time.perf_counter() - started
            kept_images = used_bytes(database)
            # What the pruner does for jobs past the QR step (the stripper does it live).
            counts = await lifecycle.pruner.run_once()
            stripped = used_bytes(database)
            after_jobs_file = file_bytes(database)

            for n in range(conversations):
                await store_conversation(app, f"u-forms-{n}")
            with_conversations = used_bytes(database)

            later = utc_now() + timedelta(days=settings.retention_finished_jobs_days + 1)
            await lifecycle.pruner.run_once(now=later)
            after_retention = file_bytes(database)
        per_job_kept = (kept_images - empty) / jobs
        per_job = (stripped - empty) / jobs
        return {
            "jobs": jobs,
            "qr_codes_per_job": qr_codes,
            "conversations": conversations,
            "bytes_per_booking_job_kept_images": round(per_job_kept),
            "bytes_per_booking_job": round(per_job),
            "bytes_per_conversation": round((with_conversations - stripped) / conversations),
            "db_bytes_after_1000_jobs": round(empty + per_job * 1000)
            if jobs != 1000
            else after_jobs_file,
            "db_bytes_after_retention": after_retention,
            "qr_images_dropped": counts.get("qr_images", 0),
            "jobs_per_s": round(jobs / run_s, 1),
            "target_bytes_per_booking_job": 20_000,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--qr", type=int, default=26, help="QR codes shown per job")
    parser.add_argument("--conversations", type=int, default=200)
    args = parser.parse_args()
    result = asyncio.run(measure(args.jobs, args.qr, args.conversations))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:40} {value}")


if __name__ == "__main__":
    main()
