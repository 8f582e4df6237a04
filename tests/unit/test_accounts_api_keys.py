"""API keys: shown once, stored hashed, listed by prefix, last-used time, revocable, per user."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from gofer.accounts.tables import ApiKeyRow
from tests.unit.accounts_support import accounts_app, sign_up

LOOSE = {"rate_limit_login": "1000/minute"}


async def test_key_is_shown_once_and_works_as_its_user(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        created = await c.post("/api/keys", json={"name": "nightly sync"}, headers=anna.headers)
        assert created.status_code == 201
        secret = created.json()["secret"]
        key = created.json()["key"]
        assert secret.startswith(key["prefix"] + "_") and key["user_id"] == anna.user_id
        assert key["last_used_at"] is None
        # The listing never repeats the secret.
        listing = await c.get("/api/keys", headers=anna.headers)
        assert secret not in listing.text and listing.json()["count"] == 1
        # Stored as a hash only.
        async with running.core.db() as db:
            row = await db.scalar(select(ApiKeyRow))
        assert row.key_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in (row.prefix, row.name, row.key_hash)
        # The key acts as Anna: her jobs, and last-used is recorded.
        machine = {"Authorization": f"Bearer {secret}"}
        job = await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=machine)
        assert job.status_code == 201 and job.json()["user_id"] == anna.user_id
        seen = await c.get(f"/api/v1/jobs/{job.json()['job_id']}", headers=anna.headers)
        assert seen.status_code == 200
        used = (await c.get("/api/keys", headers=anna.headers)).json()["keys"][0]
        assert used["last_used_at"] is not None


async def test_revoked_key_stops_working(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        created = (await c.post("/api/keys", json={"name": "ci"}, headers=anna.headers)).json()
        machine = {"Authorization": f"Bearer {created['secret']}"}
        assert (await c.get("/api/v1/jobs", headers=machine)).status_code == 200
        revoked = await c.delete(f"/api/keys/{created['key']['id']}", headers=anna.headers)
        assert revoked.status_code == 200 and revoked.json()["key"]["revoked"] is True
        assert (await c.get("/api/v1/jobs", headers=machine)).status_code == 401


async def test_other_users_keys_are_invisible_and_unrevocable(
    make_settings, run_app, admin_headers
):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        bo = await sign_up(c, running.core, "bo@example.com")
        created = (await c.post("/api/keys", json={"name": "a"}, headers=anna.headers)).json()
        key_id = created["key"]["id"]
        assert (await c.get("/api/keys", headers=bo.headers)).json()["keys"] == []
        stolen = await c.delete(f"/api/keys/{key_id}", headers=bo.headers)
        assert stolen.status_code == 404 and stolen.json()["code"] == "api_key_not_found"
        # Still works: Bo could not revoke it.
        machine = {"Authorization": f"Bearer {created['secret']}"}
        assert (await c.get("/api/v1/jobs", headers=machine)).status_code == 200
        # The admin sees everyone's keys and can revoke any.
        everyone = (await c.get("/api/keys", headers=admin_headers)).json()["keys"]
        assert [k["id"] for k in everyone] == [key_id]
        assert (await c.delete(f"/api/keys/{key_id}", headers=admin_headers)).status_code == 200
        assert (await c.get("/api/v1/jobs", headers=machine)).status_code == 401


async def test_admin_key_cannot_own_api_keys(make_settings, run_app, admin_headers):
    async with run_app(accounts_app(make_settings())) as running:
        answer = await running.client.post("/api/keys", json={"name": "x"}, headers=admin_headers)
        assert answer.status_code == 403 and answer.json()["code"] == "no_user_account"


async def test_bad_key_requests(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        empty = await c.post("/api/keys", json={"name": ""}, headers=anna.headers)
        assert empty.status_code == 422 and "'name'" in empty.json()["error"]
        long = await c.post("/api/keys", json={"name": "n" * 101}, headers=anna.headers)
        assert long.status_code == 422
        unknown = await c.delete("/api/keys/key_doesnotexist", headers=anna.headers)
        assert unknown.status_code == 404
        forged = {"Authorization": "Bearer gk_00000000_notarealkey"}
        assert (await c.get("/api/v1/jobs", headers=forged)).status_code == 401
