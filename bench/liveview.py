"""Live view benchmark: frame latency and rate, server CPU with 1 and 10 viewers, memory per watched job.

Runs Gofer as a process on 127.0.0.1 with one extra workflow that holds an animated page (a box
moving every animation frame) in the job's browser, watches it through the live view, and prints
one JSON object. Latency is the page's compositor timestamp of a frame → the viewer received it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

import httpx
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import TOKEN, descendants, free_port, percentile, pss_kb, wait_http

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ANIMATED_PAGE = (
    "data:text/html,<body style='margin:0'><div id=b style='width:120px;height:120px;"
    "background:%23c33;position:absolute'></div><p id=t style='font:40px sans-serif;margin:300px'>"
    "</p><script>let n=0;function f(t){n++;b.style.transform='translate('+(t/3%25900)+'px,'+"
    "(t/5%25600)+'px)';document.getElementById('t').textContent=n;requestAnimationFrame(f)}"
    "requestAnimationFrame(f)</script></body>"
)


# --- the server side (this script run with --serve) ---------------------------------------------


def serve(port: int, data_dir: str) -> None:
    from pydantic import BaseModel

    from gofer.app import create_app
    from gofer.config import Settings
    from gofer.serving import BackgroundServer
    from gofer.workflows.base import BOOKING_KIND, StepContext
    from gofer.workflows.registry import default_registry

    class Params(BaseModel):
        pass

    class AnimatedPage:
        name: ClassVar[str] = "bench.animated"
        kind: ClassVar[str] = BOOKING_KIND
        progress: ClassVar[dict[str, int]] = {"open": 50}
        params_model: ClassVar[type[BaseModel]] = Params
        completed_event: ClassVar[str] = "task_completed"
        failed_event: ClassVar[str | None] = "task_failed"
        started_event: ClassVar[str | None] = None

        async def run(self, ctx: StepContext) -> dict[str, Any]:
            async with ctx.browser() as context:
                page = context.pages[0] if context.pages else await context.new_page()
                await page.goto(ANIMATED_PAGE)
                await ctx.step("open", "Animating")
                async with ctx.waiting():
                    await asyncio.Event().wait()
            return {}

    registry = default_registry()
    registry.add(AnimatedPage())
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        env="test",
        api_secret_token=os.environ["BENCH_TOKEN"],  # the parent's token (ours is random)
        data_dir=Path(data_dir),
        port=port,
        log_level="WARNING",
        max_concurrent_jobs=16,
        rate_limit_default="100000/minute",
        rate_limit_job_start="100000/minute",
    )
    server = BackgroundServer(create_app(settings, registry=registry), port=port).start(60)
    try:
        while True:
            time.sleep(3600)
    finally:
        server.stop()


# --- the measuring side --------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


async def start_job(api: httpx.AsyncClient, base: str) -> str:
    created = (await api.post("/api/v1/jobs", json={"workflow": "bench.animated"})).json()
    job_id = created["job_id"]
    ws_url = base.replace("http://", "ws://") + f"/ws/{job_id}?token={TOKEN}"
    async with websockets.connect(ws_url) as events:
        async for raw in events:
            message = json.loads(raw)
            if message["type"] == "status_update" and message["data"]["status"] == "open":
                return job_id
    raise RuntimeError("the job ended before its page opened")


async def viewer(api: httpx.AsyncClient, base: str, job_id: str) -> Any:
    link = (await api.post(f"/api/v1/jobs/{job_id}/live", json={})).json()["live_url"]
    token = link.rsplit("/", 1)[1]
    url = base.replace("http://", "ws://") + f"/ws/{job_id}/view?token={token}"
    return await websockets.connect(url, max_size=2**24)


async def receive_frames(ws: Any, seconds: float, latencies: list[float] | None) -> int:
    frames = 0
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            raw = await asyncio.wait_for(ws.recv(), left)
        except TimeoutError:
            break
        received = time.time()
        message = json.loads(raw)
        if message["type"] != "frame":
            continue
        frames += 1
        if latencies is not None:
            latencies.append((received - message["painted_at"]) * 1000)
    return frames


async def measure(
    base: str, server_pid: int, seconds: float, jobs_for_memory: int
) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, headers=AUTH, timeout=60) as api:
        job_id = await start_job(api, base)

        def tree() -> list[int]:
            return [server_pid, *descendants(server_pid)]

        # One viewer: latency, frame rate, CPU.
        one = await viewer(api, base, job_id)
        await receive_frames(one, 1.0, None)  # warm up
        latencies: list[float] = []
        cpu_before = cpu_seconds(tree())
        started = time.monotonic()
        frames = await receive_frames(one, seconds, latencies)
        elapsed = time.monotonic() - started
        cpu_one = (cpu_seconds(tree()) - cpu_before) / elapsed

        # Ten viewers of the same job.
        others = [await viewer(api, base, job_id) for _ in range(9)]
        everyone = [one, *others]
        await asyncio.gather(*(receive_frames(ws, 1.0, None) for ws in everyone))
        cpu_before = cpu_seconds(tree())
        started = time.monotonic()
        counts = await asyncio.gather(*(receive_frames(ws, seconds, None) for ws in everyone))
        elapsed = time.monotonic() - started
        cpu_ten = (cpu_seconds(tree()) - cpu_before) / elapsed
        for ws in everyone:
            await ws.close()

        # Memory: N animated jobs unwatched, then each watched by one viewer.
        more = [await start_job(api, base) for _ in range(jobs_for_memory - 1)]
        all_jobs = [job_id, *more]
        await asyncio.sleep(2)  # let Chromium settle before reading PSS (a measurement, not a sync)
        unwatched = sum(pss_kb(p) for p in tree())
        watchers = [await viewer(api, base, j) for j in all_jobs]
        await asyncio.gather(*(receive_frames(ws, 3.0, None) for ws in watchers))
        watched = sum(pss_kb(p) for p in tree())
        for ws in watchers:
            await ws.close()
        for j in all_jobs:
            await api.post(f"/api/v1/jobs/{j}/cancel")

    return {
        "frame_p50_ms": round(percentile(latencies, 50), 1),
        "frame_p95_ms": round(percentile(latencies, 95), 1),
        "fps": round(frames / seconds, 1),
        "fps_per_viewer_with_10": round(min(counts) / seconds, 1),
        "cpu_one_viewer": round(cpu_one, 3),
        "cpu_ten_viewers": round(cpu_ten, 3),
        "cpu_ratio_10_vs_1": round(cpu_ten / cpu_one, 2) if cpu_one else None,
        "mb_per_watched_job": round((watched - unwatched) / 1024 / len(all_jobs), 1),
        "samples": len(latencies),
        "jobs_for_memory": len(all_jobs),
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--jobs", type=int, default=4, help="jobs for the memory figure")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.data_dir)
        return
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data_dir:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(port), "--data-dir", data_dir],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "BENCH_TOKEN": TOKEN},
        )
        try:
            wait_http(f"{base}/health")
            result = asyncio.run(measure(base, proc.pid, args.seconds, args.jobs))
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    if not args.json:
        print("live view:", file=sys.stderr)
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
