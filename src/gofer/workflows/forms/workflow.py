"""The `forms.fill` workflow: one conversation turn on a bank form, from message to read-back values."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from playwright.async_api import BrowserContext, Page
from pydantic import BaseModel

from gofer.events.model import TASK_COMPLETED, TASK_FAILED
from gofer.jobs.model import JobFailure
from gofer.workflows.base import INTERACTIVE_KIND, StepContext
from gofer.workflows.forms.directory import detect_form, form_url, with_session
from gofer.workflows.forms.discovery import (
    DiscoveredForm,
    NoFormOnPage,
    SchemaCache,
    wait_until_ready,
)
from gofer.workflows.forms.filler import FillReport, FormFiller, SubmitNotConfirmed, blank_value
from gofer.workflows.forms.intent import TurnIntent, missing_fields, understand_turn
from gofer.workflows.forms.live_pages import LivePage, LivePages
from gofer.workflows.forms.params import FormsFillParams, FormState
from gofer.workflows.forms.reply import (
    TurnOutcome,
    form_title,
    language_of,
    next_question,
    summary,
    which_form_question,
)
from gofer.workflows.forms.steps import PROGRESS, FormsStep

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def vietnam_today() -> date:
    return datetime.now(UTC).astimezone(VIETNAM).date()


class FormsWorkflow:
    """Fills bank forms from what people say; state comes in with the job and goes out with it."""

    name: ClassVar[str] = "forms.fill"
    kind: ClassVar[str] = INTERACTIVE_KIND
    progress: ClassVar[dict[str, int]] = PROGRESS
    params_model: ClassVar[type[BaseModel]] = FormsFillParams
    completed_event: ClassVar[str] = TASK_COMPLETED
    failed_event: ClassVar[str | None] = TASK_FAILED
    started_event: ClassVar[str | None] = None

    def __init__(self, schemas: SchemaCache | None = None) -> None:
        self.schemas = schemas or SchemaCache()
        # Set by the forms feature when the server keeps pages open between turns.
        self.live_pages: LivePages | None = None
        # What "hôm nay"/"today" means; the evaluation sets each case's own clock here.
        self.today: Callable[[], date] = vietnam_today
        # The time the form pages see (their default dates); None leaves the real time. The
        # evaluation sets a case's own clock so that page defaults agree with `today`.
        self.page_clock: datetime | None = None

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        return await FormTurn(self, ctx).run()


class FormTurn:
    """One message applied to one conversation's form."""

    def __init__(self, workflow: FormsWorkflow, ctx: StepContext) -> None:
        assert isinstance(ctx.params, FormsFillParams)
        self.workflow = workflow
        self.ctx = ctx
        self.params: FormsFillParams = ctx.params
        # The latest message's own language; else the conversation's setting, else its last one.
        fallback = self.params.language or self.params.state.language or "vi"
        self.language = language_of(self.params.message, fallback)
        self.started = time.perf_counter()
        self.timings: dict[str, int] = {}
        self._submit_blocked = ""

    def _mark(self, phase: str) -> None:
        self.timings[phase] = round((time.perf_counter() - self.started) * 1000)

    # --- the turn ------------------------------------------------------------------------------

    async def run(self) -> dict[str, Any]:
        p = self.params
        state = p.state.model_copy(deep=True)
        if p.form and state.form and p.form != state.form:
            state = FormState(form=p.form, turn=state.turn)  # another form: start it afresh
        key = p.form or state.form or detect_form(p.message)
        if key is None:
            return self._ask_for_form(state)
        state.form = key
        state.language = "en" if self.language == "en" else "vi"
        url = form_url(self.ctx.settings, key)
        session_key = p.session_id or self.ctx.job_id
        page_url = with_session(url, session_key)
        today = self.workflow.today()

        form = self.workflow.schemas.peek(url)
        intent: TurnIntent | None = None
        if form is not None:
            intent = await self._understand(form, state, today)
            if not intent.touches_page:
                return self._finish(state, form, intent, None, page_url)

        await self.ctx.step(FormsStep.OPENING, f"Opening the {form_title(key, 'en')}", form=key)
        async with self._page(session_key, url) as (context, page, live):
            load = asyncio.create_task(self._load(page, page_url))
            try:
                if form is None:
                    form = await self._discover(context, url)
                    intent = None
                if intent is None:
                    intent = await self._understand(form, state, today)
                fingerprint = await load
            except BaseException:
                load.cancel()
                raise
            self._mark("page_ready")
            fresh = fingerprint is not None
            if fresh and fingerprint != form.fingerprint:
                # The page changed since it was read: read it again before touching it.
                self.workflow.schemas.forget(url)
                form = await self._discover(context, url)
                intent = await self._understand(form, state, today)
            if not intent.touches_page and not fresh:
                return self._finish(state, form, intent, None, page_url)
            filler = FormFiller(page, form)
            try:
                report = await self._fill(filler, form, state, intent)
            finally:
                if live is not None:
                    live.last_edit_at = filler.last_edit_at
                else:
                    await filler.settle()
        return self._finish(state, form, intent, report, page_url)

    async def _understand(self, form: DiscoveredForm, state: FormState, today: Any) -> TurnIntent:
        intent = await understand_turn(
            self.params.message,
            form.schema,
            today=today,
            current=state.values,
            settings=self.ctx.settings,
            language=self.language,
            model=self.params.model,
        )
        self._mark("understood")
        return intent

    async def _discover(self, context: BrowserContext, url: str) -> DiscoveredForm:
        try:
            form = await self.workflow.schemas.get(context, url)
        except NoFormOnPage as exc:
            raise JobFailure("The page has no form to fill.", "form_not_found") from exc
        except Exception as exc:
            raise JobFailure(
                f"Could not open the form page: {type(exc).__name__}", "site_unreachable"
            ) from exc
        self._mark("discovered")
        return form

    @asynccontextmanager
    async def _page(
        self, session_key: str, url: str
    ) -> AsyncIterator[tuple[BrowserContext, Page, LivePage | None]]:
        live_pages = self.workflow.live_pages
        if live_pages is None:
            async with self.ctx.browser() as context:
                yield context, await context.new_page(), None
            return
        # The form's page without a conversation warms up the next spare (its writes blocked).
        # A kept page outlives its first job, whose trace would record every later turn (with
        # DOM snapshots, twice the cost of each browser call) and never be kept: no trace.
        opener = functools.partial(self.ctx.browser, trace=False)
        async with live_pages.lease(session_key, opener, warm_url=url) as live:
            yield live.context, live.page, live

    async def _load(self, page: Page, page_url: str) -> str | None:
        """Opens the conversation's page unless it is already open; returns the fingerprint of
        a freshly loaded page (None: it was open already)."""
        if page.url == page_url:
            return None
        try:
            if self.workflow.page_clock is not None:
                await page.clock.set_fixed_time(self.workflow.page_clock)
            # The form is usable once its scripts have run (before images finish loading).
            await page.goto(page_url, wait_until="domcontentloaded")
            return await wait_until_ready(page)
        except Exception as exc:
            raise JobFailure(
                f"Could not open the form page: {type(exc).__name__}", "site_unreachable"
            ) from exc

    async def _fill(
        self, filler: FormFiller, form: DiscoveredForm, state: FormState, intent: TurnIntent
    ) -> FillReport:
        schema = form.schema
        # The agent's own record is the truth: values it set before are re-asserted (a no-op
        # when the page already holds them), then this turn's removals and values go on top.
        targets: dict[str, str] = {} if intent.clear_all else dict(state.values)
        for name in intent.remove:
            spec = schema.get(name)
            if spec is not None:
                targets[name] = blank_value(spec)
        targets.update(intent.set_values)
        count = len(intent.set_values) + len(intent.remove)
        await self.ctx.step(
            FormsStep.FILLING, f"Filling {count} field(s)", form=self.params.form or state.form
        )
        report = await filler.apply(targets, clear_first=intent.clear_all)
        self._mark("filled")

        values = {} if intent.clear_all else dict(state.values)
        for name in intent.remove:
            values.pop(name, None)
        for name, value in {**report.implied, **intent.set_values}.items():
            if report.values.get(name) == value and name not in report.skipped:
                values[name] = value
        state.values = values

        submit_blocked = ""
        if intent.submit:
            if report.mismatches or report.skipped:
                submit_blocked = (
                    "Chưa gửi đơn vì còn trường chưa ghi đúng."
                    if self.language == "vi"
                    else "Not submitted: some fields could not be set correctly."
                )
            else:
                await self.ctx.step(FormsStep.SUBMITTING, "Submitting the form")
                try:
                    report.submit_message = await filler.submit()
                except SubmitNotConfirmed as exc:
                    raise JobFailure(str(exc), "submit_not_confirmed") from exc
                report.submitted = True
                report.submitted_values = {k: v for k, v in report.values.items() if v}
                self._mark("submitted")
        if intent.goto_step is not None and not report.submitted:
            await filler.go_to_step(intent.goto_step)
        report.step = await filler.current_step()
        report.submit_message = report.submit_message or ""
        self._submit_blocked = submit_blocked
        return report

    # --- the reply -----------------------------------------------------------------------------

    def _ask_for_form(self, state: FormState) -> dict[str, Any]:
        question = which_form_question(self.language)
        state.language = "en" if self.language == "en" else "vi"
        state.turn += 1
        return {
            "message": question,
            "form": None,
            "url": None,
            "filled": {},
            "missing": [],
            "question": question,
            "submitted": False,
            "state": state.model_dump(),
            "timings_ms": {"total": round((time.perf_counter() - self.started) * 1000)},
        }

    def _finish(
        self,
        state: FormState,
        form: DiscoveredForm,
        intent: TurnIntent,
        report: FillReport | None,
        page_url: str,
    ) -> dict[str, Any]:
        schema = form.schema
        key = state.form or ""
        submitted = bool(report and report.submitted)
        filled = dict(state.values)
        if report is not None:
            state.step = report.step
            state.page_values = {k: v for k, v in report.values.items() if v}
        if submitted and report is not None:
            state.submissions += 1
            form_values = dict(report.submitted_values)
            state.values = {}
            state.page_values = {}
            missing: list[str] = []
        else:
            form_values = dict(state.page_values)
            missing = missing_fields(schema, {**state.page_values, **state.values})
        state.turn += 1
        written = sorted(
            (n for n in intent.set_values if n in filled and filled[n] == intent.set_values[n]),
            key=lambda n: [f.name for f in schema.fields].index(n),
        )
        mismatches = report.mismatches if report else {}
        skipped = report.skipped if report else {}
        outcome = TurnOutcome(
            form=key,
            schema=schema,
            written=written,
            removed=[n for n in intent.remove if n not in filled],
            cleared=intent.clear_all,
            submitted=submitted,
            submit_message=report.submit_message if report else "",
            submit_blocked=self._submit_blocked,
            step=state.step,
            missing=missing,
            questions=intent.questions,
            mismatches=list(mismatches),
            skipped=skipped,
            moved_to=intent.goto_step if report is not None else None,
            rejected=dict(intent.rejected),
        )
        question = next_question(outcome, self.language)
        self.timings["total"] = round((time.perf_counter() - self.started) * 1000)
        self.ctx.log.info(
            "form_turn",
            form=key,
            written=len(written),
            mismatches=len(mismatches),
            submitted=submitted,
            ms=self.timings["total"],
        )
        return {
            "message": summary(outcome, self.language),
            "form": key,
            "form_title": form_title(key, self.language),
            "url": page_url,
            "filled": filled,
            "missing": missing,
            "question": question,
            "submitted": submitted,
            "submit_message": outcome.submit_message,
            "step": state.step,
            "steps": schema.steps,
            "changes": {
                "set": {n: intent.set_values[n] for n in written},
                "removed": outcome.removed,
                "cleared": intent.clear_all,
                "implied": dict(report.implied) if report else {},
                "page": dict(report.page_changes) if report else {},
            },
            "mismatches": mismatches,
            "skipped": skipped,
            "rejected": dict(intent.rejected),
            "form_values": form_values,
            "state": state.model_dump(),
            "timings_ms": dict(self.timings),
        }
