"""The booking site's own choices (locations, licences, exams) for clients building a form."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from gofer.api.auth import require_principal
from gofer.principal import Principal
from gofer.workflows.trafikverket import reference

router = APIRouter(prefix="/api/v1/booking", tags=["booking"])


class BookingChoices(BaseModel):
    success: bool = True
    locations: list[str]
    licence_types: list[str]
    exam_types: list[str]
    vehicles: dict[str, str]
    languages: dict[str, str]
    max_locations: int = 4


@router.get("/locations", response_model=BookingChoices)
async def booking_locations(_: Principal = Depends(require_principal)) -> BookingChoices:
    """Test centres and the other choices the booking form offers, in the site's own names."""
    return BookingChoices(
        locations=sorted(reference.LOCATIONS, key=reference.fold),
        licence_types=list(reference.LICENCES),
        exam_types=list(reference.EXAM_TYPES),
        vehicles=dict(reference.VEHICLES),
        languages=dict(reference.LANGUAGES),
    )
