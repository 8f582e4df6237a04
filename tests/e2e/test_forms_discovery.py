"""Reading forms from the DOM in real Chromium: the five bank forms and a form Gofer never saw."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from playwright.async_api import BrowserContext

from gofer.browser.pool import BrowserPool
from gofer.serving import BackgroundServer
from gofer.workflows.forms.discovery import SchemaCache, discover, wait_until_ready
from gofer.workflows.forms.filler import FormFiller
from gofer.workflows.forms.schema import FormSchema

pytestmark = pytest.mark.e2e

EXPECTED = Path(__file__).parent.parent / "data" / "form_fields"
FORMS = ["loan", "crm", "hr", "compliance", "operations"]

# A form in another shape: fieldset steps switched with `hidden`, a conditional field, a checkbox
# (not fillable from a message) and a status line instead of a toast.
NEW_FORM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Open an account</title></head>
<body>
<form id="accountForm">
  <fieldset data-step="1">
    <label for="fullName">Full name *</label><input id="fullName" name="fullName">
    <label for="kind">Account type</label>
    <select id="kind" name="kind">
      <option value="">Choose</option><option value="personal">Personal</option>
      <option value="business">Business</option>
    </select>
    <div id="bizGroup" style="display:none">
      <label for="taxCode">Tax code</label><input id="taxCode" name="taxCode">
    </div>
    <button type="button" class="next">Next</button>
  </fieldset>
  <fieldset data-step="2" hidden>
    <label for="opened">Opening date</label><input type="date" id="opened" name="opened">
    <label for="deposit">First deposit</label>
    <input type="number" id="deposit" name="deposit" min="0" step="1000">
    <label><input type="checkbox" name="agree"> I agree</label>
    <button type="button" class="back">Back</button>
    <button type="submit">Send</button>
  </fieldset>
</form>
<p id="msg" role="status" hidden></p>
<script>
  const form = document.getElementById("accountForm");
  const steps = form.querySelectorAll("fieldset");
  const show = (n) => steps.forEach((s) => { s.hidden = s.dataset.step !== String(n); });
  form.querySelector(".next").onclick = () => show(2);
  form.querySelector(".back").onclick = () => show(1);
  form.kind.addEventListener("change", () => {
    document.getElementById("bizGroup").style.display = form.kind.value === "business" ? "" : "none";
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const msg = document.getElementById("msg");
    msg.textContent = "Sent: " + form.fullName.value;
    msg.hidden = false;
  });
</script>
</body></html>
"""


@pytest.fixture(scope="module")
def new_form_site() -> Iterator[str]:
    app = FastAPI()

    @app.get("/open/")
    async def page() -> HTMLResponse:
        return HTMLResponse(NEW_FORM)

    server = BackgroundServer(app).start()
    yield f"{server.url}/open/"
    server.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pool() -> AsyncIterator[BrowserPool]:
    pool = BrowserPool("/usr/bin/chromium", action_timeout_ms=10_000)
    await pool.start()
    yield pool
    await pool.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def context(pool: BrowserPool) -> AsyncIterator[BrowserContext]:
    async with pool.context() as context:
        yield context


@pytest.mark.parametrize("form", FORMS)
async def test_discovered_schema_matches_the_page(
    context: BrowserContext, replica: BackgroundServer, form: str
) -> None:
    found = await discover(context, f"{replica.url}/vpbank/{form}/?session=discovery-{form}")

    expected = FormSchema.from_dict(json.loads((EXPECTED / f"{form}.json").read_text("utf-8")))
    assert found.schema.to_dict() == expected.to_dict()
    assert found.submit is not None and found.clear is not None
    assert [p.step for p in found.panes] == list(range(1, expected.steps + 1))


async def test_discovery_probes_leave_saved_state_untouched(
    context: BrowserContext, replica: BackgroundServer
) -> None:
    import httpx

    session = "discovery-untouched"
    await discover(context, f"{replica.url}/vpbank/operations/?session={session}")

    state = httpx.get(f"{replica.url}/_replica/forms/operations/state?session={session}").json()
    assert state["version"] == 0


async def test_cache_reads_a_page_once_per_url(
    context: BrowserContext, replica: BackgroundServer
) -> None:
    cache = SchemaCache()
    first = await cache.get(context, f"{replica.url}/vpbank/hr/?session=a")
    second = await cache.get(context, f"{replica.url}/vpbank/hr/?session=b")

    assert second is first
    cache.forget(f"{replica.url}/vpbank/hr/")
    assert cache.peek(f"{replica.url}/vpbank/hr/") is None


async def test_a_new_form_is_read_and_filled_without_code_changes(
    context: BrowserContext, new_form_site: str
) -> None:
    found = await discover(context, new_form_site)
    schema = found.schema

    assert schema.form_id == "accountForm" and schema.title == "Open an account"
    assert schema.steps == 2
    assert [f.name for f in schema.fields] == ["fullName", "kind", "taxCode", "opened", "deposit"]
    assert found.unsupported == ("agree",)
    full_name, kind, tax, opened, deposit = schema.fields
    assert full_name.label == "Full name"
    assert kind.option_values() == ("", "personal", "business")
    assert not tax.visible and tax.revealed_by == ("kind", ("business",))
    assert opened.type == "date" and opened.step == 2
    assert deposit.min_value == 0 and deposit.step_value == 1000

    page = await context.new_page()
    await page.goto(new_form_site)
    await wait_until_ready(page)
    filler = FormFiller(page, found)
    report = await filler.apply(
        {"fullName": "Lan Pham", "taxCode": "0101234567", "opened": "2026-05-04", "deposit": "5000"}
    )

    assert report.mismatches == {} and report.skipped == {}
    assert report.implied == {"kind": "business"}  # set only to reveal the tax code
    assert report.values["taxCode"] == "0101234567"
    assert report.values["opened"] == "2026-05-04"
    assert await filler.submit() == "Sent: Lan Pham"
