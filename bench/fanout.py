"""Benchmark of WebSocket fan-out: many subscribers of jobs waiting at the BankID QR.

Starts a Gofer server in its own process (default features, no browser) with one extra workflow,
`bench.qr`, that waits until its subscribers are connected and then relays a new QR (a real PNG
data URL of a BankID-like payload) every `--interval` seconds, like a job at the BankID step.
Client processes hold the WebSocket subscribers (`websockets`, default options, so
permessage-deflate is on as in browsers). Latency is the event's server timestamp (taken when it is
stored) to a subscriber having parsed the message; same machine, same clock.

Scenarios: 100 and 1,000 subscribers of one job; with --wide also 10,000 subscribers over 100 jobs.
Everything listens on 127.0.0.1 only; every wait is bounded and the script stops by itself.

Usage: python bench/fanout.py [--json] [--events 15] [--interval 1.0] [--clients 2] [--wide]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import TOKEN, free_port, percentile, wait_http

# --- server (runs in its own process) ----------------------------------------------------------


def canvas_png_data_url(qr: Any) -> str:
    """The QR as the job relays it: the site's 256×256 RGBA canvas as a PNG data URL (~5 KB)."""
    import base64
    import io

    from PIL import Image

    modules = io.BytesIO()
    qr.save(modules, kind="png", scale=1, border=4)
    modules.seek(0)
    image = Image.open(modules).convert("RGBA")
    side, n = 256, image.size[0]
    scale = side // n
    canvas = Image.new("RGBA", (side, side), (255, 255, 255, 255))
    offset = (side - n * scale) // 2
    canvas.paste(image.resize((n * scale, n * scale), Image.Resampling.NEAREST), (offset, offset))
    out = io.BytesIO()
    canvas.save(
        out, format="PNG", compress_level=1
    )  # a browser's canvas encoder is fast, not small
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def serve(port: int, data_dir: str, token: str) -> None:
    """Gofer as `gofer serve` runs it, plus the `bench.qr` workflow."""
    import segno
    import uvicorn
    from pydantic import BaseModel

    from gofer.app import create_app
    from gofer.config import Settings
    from gofer.workflows.base import BOOKING_KIND, StepContext
    from gofer.workflows.registry import default_registry

    class QrParams(BaseModel):
        subscribers: int = 1
        events: int = 15
        interval_s: float = 1.0

    class QrWorkflow:
        name: ClassVar[str] = "bench.qr"
        kind: ClassVar[str] = BOOKING_KIND
        progress: ClassVar[dict[str, int]] = {"qr_waiting": 25}
        params_model: ClassVar[type[BaseModel]] = QrParams
        completed_event: ClassVar[str] = "task_completed"
        failed_event: ClassVar[str | None] = None
        started_event: ClassVar[str | None] = None

        async def run(self, ctx: StepContext) -> dict[str, Any]:
            params = ctx.params
            assert isinstance(params, QrParams)
            await ctx.step("qr_waiting", "Scan the QR code with the BankID app")
            bus = ctx._store.bus  # the bench's only peek inside: wait for every subscriber
            deadline = time.monotonic() + 120  # then relay to whoever is there
            while bus.subscriber_count(ctx.job_id) < params.subscribers:  # type: ignore[attr-defined]
                if time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(random.uniform(0, params.interval_s))  # jobs are not in step
            for n in range(params.events):
                payload = f"bankid.{os.urandom(16).hex()}.{n}.{os.urandom(32).hex()}"
                image = canvas_png_data_url(segno.make(payload, error="l"))
                await ctx.qr(image, payload)
                await asyncio.sleep(params.interval_s)
            return {"message": "done"}

    registry = default_registry()
    registry.add(QrWorkflow())
    settings = Settings(  # type: ignore[call-arg]
        env="test",
        api_secret_token=token,
        data_dir=Path(data_dir),
        port=port,
        log_level="WARNING",
        max_concurrent_jobs=100,
        rate_limit_default="1000000/minute",
        rate_limit_job_start="100000/minute",
    )
    app = create_app(settings, registry=registry, with_browser=False)
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="websockets-sansio",
        ws_per_message_deflate=False,
    )


# --- clients (each a process) ------------------------------------------------------------------


def run_clients(ws_urls: list[str], compression: bool, results: Any) -> None:
    """Holds one subscriber per URL until its job ends; puts (latencies_ms, errors) on results."""
    results.put(asyncio.run(_clients(ws_urls, compression)))


