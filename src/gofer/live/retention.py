"""Old recordings and spent live tokens are deleted on a timer (until a general pruner calls us)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import structlog

from gofer.config import Settings
from gofer.events.model import utc_now
from gofer.live.artifacts import prune_artifacts
from gofer.live.tokens import LiveTokens

log = structlog.get_logger("gofer.live.retention")

PRUNE_EVERY_S = 3600.0


async def prune_once(settings: Settings, tokens: LiveTokens) -> int:
    """Deletes artifacts older than the retention setting and expired tokens; returns folders."""
    await tokens.prune(utc_now() - timedelta(hours=1))
    if settings.retention_artifacts_days <= 0:
        return 0
    older_than = timedelta(days=settings.retention_artifacts_days)
    return await asyncio.to_thread(prune_artifacts, settings.data_dir, older_than)


async def prune_periodically(settings: Settings, tokens: LiveTokens) -> None:
    while True:
        try:
            await prune_once(settings, tokens)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("live_prune_failed")
        await asyncio.sleep(PRUNE_EVERY_S)
