"""The switches of the Trafikverket replica (spec §7), with their defaults."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ReplicaConfig(BaseModel):
    """Every switch the replica reads. Changing one at run time takes effect on the next request."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    # --- deterministic slots ---
    seed: int = 1
    slot_first_day: int = Field(default=14, ge=0, le=400)
    slot_last_day: int = Field(default=120, ge=0, le=400)
    slot_density: float = Field(default=0.15, ge=0.0, le=1.0)

    # --- reservations and sessions ---
    hold_minutes: float = Field(default=15.0, gt=0)
    session_mode: Literal["fixed", "sliding"] = "fixed"
    session_minutes: float = Field(default=30.0, gt=0)

    # --- simulated BankID ---
    # BankID publishes no acceptance window for animated codes, only "refresh every second";
    # 5 s accepts a page that redraws every 2 s (up to 3 s behind) plus the scan itself, as
    # the real app does for such pages. 1.0 is the strict mode: only the code now on screen.
    bankid_qr_max_age_s: float = Field(default=5.0, gt=0)
    bankid_order_timeout_s: float = Field(default=180.0, gt=0)

    # --- search ---
    bundle_cap: int = Field(default=500, ge=1)
    max_search_months: int = Field(default=6, ge=1, le=24)

    # --- page variants ---
    own_vehicle_option: bool = False
    mobile_results: bool = False
    duplicate_occasions: bool = False
    otp_enabled: bool = False

    # --- time and latency ---
    clock_offset_s: float = 0.0
    latency_ms: float = Field(default=0.0, ge=0)
    latency_jitter_ms: float = Field(default=0.0, ge=0)
    latency_by_endpoint: dict[str, float] = Field(default_factory=dict)
    page_latency_ms: float = Field(default=0.0, ge=0)

    @model_validator(mode="after")
    def _days_in_order(self) -> ReplicaConfig:
        if self.slot_last_day < self.slot_first_day:
            raise ValueError("slot_last_day must not be before slot_first_day")
        return self

    def page_switches(self) -> dict[str, bool]:
        """The switches the single-page app needs to render its variants."""
        return {
            "mobileResults": self.mobile_results,
            "ownVehicleOption": self.own_vehicle_option,
            "otpEnabled": self.otp_enabled,
        }
