"""Scoring of forms evaluation cases, and reading case files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gofer.evaluation.cases import BadCaseFile, FormCase, load_cases
from gofer.evaluation.scoring import expected_value, percentile, same_value, score_case, summarise

TODAY = dt.date(2026, 5, 4)


def test_today_expands_to_the_date_and_keeps_a_time() -> None:
    assert expected_value("@today", TODAY) == "2026-05-04"
    assert expected_value("@today+7", TODAY) == "2026-05-11"
    assert expected_value("@todayT09:30", TODAY) == "2026-05-04T09:30"
    assert expected_value("2026-01-01", TODAY) == "2026-01-01"


def test_free_text_compares_loosely_and_everything_else_exactly() -> None:
    assert same_value("Nguyễn Văn An", "  nguyễn   văn an ", "text")
    assert same_value("Nhà 3 tầng", "nhà 3 tầng", "textarea")
    assert not same_value("Nguyen Van An", "Nguyễn Văn An", "text")  # accents matter
    assert not same_value("real-estate", "Real-Estate", "select")
    assert not same_value("0912345678", "0912 345 678", "tel")


def test_a_case_scores_expected_fields_forbidden_fields_and_submission() -> None:
    case = FormCase(
        id="c1",
        form="loan",
        messages=["..."],
        expected={"customerName": "An", "loanTerm": "24", "applicationDate": "@today"},
        must_not_fill=["email"],
        submit=True,
    )
    filled = {"customerName": "an", "loanTerm": "36", "applicationDate": "2026-05-04", "email": "x"}
    types = {"customerName": "text", "loanTerm": "select", "applicationDate": "date"}

    score = score_case(case, filled, submitted=False, field_types=types, today=TODAY)

    assert (score.checks, score.correct) == (4, 2)
    assert score.wrong == {"loanTerm": {"expected": "24", "got": "36"}}
    assert score.filled_but_forbidden == ["email"]
    assert not score.submit_ok and not score.exact
    summary = summarise([score], [1200.0])
    assert summary["field_accuracy"] == 0.5 and summary["exact_rate"] == 0.0
    assert summary["submit_accuracy"] == 0.0 and summary["p50_ms"] == 1200


def test_percentiles_use_the_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile([], 50) == 0.0


def test_case_files_name_the_bad_line(tmp_path: Path) -> None:
    good = '{"id": "a", "form": "crm", "messages": ["x"], "expected": {}}'
    path = tmp_path / "cases.jsonl"

    path.write_text(good + "\n\n" + good.replace('"a"', '"b"') + "\n", "utf-8")
    assert [c.id for c in load_cases(path)] == ["a", "b"]

    for bad, complaint in [
        ("{nope", "not JSON"),
        ('{"id": "x", "form": "mortgage", "messages": ["x"]}', "unknown form"),
        ('{"id": "x", "form": "crm", "messages": []}', "messages"),
        (good, "duplicate case id"),
    ]:
        path.write_text(good + "\n" + bad + "\n", "utf-8")
        with pytest.raises(BadCaseFile, match=complaint) as caught:
            load_cases(path)
        assert ":2:" in str(caught.value)
    with pytest.raises(BadCaseFile, match="cannot read"):
        load_cases(tmp_path / "missing.jsonl")
