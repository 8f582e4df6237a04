"""Books a driving test on Trafikverket's "Boka prov" through the site's own pages."""

from __future__ import annotations

from typing import Any, ClassVar

from gofer.events.model import BOOKING_COMPLETED, BOOKING_STARTED
from gofer.workflows.base import StepContext
from gofer.workflows.trafikverket.params import BookingParams


class BookingWorkflow:
    name: ClassVar[str] = "trafikverket.book"
    params_model: ClassVar[type[BookingParams]] = BookingParams
    completed_event: ClassVar[str] = BOOKING_COMPLETED
    failed_event: ClassVar[str | None] = BOOKING_COMPLETED
    started_event: ClassVar[str | None] = BOOKING_STARTED

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        raise NotImplementedError
