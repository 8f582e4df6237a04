"""The booking site's JSON API, called from inside the job's browser context (its cookies).

The site's own single-page app calls these same endpoints; calling them through the browser
context keeps one session, one cookie jar and one identity, exactly as a person's browser has.
"""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

import structlog
from playwright.async_api import APIRequestContext
from playwright.async_api import Error as PlaywrightError

from gofer.workflows.trafikverket.wire import check_answer

log = structlog.get_logger("gofer.trafikverket.site")

# Reads are safe to repeat after a server error; writes (reserve, pay) never are.
READ_ENDPOINTS = frozenset(
    {
        "start",
        "is-authorizied",
        "is-system-updating",
        "licence-information",
        "information",
        "search-information",
        "occasion-bundles",
        "get-active-reservations",
        "get-reservation-time",
        "reservation-information",
        "examinations",
        "examinations-to-cancel",
        "booking-hindrances",
        "summary",
    }
)


class SiteError(Exception):
    """The site said no; `message` is its own (Swedish) sentence."""

    def __init__(self, message: str, kind: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.status = status


class SessionExpired(SiteError):
    """The login is gone: the person must scan a new BankID QR."""


class SiteUnavailable(SiteError):
    """Server errors, maintenance or 'Forbidden': worth a patient retry for reads."""


class SiteApi:
    """POST /Boka/<endpoint> with the site's envelope unwrapped and its errors classified."""

    def __init__(
        self,
        request: APIRequestContext,
        base_url: str,
        *,
        read_attempts: int = 6,
        backoff_s: float = 0.5,
        timeout_ms: float = 30000,
    ) -> None:
        self._request = request
        self._base_url = base_url.rstrip("/")
        self._read_attempts = read_attempts
        self._backoff_s = backoff_s
        self._timeout_ms = timeout_ms
        self._reported_changes: set[str] = set()  # `site_changed` once per change and job

    async def call(self, endpoint: str, body: Any = None) -> Any:
        attempts = self._read_attempts if endpoint in READ_ENDPOINTS else 1
        for attempt in range(1, attempts + 1):
            try:
                return await self._call_once(endpoint, body)
            except SiteUnavailable as exc:
                if attempt == attempts:
                    raise
                delay = self._backoff_s * 2 ** (attempt - 1) * (0.75 + random.random() / 2)
                log.info(
                    "site_retry", endpoint=endpoint, status=exc.status, delay_s=round(delay, 2)
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _call_once(self, endpoint: str, body: Any) -> Any:
        try:
            response = await self._request.post(
                f"{self._base_url}/Boka/{endpoint}",
                data=json.dumps(body),
                headers={"Content-Type": "application/json", "Accept": "application/json"},
                timeout=self._timeout_ms,
                max_redirects=0,
            )
        except PlaywrightError as exc:
            raise SiteUnavailable(
                f"network error: {exc.message.splitlines()[0]}", "network"
            ) from exc
        status = response.status
        text = await response.text()
        try:
            payload = json.loads(text)
        except ValueError:
            payload = None
        if status >= 500 or status in (403, 429):
            raise SiteUnavailable(f"HTTP {status}", "http", status)
        if payload is None:
            # The real site sometimes answers an expired session with an HTML page.
            if status == 200 and "<html" in text[:500].lower():
                raise SessionExpired("The login has expired", "html", status)
            raise SiteUnavailable(f"unreadable answer (HTTP {status})", "unreadable", status)
        if isinstance(payload, dict) and payload.get("status") == 401:
            raise SessionExpired("The login has expired", "status_401", status)
        # Errors come as HTTP 400, or (the BankID poll) as HTTP 200 with `"status": 400` inside.
        body_status = payload.get("status") if isinstance(payload, dict) else None
        if isinstance(payload, dict) and (status == 400 or (status == 200 and body_status == 400)):
            kind = str(payload.get("type") or "")
            data = payload.get("data") or {}
            message = str(data.get("message") or "The site refused the request")
            if kind == "LoginRequiredException":
                raise SessionExpired(message, kind, status)
            raise SiteError(message, kind, status)
        if status != 200 or not isinstance(payload, dict) or "data" not in payload:
            raise SiteUnavailable(f"unexpected answer (HTTP {status})", "unexpected", status)
        # Read tolerantly: a changed field is logged as `site_changed`, never a failure here.
        return check_answer(endpoint, payload["data"], self._reported_changes)
