"""Switches of the VPBank forms replica, set at startup or through the test controls."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# "as_intended": Operations shows its four conditional groups and computes balanceStatus, as the
# previous real version did. "deployed": like the live page, which never shows them.
OperationsMode = Literal["as_intended", "deployed"]


class FormsReplicaConfig(BaseModel):
    """Every switch of the forms replica."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    operations_mode: OperationsMode = "as_intended"


class FormsReplicaConfigPatch(BaseModel):
    """Body of `PATCH /_replica/forms/config`: only the switches to change."""

    model_config = ConfigDict(extra="forbid")

    operations_mode: OperationsMode | None = None
