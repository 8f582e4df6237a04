"""`gofer serve --with-replicas` as a person runs it: what it prints, and a clean stop on a signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from gofer.serving import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]


def start_serve(data_dir: Path, api_port: int, replicas_port: int) -> subprocess.Popen[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("API_", "TRAFIKVERKET_"))},
        "ENV": "dev",
        "DATA_DIR": "data",  # the default, relative to the working folder
        "REPLICAS_PORT": str(replicas_port),
        "LOG_LEVEL": "INFO",
    }
    env.pop("FORMS_BASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "gofer", "serve", "--with-replicas", "--port", str(api_port)],
        env=env,
        cwd=data_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )


def wait_ready(url: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[0]
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(url)


@pytest.mark.parametrize(
    ("how", "sig"),
    [("ctrl_c_to_the_process_group", signal.SIGINT), ("sigterm_to_the_server", signal.SIGTERM)],
)
def test_serve_prints_its_urls_and_stops_cleanly(tmp_path: Path, how: str, sig: int) -> None:
    api_port, replicas_port = free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    proc = start_serve(tmp_path, api_port, replicas_port)
    try:
        wait_ready(api, proc)
        token = (tmp_path / "data" / "dev_api_token").read_text().strip()
        # The replicas answer where the server says they are, and the booking site follows them.
        assert httpx.get(f"http://127.0.0.1:{replicas_port}/_replica/config").status_code == 200
        auth = {"Authorization": f"Bearer {token}"}
        started = httpx.post(
            f"{api}/api/v1/booking/start", json={"locations": ["Uppsala"]}, headers=auth
        )
        assert started.status_code == 201, started.text
        job_url = f"{api}/api/v1/jobs/{started.json()['job_id']}"
        status = "queued"
        deadline = time.monotonic() + 60
        while status != "qr_waiting":  # it reached the replica's BankID page on REPLICAS_PORT
            assert status not in ("failed", "cancelled"), httpx.get(job_url, headers=auth).text
            assert time.monotonic() < deadline, status
            time.sleep(0.1)
            status = httpx.get(job_url, headers=auth).json()["status"]
        # Stopped while a job waits at the QR, as a person would.
        if how == "ctrl_c_to_the_process_group":
            os.killpg(proc.pid, sig)  # what a terminal does on Ctrl-C: Chromium gets it too
        else:
            proc.send_signal(sig)
        output, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, output
    assert f"{api}/api/v1" in output and f"{api}/docs" in output
    assert f"http://127.0.0.1:{replicas_port}/" in output
    assert "data/dev_api_token" in output
    assert "Gofer stopped." in output
    for unwanted in ("Traceback", "DeprecationWarning", "browser_disconnected", "error"):
        assert unwanted not in output, output
