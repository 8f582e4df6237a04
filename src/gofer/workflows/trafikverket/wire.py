"""The booking site's JSON answers as pydantic models: strict for the replica, tolerant for Gofer.

Field names, types and nullability follow public clients written against the real site
(docs/trafikverket-api.md lists each source). The replica builds every answer through
`strict_answer`, so a replica that drifts from the real shapes fails loudly; Gofer's workflow
reads the real site's answers through `check_answer`, which never fails but logs a
`site_changed` warning naming the endpoint and the fields that no longer fit.
"""

from __future__ import annotations

from typing import Any

import structlog
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel

log = structlog.get_logger("gofer.trafikverket.wire")


class WireModel(BaseModel):
    """camelCase on the wire, every field required, nothing extra, no type coercion."""

    model_config = ConfigDict(alias_generator=to_camel, extra="forbid", strict=True, frozen=True)


# --- authentication -------------------------------------------------------------------------


class StartData(WireModel):
    login_required: bool
    bank_id_login_required: bool
    booking_count: int | None  # null until logged in
    unpaid_count: int | None
    refund_enabled: bool
    use_direct_payment: bool
    otp_enabled: bool
    continue_without_login_enabled: bool
    hcaptcha_enabled_on_otp: bool
    hcaptcha_site_key: str
    global_message: str
    is_mobile: bool
    version: str


class BeginAuthenticationData(WireModel):
    reference_id: str
    autostart_token: str
    qr_start_token: str
    qr_start_secret: str
    qr_start_time: int
    qr_code: str


class AuthenticationStatusData(WireModel):
    qr_code: str  # a fresh animated code on every poll, also the completing one
    collection_status: str
    login_status: str | None


class SystemUpdatingData(WireModel):
    is_updating: bool
    update_message: str
    show_timer_message: bool
    timer_message: str


# --- places, licences, search ---------------------------------------------------------------


class Address(WireModel):
    street_address1: str
    street_address2: str
    zip_code: str
    city: str
    care_of: str


class Coordinates(WireModel):
    latitude: float
    longitude: float


class Location(WireModel):
    id: int
    name: str
    address: Address
    coordinates: Coordinates


class ExaminationCategory(WireModel):
    value: int


class LocationEntry(WireModel):
    examination_categories: list[ExaminationCategory]
    location: Location


class Licence(WireModel):
    id: int
    name: str
    description: str
    language_key_name: str
    language_key_description: str
    category: str  # "Car", "Motorcycle", …, "Cert"
    icon: str
    sort_order: int


class LicenceCategoryGroup(WireModel):
    name: str  # "licenceCar", …, "licenceSIK"
    licences: list[Licence]


class LicenceInformationData(WireModel):
    enable_social_security_number: bool
    social_security_number: str
    licence_id: int
    licence_categories: list[LicenceCategoryGroup]


class TimeInterval(WireModel):
    id: int
    start_date: str
    name: str


class Language(WireModel):
    id: int
    name: str
    code: str
    location_ids: list[int]


class IdName(WireModel):
    id: int
    name: str


class ExaminationType(WireModel):
    id: int
    examination_category: int
    name: str


class SearchInformationData(WireModel):
    can_book_licence: bool
    licence_id: int
    licences: list[Licence]
    licence_categories: list[LicenceCategoryGroup]
    location_id: int | None
    locations: list[LocationEntry]
    enable_nearby_locations: bool
    max_nearby_locations: int
    nearby_location_ids: list[int] | None
    time_interval_id: int
    time_intervals: list[TimeInterval]
    show_language: bool
    language_id: int | None
    languages: list[Language]
    show_vehicle_type: bool
    vehicle_type_id: int | None
    vehicle_types: list[IdName]
    show_tachograph_type: bool
    tachograph_type_id: int | None
    tachograph_types: list[IdName]
    show_occasion_choices: bool
    occasion_choice_id: int | None
    occasion_choices: list[IdName]
    show_examination_type: bool
    examination_types: list[ExaminationType]
    provider_logo_path: str | None
    hindrance_message: list[str]
    max_search_period_in_months: int


class Duration(WireModel):
    start: str  # ISO with offset, e.g. 2026-06-10T08:00:00+02:00
    end: str


