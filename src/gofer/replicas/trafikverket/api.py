"""The JSON API under `POST /Boka/<endpoint>`: routing, login gate, faults, envelope, cookies."""

from __future__ import annotations

import asyncio
import html
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from gofer.workflows.trafikverket.wire import strict_answer

from . import auth_endpoints as auth
from . import booking_endpoints as booking
from . import search_endpoints as search
from .calls import INVALID_REQUEST, ApiCall, ApiError, CookieChange, login_required
from .faults import FaultRule
from .sessions import ExpiryStyle, new_session_id
from .state import ReplicaState, RequestRecord

SESSION_COOKIE = "ASP.NET_SessionId"
DEVICE_COOKIE = "FpsPartnerDeviceIdentifier"
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
KEEP_ALIVE = "is-system-updating"


@dataclass(frozen=True)
class Endpoint:
    handler: Callable[[ApiCall], Any]
    needs_login: bool = True


ENDPOINTS: dict[str, Endpoint] = {
    "start": Endpoint(auth.start, needs_login=False),
    "begin-authentication": Endpoint(auth.begin_authentication, needs_login=False),
    "check-authentication-status-qr": Endpoint(
        auth.check_authentication_status_qr, needs_login=False
    ),
    "is-authorizied": Endpoint(auth.is_authorizied, needs_login=False),
    KEEP_ALIVE: Endpoint(auth.is_system_updating, needs_login=False),
    "sign-out": Endpoint(auth.sign_out),
    "licence-information": Endpoint(search.licence_information),
    "information": Endpoint(search.information),
    "search-information": Endpoint(search.search_information),
    "occasion-bundles": Endpoint(search.occasion_bundles),
    "booking-hindrances": Endpoint(search.booking_hindrances),
    "examinations": Endpoint(search.examinations),
    "create-reservation": Endpoint(booking.create_reservation),
    "get-active-reservations": Endpoint(booking.get_active_reservations),
    "get-reservation-time": Endpoint(booking.get_reservation_time),
    "reservation-information": Endpoint(booking.reservation_information),
    "invoice-payment": Endpoint(booking.invoice_payment),
    "summary": Endpoint(booking.summary),
    "examinations-to-cancel": Endpoint(booking.examinations_to_cancel),
    "confirm-cancel": Endpoint(booking.confirm_cancel),
    "get-confirmed-examinations": Endpoint(search.confirmed_examinations),
    "get-suggested-reservations-by-licence-and-ssn": Endpoint(search.suggested_reservations),
    "getpaymentmodel": Endpoint(booking.payment_model),
}

# Endpoints whose real path is not lower-case kebab (the answer's `url` names the real path).
CANONICAL_PATHS = {"getpaymentmodel": "GetPaymentModel"}

MAINTENANCE_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Förarprov - Bokning</title></head>
<body><h1>Tjänsten är inte tillgänglig just nu</h1><p>{message}</p></body></html>
"""
EXPIRED_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Förarprov - Bokning</title></head>
<body><h1>Du har blivit utloggad</h1><p>Din session har gått ut. Logga in igen.</p>
<a href="/Boka/ng/">Till startsidan</a></body></html>
"""
FAULT_TITLES = {
    403: "Forbidden",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.http_status)


def fault_response(rule: FaultRule) -> Response:
    title = FAULT_TITLES.get(rule.status, "Error")
    if rule.body == "json":
        body = {
            "status": rule.status,
            "data": {"success": False, "message": title},
            "type": "ServerException",
        }
        return JSONResponse(body, status_code=rule.status)
    page = (
        f"<!DOCTYPE html><html><head><title>{rule.status} {title}</title></head>"
        f"<body><h1>{title}</h1></body></html>"
    )
    return HTMLResponse(page, status_code=rule.status)


def expiry_response(style: ExpiryStyle) -> Response:
    if style == "status_401":
        return JSONResponse({"status": 401})
    if style == "html":
        return HTMLResponse(EXPIRED_PAGE)
    return error_response(login_required())


def give_session_cookies(request: Request, response: Response) -> None:
    """`ASP.NET_SessionId` (and a device id) on the first response that lacks them."""
    if SESSION_COOKIE not in request.cookies:
        response.set_cookie(
            SESSION_COOKIE, new_session_id(), path="/", httponly=True, samesite="lax"
        )
    if DEVICE_COOKIE not in request.cookies:
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_hex(32),
            path="/",
            httponly=True,
            samesite="lax",
            max_age=365 * 24 * 3600,
        )


