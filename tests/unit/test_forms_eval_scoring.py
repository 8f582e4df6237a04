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


def test_a_case_may_name_its_clock_fields_to_ask_about_and_tags() -> None:
    case = FormCase.model_validate(
        {
            "id": "c2",
            "form": "loan",
            "messages": ["vay 300 hoặc 500 triệu"],
            "expected": {"applicationDate": "@today"},
            "ask": ["loanAmount"],
            "now": "2026-12-31T23:30:00+07:00",
            "tags": ["amount", "ambiguous"],
        }
    )
    assert case.today == dt.date(2026, 12, 31)
    filled = {"applicationDate": "2026-12-31"}
    asked = score_case(case, filled, False, {}, case.today, asked=True)
    assert asked.exact and (asked.checks, asked.correct) == (2, 2)
    silent = score_case(case, filled, False, {}, case.today, asked=False)
    assert silent.not_asked == ["loanAmount"] and not silent.exact
    guessed = score_case(case, {**filled, "loanAmount": "300000000"}, False, {}, case.today)
    assert guessed.not_asked == ["loanAmount"]


def test_failures_are_sorted_into_classes() -> None:
    from gofer.evaluation.failures import breakdown, classify_failures

    case = FormCase(
        id="c3",
        form="crm",
        mode="incremental",
        messages=["khách Lê Văn A, email a@b.com", "bỏ email đi"],
        expected={"customerName": "Lê Văn A", "address": "12 Lê Lợi", "interactionDate": "@today"},
        must_not_fill=["email", "notes"],
        submit=True,
        tags=["clearing"],
    )
    filled = {
        "customerName": "Trần Thị B",
        "address": "12 Lê Lợi. Khách rất hài lòng",
        "interactionDate": "2026-05-03",
        "email": "a@b.com",
        "notes": "made up",
    }
    kinds = {
        "customerName": "person_name",
        "address": "free_text",
        "interactionDate": "date",
        "email": "email",
        "notes": "free_text",
    }
    score = score_case(case, filled, False, {}, TODAY)
    found = {(f.klass, f.field) for f in classify_failures(case, score, kinds, filled)}
    assert found == {
        ("role", "customerName"),
        ("free-text boundary", "address"),
        ("date", "interactionDate"),
        ("clearing", "email"),
        ("invented", "notes"),
        ("submit", "(submit)"),
    }
    table = breakdown([(case, classify_failures(case, score, kinds, filled))])
    assert table["classes"]["clearing"] == {"failures": 1, "cases": 1}
    assert table["tags"] == {"clearing": {"cases": 1, "failing": 1}}


@pytest.mark.parametrize(
    "path",
    sorted((Path(__file__).resolve().parents[1] / "data" / "forms_eval").glob("*.jsonl")),
    ids=lambda p: p.name,
)
def test_every_kept_case_file_reads_and_names_real_fields(path: Path) -> None:
    """The evaluation splits stay loadable, and every field they check exists on its form."""
    from gofer.workflows.forms.schema import FormSchema

    schemas = {}
    for case in load_cases(path):
        if case.form not in schemas:
            source = path.parents[1] / "form_fields" / f"{case.form}.json"
            schemas[case.form] = {f.name for f in FormSchema.from_json(source.read_text()).fields}
        named = set(case.expected) | set(case.must_not_fill) | set(case.ask)
        assert named <= schemas[case.form], (case.id, named - schemas[case.form])
