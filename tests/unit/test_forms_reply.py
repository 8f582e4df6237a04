"""What the agent says back: in the user's language, the most useful question first."""

from __future__ import annotations

import json
from pathlib import Path

from gofer.workflows.forms.reply import (
    TurnOutcome,
    language_of,
    next_question,
    summary,
    which_form_question,
)
from gofer.workflows.forms.schema import FormSchema

LOAN = FormSchema.from_dict(
    json.loads((Path(__file__).parent.parent / "data" / "form_fields" / "loan.json").read_text())
)


def outcome(**changes: object) -> TurnOutcome:
    values: dict[str, object] = {
        "form": "loan",
        "schema": LOAN,
        "written": ["customerName"],
        "removed": [],
        "cleared": False,
        "submitted": False,
        "submit_message": "",
        "submit_blocked": "",
        "step": 1,
        "missing": ["phoneNumber", "email", "address", "gender"],
        "questions": [],
        "mismatches": [],
        "skipped": {},
    }
    values.update(changes)
    return TurnOutcome(**values)  # type: ignore[arg-type]


def test_language_follows_the_message() -> None:
    assert language_of("Mở đơn vay cho An") == "vi"
    assert language_of("mo don vay cho an, so dien thoai 0912345678") == "vi"
    assert language_of("Please fill the loan form for An") == "en"


def test_missing_fields_are_asked_for_a_few_at_a_time() -> None:
    question = next_question(outcome(), "vi")

    assert (
        question
        == "Bạn cho mình biết thêm: Số Điện Thoại, Email, Địa Chỉ Thường Trú (và 1 trường khác)?"
    )
    assert next_question(outcome(missing=[]), "vi") is None
    assert next_question(outcome(submitted=True), "vi") is None


def test_understanding_questions_then_problems_come_before_missing_fields() -> None:
    asked = outcome(questions=["Anh/chị chọn kỳ hạn nào?"], mismatches=["monthlyIncome"])
    assert next_question(asked, "vi") == "Anh/chị chọn kỳ hạn nào?"

    wrong = outcome(mismatches=["monthlyIncome"])
    assert "Thu Nhập Hàng Tháng (VNĐ)" in (next_question(wrong, "vi") or "")

    hidden = outcome(skipped={"collateralValue": "hidden"})
    assert "Collateral value" in (
        next_question(hidden, "en") or ""
    )  # English names, not the page's


def test_summary_says_what_was_done() -> None:
    assert summary(outcome(), "vi") == "Đã điền 1 trường trên Đơn đăng ký vay. Đang ở bước 1/3."
    sent = summary(outcome(submitted=True, submit_message="✓ Đăng ký vay thành công"), "en")
    assert (
        sent
        == "Filled 1 field(s) on the loan application. Submitted the form (✓ Đăng ký vay thành công)."
    )
    assert summary(outcome(written=[], moved_to=3, step=3), "vi") == "Đã chuyển sang bước 3."
    assert "Bạn muốn điền mẫu nào" in which_form_question("vi")


def test_an_english_command_is_english_even_with_a_word_that_folds_like_vietnamese() -> None:
    # "don't" folds to "don", which is also unaccented Vietnamese for "đơn".
    assert language_of("don't submit yet", "vi") == "en"
    assert language_of("Don't send it, wait", "vi") == "en"


def test_a_message_that_shows_no_language_keeps_the_conversations() -> None:
    assert language_of("0912345678", "en") == "en"
    assert language_of("0912345678", "vi") == "vi"
    assert language_of("ok", "vi") == "en"  # "ok" reads as English on its own


def test_english_questions_name_fields_in_english() -> None:
    question = next_question(outcome(), "en")
    assert question is not None
    assert "Số" not in question and "Điện" not in question
    assert "Phone number" in question


def test_a_field_the_message_named_but_could_not_fill_is_reported() -> None:
    text = summary(outcome(written=[], rejected={"loanAmount": "?"}), "en")
    assert "Loan amount" in text
    assert "No change" not in text