def apply_cookie_changes(response: Response, changes: list[CookieChange]) -> None:
    for change in changes:
        if change.value is None:
            response.delete_cookie(change.name, path="/", httponly=change.http_only)
        else:
            response.set_cookie(
                change.name, change.value, path="/", httponly=change.http_only, samesite="lax"
            )


def parse_body(raw: bytes) -> Any:
    """Any content type; an empty body or `null` is None."""
    text = raw.decode("utf-8", errors="strict").strip() if raw else ""
    if not text:
        return None
    return json.loads(text)


class ApiRoute:
    """Answers one `/Boka/<endpoint>` request through the whole pipeline."""

    def __init__(self, state: ReplicaState) -> None:
        self.state = state

    async def __call__(self, request: Request, endpoint: str) -> Response:
        started = perf_counter()
        name = endpoint.lower()
        response, error_type = await self._answer(request, name)
        give_session_cookies(request, response)
        # Lets the page align its QR clock with the replica's (which `clock_offset_s` shifts).
        response.headers["X-Replica-Now-Ms"] = str(int(self.state.now().timestamp() * 1000))
        self.state.requests.append(
            RequestRecord(
                time=self.state.now(),
                method=request.method,
                endpoint=name,
                status=response.status_code,
                latency_ms=(perf_counter() - started) * 1000,
                error_type=error_type,
            )
        )
        return response

    async def _answer(self, request: Request, name: str) -> tuple[Response, str | None]:
        state = self.state
        if request.method != "POST":
            if name == "ng" and request.method in ("GET", "HEAD"):
                return RedirectResponse("/Boka/ng/", status_code=302), None
            body = {
                "success": False,
                "error": "Only POST is allowed here.",
                "code": "method_not_allowed",
            }
            return JSONResponse(body, status_code=405, headers={"Allow": "POST"}), None
        endpoint = ENDPOINTS.get(name)
        if endpoint is None:
            error = ApiError("Sidan finns inte", "NotFoundException", status=404)
            return error_response(error), error.error_type
        delay = state.latency_s(name)
        if delay > 0:
            await asyncio.sleep(delay)
        raw = await request.body()
        # From here on nothing awaits: each call checks and changes state atomically.
        now = state.tick()
        window = state.faults.maintenance_at(now)
        if window is not None and name != KEEP_ALIVE:
            page = MAINTENANCE_PAGE.format(message=html.escape(window.message))
            return HTMLResponse(page, status_code=503), "Maintenance"
        rule = state.faults.take(name)
        if rule is not None:
            return fault_response(rule), "Fault"
        login = state.logins.lookup(request.cookies.get(auth.IDENTITY_COOKIE), now, state.config)
        if endpoint.needs_login:
            if login is None:
                return error_response(login_required()), "LoginRequiredException"
            if login.doom is not None:
                if login.doom.calls_left <= 0:
                    state.logins.remove(login)
                    return expiry_response(login.doom.style), "ForcedExpiry"
                login.doom.calls_left -= 1
        call = ApiCall(state=state, now=now, body=None, login=login)
        try:
            try:
                call.body = parse_body(raw)
            except (ValueError, UnicodeDecodeError) as error:
                raise ApiError(INVALID_REQUEST) from error
            # Every answer goes out through the real shape: drift fails here, loudly.
            data = strict_answer(name, endpoint.handler(call))
            if name == "occasion-bundles":
                # Test-only drift controls: the fields renamed after the real shape's check.
                data = state.drifts.drift_answer(data)
        except ApiError as error:
            response: Response = error_response(error)
            apply_cookie_changes(response, call.cookies)
            return response, error.error_type
        self._slide(call)
        path = CANONICAL_PATHS.get(name, name)
        url = f"{request.url.scheme}://{request.url.netloc}/Boka/{path}"
        response = JSONResponse({"data": data, "status": 200, "url": url})
        apply_cookie_changes(response, call.cookies)
        return response, None

    def _slide(self, call: ApiCall) -> None:
        """Sliding sessions: every answer extends the login and rotates its identity."""
        login = call.login
        if login is None or self.state.config.session_mode != "sliding":
            return
        if any(change.name == auth.IDENTITY_COOKIE for change in call.cookies):
            return  # this answer already set the identity (a fresh login or a sign-out)
        login.last_activity = call.now
        self.state.logins.rotate(login)
        auth.login_cookies(call, login)


def build_api_router(state: ReplicaState) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    route = ApiRoute(state)

    @router.api_route("/Boka/{endpoint}", methods=ALL_METHODS)
    async def boka_endpoint(request: Request, endpoint: str) -> Response:
        return await route(request, endpoint)

    return router
