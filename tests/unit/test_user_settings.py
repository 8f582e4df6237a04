"""Per-user settings: saved on the server, each user's own, every bad value a 422 naming it."""

from __future__ import annotations

import pytest

from tests.unit.accounts_support import PASSWORD, accounts_app, sign_up

LOOSE = {"rate_limit_login": "1000/minute"}
GOOD = {"language": "sv", "voice_language": "vi", "voice": "female", "model": "llama3.1:8b"}


async def test_settings_are_saved_per_user_and_survive_a_new_sign_in(make_settings, run_app):
    async with run_app(accounts_app(make_settings(voice_default_language="vi", **LOOSE))) as app:
        c = app.client
        anna = await sign_up(c, app.core, "anna@example.com")
        bo = await sign_up(c, app.core, "bo@example.com")
        first = await c.get("/api/v1/me/settings", headers=anna.headers)
        assert first.status_code == 200
        # Until saved: the server's defaults (its voice-call language included).
        assert first.json() == {
            "success": True,
            "language": "en",
            "voice_language": "vi",
            "voice": "default",
            "model": "",
            "updated_at": None,
        }
        saved = await c.put("/api/v1/me/settings", json=GOOD, headers=anna.headers)
        assert saved.status_code == 200 and saved.json()["updated_at"] is not None
        assert {k: saved.json()[k] for k in GOOD} == GOOD

        # A new sign-in (another device) reads them back.
        login = await c.post("/api/auth/login", json={"email": anna.email, "password": PASSWORD})
        token = login.json()["tokens"]["accessToken"]
        other_device = {"Authorization": f"Bearer {token}"}
        read = (await c.get("/api/v1/me/settings", headers=other_device)).json()
        assert {k: read[k] for k in GOOD} == GOOD
        # Bo's are his own: still the defaults.
        assert (await c.get("/api/v1/me/settings", headers=bo.headers)).json()["language"] == "en"

        # An empty model means the server's default.
        cleared = await c.put(
            "/api/v1/me/settings", json={**GOOD, "model": ""}, headers=anna.headers
        )
        assert cleared.status_code == 200 and cleared.json()["model"] == ""


async def test_erasing_the_account_erases_its_settings(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as app:
        c = app.client
        anna = await sign_up(c, app.core, "anna@example.com")
        await c.put("/api/v1/me/settings", json=GOOD, headers=anna.headers)
        erased = await c.delete("/api/v1/me", headers=anna.headers)
        assert erased.status_code == 200 and erased.json()["removed"]["settings"] == 1
        assert await app.core.user_settings.get(anna.user_id) == (
            await app.core.user_settings.get("someone-who-never-saved")
        )


async def test_settings_need_a_signed_in_caller(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as app:
        assert (await app.client.get("/api/v1/me/settings")).status_code == 401
        assert (await app.client.put("/api/v1/me/settings", json=GOOD)).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": "de"}, "language"),
        ({"language": None}, "language"),
        ({"voice_language": "fr"}, "voice_language"),
        ({"voice": "robot"}, "voice"),
        ({"voice": 3}, "voice"),
        ({"model": "gpt 4"}, "model"),
        ({"model": "-leading-dash"}, "model"),
        ({"model": "m" * 101}, "model"),
        ({"model": ["gpt-4o"]}, "model"),
        ({"theme": "dark"}, "theme"),
    ],
)
async def test_each_bad_value_is_a_422_naming_the_field(
    make_settings, run_app, admin_headers, change, field
):
    async with run_app(accounts_app(make_settings())) as app:
        answer = await app.client.put(
            "/api/v1/me/settings", json={**GOOD, **change}, headers=admin_headers
        )
        assert answer.status_code == 422, answer.text
        body = answer.json()
        assert body["success"] is False and body["code"] == "validation_error"
        assert [d["field"] for d in body["details"]] == [field]
        # Nothing was saved.
        kept = (await app.client.get("/api/v1/me/settings", headers=admin_headers)).json()
        assert kept["updated_at"] is None


@pytest.mark.parametrize("missing", ["language", "voice_language", "voice"])
async def test_a_missing_field_is_a_422_naming_it(make_settings, run_app, admin_headers, missing):
    body = {k: v for k, v in GOOD.items() if k != missing}
    async with run_app(accounts_app(make_settings())) as app:
        answer = await app.client.put("/api/v1/me/settings", json=body, headers=admin_headers)
    assert answer.status_code == 422
    assert [d["field"] for d in answer.json()["details"]] == [missing]


async def test_a_body_that_is_not_an_object_or_not_json_is_a_422(
    make_settings, run_app, admin_headers
):
    async with run_app(accounts_app(make_settings())) as app:
        listed = await app.client.put("/api/v1/me/settings", json=[GOOD], headers=admin_headers)
        assert listed.status_code == 422
        broken = await app.client.put(
            "/api/v1/me/settings",
            content=b'{"language": "sv",',
            headers={**admin_headers, "Content-Type": "application/json"},
        )
        assert broken.status_code == 422 and broken.json()["code"] == "invalid_json"


async def test_a_saved_model_is_the_one_the_forms_agent_asks_when_the_server_runs_an_llm(
    make_settings, run_app
):
    from gofer.principal import Principal

    settings = make_settings(
        llm_base_url="http://127.0.0.1:9/v1", llm_model="server-model", **LOOSE
    )
    async with run_app(accounts_app(settings)) as app:
        anna = await sign_up(app.client, app.core, "anna@example.com")
        bo = await sign_up(app.client, app.core, "bo@example.com")
        await app.client.put("/api/v1/me/settings", json=GOOD, headers=anna.headers)
        assert await app.core.forms.chosen_model(Principal(anna.user_id)) == "llama3.1:8b"
        assert await app.core.forms.chosen_model(Principal(bo.user_id)) == ""  # the server's


async def test_a_saved_model_is_ignored_when_the_server_runs_no_llm(make_settings, run_app):
    from gofer.principal import Principal

    async with run_app(accounts_app(make_settings(**LOOSE))) as app:
        anna = await sign_up(app.client, app.core, "anna@example.com")
        await app.client.put("/api/v1/me/settings", json=GOOD, headers=anna.headers)
        assert await app.core.forms.chosen_model(Principal(anna.user_id)) == ""
