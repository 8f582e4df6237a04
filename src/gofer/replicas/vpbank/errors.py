"""JSON error answers of the forms replica; a 422 names the field it refuses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class ReplicaError(Exception):
    """A refusal with a human sentence and a machine code."""

    def __init__(self, status: int, code: str, error: str, *, field: str | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.code = code
        self.error = error
        self.field = field


def _body(error: str, code: str, field: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"success": False, "error": error, "code": code}
    if field is not None:
        body["field"] = field
    return body


def _field_of(loc: Sequence[Any]) -> str:
    # ("body", "values", "x") -> "values.x"; ("query", "session") -> "session"
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "body"


async def _on_replica_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ReplicaError)
    return JSONResponse(_body(exc.error, exc.code, exc.field), status_code=exc.status)


async def _on_validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    field = _field_of(first.get("loc", ()))
    message = str(first.get("msg", "invalid value"))
    return JSONResponse(
        _body(f"Invalid {field}: {message}.", "validation_error", field), status_code=422
    )


async def _on_http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    error = {404: "Not found.", 405: "Method not allowed."}.get(exc.status_code, str(exc.detail))
    return JSONResponse(_body(error, code), status_code=exc.status_code, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ReplicaError, _on_replica_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
