"""Test-only controls under `/_replica/` (spec §6 phone, §7 knobs); absent from the real site."""

from __future__ import annotations

import json
from typing import Any, Literal, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .clock import iso_local, iso_utc, parse_instant, parse_moment
from .competitor import CompetitorRule
from .drift import Drift
from .faults import FaultRule, Maintenance
from .ledger import Examination
from .reference import EXAM_TYPES, LANGUAGE_SWEDISH, LOCATIONS, VEHICLE_MANUAL
from .sessions import normalise_ssn
from .shapes import location_name
from .slots import Slot, valid_variants
from .state import QrDraw, ReplicaState

PERSONAL_NUMBER_PATTERN = r"^\s*\d{8}-?\d{4}\s*$"
Model = TypeVar("Model", bound=BaseModel)


class ControlError(Exception):
    """Answered as `{"success": false, "error", "code"}` with `status`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"success": False, "error": self.message, "code": self.code}


def validation_error(error: ValidationError, prefix: str = "") -> ControlError:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in (*([prefix] if prefix else []), *item["loc"]))
        problems.append(f"{where or 'body'}: {item['msg']}")
    return ControlError(422, "validation_error", "Invalid request: " + "; ".join(problems))


async def read_json(request: Request) -> Any:
    """The body as JSON whatever its content type (the page's beacons send text/plain)."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ControlError(422, "invalid_json", "The request body is not valid JSON.") from error


async def read_model(request: Request, model: type[Model]) -> Model:
    data = await read_json(request)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise validation_error(error) from error


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DriftBody(Body):
    drift: str


class ResetBody(Body):
    seed: int | None = None


class SlotIn(Body):
    locationId: int
    examinationTypeId: int
    vehicleTypeId: int | None = None
    languageId: int | None = None
    start: str
    visibleFrom: str | None = None

    @field_validator("locationId")
    @classmethod
    def _known_location(cls, value: int) -> int:
        if value not in LOCATIONS:
            raise ValueError(f"unknown locationId {value}")
        return value

    @field_validator("examinationTypeId")
    @classmethod
    def _known_exam(cls, value: int) -> int:
        if value not in EXAM_TYPES:
            raise ValueError(f"unknown examinationTypeId {value}; known: {sorted(EXAM_TYPES)}")
        return value


class SlotsBody(Body):
    slots: list[SlotIn] = Field(min_length=1)


class MatchIn(Body):
    locationId: int | None = None
    start: str | None = None


class CompetitorBody(Body):
    mode: Literal["on_reserve", "after_seen"]
    match: MatchIn = Field(default_factory=MatchIn)
    delay_ms: float = Field(default=0.0, ge=0)
    count: int = Field(default=1, ge=1)


class ExpireBody(Body):
    who: str = "all"
    after_calls: int = Field(default=0, ge=0)
    style: Literal["login_required", "status_401", "html"] = "login_required"


class MaintenanceIn(Body):
    on: bool = True
    message: str = "Systemet uppdateras"
    duration_s: float | None = Field(default=None, gt=0)


class FaultsBody(Body):
    status: Literal[403, 500, 502, 503] | None = None
    count: int = Field(default=1, ge=1)
    endpoints: list[str] | None = None
    pages: bool = False
    body: Literal["html", "json"] = "html"
    maintenance: MaintenanceIn | None = None


class QrDrawIn(BaseModel):
    referenceId: str
    payload: str
    drawnAtMs: float


class ScanBody(Body):
    qr: str
    personalNumber: str | None = Field(default=None, pattern=PERSONAL_NUMBER_PATTERN)
    action: Literal["approve", "cancel"] = "approve"


class SeedBookingBody(SlotIn):
    """A booking a person already holds, made before the test starts (e.g. a test in May)."""

    socialSecurityNumber: str = Field(pattern=PERSONAL_NUMBER_PATTERN)
    visibleFrom: None = None


class AutostartBody(Body):
    autostartToken: str
    personalNumber: str = Field(pattern=PERSONAL_NUMBER_PATTERN)


def slot_json(slot: Slot, state: ReplicaState) -> dict[str, Any]:
    return {
        "locationId": slot.location_id,
        "locationName": location_name(slot.location_id),
        "examinationTypeId": slot.exam_type_id,
        "vehicleTypeId": slot.vehicle_type_id,
        "languageId": slot.language_id,
        "start": iso_local(slot.start),
        "visibleFrom": iso_utc(slot.visible_from) if slot.visible_from else None,
        "taken": state.ledger.is_taken(slot.key),
    }


def booking_record(exam: Examination) -> dict[str, Any]:
    slot = exam.slot
    return {
        "bookingId": exam.booking_id,
        "examinationId": exam.examination_id,
        "status": exam.status,
        "by": exam.by,
        "socialSecurityNumber": exam.ssn,
        "licenceId": exam.licence_id,
        "examinationTypeId": slot.exam_type_id,
        "vehicleTypeId": slot.vehicle_type_id,
        "languageId": slot.language_id,
        "locationId": slot.location_id,
        "locationName": location_name(slot.location_id),
        "start": iso_local(slot.start),
        "cost": str(exam.cost),
        "payment": "invoice",
        "bookedAt": iso_utc(exam.booked_at) if exam.booked_at else None,
        "cancelledAt": iso_utc(exam.cancelled_at) if exam.cancelled_at else None,
    }


def _slot_from(item: SlotIn, index: int, state: ReplicaState, where: str | None = None) -> Slot:
    exam = EXAM_TYPES[item.examinationTypeId]
    where = f"slots.{index}" if where is None else where
    if exam.is_driving:
        variant = item.vehicleTypeId if item.vehicleTypeId is not None else VEHICLE_MANUAL
        field_name = "vehicleTypeId"
    else:
        variant = item.languageId if item.languageId is not None else LANGUAGE_SWEDISH
        field_name = "languageId"
    if variant not in valid_variants(exam):
        raise ControlError(
            422,
            "validation_error",
            f"Invalid request: {where}.{field_name}: {variant} is not valid"
            f" for examinationTypeId {exam.id}",
        )
    try:
        start = parse_instant(item.start)
    except ValueError as error:
        raise ControlError(
            422, "validation_error", f"Invalid request: {where}.start: not an ISO time"
        ) from error
    visible_from = None
    if item.visibleFrom is not None:
        try:
            visible_from = parse_moment(item.visibleFrom, state.now())
        except ValueError as error:
            raise ControlError(
                422,
                "validation_error",
                f"Invalid request: {where}.visibleFrom: not an ISO time or '+<n>s'",
            ) from error
    return Slot(item.locationId, exam.id, variant, start, visible_from)


def build_controls_router(state: ReplicaState) -> APIRouter:
    router = APIRouter(prefix="/_replica", tags=["replica test controls"])

    @router.get("/config")
    async def get_config() -> dict[str, Any]:
        return state.config.model_dump()

    @router.patch("/config")
    async def patch_config(request: Request) -> dict[str, Any]:
        changes = await read_json(request)
        if not isinstance(changes, dict):
            raise ControlError(422, "validation_error", "Invalid request: body: expected an object")
        try:
            return state.update_config(changes).model_dump()
        except ValidationError as error:
            raise validation_error(error) from error

    @router.post("/reset")
    async def reset(request: Request) -> dict[str, Any]:
        body = await read_model(request, ResetBody)
        try:
            state.reset(body.seed)
        except ValidationError as error:
            raise validation_error(error) from error
        return {"ok": True, "seed": state.config.seed}

    @router.get("/slots")
    async def list_slots() -> dict[str, Any]:
        return {
            "generated": state.slots.generated_enabled,
            "added": [slot_json(slot, state) for slot in state.slots.added()],
        }

    @router.post("/slots")
    async def add_slots(request: Request) -> dict[str, Any]:
        body = await read_model(request, SlotsBody)
        slots = [_slot_from(item, index, state) for index, item in enumerate(body.slots)]
        for slot in slots:
            state.slots.add(slot)
        return {"added": len(slots), "slots": [slot_json(slot, state) for slot in slots]}

    @router.delete("/slots")
    async def remove_slots() -> dict[str, Any]:
        state.slots.remove_all()
        return {"ok": True, "generated": False}

    @router.get("/controls/drift")
    async def drifts() -> dict[str, Any]:
        return {"drifts": state.drifts.names()}

    @router.post("/controls/drift")
    async def add_drift(request: Request) -> dict[str, Any]:
        body = await read_model(request, DriftBody)
        try:
            drift = Drift(body.drift)
        except ValueError as error:
            known = ", ".join(d.value for d in Drift)
            raise ControlError(
                422, "unknown_drift", f"Invalid value for 'drift': {body.drift!r} (known: {known})"
            ) from error
        state.drifts.add(drift)
        return {"drifts": state.drifts.names()}

    @router.delete("/controls/drift")
    async def reset_drifts() -> dict[str, Any]:
        state.drifts.clear()
        return {"drifts": []}

    @router.get("/reservations")
    async def reservations() -> dict[str, Any]:
        now = state.tick()
        return {
            "reservations": [
                {
                    "examinationId": exam.examination_id,
                    "socialSecurityNumber": exam.ssn,
                    **{k: v for k, v in slot_json(exam.slot, state).items() if k != "taken"},
                    "expires": iso_local(exam.hold_expires) if exam.hold_expires else None,
                    "secondsLeft": max(0, int((exam.hold_expires - now).total_seconds()))
                    if exam.hold_expires
                    else 0,
                }
                for exam in state.ledger.all_active_holds(now)
            ]
        }

    @router.get("/requests")
    async def requests(endpoint: str | None = None) -> dict[str, Any]:
        wanted = endpoint.lower() if endpoint else None
        return {
            "requests": [
                record.as_json()
                for record in state.requests
                if wanted is None or record.endpoint == wanted
            ]
        }

    @router.delete("/requests")
    async def clear_requests() -> dict[str, Any]:
        state.requests.clear()
        return {"ok": True}

    @router.post("/qr-draws")
    async def add_qr_draw(request: Request) -> dict[str, Any]:
        body = await read_model(request, QrDrawIn)
        state.qr_draws.append(QrDraw(body.referenceId, body.payload, body.drawnAtMs, state.now()))
        return {"ok": True}

    @router.get("/qr-draws")
    async def qr_draws(referenceId: str | None = None) -> dict[str, Any]:
        return {
            "draws": [
                draw.as_json()
                for draw in state.qr_draws
                if referenceId is None or draw.reference_id == referenceId
            ]
        }

    @router.get("/competitor")
    async def competitor() -> dict[str, Any]:
        return {
            "rules": [
                {
                    "mode": rule.mode,
                    "locationId": rule.location_id,
                    "start": iso_local(rule.start) if rule.start else None,
                    "delay_ms": rule.delay_ms,
                    "remaining": rule.remaining,
                }
                for rule in state.competitor.rules
            ],
            "planned": [
                {**slot_json(take.slot, state), "due": iso_utc(take.due)}
                for take in state.competitor.planned.values()
            ],
        }

    @router.post("/competitor")
    async def add_competitor(request: Request) -> dict[str, Any]:
        body = await read_model(request, CompetitorBody)
        start = None
        if body.match.start is not None:
            try:
                start = parse_instant(body.match.start)
            except ValueError as error:
                raise ControlError(
                    422, "validation_error", "Invalid request: match.start: not an ISO time"
                ) from error
        rule = CompetitorRule(body.mode, body.match.locationId, start, body.delay_ms, body.count)
        state.competitor.rules.append(rule)
        return {"ok": True, "rules": len(state.competitor.rules)}

    @router.delete("/competitor")
    async def clear_competitor() -> dict[str, Any]:
        state.competitor.clear()
        return {"ok": True}

    @router.post("/sessions/expire")
    async def expire_sessions(request: Request) -> dict[str, Any]:
        body = await read_model(request, ExpireBody)
        affected = state.logins.doom(body.who, body.after_calls, body.style)
        return {"ok": True, "affected": affected, "pending": affected == 0}

    @router.get("/faults")
    async def faults() -> dict[str, Any]:
        window = state.faults.maintenance_at(state.now())
        return {
            "faults": [
                {
                    "status": rule.status,
                    "remaining": rule.remaining,
                    "endpoints": sorted(rule.endpoints) if rule.endpoints is not None else None,
                    "pages": rule.pages,
                    "body": rule.body,
                }
                for rule in state.faults.rules
            ],
            "maintenance": None
            if window is None
            else {
                "message": window.message,
                "until": iso_utc(window.until) if window.until else None,
            },
        }

    @router.post("/faults")
    async def add_fault(request: Request) -> dict[str, Any]:
        body = await read_model(request, FaultsBody)
        if body.status is None and body.maintenance is None:
            raise ControlError(
                422, "validation_error", "Invalid request: status or maintenance is required"
            )
        if body.maintenance is not None:
            window = body.maintenance
            if window.on:
                until = None
                if window.duration_s is not None:
                    until = parse_moment(f"+{window.duration_s}s", state.now())
                state.faults.maintenance = Maintenance(window.message, until)
            else:
                state.faults.maintenance = None
        if body.status is not None:
            endpoints = (
                frozenset(name.lower() for name in body.endpoints)
                if body.endpoints is not None
                else None
            )
            state.faults.rules.append(
                FaultRule(body.status, body.count, endpoints, body.pages, body.body)
            )
        return {"ok": True}

    @router.delete("/faults")
    async def clear_faults() -> dict[str, Any]:
        state.faults.clear()
        return {"ok": True}

    @router.get("/bookings")
    async def bookings(
        status: Literal["confirmed", "cancelled"] | None = None, ssn: str | None = None
    ) -> dict[str, Any]:
        state.tick()
        wanted_ssn = normalise_ssn(ssn) if ssn else None
        return {
            "bookings": [
                booking_record(exam)
                for exam in state.ledger.booked()
                if (status is None or exam.status == status)
                and (wanted_ssn is None or exam.ssn == wanted_ssn)
            ]
        }

    @router.post("/bookings", status_code=201)
    async def seed_booking(request: Request) -> dict[str, Any]:
        body = await read_model(request, SeedBookingBody)
        slot = _slot_from(body, 0, state, where="body")
        now = state.tick()
        if slot.start <= now:
            raise ControlError(
                422, "validation_error", "Invalid request: start: must be in the future"
            )
        if state.ledger.is_taken(slot.key):
            raise ControlError(409, "slot_taken", "That slot is already taken.")
        # The slot exists on the site, so cancelling or moving the booking frees it for others.
        state.slots.add(slot)
        exam = state.ledger.book_for_user(
            slot, normalise_ssn(body.socialSecurityNumber), slot.exam.licence_id, now
        )
        return {"booking": booking_record(exam)}

    @router.post("/bankid/scan")
    async def bankid_scan(request: Request) -> JSONResponse:
        body = await read_model(request, ScanBody)
        if body.action == "approve" and body.personalNumber is None:
            raise ControlError(
                422, "validation_error", "Invalid request: personalNumber: required to approve"
            )
        ssn = normalise_ssn(body.personalNumber) if body.personalNumber else None
        outcome = state.orders.scan(body.qr, ssn, body.action, state.now(), state.config)
        return _scan_answer(outcome.ok, outcome.as_json())

    @router.post("/bankid/autostart")
    async def bankid_autostart(request: Request) -> JSONResponse:
        body = await read_model(request, AutostartBody)
        ssn = normalise_ssn(body.personalNumber)
        outcome = state.orders.autostart(body.autostartToken, ssn, state.now(), state.config)
        return _scan_answer(outcome.ok, outcome.as_json())

    @router.get("/bankid/orders")
    async def bankid_orders() -> dict[str, Any]:
        now = state.now()
        return {
            "orders": [
                {
                    "referenceId": order.reference_id,
                    "qrStartToken": order.qr_start_token,
                    "qrStartTime": order.qr_start_time,
                    "created": iso_utc(order.created_at),
                    "state": state.orders.refresh(order, now, state.config).state,
                }
                for order in state.orders.orders()
            ]
        }

    return router


def _scan_answer(ok: bool, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status_code=200 if ok else 400)
