"""The site's answer models: strict for the replica, tolerant (logged) for the workflow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from structlog.testing import capture_logs

from gofer.workflows.trafikverket.wire import answer_drift, check_answer, strict_answer

SAMPLES = Path(__file__).parents[1] / "contract" / "samples"


def sample_data(name: str) -> Any:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))["data"]


def test_strict_answer_refuses_a_field_the_real_site_does_not_send() -> None:
    data = sample_data("information")
    data["aspirant"]["isEmailVerified"] = True
    with pytest.raises(ValidationError):
        strict_answer("information", data)


def test_strict_answer_refuses_a_number_where_the_site_sends_a_string() -> None:
    data = sample_data("reservation-information")
    data["amountToPayInvoice"] = 1800
    with pytest.raises(ValidationError):
        strict_answer("reservation-information", data)


def test_strict_answer_keeps_the_real_spellings() -> None:
    exam = strict_answer("examinations", sample_data("examinations"))["confirmedExaminations"][0]
    assert "aspriantSocialSecurityNumber" in exam and "prohibitReschedulation" in exam


def test_drift_names_missing_unknown_and_retyped_fields_by_path() -> None:
    data = sample_data("examinations")
    exam = data["confirmedExaminations"][0]
    del exam["place"]["information"]
    exam["newFlag"] = True
    exam["status"] = "confirmed"
    assert answer_drift("examinations", data) == {
        "missing": ["confirmedExaminations[].place.information"],
        "unknown": ["confirmedExaminations[].newFlag"],
        "retyped": ["confirmedExaminations[].status"],
    }


def test_check_answer_logs_site_changed_without_values_and_returns_the_data() -> None:
    data = sample_data("information")
    data["aspirant"]["middleName"] = "Hemlig"
    del data["aspirant"]["phoneExists"]
    with capture_logs() as logs:
        assert check_answer("information", data) is data
    [event] = [entry for entry in logs if entry["event"] == "site_changed"]
    assert event["log_level"] == "warning"
    assert event["endpoint"] == "information"
    assert event["unknown"] == ["aspirant.middleName"]
    assert event["missing"] == ["aspirant.phoneExists"]
    # Field names only: no personnummer, no name, no value from the answer.
    assert "Hemlig" not in repr(event) and "191212121212" not in repr(event)


def test_an_answer_in_the_known_shape_logs_nothing() -> None:
    with capture_logs() as logs:
        check_answer("summary", sample_data("summary"))
    assert [entry for entry in logs if entry["event"] == "site_changed"] == []
