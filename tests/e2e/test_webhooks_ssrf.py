"""The SSRF guard through the API and at delivery time, against real servers on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from gofer.events import model as events
from tests.e2e.webhooks_support import Received, Receiver, running_gofer, serve

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.1.2.3/hook", "private address"),
        ("http://172.16.0.5/hook", "private address"),
        ("http://192.168.1.10:8080/hook", "private address"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata address"),
        ("http://[::1]:9000/hook", "loopback address"),
        ("http://0.0.0.0:9000/hook", "unspecified address"),
        ("http://localhost:9000/hook", "resolves to"),
        ("http://224.0.0.1/hook", "multicast address"),
        ("http://169.254.1.1/hook", "link-local address"),
        ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata service"),
        ("file:///etc/passwd", "scheme 'file' is not allowed"),
        ("gopher://example.com/", "scheme 'gopher' is not allowed"),
        ("http://user:pw@example.com/", "must not contain credentials"),
        ("http:///no-host", "no host"),
    ],
)
async def test_registration_rejects_unsafe_urls_naming_the_reason(
    tmp_path: Path, url: str, reason: str
) -> None:
    async with running_gofer(tmp_path) as gofer:
        response = await gofer.http.post(
            "/api/v1/webhooks/endpoints", json={"url": url}, headers=gofer.auth()
        )
        listed = await gofer.http.get("/api/v1/webhooks/endpoints", headers=gofer.auth())

    assert response.status_code == 422
    body = response.json()
    assert body["success"] is False
    assert body["error"].startswith("Invalid value for 'url'")
    assert reason in body["error"]
    assert listed.json()["endpoints"] == []


async def test_localhost_resolving_to_loopback_is_named_as_such(tmp_path: Path) -> None:
    # The allowlist names 127.0.0.1, not "localhost": a name is judged by what it resolves to.
    async with running_gofer(tmp_path) as gofer:
        response = await gofer.http.post(
            "/api/v1/webhooks/endpoints", json={"url": "http://localhost/x"}, headers=gofer.auth()
        )
    assert response.status_code == 422
    assert "resolves to" in response.json()["error"]
    assert "loopback" in response.json()["error"]
    assert response.json()["code"] == "blocked_address"


async def test_a_job_with_a_private_webhook_url_is_refused(tmp_path: Path) -> None:
    async with running_gofer(tmp_path) as gofer:
        response = await gofer.http.post(
            "/api/v1/jobs",
            json={
                "workflow": "trafikverket.book",
                "params": {"locations": ["Uppsala"]},
                "webhook_url": "http://192.168.0.1/hook",
            },
            headers=gofer.auth(),
        )
        jobs = await gofer.http.get("/api/v1/jobs", headers=gofer.auth())

    assert response.status_code == 422, response.text
    assert response.json()["error"].startswith("Invalid value for 'webhook_url'")
    assert "private address" in response.json()["error"]
    assert jobs.json()["jobs"] == []


async def test_delivery_checks_the_address_again_after_dns(tmp_path: Path) -> None:
    """A job URL that resolves to a private address at delivery time is never connected to."""

    async def rebinding_dns(host: str, port: int) -> list[str]:
        return ["10.0.0.7"]

    async with running_gofer(tmp_path, resolver=rebinding_dns) as gofer:
        # Stored directly, as if DNS had said something public when the job was created.
        job_id = await gofer.job(webhook_url="http://hooks.rebind.test/x")
        await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
        [message] = await gofer.messages(job_id=job_id)

        async def attempted() -> bool:
            response = await gofer.http.get(
                f"/api/v1/webhooks/messages/{message['id']}/attempts", headers=gofer.auth()
            )
            return bool(response.json()["attempts"])

        await gofer.until(attempted)
        response = await gofer.http.get(
            f"/api/v1/webhooks/messages/{message['id']}/attempts", headers=gofer.auth()
        )

    first = response.json()["attempts"][0]
    assert first["succeeded"] is False
    assert first["status_code"] is None
    assert (
        first["error"]
        == "Blocked: the host 'hooks.rebind.test' resolves to 10.0.0.7, which is a private address"
    )


async def test_delivery_connects_to_the_checked_address_with_the_original_host(
    tmp_path: Path,
) -> None:
    async def dns(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "hooks.gofer.test" else []

    receiver = Receiver()
    async with serve(receiver) as hooks:
        port = hooks.rsplit(":", 1)[1]
        async with running_gofer(
            tmp_path, resolver=dns, webhook_allow_hosts=["hooks.gofer.test"]
        ) as gofer:
            job_id = await gofer.job(webhook_url=f"http://hooks.gofer.test:{port}/in")
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            await receiver.wait_for(lambda got: len(got) == 1)

    assert receiver.requests[0].headers["host"] == f"hooks.gofer.test:{port}"
    assert receiver.requests[0].path == "/in"


async def test_redirects_are_not_followed(tmp_path: Path) -> None:
    async def redirecting(request: Received, _: int) -> tuple[int, bytes, dict[str, str]]:
        if request.path == "/hook":
            return 307, b"", {"location": "http://169.254.169.254/latest/meta-data/"}
        if request.path == "/hook2":
            # Same allowed host, so a followed redirect would be seen here.
            return 302, b"", {"location": "/landing"}
        return 200, b"", {}

    receiver = Receiver(redirecting)
    async with serve(receiver) as base:
        async with running_gofer(tmp_path) as gofer:
            for path in ("/hook", "/hook2"):
                created = await gofer.http.post(
                    "/api/v1/webhooks/endpoints",
                    json={"url": f"{base}{path}"},
                    headers=gofer.auth(),
                )
                assert created.status_code == 201
            job_id = await gofer.job()
            await gofer.core.store.record(job_id, events.BOOKING_STARTED, {"params": {}})
            await receiver.wait_for(lambda got: len(got) >= 4)  # each tried at least twice
            messages = await gofer.messages(job_id=job_id)

            async def both_logged() -> bool:
                for m in messages:
                    response = await gofer.http.get(
                        f"/api/v1/webhooks/messages/{m['id']}/attempts", headers=gofer.auth()
                    )
                    if not response.json()["attempts"]:
                        return False
                return True

            await gofer.until(both_logged)
            codes = set()
            for m in messages:
                response = await gofer.http.get(
                    f"/api/v1/webhooks/messages/{m['id']}/attempts", headers=gofer.auth()
                )
                codes |= {a["status_code"] for a in response.json()["attempts"]}

    assert "/landing" not in {r.path for r in receiver.requests}
    assert codes == {307, 302}
