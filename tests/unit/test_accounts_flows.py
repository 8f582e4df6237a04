"""Accounts over HTTP: sign-up, verification, sign-in, refresh rotation and reuse, sign-out, reset."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from sqlalchemy import select, update

from gofer.accounts.tables import OneTimeCodeRow, RefreshTokenRow
from gofer.app import create_app
from gofer.events.model import utc_now
from tests.unit.accounts_support import PASSWORD, accounts_app, latest_code, sign_in, sign_up

# Several sign-ins per test: lift the per-IP login limit, which has its own tests.
LOOSE = {"rate_limit_login": "1000/minute"}


async def test_sign_up_verify_and_sign_in_give_the_seed_shape(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        registered = await c.post(
            "/api/auth/register",
            json={"email": "Anna.Svensson@Example.se", "password": PASSWORD, "name": "Anna"},
        )
        assert registered.status_code == 201
        user = registered.json()["user"]
        assert registered.json()["success"] is True
        assert user["email"] == "anna.svensson@example.se" and user["emailVerified"] is False
        # Not verified yet: the password is right but sign-in waits for the code.
        early = await c.post(
            "/api/auth/login", json={"email": "anna.svensson@example.se", "password": PASSWORD}
        )
        assert early.status_code == 403
        assert early.json() == {
            "success": False,
            "error": "This email address is not verified yet; enter the code we sent to it",
            "code": "email_not_verified",
        }
        code = await latest_code(running.core, "anna.svensson@example.se")
        verified = await c.post(
            "/api/auth/verify", json={"email": "anna.svensson@example.se", "code": code}
        )
        assert verified.status_code == 200 and verified.json()["user"]["emailVerified"] is True
        answer = await c.post(
            "/api/auth/login", json={"email": "ANNA.svensson@example.se", "password": PASSWORD}
        )
        assert answer.status_code == 200
        body = answer.json()
        assert body["success"] is True and body["user"]["id"] == user["id"]
        assert set(body["tokens"]) >= {"accessToken", "idToken", "refreshToken"}
        me = await c.get(
            "/api/auth/me", headers={"Authorization": f"Bearer {body['tokens']['accessToken']}"}
        )
        assert me.status_code == 200 and me.json()["user"]["id"] == user["id"]
        # The ID token describes the user but is not a key to the API.
        id_token = body["tokens"]["idToken"]
        assert jwt.decode(id_token, options={"verify_signature": False})["email"] == user["email"]
        refused = await c.get("/api/auth/me", headers={"Authorization": f"Bearer {id_token}"})
        assert refused.status_code == 401


async def test_access_token_lasts_an_hour_and_refresh_thirty_days(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        user = await sign_up(running.client, running.core, "ttl@example.com")
        claims = jwt.decode(user.access_token, options={"verify_signature": False})
        assert claims["exp"] - claims["iat"] == 3600
        async with running.core.db() as db:
            row = await db.scalar(select(RefreshTokenRow))
        assert row.expires_at - row.created_at == timedelta(days=30)


@pytest.mark.parametrize(
    ("body", "status", "code", "words"),
    [
        ({"email": "x@example.com", "password": "short"}, 422, "weak_password", "at least 10"),
        ({"email": "x@example.com", "password": "Password123"}, 422, "weak_password", "too common"),
        ({"email": "x@example.com", "password": "qwertyuiop"}, 422, "weak_password", "too common"),
        ({"email": "not-an-email", "password": PASSWORD}, 422, "validation_error", "'email'"),
        ({"password": PASSWORD}, 422, "validation_error", "'email'"),
        ({"email": "x@example.com"}, 422, "validation_error", "'password'"),
    ],
)
async def test_bad_registration_is_refused_naming_the_field(
    make_settings, run_app, body, status, code, words
):
    async with run_app(accounts_app(make_settings())) as running:
        answer = await running.client.post("/api/auth/register", json=body)
        assert answer.status_code == status
        assert answer.json()["success"] is False and answer.json()["code"] == code
        assert words in answer.json()["error"]


async def test_second_account_for_an_email_is_refused(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as running:
        body = {"email": "twice@example.com", "password": PASSWORD}
        assert (await running.client.post("/api/auth/register", json=body)).status_code == 201
        again = await running.client.post(
            "/api/auth/register", json={**body, "email": "TWICE@example.com"}
        )
        assert again.status_code == 409 and again.json()["code"] == "email_taken"


async def test_wrong_password_and_unknown_email_get_the_same_answer(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        await sign_up(running.client, running.core, "known@example.com")
        wrong = await running.client.post(
            "/api/auth/login", json={"email": "known@example.com", "password": "not the password"}
        )
        unknown = await running.client.post(
            "/api/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}
        )
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json() == unknown.json()
        assert wrong.json()["error"] == "Incorrect email or password"


async def test_refresh_rotates_and_reuse_revokes_the_whole_family(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        user = await sign_up(c, running.core, "rotate@example.com")
        first = await c.post("/api/auth/refresh", json={"refreshToken": user.refresh_token})
        assert first.status_code == 200
        second_refresh = first.json()["tokens"]["refreshToken"]
        second_access = first.json()["tokens"]["accessToken"]
        assert second_refresh != user.refresh_token
        ok = await c.get("/api/auth/me", headers={"Authorization": f"Bearer {second_access}"})
        assert ok.status_code == 200
        # Someone replays the first (already rotated) token: the family is revoked.
        replay = await c.post("/api/auth/refresh", json={"refreshToken": user.refresh_token})
        assert replay.status_code == 401 and replay.json()["code"] == "refresh_token_reused"
        # ...so the legitimate holder's newer tokens stop working too.
        newer = await c.post("/api/auth/refresh", json={"refreshToken": second_refresh})
        assert newer.status_code == 401
        me = await c.get("/api/auth/me", headers={"Authorization": f"Bearer {second_access}"})
        assert me.status_code == 401
        # Another sign-in is a separate family and works.
        again = await sign_in(c, "rotate@example.com")
        assert (await c.get("/api/auth/me", headers=again.headers)).status_code == 200


async def test_garbage_refresh_token_is_401(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as running:
        answer = await running.client.post("/api/auth/refresh", json={"refreshToken": "rt_nope"})
        assert answer.status_code == 401 and answer.json()["code"] == "invalid_refresh_token"
        missing = await running.client.post("/api/auth/refresh", json={})
        assert missing.status_code == 422 and "refreshToken" in missing.json()["error"]


async def test_logout_ends_the_session(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        user = await sign_up(c, running.core, "bye@example.com")
        other = await sign_in(c, "bye@example.com")  # a second device
        out = await c.post("/api/auth/logout", json={"refreshToken": user.refresh_token})
        assert out.status_code == 200 and out.json()["success"] is True
        assert (await c.get("/api/auth/me", headers=user.headers)).status_code == 401
        refresh = await c.post("/api/auth/refresh", json={"refreshToken": user.refresh_token})
        assert refresh.status_code == 401
        # The other device's sign-in is untouched.
        assert (await c.get("/api/auth/me", headers=other.headers)).status_code == 200


async def test_password_reset_with_mailed_code(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        user = await sign_up(c, running.core, "forgetful@example.com")
        asked = await c.post("/api/auth/forgot-password", json={"email": "forgetful@example.com"})
        unknown = await c.post("/api/auth/forgot-password", json={"email": "ghost@example.com"})
        # Same answer whether or not the account exists.
        assert asked.status_code == unknown.status_code == 200
        assert asked.json() == unknown.json()
        assert await running.core.accounts.mailer.outbox("ghost@example.com") == []
        code = await latest_code(running.core, "forgetful@example.com")
        new_password = "a brand new passphrase"
        reset = await c.post(
            "/api/auth/reset-password",
            json={"email": "forgetful@example.com", "code": code, "newPassword": new_password},
        )
        assert reset.status_code == 200, reset.text
        # Old sessions end with the old password; the new password signs in.
        assert (await c.get("/api/auth/me", headers=user.headers)).status_code == 401
        old = await c.post(
            "/api/auth/login", json={"email": "forgetful@example.com", "password": PASSWORD}
        )
        assert old.status_code == 401
        await sign_in(c, "forgetful@example.com", new_password)
        # Single use.
        again = await c.post(
            "/api/auth/reset-password",
            json={
                "email": "forgetful@example.com",
                "code": code,
                "newPassword": "yet another passphrase",
            },
        )
        assert again.status_code == 400 and again.json()["code"] == "invalid_code"


async def test_reset_code_allows_five_tries_then_is_dead(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        await sign_up(c, running.core, "guess@example.com")
        await c.post("/api/auth/forgot-password", json={"email": "guess@example.com"})
        code = await latest_code(running.core, "guess@example.com")
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        body = {"email": "guess@example.com", "newPassword": "guessing passphrase"}
        for _ in range(5):
            answer = await c.post("/api/auth/reset-password", json={**body, "code": wrong})
            assert answer.status_code == 400 and answer.json()["code"] == "invalid_code"
        # The sixth try is refused even with the right code.
        sixth = await c.post("/api/auth/reset-password", json={**body, "code": code})
        assert sixth.status_code == 400 and sixth.json()["code"] == "code_attempts_exceeded"
        # The password did not change.
        await sign_in(c, "guess@example.com", PASSWORD)


async def test_reset_code_expires_after_fifteen_minutes(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        await sign_up(c, running.core, "late@example.com")
        await c.post("/api/auth/forgot-password", json={"email": "late@example.com"})
        code = await latest_code(running.core, "late@example.com")
        # Sixteen minutes later, as far as the code is concerned.
        async with running.core.db.begin() as db:
            await db.execute(
                update(OneTimeCodeRow)
                .where(OneTimeCodeRow.purpose == "reset_password")
                .values(expires_at=utc_now() - timedelta(minutes=1))
            )
        answer = await c.post(
            "/api/auth/reset-password",
            json={"email": "late@example.com", "code": code, "newPassword": "too late passphrase"},
        )
        assert answer.status_code == 400 and answer.json()["code"] == "invalid_code"


async def test_reset_code_lifetime_is_fifteen_minutes(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        await sign_up(running.client, running.core, "life@example.com")
        await running.client.post("/api/auth/forgot-password", json={"email": "life@example.com"})
        async with running.core.db() as db:
            row = await db.scalar(
                select(OneTimeCodeRow).where(OneTimeCodeRow.purpose == "reset_password")
            )
        assert row.expires_at - row.created_at == timedelta(minutes=15)
        # Stored as a keyed hash, never the code itself.
        code = await latest_code(running.core, "life@example.com")
        assert code not in row.code_hash and len(row.code_hash) == 64


async def test_new_reset_code_replaces_the_old_one(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        await sign_up(c, running.core, "twocodes@example.com")
        await c.post("/api/auth/forgot-password", json={"email": "twocodes@example.com"})
        first = await latest_code(running.core, "twocodes@example.com")
        await c.post("/api/auth/forgot-password", json={"email": "twocodes@example.com"})
        second = await latest_code(running.core, "twocodes@example.com")
        body = {"email": "twocodes@example.com", "newPassword": "replacement passphrase"}
        if first != second:
            stale = await c.post("/api/auth/reset-password", json={**body, "code": first})
            assert stale.status_code == 400
        fresh = await c.post("/api/auth/reset-password", json={**body, "code": second})
        assert fresh.status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "a@example.com", "code": "12345", "newPassword": PASSWORD}, "code"),
        ({"email": "a@example.com", "code": "abcdef", "newPassword": PASSWORD}, "code"),
        ({"email": "a@example.com", "code": "123456"}, "newPassword"),
    ],
)
async def test_bad_reset_request_is_422_naming_the_field(make_settings, run_app, body, field):
    async with run_app(accounts_app(make_settings())) as running:
        answer = await running.client.post("/api/auth/reset-password", json=body)
        assert answer.status_code == 422 and field in answer.json()["error"]


async def test_weak_new_password_is_refused_before_the_code_is_spent(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        await sign_up(c, running.core, "weak@example.com")
        await c.post("/api/auth/forgot-password", json={"email": "weak@example.com"})
        code = await latest_code(running.core, "weak@example.com")
        weak = await c.post(
            "/api/auth/reset-password",
            json={"email": "weak@example.com", "code": code, "newPassword": "password123"},
        )
        assert weak.status_code == 422 and weak.json()["code"] == "weak_password"
        good = await c.post(
            "/api/auth/reset-password",
            json={"email": "weak@example.com", "code": code, "newPassword": "a strong passphrase"},
        )
        assert good.status_code == 200


async def test_wrong_verification_code_is_refused(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as running:
        c = running.client
        await c.post("/api/auth/register", json={"email": "v@example.com", "password": PASSWORD})
        code = await latest_code(running.core, "v@example.com")
        wrong = f"{(int(code) + 7) % 1_000_000:06d}"
        answer = await c.post("/api/auth/verify", json={"email": "v@example.com", "code": wrong})
        assert answer.status_code == 400 and answer.json()["code"] == "invalid_code"
        resent = await c.post("/api/auth/resend-verification", json={"email": "v@example.com"})
        assert resent.status_code == 200
        fresh = await latest_code(running.core, "v@example.com")
        ok = await c.post("/api/auth/verify", json={"email": "v@example.com", "code": fresh})
        assert ok.status_code == 200


async def test_jwt_principal_owns_its_jobs(make_settings, run_app, admin_headers):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        bo = await sign_up(c, running.core, "bo@example.com")
        created = await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=anna.headers)
        assert created.status_code == 201
        job = created.json()
        assert job["user_id"] == anna.user_id
        assert (
            await c.get(f"/api/v1/jobs/{job['job_id']}", headers=anna.headers)
        ).status_code == 200
        assert (await c.get(f"/api/v1/jobs/{job['job_id']}", headers=bo.headers)).status_code == 404
        listed = (await c.get("/api/v1/jobs", headers=bo.headers)).json()["jobs"]
        assert listed == []
        admin = await c.get(f"/api/v1/jobs/{job['job_id']}", headers=admin_headers)
        assert admin.status_code == 200


async def test_production_needs_a_jwt_secret(make_settings):
    with pytest.raises(ValueError, match="JWT_SECRET"):
        create_app(make_settings(env="prod"), with_browser=False)
    # With one set, the app builds.
    settings = make_settings(env="prod", jwt_secret="s" * 40)
    create_app(settings, with_browser=False)
