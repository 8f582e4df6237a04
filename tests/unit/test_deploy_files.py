"""The Docker deployment files: what each service runs, its settings and its healthcheck.

There is no Docker engine here, so the stack is never started; `docker compose config` runs
only where the Compose plugin is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from gofer.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "docker-compose.yml").read_text()))


def test_compose_runs_one_api_two_workers_redis_and_postgres_with_healthchecks() -> None:
    services = compose()["services"]
    assert {"api", "worker-1", "worker-2", "redis", "postgres"} <= set(services)
    for name in ("api", "worker-1", "worker-2", "redis", "postgres"):
        assert services[name]["healthcheck"]["test"], name
    assert services["api"]["command"] == ["gofer", "serve", "--no-worker"]
    for worker in ("worker-1", "worker-2"):
        assert services[worker]["command"] == ["gofer", "worker"]
        assert services[worker]["healthcheck"]["test"] == ["CMD", "gofer", "worker", "--check"]
        assert set(services[worker]["depends_on"]) == {"postgres", "redis"}


def test_every_gofer_service_shares_the_scale_out_settings() -> None:
    services = compose()["services"]
    for name in ("api", "worker-1", "worker-2"):
        env = services[name]["environment"]
        assert env["JOB_QUEUE"] == "saq"
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert "@postgres:5432/" in env["DATABASE_URL"]


def test_the_settings_named_in_the_examples_exist() -> None:
    known = {name.upper() for name in Settings.model_fields}
    services = compose()["services"]
    named = set(services["api"]["environment"])
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            named.add(line.split("=", 1)[0])
    assert named - known <= {"POSTGRES_PASSWORD"}


def test_the_image_uses_debian_chromium_a_frozen_lock_and_a_non_root_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM debian:" in dockerfile
    assert "chromium-headless-shell" in dockerfile
    assert "uv sync --frozen" in dockerfile
    assert "playwright install" not in dockerfile
    users = [line for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users and users[-1] != "USER root"


def test_docker_compose_accepts_the_file() -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker client")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("the docker client has no compose plugin")
    result = subprocess.run(
        [docker, "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        env={"API_SECRET_TOKEN": "x" * 32, "JWT_SECRET": "y" * 32, "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