class Occasion(WireModel):
    examination_id: int | None
    examination_category: int
    duration: Duration
    examination_type_id: int
    location_id: int
    occasion_choice_id: int
    vehicle_type_id: int
    language_id: int | None
    tachograph_type_id: int
    name: str
    properties: str | None
    date: str
    time: str
    location_name: str
    cost: str
    cost_text: str
    increased_fee: bool
    is_educator_booking: bool | None
    is_late_cancellation: bool
    is_outside_valid_duration: bool
    is_using_taxi_knowledge_valid_duration: bool
    place_address: str | None
    place_coordinate: str | None


class OccasionBundle(WireModel):
    occasions: list[Occasion]
    cost: str


class OccasionBundlesData(WireModel):
    bundles: list[OccasionBundle]
    searched_months: int


class BookingHindrancesData(WireModel):
    can_book_licence: bool
    hindrance_messages: list[str]
    hindrance_ids: list[int]


# --- the person -----------------------------------------------------------------------------


class Aspirant(WireModel):
    id: int
    age: int
    social_security_number: str
    name: str
    address: Address
    has_protected_identity: bool
    email: str | None
    email_exists: bool
    phone: str | None
    phone_exists: bool
    verified_phone: bool
    verified_email: bool
    allow_email_surveys: bool
    has_return_mail: bool
    updated_by_partner: bool
    exemptions: list[dict[str, Any]]
    is_deceased: bool | None


class InformationData(WireModel):
    aspirant: Aspirant


# --- booked exams ---------------------------------------------------------------------------


class ExaminationPlace(WireModel):
    location_name: str
    information: str
    address: Address
    coordinates: Coordinates
    display_name: str


class ExaminationPaymentInformation(WireModel):
    amount_to_pay: str
    amount_paid: str
    cost: str
    invoice_expiry_date: str
    has_reminder_fee: bool
    is_sent_to_recovery: bool
    is_paid: bool
    is_fee_removed: bool


class ExaminationResult(WireModel):
    id: int
    name: str | None


class BlobReference(WireModel):
    blob_type: int
    id: int
    blob_id: int | None


class AccentLanguage(WireModel):
    id: int
    name: str | None


class Examination(WireModel):
    id: int
    name: str
    licence_id: int
    properties: str
    aspirant_name: str
    # The real site's spelling ("asprian…") is kept: clients match on it.
    aspriant_social_security_number: str = Field(alias="aspriantSocialSecurityNumber")
    duration: Duration
    place: ExaminationPlace
    add_prepaid_photo_fee: bool
    add_prepaid_photo_fee_mandatory: bool
    status: int
    result: ExaminationResult | None
    has_failed_functional_test: bool
    payment_information: ExaminationPaymentInformation
    educator: str | None
    log: str | None
    documents: str | None
    booked_by: str
    hindrances: list[dict[str, Any]]
    can_cancel: bool
    can_reschedule: bool
    prohibit_reschedulation: bool = Field(alias="prohibitReschedulation")  # real spelling
    booking_confirmation: BlobReference | None
    invoice_document_information: BlobReference | None
    has_result_document: bool
    result_document: BlobReference | None
    is_cancelled: bool
    has_result: bool
    booked_date: str
    is_validated: bool
    has_hindrances: bool
    start_date: str
    tachograph_type: int
    examination_type_id: int
    examination_type_code: str
    language_id: int
    accent_language: AccentLanguage
    planning_group: str
    calendar_file_uri: str | None
    is_late_cancelled_must_pay: bool
    reference_id: str
    can_view_electric_allergy: bool
    is_military: bool
    military_employee_name: str | None
    occasion_choice: int
    booking_confirmation_url: str
    booking_info_url: str
    booking_hindrance_url: str
    is_theory: bool
    show_examination_type_change_dropdown: bool
    can_change_oral_examination_type: bool
    show_examination_type_change_button: bool
    enable_get_booking_confirmation: bool
    before_examination_enabled: bool
    new_booking_confirmation_enabled: bool
    has_printing_document: bool
    matching_time_stamps: str
    not_possible_reason: int


class ExaminationsData(WireModel):
    is_calendar_enabled: bool
    has_confirmed_examinations: bool
    confirmed_examinations: list[Examination]
    has_completed_examinations: bool
    completed_examinations: list[Examination]


