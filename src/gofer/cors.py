"""Cross-origin requests: an explicit list of allowed origins (localhost ones in dev, none in prod)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.middleware.cors import CORSMiddleware

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.config import Settings

DEV_ORIGINS = (
    "http://localhost:3000",
    "http://127.0.0.1:3000",
    "http://localhost:5173",
    "http://127.0.0.1:5173",
    "http://localhost:8080",
    "http://127.0.0.1:8080",
)
ALLOWED_HEADERS = ("Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID")
EXPOSED_HEADERS = (
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-Request-ID",
)


def allowed_origins(settings: Settings) -> list[str]:
    if settings.cors_origins is not None:
        return [origin.rstrip("/") for origin in settings.cors_origins if origin.strip()]
    return list(DEV_ORIGINS) if settings.env == "dev" else []


def install_cors(app: FastAPI, settings: Settings) -> None:
    origins = allowed_origins(settings)
    if not origins:
        return  # no browser origin may call the API: no CORS headers at all
    wildcard = "*" in origins
    app.add_middleware(
        CORSMiddleware,  # type: ignore[arg-type]
        allow_origins=["*"] if wildcard else origins,
        # Bearer tokens travel in a header, not cookies; credentials never go with "*".
        allow_credentials=not wildcard,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=list(ALLOWED_HEADERS),
        expose_headers=list(EXPOSED_HEADERS),
        max_age=600,
    )
