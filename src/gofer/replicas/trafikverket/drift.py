"""Test-only site drift (how real sites change without notice): the active drifts and their
server-side part. The page applies the DOM drifts itself (static/drift.js)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Drift(StrEnum):
    """One change the way real sites drift; several can be active at once."""

    LOGIN_BUTTON_ID = "login_button_id"
    START_TILE_TITLE = "start_tile_title"
    COOKIE_BUTTON_TEXT = "cookie_button_text"
    PAY_BUTTON_TEXT = "pay_button_text"
    PAY_BUTTON_ID = "pay_button_id"
    OCCASION_TIME_FIELDS = "occasion_time_fields"
    OCCASION_START_FIELD = "occasion_start_field"
    OCCASION_LOCATION_FIELD = "occasion_location_field"
    QR_CONTAINER_CLASS = "qr_container_class"
    QR_IFRAME = "qr_iframe"
    QR_SHADOW_DOM = "qr_shadow_dom"
    SURVEY_DIALOG = "survey_dialog"
    INTERSTITIAL_PAGE = "interstitial_page"


# The drifts of the search answers' JSON; the others change the page.
ANSWER_DRIFTS = frozenset(
    {Drift.OCCASION_TIME_FIELDS, Drift.OCCASION_START_FIELD, Drift.OCCASION_LOCATION_FIELD}
)


class DriftSet:
    """The drifts now active (empty: the site as specified)."""

    def __init__(self) -> None:
        self._active: set[Drift] = set()

    def add(self, drift: Drift) -> None:
        self._active.add(drift)

    def clear(self) -> None:
        self._active.clear()

    def __contains__(self, drift: object) -> bool:
        return drift in self._active

    def names(self) -> list[str]:
        return sorted(d.value for d in self._active)

    def page_names(self) -> list[str]:
        """The drifts the page applies (written into the shell for static/drift.js)."""
        return sorted(d.value for d in self._active if d not in ANSWER_DRIFTS)

    def drift_occasion(self, occasion: dict[str, Any]) -> dict[str, Any]:
        """An `occasion-bundles` occasion with its fields renamed as the active drifts say."""
        changed = dict(occasion)
        if Drift.OCCASION_TIME_FIELDS in self._active:
            changed["occasionDate"] = changed.pop("date", None)
            changed["occasionTime"] = changed.pop("time", None)
        if Drift.OCCASION_START_FIELD in self._active:
            duration = dict(changed.get("duration") or {})
            duration["from"] = duration.pop("start", None)
            changed["duration"] = duration
        if Drift.OCCASION_LOCATION_FIELD in self._active:
            changed["placeId"] = changed.pop("locationId", None)
        return changed

    def drift_answer(self, data: dict[str, Any]) -> dict[str, Any]:
        """An `occasion-bundles` answer with each occasion drifted."""
        if not self._active & ANSWER_DRIFTS:
            return data
        bundles = [
            {**bundle, "occasions": [self.drift_occasion(o) for o in bundle.get("occasions") or []]}
            for bundle in data.get("bundles") or []
        ]
        return {**data, "bundles": bundles}
