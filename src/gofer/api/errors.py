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


def invalid_json_sentence(errors: list[Any], body: Any) -> str | None:
    """A sentence for a body that is not JSON at all, or None if the body parsed.

    FastAPI reports a decode failure as a validation error whose location is the byte offset;
    that offset is a position, not a field, so it becomes a line and column instead.
    """
    error = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if error is None:
        return None
    reason = str((error.get("ctx") or {}).get("error") or "it could not be parsed")
    loc = error.get("loc", ())
    offset = loc[-1] if loc and isinstance(loc[-1], int) else None
    if offset is None or not isinstance(body, str):
        return f"The request body is not valid JSON: {reason}"
    line = body.count("\n", 0, offset) + 1
    column = offset - (body.rfind("\n", 0, offset) + 1) + 1
    return f"The request body is not valid JSON: {reason} at line {line} column {column}"


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
        errors = list(exc.errors())
        not_json = invalid_json_sentence(errors, exc.body)
        if not_json is not None:
            # Still 422 as before (FastAPI's status for it, so clients keep working), but the body
            # as a whole is named, never a byte offset as if it were a field.
            return JSONResponse(
                error_body(
                    not_json, "invalid_json", details=[{"field": "body", "message": not_json}]
                ),
                status_code=422,
            )
        sentence, details = validation_details(errors)
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
