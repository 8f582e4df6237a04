"""Handlers of the account and search endpoints (spec §3.3, §3.4)."""

from __future__ import annotations

import asyncio
from typing import Any

from .calls import INVALID_REQUEST, ApiCall, ApiError, as_int
from .clock import parse_instant
from .competitor import PlannedTake
from .ledger import Examination
from .reference import (
    DEFAULT_OCCASION_CHOICE_ID,
    DEFAULT_TACHOGRAPH_TYPE_ID,
    EXAM_TYPES,
    LANGUAGES,
    LICENCES,
    LOCATIONS,
    VEHICLE_NAMES,
    exam_types_for_licence,
    licence_categories_json,
    vehicle_type_ids,
)
from .search import MAX_NEARBY_LOCATIONS, OccasionQuery, find_bundles, place_ids
from .shapes import aspirant_json, bundle_json, examination_json, swedish_long_date

# Before this, a `startDate` means "from now" (the page sends 1970-01-01).
EPOCH_YEAR_LIMIT = 2000


def licence_information(call: ApiCall) -> dict[str, Any]:
    return {
        "enableSocialSecurityNumber": False,
        "socialSecurityNumber": call.ssn,
        "licenceId": 0,
        "licenceCategories": licence_categories_json(),
    }


def information(call: ApiCall) -> dict[str, Any]:
    return {"aspirant": aspirant_json(call.ssn, call.now)}


def hindrances(call: ApiCall, licence_id: int, examination_type_id: int) -> list[Examination]:
    """Confirmed bookings of this licence and exam type: reserving another time rebooks them."""
    return [
        exam
        for exam in call.state.ledger.confirmed(call.ssn)
        if exam.licence_id == licence_id
        and exam.slot.start > call.now
        and examination_type_id in (0, exam.slot.exam_type_id)
    ]


def hindrance_message(exam: Examination) -> str:
    place = LOCATIONS.get(exam.slot.location_id)
    where = place.name if place else str(exam.slot.location_id)
    return (
        f"Befintlig bokning: du har redan ett bokat {exam.slot.exam.occasion_name}"
        f" {swedish_long_date(exam.slot.start)} i {where}."
        " Väljer du en ny tid ombokas det provet."
    )


def search_information(call: ApiCall) -> dict[str, Any]:
    session = call.booking_session()
    config = call.state.config
    licence_id = as_int(session.get("licenceId"))
    examination_type_id = as_int(session.get("examinationTypeId"))
    licence = LICENCES.get(licence_id)
    exam_types = exam_types_for_licence(licence_id)
    chosen = EXAM_TYPES.get(examination_type_id)
    if chosen is not None and chosen.licence_id != licence_id:
        chosen = None
    booked = hindrances(call, licence_id, examination_type_id) if chosen is not None else []
    location_ids = [location.id for location in LOCATIONS.values()]
    return {
        # An existing booking does not stop a search: a new reservation rebooks it.
        "canBookLicence": licence is not None,
        "licenceId": licence_id,
        "licences": [item.as_json() for item in LICENCES.values()],
        "licenceCategories": licence_categories_json(),
        "locationId": None,
        "locations": [location.as_json() for location in LOCATIONS.values()],
        "enableNearbyLocations": True,
        "maxNearbyLocations": MAX_NEARBY_LOCATIONS,
        "nearbyLocationIds": None,
        "timeIntervalId": 1,
        "timeIntervals": [{"id": 1, "startDate": "1970-01-01T00:00:00.000Z", "name": "Alla tider"}],
        "showLanguage": chosen is not None and not chosen.is_driving,
        "languageId": 0,
        "languages": [
            {"id": lang_id, "name": name, "code": code, "locationIds": location_ids}
            for lang_id, (name, code) in LANGUAGES.items()
        ],
        "showVehicleType": chosen is not None and chosen.is_driving,
        "vehicleTypeId": 0,
        "vehicleTypes": [
            {"id": vehicle_id, "name": VEHICLE_NAMES[vehicle_id]}
            for vehicle_id in vehicle_type_ids(config.own_vehicle_option)
        ],
        "showTachographType": False,
        "tachographTypeId": DEFAULT_TACHOGRAPH_TYPE_ID,
        "tachographTypes": [{"id": DEFAULT_TACHOGRAPH_TYPE_ID, "name": "Digital färdskrivare"}],
        "showOccasionChoices": False,
        "occasionChoiceId": DEFAULT_OCCASION_CHOICE_ID,
        "occasionChoices": [{"id": DEFAULT_OCCASION_CHOICE_ID, "name": "Prov"}],
        "showExaminationType": bool(exam_types),
        "examinationTypes": [exam.as_json() for exam in exam_types],
        "providerLogoPath": None,
        "hindranceMessage": [hindrance_message(exam) for exam in booked],
        "maxSearchPeriodInMonths": config.max_search_months,
    }


