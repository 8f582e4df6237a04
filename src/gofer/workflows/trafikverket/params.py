"""What a booking job asks for, validated before any browser work."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from gofer.workflows.trafikverket import reference

if TYPE_CHECKING:
    from gofer.config import Settings

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# The documented maxima: past these a request is a mistake, not a wish.
MAX_POLL_INTERVAL_S = 86_400.0  # a day between searches
MAX_TIMEOUT_S = 366 * 86_400.0  # a year
MAX_AHEAD = timedelta(days=731)  # the window and monitoring end within two years


def _printable(value: str) -> str:
    # A control character (NUL, escape) in an id or a place name is never intended.
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


Text = Annotated[str, AfterValidator(_printable)]


class BookingParams(BaseModel):
    """A driving-test booking request. Dates and times are Europe/Stockholm wall-clock values."""

    model_config = ConfigDict(extra="forbid")

    user_id: Text | None = Field(None, max_length=128, description="The caller's own user id.")
    license_type: str = Field("B", max_length=16, description="Licence code, e.g. B, A, BE.")
    exam_type: str = Field(
        "Körprov", max_length=32, description="Körprov (driving) or Kunskapsprov (theory)."
    )
    vehicle: str = Field("manual", max_length=32, description="Körprov car: manual or automatic.")
    language: str = Field("sv", max_length=16, description="Kunskapsprov language: sv or en.")
    locations: list[Annotated[Text, Field(max_length=100)]] = Field(
        ..., min_length=1, max_length=4, description="1 to 4 places."
    )
    date_from: date | None = Field(None, description="Earliest acceptable day (inclusive).")
    date_to: date | None = Field(None, description="Latest acceptable day (inclusive).")
    before: date | None = Field(None, description="Alternative to date_to: strictly before.")
    time_from: time | None = Field(None, description="Earliest start time of day.")
    time_to: time | None = Field(None, description="Latest start time of day.")
    weekdays: list[int] | None = Field(
        None, max_length=7, description="Allowed ISO weekdays, 1=Monday."
    )
    auto_book: bool = Field(True, description="Book the slot; false only reports it.")
    poll_interval_s: float = Field(
        60.0,
        gt=0,
        le=MAX_POLL_INTERVAL_S,
        allow_inf_nan=False,
        description="Seconds between searches (at least 10, at most 86400).",
    )
    monitor_until: datetime | None = Field(
        None, description="Stop monitoring at this time (future, within two years)."
    )
    timeout_s: float | None = Field(
        None,
        gt=0,
        le=MAX_TIMEOUT_S,
        allow_inf_nan=False,
        description="Whole-job time limit in seconds (at most a year).",
    )

    @field_validator("license_type")
    @classmethod
    def _licence(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in reference.LICENCES:
            raise ValueError(
                f"unknown licence type {value!r}; one of {', '.join(reference.LICENCES)}"
            )
        return code

    @field_validator("exam_type")
    @classmethod
    def _exam(cls, value: str) -> str:
        canonical = reference.EXAM_TYPE_ALIASES.get(reference.fold(value).replace(" ", "_"))
        if canonical is None:
            raise ValueError(f"unknown exam type {value!r}; use Körprov or Kunskapsprov")
        return canonical

    @field_validator("vehicle")
    @classmethod
    def _vehicle(cls, value: str) -> str:
        canonical = reference.VEHICLE_ALIASES.get(reference.fold(value))
        if canonical is None:
            raise ValueError(f"unknown vehicle {value!r}; use manual or automatic")
        return canonical

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        canonical = reference.LANGUAGE_ALIASES.get(reference.fold(value))
        if canonical is None:
            raise ValueError(f"unknown language {value!r}; use sv or en")
        return canonical

    @field_validator("locations")
    @classmethod
    def _locations(cls, names: list[str], info: ValidationInfo) -> list[str]:
        result: list[str] = []
        for name in names:
            canonical = reference.canonical_location(name)
            if canonical is None:
                raise ValueError(f"unknown location {name!r}")
            if canonical not in result:
                result.append(canonical)
        if info.data.get("exam_type") == "Körprov" and "Stockholm City" in result:
            raise ValueError(
                "Stockholm City offers only Kunskapsprov; for a driving test near Stockholm "
                "choose Farsta, Järfälla, Sollentuna, Södertälje or Västerhaninge"
            )
        return result

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, days: list[int] | None) -> list[int] | None:
        if days is not None and (not days or any(d < 1 or d > 7 for d in days)):
            raise ValueError("weekdays are ISO numbers 1 (Monday) to 7 (Sunday)")
        return days

    @model_validator(mode="after")
    def _window(self) -> BookingParams:
        if self.before is not None:
            last = self.before - timedelta(days=1)
            if self.date_to is not None and self.date_to != last:
                raise ValueError("give either date_to or before, not both")
            self.date_to = last
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after the end of the date window")
        if self.time_from and self.time_to and self.time_from > self.time_to:
            raise ValueError("time_from is after time_to")
        return self

    def admission_error(self, settings: Settings) -> tuple[str, str] | None:
        """(field, reason) if the server will not take this job as asked; None when it will."""
        if self.poll_interval_s < settings.min_poll_interval_s:
            return "poll_interval_s", f"must be at least {settings.min_poll_interval_s:g} seconds"
        now = datetime.now(STOCKHOLM)
        today = now.date()
        end_field = "before" if self.before is not None else "date_to"  # as the caller said it
        if self.date_to is not None and self.date_to < today:
            return end_field, "the date window has already passed"
        if self.date_to is not None and self.date_to > today + MAX_AHEAD:
            return end_field, "the date window must end within two years"
        if self.date_from is not None and self.date_from > today + MAX_AHEAD:
            return "date_from", "the date window must start within two years"
        if self.monitor_until is not None:
            if self.monitor_until.tzinfo is None:
                return "monitor_until", "needs a timezone offset"
            if self.monitor_until <= now:
                return "monitor_until", "is in the past"
            if self.monitor_until > now + MAX_AHEAD:
                return "monitor_until", "must be within two years"
        return None

    def monitor_deadline(self, now: datetime, settings: Settings) -> datetime:
        """When to stop searching: `monitor_until`, else the end of the date window."""
        if self.monitor_until is not None:
            return self.monitor_until
        if self.date_to is not None:
            return datetime.combine(self.date_to, time(23, 59), STOCKHOLM).astimezone(UTC)
        return now + timedelta(seconds=settings.job_timeout_s)

    def time_limit_s(self, now: datetime, settings: Settings) -> float:
        """The whole job's limit: as asked, else long enough to monitor until the deadline."""
        if self.timeout_s is not None:
            return self.timeout_s
        monitoring = (self.monitor_deadline(now, settings) - now).total_seconds()
        # The booking itself (login, reserve, pay) still needs its usual time after the deadline.
        return max(settings.job_timeout_s, monitoring + settings.job_timeout_s)

    def public(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)
