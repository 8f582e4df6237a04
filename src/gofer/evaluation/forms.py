"""Runs forms cases end to end: replicas and a Gofer server on 127.0.0.1, one session per case.

Each case's messages go through POST /api/execute; what counts is what the replica holds
afterwards, read from its inspection endpoint once the saved version has been still for 500 ms.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from gofer.config import Settings
from gofer.evaluation.cases import FormCase
from gofer.evaluation.scoring import CaseScore, score_case, summarise
from gofer.serving import BackgroundServer
from gofer.workflows.forms.directory import detect_form, form_url

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
STABLE_S = 0.5
STATE_POLL_S = 0.1
STATE_LIMIT_S = 15.0


@dataclass
class LocalServers:
    """The replicas and a Gofer server with the forms agent, both in this process."""

    replica: BackgroundServer
    gofer: BackgroundServer
    settings: Settings
    token: str
    app: Any

    def field_types(self, form: str) -> dict[str, str]:
        """Field types from the server's own discovered schema (free text compares loosely)."""
        workflow = self.app.state.core.registry.get("forms.fill")
        found = workflow.schemas.peek(form_url(self.settings, form)) if workflow else None
        return {f.name: f.type for f in found.schema.fields} if found else {}


@contextmanager
def local_servers(data_dir: Path | None = None, **overrides: Any) -> Iterator[LocalServers]:
    from gofer.app import create_app
    from gofer.replicas.server import create_replicas_app

    with tempfile.TemporaryDirectory(prefix="gofer-eval-") as scratch:
        replica = BackgroundServer(create_replicas_app()).start()
        token = secrets.token_urlsafe(24)
        values: dict[str, Any] = {
            "env": "test",
            "api_secret_token": token,
            "data_dir": data_dir or Path(scratch),
            "forms_base_url": f"{replica.url}/vpbank",
            "log_level": "ERROR",
            "max_concurrent_jobs": 4,
        }
        values.update(overrides)
        settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        app = create_app(settings)
        try:
            gofer = BackgroundServer(app).start(timeout_s=60)
        except BaseException:
            replica.stop()
            raise
        settings.port = gofer.port
        try:
            yield LocalServers(replica, gofer, settings, token, app)
        finally:
            gofer.stop()
            replica.stop()


@dataclass
class CaseRun:
    case: FormCase
    session_id: str | None = None
    ms: float = 0.0
    turns: list[dict[str, Any]] = field(default_factory=list)
    filled: dict[str, str] = field(default_factory=dict)
    submitted: bool = False
    error: str | None = None
    score: CaseScore | None = None


async def settled_state(replica: httpx.AsyncClient, form: str, session: str) -> dict[str, Any]:
    """The replica's saved state once its version has not moved for 500 ms."""
    url = f"/_replica/forms/{form}/state"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STATE_LIMIT_S
    state = (await replica.get(url, params={"session": session})).json()
    still_since = loop.time()
    while loop.time() < deadline:
        await asyncio.sleep(STATE_POLL_S)
        latest = (await replica.get(url, params={"session": session})).json()
        if latest["version"] != state["version"]:
            state, still_since = latest, loop.time()
        elif loop.time() - still_since >= STABLE_S:
            return latest
    return state


async def run_case(
    gofer: httpx.AsyncClient,
    replica: httpx.AsyncClient,
    case: FormCase,
    *,
    form_hint: bool = True,
) -> CaseRun:
    run = CaseRun(case)
    for message in case.messages:
        body: dict[str, Any] = {"user_message": message}
        if form_hint:
            body["form"] = case.form
        if run.session_id:
            body["session_id"] = run.session_id
        started = time.perf_counter()
        response = await gofer.post("/api/execute", json=body)
        elapsed = (time.perf_counter() - started) * 1000
        run.ms += elapsed
        answer = response.json()
        run.session_id = answer.get("session_id") or run.session_id
        run.turns.append(
            {
                "status": response.status_code,
                "ms": round(elapsed),
                "result": answer.get("result") or answer.get("error"),
                "question": answer.get("question"),
            }
        )
        if response.status_code != 200:
            run.error = f"HTTP {response.status_code}: {answer.get('error')}"
            break
    if run.session_id:
        state = await settled_state(replica, case.form, run.session_id)
        submissions = state.get("submissions") or []
        run.submitted = bool(submissions)
        values = submissions[-1]["values"] if submissions else state.get("values") or {}
        run.filled = {k: v for k, v in values.items() if isinstance(v, str) and v.strip()}
    return run


async def run_cases(
    servers: LocalServers,
    cases: list[FormCase],
    *,
    form_hint: bool = True,
    on_case: Callable[[CaseRun], None] | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {servers.token}"}
    timeout = httpx.Timeout(servers.settings.forms_timeout_s + 30)
    today = dt.datetime.now(dt.UTC).astimezone(VIETNAM).date()
    runs: list[CaseRun] = []
    async with (
        httpx.AsyncClient(base_url=servers.gofer.url, headers=headers, timeout=timeout) as gofer,
        httpx.AsyncClient(base_url=servers.replica.url, timeout=30) as replica,
    ):
        for case in cases:
            run = await run_case(gofer, replica, case, form_hint=form_hint)
            run.score = score_case(
                case, run.filled, run.submitted, servers.field_types(case.form), today
            )
            runs.append(run)
            if on_case is not None:
                on_case(run)
    return report(runs)


def report(runs: list[CaseRun]) -> dict[str, Any]:
    scores = [r.score for r in runs if r.score is not None]
    summary = summarise(scores, [r.ms for r in runs])
    summary["errors"] = sum(1 for r in runs if r.error)
    # How often the first message alone names the right form (the hint is then not needed).
    detected = sum(1 for r in runs if detect_form(r.case.messages[0]) == r.case.form)
    summary["form_detection_rate"] = round(detected / len(runs), 4) if runs else 1.0
    return {
        "summary": summary,
        "cases": [
            {
                "id": r.case.id,
                "form": r.case.form,
                "mode": r.case.mode,
                "filled": r.filled,
                "submitted": r.submitted,
                "ms": round(r.ms),
                "exact": bool(r.score and r.score.exact),
                "wrong": r.score.wrong if r.score else {},
                "filled_but_forbidden": r.score.filled_but_forbidden if r.score else [],
                "error": r.error,
                "turns": r.turns,
            }
            for r in runs
        ],
    }


def evaluate_forms(
    cases: list[FormCase],
    *,
    form_hint: bool = True,
    on_case: Callable[[CaseRun], None] | None = None,
) -> dict[str, Any]:
    """Starts the servers, runs every case in order, and returns the JSON report."""
    with local_servers() as servers:
        return asyncio.run(run_cases(servers, cases, form_hint=form_hint, on_case=on_case))