class ExaminationsToCancelData(WireModel):
    show_24_hour_cancellation_warning: bool
    show_multiple_examinations_warning: bool
    examinations: list[Examination]


# --- reservations, payment, summary ---------------------------------------------------------


class ActiveReservation(WireModel):
    examination_id: int
    examination_type_id: int
    social_security_number: str
    location_id: int
    vehicle_type_id: int
    language_id: int | None
    licence_id: int
    examination_name: str
    examination_category: int
    start_date: str  # "YYYY-MM-DD HH:MM"
    reservation_expires: str  # "YYYY-MM-DD HH:MM:SS"
    direct_payment_reference_id: str
    loading: bool
    warnings: list[str]
    add_prepaid_photo_fee: bool
    add_prepaid_photo_fee_mandatory: bool


class SuggestedReservation(WireModel):
    examination_type_id: int
    licence_id: int
    examination_name: str
    examination_category: int
    suggested_exam_date: str
    has_valid: bool
    valid_until: str | None
    has_taxi_knowledge: bool
    hindrance_ids: list[int]
    has_booking: bool
    can_use_custom_vehicle: bool


class ActiveReservationsData(WireModel):
    add_prepaid_photo_fee_possible: bool
    active_reservations: list[ActiveReservation] | None
    suggested_reservations: list[SuggestedReservation] | None


class PaymentProvider(WireModel):
    is_pay_direct_payment_enabled: bool
    is_pay_invoice_enabled: bool
    is_pay_balance_enabled: bool
    is_psp_refund_enabled: bool
    logo_path: str | None


class ReservationInformationData(WireModel):
    aspirant: Aspirant
    reservations: list[Occasion]
    cancellations: list[Occasion]
    add_prepaid_photo_fee: bool
    prepaid_photo_fee_cost: float
    is_rescheduling: bool
    show_24_hour_cancellation_warning: bool
    show_24_hour_reservation_warning: bool
    has_balance: bool
    balance_covers_cost: bool
    is_surplus_balance: bool
    show_direct_payment: bool
    amount_to_pay_direct: str
    amount_to_pay_invoice: str
    available_balance: str
    surplus_balance: str
    reservation_time_in_seconds: int
    is_authenticated: bool
    payment_is_active: bool
    active_payment_state: int
    provider: PaymentProvider


class InvoicePaymentData(WireModel):
    success: bool
    is_cancelled: bool
    booking_id: str
    is_reservation: bool
    is_signed_in: bool
    message: str | None
    licence_id: int
    reservation_time_in_seconds: int
    social_security_number: str | None


class SummaryData(WireModel):
    confirmed_examinations: list[Examination]
    cancelled_examinations: list[Examination]
    information: str
    show_risk_education_warning: bool
    show_photo_warning: bool
    is_calendar_enabled: bool
    provider_logo_path: str | None
    show_underaged_warning: bool
    add_prepaid_photo_fee: bool
    prepaid_photo_fee_is_paid: bool
    prepaid_photo_fee_cost: float


class PaymentHistoryItem(WireModel):
    order_item_id: int
    reference_id: str
    product_name: str
    product_description: str
    order_item_date: str
    order_item_date_str: str
    order_date: str
    order_item_print_date: str | None
    initial_amount: float
    reminder_fee_amount: float
    is_pending_payment: bool
    is_paid: bool
    paid_amount: float
    remaining_amount_to_pay: float
    paid_amount_direct: float
    paid_amount_balance: float
    paid_amount_invoice: float
    direct_payment_method: str | None
    invoice_expiry_date: str | None
    invoice_expiry_date_str: str
    invoice_paid_date_str: str | None
    invoice_reminder_date: str | None
    invoice_recovery_date: str | None
    invoice_create_date: str | None
    original_invoice_expiry_date: str | None
    is_invoice: bool
    is_invoice_expired: bool
    invoice_id: int | None
    is_cancelled_in_time: bool
    is_cancelled_late: bool
    is_automatic_with_refund: bool
    is_automatic_without_refund: bool
    is_all_product_selections_refunded: bool
    cancelled_date: str | None
    is_reminder_sent: bool
    is_recovery_sent: bool
    is_recovery_withdrawn: bool
    is_cancelled_and_valid: bool
    pab_examination_id: int
    printed_document_id: int | None
    booking_confirmation: str | None
    ocr_code: str
    is_selected: bool
    examination_result_id: int
    examination_model: Examination


