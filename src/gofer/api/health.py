"""Liveness (public) and a detailed view of the server's parts (authenticated)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import text

from gofer import __version__
from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.core import Core
from gofer.principal import Principal

router = APIRouter(tags=["health"])


@router.get("/health")
async def health() -> dict[str, Any]:
    return {"status": "ok", "version": __version__}


@router.get("/health/detailed")
async def health_detailed(
    _: Principal = Depends(require_principal), gofer: Core = Depends(core)
) -> dict[str, Any]:
    database_ok = True
    try:
        async with gofer.db() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        database_ok = False
    pool = gofer.pool
    browser = {
        "enabled": pool is not None,
        "connected": bool(pool and pool.connected),
        "version": pool.version if pool else None,
        "contexts_in_use": pool.contexts_in_use if pool else 0,
        "pages_in_use": pool.pages_in_use if pool else 0,
        "launches": pool.launches if pool else 0,
    }
    workers = await gofer.workers.all() if database_ok else []
    healthy = database_ok and (pool is None or pool.connected)
    return {
        "status": "ok" if healthy else "degraded",
        "version": __version__,
        "role": gofer.role,
        "browser": browser,
        "database": {"ok": database_ok},
        "queue": gofer.executor.describe(),
        "pools": gofer.worker.describe()["pools"] if gofer.worker is not None else {},
        "workers": [w.model_dump(mode="json") for w in workers],
        "workflows": gofer.registry.names(),
    }
