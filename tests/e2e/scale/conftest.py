"""The cluster for the scale-out tests: one API and two workers as OS processes, a webhook
receiver, on a database and a Redis prefix of their own."""

from __future__ import annotations

import secrets
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request, Response

from gofer.serving import BackgroundServer
from tests.e2e.scale.cluster import (
    Cluster,
    cluster_env,
    delete_redis_prefix,
    postgres_database,
    services_available,
)


class WebhookLog:
    """Every webhook the cluster sent, as received."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def add(self, webhook_id: str, body: dict[str, Any]) -> None:
        with self._lock:
            self.received.append({"webhook_id": webhook_id, **body})

    def for_job(self, job_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [r for r in self.received if r.get("job_id") == job_id]


def receiver_app(log: WebhookLog) -> FastAPI:
    app = FastAPI()

    @app.post("/hook")
    async def hook(request: Request) -> Response:
        log.add(request.headers.get("webhook-id", ""), await request.json())
        return Response(status_code=204)

    return app


@pytest.fixture(scope="module")
def webhooks() -> Iterator[tuple[WebhookLog, str]]:
    log = WebhookLog()
    server = BackgroundServer(receiver_app(log)).start()
    yield log, f"{server.url}/hook"
    server.stop()


@pytest.fixture(scope="module")
def cluster(
    replica: BackgroundServer,
    webhooks: tuple[WebhookLog, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Cluster]:
    missing = services_available()
    if missing:
        pytest.skip(missing)
    prefix = f"gofer-test-{secrets.token_hex(6)}"
    # Outside pytest's temporary folders, which other runs on a shared machine rotate away.
    workdir = Path(tempfile.mkdtemp(prefix="gofer-scale-"))
    print(f"cluster logs: {workdir}")
    with postgres_database() as database_url:
        env = cluster_env(database_url, prefix, replica.url, workdir, WEBHOOK_URL=webhooks[1])
        running = Cluster(env=env, logs=workdir)
        try:
            running.start_api()
            running.start_worker("worker-a")
            running.start_worker("worker-b")
            yield running
        except BaseException:
            print(running.tail())
            raise
        finally:
            running.stop()
            delete_redis_prefix(prefix)


@pytest.fixture
def site(site: httpx.Client) -> Iterator[httpx.Client]:
    """The replica, reset, with a QR that stays scannable longer than the real one (2 s): on a
    loaded machine the relay from a worker through Redis and the API to the phone can lag."""
    before = site.get("/_replica/config").json()
    site.patch("/_replica/config", json={"bankid_qr_max_age_s": 30}).raise_for_status()
    yield site
    site.patch(
        "/_replica/config",
        json={k: before[k] for k in ("bankid_qr_max_age_s", "latency_by_endpoint")},
    )
