"""What the routes of one forms replica share: its store and its switches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from gofer.replicas.vpbank.config import FormsReplicaConfig
from gofer.replicas.vpbank.state import FormStateStore

# Vietnam keeps no daylight saving time, so a fixed offset is exact.
VIETNAM = timezone(timedelta(hours=7), "ICT")


@dataclass
class FormsReplica:
    initial_config: FormsReplicaConfig
    store: FormStateStore = field(default_factory=FormStateStore)
    config: FormsReplicaConfig = field(init=False)

    def __post_init__(self) -> None:
        self.config = self.initial_config.model_copy()

    async def reset(self) -> None:
        """Forget every state and submission, and put the switches back as they started."""
        await self.store.clear()
        self.config = self.initial_config.model_copy()


def vietnam_iso(moment: datetime | None) -> str | None:
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds") if moment else None