async def _clients(ws_urls: list[str], compression: bool) -> tuple[list[float], dict[str, int]]:
    import websockets

    latencies: list[float] = []
    errors: dict[str, int] = {}

    # At most this many opening handshakes at once, so connecting is not the thing measured.
    opening = asyncio.Semaphore(10)

    async def subscriber(url: str) -> None:
        try:
            await opening.acquire()
            try:
                ws = await websockets.connect(
                    url,
                    max_size=2**22,
                    open_timeout=120,
                    ping_interval=None,  # a loaded client must not drop itself for a late pong
                    compression="deflate" if compression else None,
                )
            finally:
                opening.release()
            async with ws:
                async for raw in ws:
                    received = time.time()
                    message = json.loads(raw)
                    if message["type"] == "qr_update":
                        stamp = datetime.fromisoformat(message["timestamp"]).timestamp()
                        latencies.append((received - stamp) * 1000)
        except Exception as exc:
            name = f"{type(exc).__name__}: {str(exc)[:80]}"
            errors[name] = errors.get(name, 0) + 1

    tasks = [asyncio.create_task(subscriber(url)) for url in ws_urls]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=600)
    return latencies, errors


# --- orchestration -----------------------------------------------------------------------------


def scenario(
    server: str,
    jobs: int,
    per_job: int,
    events: int,
    interval_s: float,
    clients: int,
    compression: bool,
) -> dict[str, Any]:
    import httpx

    headers = {"Authorization": f"Bearer {TOKEN}"}
    job_ids = []
    for _ in range(jobs):
        answer = httpx.post(
            f"{server}/api/v1/jobs",
            json={
                "workflow": "bench.qr",
                "params": {"subscribers": per_job, "events": events, "interval_s": interval_s},
            },
            headers=headers,
            timeout=30,
        )
        answer.raise_for_status()
        job_ids.append(answer.json()["job_id"])
    ws_base = server.replace("http://", "ws://")
    urls = [f"{ws_base}/ws/{job}?token={TOKEN}" for job in job_ids for _ in range(per_job)]
    random.shuffle(urls)
    results: Any = multiprocessing.get_context("spawn").Queue()
    procs = [
        multiprocessing.get_context("spawn").Process(
            target=run_clients, args=(urls[i::clients], compression, results), daemon=True
        )
        for i in range(clients)
    ]
    for proc in procs:
        proc.start()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    try:
        for _ in procs:
            part, part_errors = results.get(timeout=900)
            latencies.extend(part)
            for name, count in part_errors.items():
                errors[name] = errors.get(name, 0) + count
    finally:
        for proc in procs:
            proc.join(10)
            if proc.is_alive():
                proc.kill()
    latencies.sort()
    return {
        "jobs": jobs,
        "subscribers": jobs * per_job,
        "messages": len(latencies),
        "expected_messages": jobs * per_job * events,
        "client_errors": errors,
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(latencies[-1], 1) if latencies else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--events", type=int, default=15, help="QR events per job")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between QR events")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument(
        "--no-compression", action="store_true", help="clients refuse permessage-deflate"
    )
    parser.add_argument("--wide", action="store_true", help="also 10,000 subscribers / 100 jobs")
    parser.add_argument("--only-wide", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--serve", nargs=3, metavar=("PORT", "DATA_DIR", "TOKEN"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), args.serve[1], args.serve[2])
        return
    port = free_port()
    server = f"http://127.0.0.1:{port}"
    shapes = [(1, 100), (1, 1000)] if not args.only_wide else []
    shapes += [(100, 100)] if args.wide or args.only_wide else []
    report: dict[str, Any] = {
        "events_per_job": args.events,
        "interval_s": args.interval,
        "client_processes": args.clients,
        "compression": not args.no_compression,
    }
    with tempfile.TemporaryDirectory() as data_dir:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(port), data_dir, TOKEN],
            stdout=subprocess.DEVNULL,
            stderr=None if not args.json else subprocess.DEVNULL,
        )
        try:
            if proc.poll() is not None:
                raise RuntimeError("the server did not start")
            wait_http(f"{server}/health")
            for jobs, per_job in shapes:
                result = scenario(
                    server,
                    jobs,
                    per_job,
                    args.events,
                    args.interval,
                    args.clients,
                    not args.no_compression,
                )
                report[f"subscribers_{jobs * per_job}_jobs_{jobs}"] = result
                if not args.json:
                    print(json.dumps(result), flush=True)
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
