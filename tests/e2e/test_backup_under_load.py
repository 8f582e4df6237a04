"""`gofer backup` under load: the copy has every event acknowledged before it started, and
`gofer restore` refuses a live server's database, then restores it once the server is stopped."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from gofer.app import create_app
from gofer.config import Settings
from gofer.events.model import STATUS_UPDATE
from tests.conftest import ADMIN_TOKEN


async def gofer_cli(settings: Settings, *args: str) -> tuple[int, str]:
    env = {
        **os.environ,
        "ENV": "test",
        "API_SECRET_TOKEN": ADMIN_TOKEN,
        "DATA_DIR": str(settings.data_dir),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "gofer",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode()


async def test_backup_taken_mid_load_restores_every_acknowledged_event(
    make_settings, run_app, tmp_path: Path
) -> None:
    settings = make_settings()
    app = create_app(settings, with_browser=False)
    acknowledged: list[tuple[str, int]] = []
    stop = asyncio.Event()

    async with run_app(app) as running:
        store = running.core.store

        async def writer(n: int) -> None:
            job = await store.create(user_id="admin", workflow="trafikverket.book", params={})
            step = 0
            while not stop.is_set():
                step += 1
                event = await store.record(
                    job.job_id,
                    STATUS_UPDATE,
                    {"message": f"writer {n} step {step}", "progress": 50},
                )
                acknowledged.append((event.job_id, event.seq))

        writers = [asyncio.create_task(writer(n)) for n in range(4)]
        while len(acknowledged) < 200:  # under way
            await asyncio.sleep(0)
        before_backup = list(acknowledged)
        code, output = await gofer_cli(settings, "backup", str(tmp_path / "backup.db"))
        assert code == 0, output
        during = len(acknowledged) - len(before_backup)

        refused_code, refused = await gofer_cli(
            settings, "restore", "--yes", str(tmp_path / "backup.db")
        )
        assert refused_code == 1 and "stop it before restoring" in refused

        stop.set()
        await asyncio.gather(*writers)
    assert during > 0, "the load kept running while the backup was taken"

    code, output = await gofer_cli(settings, "restore", "--yes", str(tmp_path / "backup.db"))
    assert code == 0, output

    database = settings.data_dir / "gofer.db"
    with sqlite3.connect(database) as db:
        stored = set(db.execute("SELECT job_id, seq FROM events"))
        jobs = dict(db.execute("SELECT id, last_seq FROM jobs"))
    missing = [key for key in before_backup if key not in stored]
    assert missing == []
    # The copy is one moment: each job's events are 1..last_seq with no gap.
    for job_id, last_seq in jobs.items():
        seqs = sorted(seq for j, seq in stored if j == job_id)
        assert seqs == list(range(1, last_seq + 1))
    # And a server starts on the restored database.
    async with run_app(create_app(settings, with_browser=False)) as again:
        answer = await again.client.get(
            "/api/v1/jobs", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
        )
        assert len(answer.json()["jobs"]) == 4
