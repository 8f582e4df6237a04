"""Turning a page reading into a schema and controls; readings are cached per URL, not session."""

from __future__ import annotations

from typing import Any

from gofer.workflows.forms.discovery import cache_key, parse_discovery
from gofer.workflows.forms.filler import blank_value

RAW: dict[str, Any] = {
    "form_id": "hrWorkflowForm",
    "form_selector": "form#hrWorkflowForm",
    "title": "VPBank - Yêu cầu nội bộ",
    "steps": 2,
    "fields": [
        {
            "name": "requestType",
            "label": "Loại Đơn",
            "type": "select",
            "options": [
                {"value": "", "label": "-- Chọn --"},
                {"value": "leave", "label": "Nghỉ phép"},
            ],
            "step": 1,
            "placeholder": "",
            "visible": True,
            "revealed_by": None,
            "min_value": None,
            "max_value": None,
            "step_value": None,
            "multiple": False,
        },
        {
            "name": "leaveType",
            "label": "Loại Nghỉ Phép",
            "type": "select",
            "options": [
                {"value": "", "label": "-- Chọn --"},
                {"value": "sick", "label": "Nghỉ ốm"},
            ],
            "step": 1,
            "placeholder": "",
            "visible": False,
            "revealed_by": {"field": "requestType", "values": ["leave"]},
            "min_value": None,
            "max_value": None,
            "step_value": None,
            "multiple": False,
        },
        {
            "name": "approvalStatus",
            "label": "Trạng Thái",
            "type": "select",
            "options": [
                {"value": "pending", "label": "Chờ phê duyệt"},
                {"value": "approved", "label": "Đã phê duyệt"},
            ],
            "step": 2,
            "placeholder": "",
            "visible": True,
            "revealed_by": None,
            "min_value": None,
            "max_value": None,
            "step_value": None,
            "multiple": False,
        },
        {
            "name": "duration",
            "label": "Số Ngày",
            "type": "number",
            "options": [],
            "step": 1,
            "placeholder": "",
            "visible": True,
            "revealed_by": None,
            "min_value": 0,
            "max_value": None,
            "step_value": 0.5,
            "multiple": False,
        },
    ],
    "unsupported": ["agree"],
    "wizard": [{"step": 1, "next": 0, "prev": None}, {"step": 2, "next": None, "prev": 1}],
    "submit": {"step": 2, "index": 2},
    "clear": {"step": 2, "index": 0},
}


def test_a_reading_becomes_a_schema_and_the_controls_to_drive_it() -> None:
    found = parse_discovery("http://x.test/vpbank/hr/?session=abc", RAW, "fp1")

    assert found.url == "http://x.test/vpbank/hr/"
    schema = found.schema
    assert schema.form_id == "hrWorkflowForm" and schema.steps == 2
    leave = schema.get("leaveType")
    assert leave is not None and leave.revealed_by == ("requestType", ("leave",))
    duration = schema.get("duration")
    assert duration is not None and duration.min_value == 0 and duration.step_value == 0.5
    assert found.pane(1) is not None and found.pane(1).next_button == 0  # type: ignore[union-attr]
    assert found.submit is not None and (found.submit.step, found.submit.index) == (2, 2)
    assert found.unsupported == ("agree",)
    assert found.has_wizard


def test_emptying_a_select_without_a_blank_choice_returns_it_to_its_first_option() -> None:
    schema = parse_discovery("http://x.test/hr/", RAW, "fp").schema

    assert blank_value(schema.get("approvalStatus")) == "pending"  # type: ignore[arg-type]
    assert blank_value(schema.get("leaveType")) == ""  # type: ignore[arg-type]
    assert blank_value(schema.get("duration")) == ""  # type: ignore[arg-type]


def test_every_conversation_shares_one_reading_per_page() -> None:
    assert cache_key("http://x.test/vpbank/loan/?session=a#top") == "http://x.test/vpbank/loan/"
    assert cache_key("http://x.test/vpbank/loan/?session=b") == cache_key(
        "http://x.test/vpbank/loan/"
    )
