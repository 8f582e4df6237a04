"""One JSON error shape for every failure a client can see, and the handlers that produce it."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gofer.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    GoferError,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    RateLimited,
    TimedOut,
    Unavailable,
    UpstreamFailed,
)

log = structlog.get_logger("gofer.api")


# Each kind of domain error becomes one HTTP status, here and nowhere else.
STATUS_BY_KIND: dict[type[GoferError], int] = {
    BadRequest: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    RateLimited: 429,
    UpstreamFailed: 502,
    Unavailable: 503,
    TimedOut: 504,
}


def http_status(error: GoferError) -> int:
    for kind in type(error).__mro__:
        status = STATUS_BY_KIND.get(kind)  # type: ignore[call-overload]
        if status is not None:
            return status
    return 400


def error_body(error: str, code: str, **extra: Any) -> dict[str, Any]:
    return {"success": False, "error": error, "code": code, **extra}


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_details(errors: list[Any]) -> tuple[str, list[dict[str, Any]]]:
    details = [
        {"field": _field_name(e.get("loc", ())), "message": e.get("msg", "")} for e in errors
    ]
    first = details[0] if details else {"field": "body", "message": "invalid"}
    message = first["message"].removeprefix("Value error, ")
    return f"Invalid value for '{first['field']}': {message}", details


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GoferError)
    async def _domain_error(_: Request, exc: GoferError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.error, exc.code, **exc.extra),
            status_code=http_status(exc),
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        sentence, details = validation_details(list(exc.errors()))
        return JSONResponse(
            error_body(sentence, "validation_error", details=details), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}
        text = exc.detail if isinstance(exc.detail, str) else "Request failed"
        return JSONResponse(
            error_body(text, codes.get(exc.status_code, "http_error")),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled_error", error_type=type(exc).__name__)
        return JSONResponse(error_body("Internal server error", "internal"), status_code=500)