class PaymentModelData(WireModel):
    has_debt: bool
    unpaid_amount: float
    available_balance: float
    locked_balance: float
    unpaid_history_models: list[PaymentHistoryItem]
    paid_history_models: list[PaymentHistoryItem]
    fully_paid_with_balance_this_session: list[PaymentHistoryItem]
    use_direct_payment: bool
    new_payment_reference: str
    active_payment: dict[str, Any] | None


# --- the endpoints --------------------------------------------------------------------------

# The `data` of each endpoint's success answer, by endpoint name in lower case.
ANSWERS: dict[str, TypeAdapter[Any]] = {
    "start": TypeAdapter(StartData),
    "begin-authentication": TypeAdapter(BeginAuthenticationData),
    "check-authentication-status-qr": TypeAdapter(AuthenticationStatusData),
    "is-authorizied": TypeAdapter(bool),
    "sign-out": TypeAdapter(None),
    "is-system-updating": TypeAdapter(SystemUpdatingData),
    "licence-information": TypeAdapter(LicenceInformationData),
    "information": TypeAdapter(InformationData),
    "search-information": TypeAdapter(SearchInformationData),
    "occasion-bundles": TypeAdapter(OccasionBundlesData),
    "booking-hindrances": TypeAdapter(BookingHindrancesData),
    "examinations": TypeAdapter(ExaminationsData),
    "get-confirmed-examinations": TypeAdapter(list[Examination]),
    "get-suggested-reservations-by-licence-and-ssn": TypeAdapter(list[SuggestedReservation] | None),
    "create-reservation": TypeAdapter(None),
    "get-active-reservations": TypeAdapter(ActiveReservationsData),
    "get-reservation-time": TypeAdapter(int),
    "reservation-information": TypeAdapter(ReservationInformationData),
    "invoice-payment": TypeAdapter(InvoicePaymentData),
    "summary": TypeAdapter(SummaryData),
    "examinations-to-cancel": TypeAdapter(ExaminationsToCancelData),
    "confirm-cancel": TypeAdapter(None),
    "getpaymentmodel": TypeAdapter(PaymentModelData),
}


def strict_answer(endpoint: str, data: Any) -> Any:
    """The answer checked against the real shape and put on the wire; raises on any drift."""
    adapter = ANSWERS[endpoint.lower()]
    value = adapter.validate_python(data, strict=True)
    return adapter.dump_python(value, mode="json", by_alias=True)


def _path(loc: tuple[int | str, ...]) -> str:
    """`confirmedExaminations[].place.address.careOf`: list positions folded, no values."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append("[]")
        elif item in ("function-after", "function-before") or "[" in item:
            continue  # pydantic's names for union branches, not fields
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts)


def answer_drift(endpoint: str, data: Any) -> dict[str, list[str]]:
    """Fields of an answer that no longer fit the known shape: missing, unknown, retyped."""
    adapter = ANSWERS.get(endpoint.lower())
    if adapter is None:
        return {}
    try:
        adapter.validate_python(data, strict=True)
    except ValidationError as error:
        drift: dict[str, set[str]] = {"missing": set(), "unknown": set(), "retyped": set()}
        for problem in error.errors(include_input=False, include_url=False):
            kind = {"missing": "missing", "extra_forbidden": "unknown"}.get(
                problem["type"], "retyped"
            )
            drift[kind].add(_path(problem["loc"]) or "data")
        return {kind: sorted(paths) for kind, paths in drift.items() if paths}
    return {}


def check_answer(endpoint: str, data: Any, reported: set[str] | None = None) -> Any:
    """Tolerant reading for the workflow: returns `data` unchanged, logs what changed.

    With `reported`, each distinct change is logged once (a monitoring job asks the same
    endpoint every minute for hours).
    """
    drift = answer_drift(endpoint, data)
    if not drift:
        return data
    signature = f"{endpoint.lower()} {sorted(drift.items())}"
    if reported is not None:
        if signature in reported:
            return data
        reported.add(signature)
    # Field names only: the answers carry personal data, which never goes to the log.
    log.warning("site_changed", endpoint=endpoint, **drift)
    return data
