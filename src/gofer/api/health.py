"""Liveness (public) and a detailed view of the server's parts (authenticated)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import text

from gofer import __version__
from gofer.api.auth import Principal, require_principal
from gofer.services import Services, services

router = APIRouter(tags=["health"])


@router.get("/health")
async def health() -> dict[str, Any]:
    return {"status": "ok", "version": __version__}


@router.get("/health/detailed")
async def health_detailed(
    _: Principal = Depends(require_principal), svc: Services = Depends(services)
) -> dict[str, Any]:
    database_ok = True
    try:
        async with svc.sessions() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        database_ok = False
    pool = svc.pool
    browser = {
        "enabled": pool is not None,
        "connected": bool(pool and pool.connected),
        "version": pool.version if pool else None,
        "contexts_in_use": pool.contexts_in_use if pool else 0,
        "launches": pool.launches if pool else 0,
    }
    healthy = database_ok and (pool is None or pool.connected)
    return {
        "status": "ok" if healthy else "degraded",
        "version": __version__,
        "browser": browser,
        "database": {"ok": database_ok},
        "queue": {"depth": svc.runner.queue_depth(), "running_jobs": svc.runner.running_count},
        "workflows": svc.registry.names(),
    }
