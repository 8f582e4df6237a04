"""`gofer eval forms` end to end: cases go through the API, scores come from the replica."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from gofer.evaluation.cases import FormCase
from gofer.evaluation.console import run_forms_command
from gofer.evaluation.forms import local_servers, run_cases

pytestmark = pytest.mark.e2e

CASES = [
    FormCase(
        id="loan-sent",
        form="loan",
        mode="incremental",
        messages=["Đơn vay cho Nguyễn Văn An, vay 500 triệu trong 24 tháng", "gửi đơn"],
        expected={
            "customerName": "nguyễn  văn an",
            "loanAmount": "500000000",
            "applicationDate": "@today",
        },
        must_not_fill=["email"],
        submit=True,
    ),
    FormCase(
        id="crm-wrong-on-purpose",
        form="crm",
        messages=["Cập nhật CRM cho khách hàng Trần Thị Bình, mã khách hàng KH12345"],
        expected={"customerId": "KH99999"},
        submit=False,
    ),
]


def test_cases_are_scored_from_what_the_replica_holds() -> None:
    with local_servers() as servers:
        report = asyncio.run(run_cases(servers, CASES))

    sent, wrong = report["cases"]
    assert sent["submitted"] is True and sent["exact"] is True
    assert sent["filled"]["customerName"] == "Nguyễn Văn An"  # from the replica's submission
    assert "email" not in sent["filled"]
    assert wrong["exact"] is False
    assert wrong["wrong"] == {"customerId": {"expected": "KH99999", "got": "KH12345"}}
    summary = report["summary"]
    assert summary["fields_checked"] == 5 and summary["fields_correct"] == 4
    assert summary["field_accuracy"] == 0.8
    assert summary["exact_rate"] == 0.5 and summary["submit_accuracy"] == 1.0
    assert summary["p95_ms"] >= summary["p50_ms"] > 0


def test_a_bad_case_file_stops_before_any_server_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"id": "x", "form": "mortgage", "messages": ["hi"]}) + "\n", "utf-8")

    assert run_forms_command(path, as_json=True) == 2
    assert capsys.readouterr().out == ""
