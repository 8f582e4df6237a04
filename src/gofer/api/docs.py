"""API documentation served by the server itself: Swagger UI from a package, OpenAPI with a bearer
scheme and the error envelope on every operation, and the AsyncAPI file for the WebSockets."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from swagger_ui_bundle import swagger_ui_path

from gofer import __version__

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
ASYNCAPI_PATH = "/asyncapi.json"
ASYNCAPI_FILE = Path(__file__).with_name("asyncapi.json")
# The Swagger UI files the page loads, from the swagger-ui-bundle-v2 package (no CDN: /docs
# works offline).
SWAGGER_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
BEARER = "bearerAuth"  # the scheme declared by gofer.api.auth.require_principal
ERROR_REF = "#/components/schemas/ErrorBody"

# One example of the error envelope for each standard status.
ERROR_EXAMPLES: dict[int, tuple[str, dict[str, Any]]] = {
    400: (
        "Bad request",
        {"success": False, "error": "user_message is required", "code": "user_message_required"},
    ),
    401: (
        "Missing or invalid bearer token",
        {"success": False, "error": "Missing or invalid bearer token", "code": "unauthorized"},
    ),
    404: (
        "Not found, or not this caller's (tenants never see each other's data)",
        {"success": False, "error": "Job not found", "code": "not_found"},
    ),
    409: (
        "Conflicts with the resource's current state",
        {"success": False, "error": "The job has already ended", "code": "conflict"},
    ),
    422: (
        "A field is invalid (named in the sentence and in details), or the body is not JSON",
        {
            "success": False,
            "error": "Invalid value for 'locations': List should have at most 4 items",
            "code": "validation_error",
            "details": [{"field": "locations", "message": "List should have at most 4 items"}],
        },
    ),
    429: (
        "Too many requests: wait for Retry-After seconds",
        {"success": False, "error": "Rate limit exceeded", "code": "rate_limited"},
    ),
}
ERROR_SCHEMA: dict[str, Any] = {
    "title": "ErrorBody",
    "type": "object",
    "required": ["success", "error", "code"],
    "properties": {
        "success": {"type": "boolean", "const": False},
        "error": {"type": "string", "description": "A sentence for a person."},
        "code": {"type": "string", "description": "A machine code, stable across versions."},
        "details": {
            "type": "array",
            "description": "Validation errors: each names its field.",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
DESCRIPTION_FOOTER = (
    "\n\nEvery route except `/health` needs `Authorization: Bearer <token>` (use **Authorize**). "
    "Errors are `{success: false, error, code}`; a 422 names the field.\n\n"
    f"Live events are on WebSockets, described in AsyncAPI: [{ASYNCAPI_PATH}]({ASYNCAPI_PATH})."
)


def error_response(status: int) -> dict[str, Any]:
    """One OpenAPI response object: the error envelope with an example."""
    description, example = ERROR_EXAMPLES[status]
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": ERROR_REF},
                "example": example,
            }
        },
    }


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """For `APIRouter(responses=...)` or a route's `responses=`: the envelope for each status."""
    return {status: error_response(status) for status in statuses}


def standard_statuses(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses every operation of this kind can answer with."""
    protected = bool(operation.get("security"))
    statuses = [422, 429]
    if protected:
        statuses.append(401)
    if protected or "{" in path:
        statuses.append(404)  # someone else's resource is "not found" too
    if method in ("post", "put", "patch", "delete"):
        statuses.append(409)
    return sorted(statuses)


def gofer_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, plus the bearer scheme and the error envelope on every operation."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=(app.description or "") + DESCRIPTION_FOOTER,
        routes=app.routes,
    )
    components = schema.setdefault("components", {})
    schemes = components.setdefault("securitySchemes", {})
    schemes.setdefault(BEARER, {"type": "http", "scheme": "bearer"})
    schemas = components.setdefault("schemas", {})
    schemas["ErrorBody"] = ERROR_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if isinstance(operation, dict) and "responses" in operation:
                _add_error_responses(operation, standard_statuses(path, method, operation))
    # The envelope replaces FastAPI's own validation error shape everywhere.
    for name in ("HTTPValidationError", "ValidationError"):
        if not _referenced(schema, name):
            schemas.pop(name, None)
    app.openapi_schema = schema
    return schema


def _add_error_responses(operation: dict[str, Any], statuses: list[int]) -> None:
    responses = operation.setdefault("responses", {})
    declared = {int(s) for s in responses if s.isdigit() and int(s) >= 400}
    for status in sorted(declared | set(statuses)):
        existing = responses.get(str(status), {})
        if status in ERROR_EXAMPLES:
            standard = error_response(status)
            if existing.get("description") and status != 422:  # the route author's word wins
                standard["description"] = existing["description"]
            responses[str(status)] = standard
        elif not existing.get("content"):  # e.g. 502, 503: the same envelope, no example
            existing["content"] = {"application/json": {"schema": {"$ref": ERROR_REF}}}
            existing.setdefault("description", "Error")
            responses[str(status)] = existing


def _referenced(schema: dict[str, Any], name: str) -> bool:
    return f'"#/components/schemas/{name}"' in json.dumps(schema.get("paths", {}))


@cache
def asyncapi_document() -> dict[str, Any]:
    """The AsyncAPI file, stamped with this server's version."""
    document: dict[str, Any] = json.loads(ASYNCAPI_FILE.read_text(encoding="utf-8"))
    document["info"]["version"] = __version__
    return document


def install_docs(app: FastAPI) -> None:
    """Serves /docs from local assets, /asyncapi.json, and the enriched OpenAPI schema.

    Called once from create_app after the routers are included. FastAPI's own /docs and /redoc
    load their scripts from a CDN (blank pages offline), so they are replaced.
    """
    replaced = {app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url}
    app.router.routes = [
        r for r in app.router.routes if getattr(r, "path", None) not in replaced - {None}
    ]
    app.docs_url = app.redoc_url = None
    app.openapi = lambda: gofer_openapi(app)  # type: ignore[method-assign]

    @app.get(DOCS_PATH, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} API",
            swagger_js_url=f"{root}{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_PATH}/favicon-32x32.png",
            swagger_ui_parameters={"persistAuthorization": True},
        )

    @app.get(ASSETS_PATH + "/{name}", include_in_schema=False)
    async def swagger_asset(name: str) -> FileResponse:
        media_type = SWAGGER_ASSETS.get(name)
        if media_type is None:
            raise HTTPException(404, "Not found")
        return FileResponse(
            Path(str(swagger_ui_path)) / name,
            media_type=media_type,
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get(ASYNCAPI_PATH, include_in_schema=False)
    async def asyncapi() -> JSONResponse:
        return JSONResponse(asyncapi_document())
