"""What a job that changes a booking a person already holds asks for: move it earlier, or cancel it."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gofer.workflows.trafikverket.params import BookingParams, Text

# Mina prov names a booking by its examination id or its booking reference: both are digits.
BOOKING_ID_PATTERN = r"^\d{1,20}$"
BookingId = Annotated[
    str,
    Field(
        pattern=BOOKING_ID_PATTERN,
        description="The examination id or booking reference shown in Mina prov (digits).",
    ),
]


class RebookParams(BookingParams):
    """Move a booked test to an earlier free slot. Unset places mean the booking's own place."""

    locations: list[Annotated[Text, Field(max_length=100)]] = Field(  # type: ignore[assignment]
        default_factory=list,
        max_length=4,
        description="0 to 4 places; none means the place of the booking held now.",
    )
    booking_id: BookingId | None = Field(
        None, description="Which booking to move; default: the person's booked test of exam_type."
    )


class CancelParams(BaseModel):
    """Cancel a booked test. Cancelling cannot be undone, so the caller must say `confirm: true`."""

    model_config = ConfigDict(extra="forbid")

    user_id: Text | None = Field(None, max_length=128, description="The caller's own user id.")
    booking_id: BookingId
    confirm: bool = Field(
        False,
        validate_default=True,
        description="Must be true: a cancelled test cannot be restored.",
    )
    timeout_s: float | None = Field(
        None, gt=0, le=86_400, allow_inf_nan=False, description="Whole-job time limit in seconds."
    )

    @field_validator("confirm")
    @classmethod
    def _confirmed(cls, value: bool) -> bool:
        if not value:
            raise ValueError("must be true: a cancelled test cannot be restored")
        return value

    def public(self) -> dict[str, object]:
        return self.model_dump(mode="json", exclude_none=True)