def _id_list(value: Any) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError(INVALID_REQUEST)
    return [as_int(item) for item in value]


def occasion_bundles(call: ApiCall) -> dict[str, Any]:
    call.booking_session()
    raw = call.fields().get("occasionBundleQuery")
    if not isinstance(raw, dict):
        raise ApiError(INVALID_REQUEST)
    start_date = None
    if raw.get("startDate"):
        try:
            start_date = parse_instant(str(raw["startDate"]))
        except ValueError as error:
            raise ApiError(INVALID_REQUEST) from error
        if start_date.year < EPOCH_YEAR_LIMIT:
            start_date = None
    query = OccasionQuery(
        start_date=start_date,
        searched_months=as_int(raw.get("searchedMonths")),
        location_ids=place_ids(
            as_int(raw.get("locationId")), _id_list(raw.get("nearbyLocationIds"))
        ),
        examination_type_id=as_int(raw.get("examinationTypeId")),
        vehicle_type_id=as_int(raw.get("vehicleTypeId")),
        language_id=as_int(raw.get("languageId")),
    )
    state = call.state
    page = find_bundles(state, query, call.now)
    shown = [slot for bundle in page.bundles for slot in bundle]
    _wake_for_competitor(call, state.competitor.saw(shown, call.now))
    return {
        "bundles": [bundle_json(bundle) for bundle in page.bundles],
        "searchedMonths": page.searched_months,
    }


def _wake_for_competitor(call: ApiCall, planned: list[PlannedTake]) -> None:
    """Take planned slots on time even if no request arrives then (bookings inspection)."""
    if not planned:
        return
    loop = asyncio.get_running_loop()
    for take in planned:
        delay = max(0.0, (take.due - call.now).total_seconds())
        loop.call_later(delay, call.state.tick)


def booking_hindrances(call: ApiCall) -> dict[str, Any]:
    session = call.booking_session()
    licence_id = as_int(session.get("licenceId"))
    chosen = as_int(session.get("examinationTypeId"))
    booked = hindrances(call, licence_id, chosen) if chosen else []
    return {
        "canBookLicence": licence_id in LICENCES,
        "hindranceMessages": [hindrance_message(exam) for exam in booked],
        "hindranceIds": [exam.examination_id for exam in booked],
    }


def examinations(call: ApiCall) -> dict[str, Any]:
    booked = call.state.ledger.confirmed(call.ssn)
    upcoming = [examination_json(e, call.now) for e in booked if e.slot.end > call.now]
    completed = [examination_json(e, call.now) for e in booked if e.slot.end <= call.now]
    return {
        "isCalendarEnabled": True,
        "hasConfirmedExaminations": bool(upcoming),
        "confirmedExaminations": upcoming,
        "hasCompletedExaminations": bool(completed),
        "completedExaminations": completed,
    }


def confirmed_examinations(call: ApiCall) -> list[dict[str, Any]]:
    """`get-confirmed-examinations {licenceId}`: the user's booked exams of one licence."""
    licence_id = as_int(call.fields().get("licenceId"))
    return [
        examination_json(exam, call.now)
        for exam in call.state.ledger.confirmed(call.ssn)
        if exam.licence_id == licence_id and exam.slot.end > call.now
    ]


def suggested_reservations(call: ApiCall) -> list[dict[str, Any]]:
    """`get-suggested-reservations-by-licence-and-ssn {licenceId, ssn}`: none in the replica."""
    fields = call.fields()
    call.check_ssn(fields.get("ssn"))
    return []
