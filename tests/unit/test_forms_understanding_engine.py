"""understand(): values by label meaning, commands, corrections, questions and refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gofer.workflows.forms.schema import FieldOption, FormField, FormSchema
from gofer.workflows.forms.understanding import missing, understand

DATA = Path(__file__).resolve().parents[1] / "data" / "form_fields"
TODAY = dt.date(2026, 11, 24)


def schema(form: str) -> FormSchema:
    return FormSchema.from_json((DATA / f"{form}.json").read_text(encoding="utf-8"))


def run(form: str, message: str, current: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return understand(message, schema(form), today=TODAY, current=current or {})


def test_issue_example_one_shot_loan() -> None:
    result = run(
        "loan",
        "Tạo đơn vay cho Nguyễn Văn An, CCCD 012345678901, sđt 0912 345 678, "
        "email an.nguyen@gmail.com, vay 500 triệu trong 2 năm, mục đích mua nhà",
    )
    assert result.set_values == {
        "customerName": "Nguyễn Văn An",
        "customerId": "012345678901",
        "phoneNumber": "0912345678",
        "email": "an.nguyen@gmail.com",
        "loanAmount": "500000000",
        "loanTerm": "24",
        "loanPurpose": "home",
    }
    assert not result.submit and not result.questions


def test_without_diacritics_and_in_english() -> None:
    vi = run("loan", "khach hang tran thi mai, vay 1 ty ruoi, 36 thang, mua xe")
    assert vi.set_values == {
        "customerName": "Tran Thi Mai",
        "loanAmount": "1500000000",
        "loanTerm": "36",
        "loanPurpose": "vehicle",
    }
    en = run("loan", "Loan for Le Van Hung, amount 750 million, term 24 months, purpose education")
    assert en.set_values == {
        "customerName": "Le Van Hung",
        "loanAmount": "750000000",
        "loanTerm": "24",
        "loanPurpose": "education",
    }
    assert en.language == "en"


def test_correction_overwrites() -> None:
    current = {"phoneNumber": "0912345678", "email": "a@b.com"}
    result = run("loan", "à nhầm, số điện thoại là 0987 654 321", current)
    assert result.set_values == {"phoneNumber": "0987654321"}
    english = run("loan", "actually the phone is 0911 222 333", current)
    assert english.set_values == {"phoneNumber": "0911222333"}
    changed = run("loan", "sửa email thành an@gmail.com", current)
    assert changed.set_values == {"email": "an@gmail.com"}


def test_bare_correction_goes_to_the_value_given_before() -> None:
    current = {"loanAmount": "750000"}
    result = run("loan", "à nhầm, 750 triệu", current)
    assert result.set_values == {"loanAmount": "750000000"}


@pytest.mark.parametrize("message", ["bỏ email đi", "xóa email", "remove the email", "bo email di"])
def test_remove(message: str) -> None:
    result = run("loan", message, {"email": "a@b.com"})
    assert result.remove == ["email"]
    assert result.set_values == {}


@pytest.mark.parametrize(
    "message", ["xóa hết", "xóa hết form đi", "clear the form", "làm lại từ đầu"]
)
def test_clear(message: str) -> None:
    result = run("loan", message, {"email": "a@b.com"})
    assert result.clear_all
    assert result.apply_to({"email": "a@b.com"}) == {}


def test_values_after_a_clear_stay() -> None:
    result = run("loan", "xóa hết, khách hàng mới là Phan Văn Đức")
    assert result.clear_all
    assert result.set_values == {"customerName": "Phan Văn Đức"}


@pytest.mark.parametrize(
    ("message", "step"),
    [("sang bước 2", 2), ("chuyển sang bước ba", 3), ("go to step 2", 2), ("quay lại bước 1", 1)],
)
def test_goto_step(message: str, step: int) -> None:
    assert run("loan", message).goto_step == step


@pytest.mark.parametrize(
    ("message", "submit"),
    [
        ("gửi đơn", True),
        ("nộp", True),
        ("ok nộp đơn luôn nhé", True),
        ("submit", True),
        ("please submit it", True),
        ("gửi báo cáo", True),
        ("xác nhận", True),
        ("đừng gửi", False),
        ("chưa gửi vội nhé", False),
        ("khoan, đừng nộp", False),
        ("Don't submit yet", False),
        ("do not submit", False),
        ("tôi muốn nộp đơn xin nghỉ phép", False),
        ("ngày nộp đơn 25/11/2026", False),
        ("xin giấy xác nhận công tác", False),
    ],
)
def test_submit_only_when_asked(message: str, submit: bool) -> None:
    assert run("hr", message).submit is submit


def test_ten_year_term_is_not_rounded_but_asked() -> None:
    result = run("loan", "vay 200 triệu trong 10 năm")
    assert result.set_values == {"loanAmount": "200000000"}
    assert "loanTerm" in result.rejected
    assert any("6 tháng" in q and "60 tháng" in q for q in result.questions)


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("CCCD 12345", "customerId"),
        ("số điện thoại 091234567", "phoneNumber"),
        ("sinh ngày 31/02/1990", "dateOfBirth"),
        ("email abc@", "email"),
    ],
)
def test_invalid_values_are_refused_and_asked(message: str, field: str) -> None:
    result = run("loan", message)
    assert field not in result.set_values
    assert field in result.rejected
    assert result.questions


def test_questions_follow_the_language() -> None:
    vi = run("loan", "số điện thoại 091234567")
    en = run("loan", "the phone number is 091234567")
    assert "Số điện thoại" in vi.questions[0]
    assert "phone number" in en.questions[0]


def test_a_value_two_fields_could_take_is_asked_not_guessed() -> None:
    result = run("loan", "500 triệu")
    assert result.set_values == {}
    assert result.questions


def test_nothing_is_invented() -> None:
    result = run("loan", "tạo đơn vay cho khách hàng mới")
    assert result.set_values == {}


def test_conditional_field_sets_the_field_that_shows_it() -> None:
    hr = run("hr", "xin nghỉ ốm từ 3/12/2026 đến 5/12/2026")
    assert hr.set_values["leaveType"] == "sick"
    assert hr.set_values["requestType"] == "leave"
    ops = run("operations", "người nhận Lê Thị Mai, ngân hàng Vietcombank")
    assert ops.set_values["transactionType"] == "transfer"
    assert ops.set_values["beneficiaryName"] == "Lê Thị Mai"


def test_conditional_field_with_two_revealing_values_asks() -> None:
    result = run("compliance", "chi tiết vi phạm: thiếu chữ ký")
    assert result.set_values == {"violationDetails": "thiếu chữ ký"}
    assert any("Vi phạm nhỏ" in q and "Vi phạm nghiêm trọng" in q for q in result.questions)


@pytest.mark.parametrize(
    ("message", "slot", "time"),
    [
        ("gọi lúc 14h30", "14:30", "14:30"),
        ("gọi lúc 14h37", "__custom__", "14:37"),
        ("lúc 9h tối", "__custom__", "21:00"),
        ("lúc 8 giờ tối", "20:00", "20:00"),
    ],
)
def test_crm_time_goes_through_the_slot_select(message: str, slot: str, time: str) -> None:
    result = run("crm", message)
    assert result.set_values["timeSlot"] == slot
    assert result.set_values["interactionTime"] == time


def test_select_by_synonym_without_diacritics_and_with_a_typo() -> None:
    assert run("operations", "loai giao dich chuyen khona").set_values == {
        "transactionType": "transfer"
    }
    assert run("loan", "tai san dam bao: so do").set_values == {"collateralType": "real-estate"}


def test_short_answer_to_a_question() -> None:
    assert run("loan", "Nữ").set_values == {"gender": "female"}
    assert run("crm", "có", {"followUpRequired": ""}).set_values == {"followUpRequired": "yes"}


def test_missing_lists_visible_empty_fields() -> None:
    hr = schema("hr")
    empty = missing(hr, {})
    assert "employeeName" in empty
    assert "leaveType" not in empty  # hidden until requestType is leave
    assert "attachments" not in empty  # files are not filled from text
    assert "leaveType" in missing(hr, {"requestType": "leave"})
    assert "employeeName" not in missing(hr, {"employeeName": "Lê Văn A"})


def test_a_new_form_with_sensible_labels_works_without_code_changes() -> None:
    card = FormSchema(
        "cardForm",
        "Đăng ký mở thẻ",
        (
            FormField("fullName", "Họ tên chủ thẻ", "text"),
            FormField("idNumber", "Số CCCD", "text"),
            FormField("mobile", "Số điện thoại liên hệ", "tel"),
            FormField(
                "cardType",
                "Loại thẻ",
                "select",
                options=(
                    FieldOption("", "-- Chọn --"),
                    FieldOption("classic", "Thẻ Classic"),
                    FieldOption("gold", "Thẻ Gold"),
                    FieldOption("platinum", "Thẻ Platinum"),
                ),
            ),
            FormField("creditLimit", "Hạn mức mong muốn (VNĐ)", "number"),
            FormField("deliveryAddress", "Địa chỉ nhận thẻ", "textarea"),
            FormField("issueDate", "Ngày phát hành", "date", step=2),
        ),
        steps=2,
    )
    result = understand(
        "Mở thẻ cho chị Nguyễn Thị Hoa, CCCD 001190012345, sđt 0912 345 678, loại thẻ Gold, "
        "hạn mức 50 triệu, địa chỉ nhận thẻ: 12 Lê Lợi, Quận 1, ngày phát hành hôm nay",
        card,
        today=TODAY,
        current={},
    )
    assert result.set_values == {
        "fullName": "Nguyễn Thị Hoa",
        "idNumber": "001190012345",
        "mobile": "0912345678",
        "cardType": "gold",
        "creditLimit": "50000000",
        "deliveryAddress": "12 Lê Lợi, Quận 1",
        "issueDate": "2026-11-24",
    }


def test_schema_rejects_unknown_types_and_duplicate_names() -> None:
    with pytest.raises(ValueError, match="unknown field type"):
        FormField("x", "X", "colour")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="duplicate"):
        FormSchema("f", "F", (FormField("a", "A", "text"), FormField("a", "A", "text")))


_WORDS = [
    "vay", "500 triệu", "sđt", "0912345678", "email", "a@b.vn", "ngày", "15/03/1990", "tên",
    "Nguyễn Văn An", "gửi đơn", "bỏ", "xóa hết", "bước 2", "à nhầm", ",", ".", ":", "không",
    "có", "mua nhà", "10 năm", "CCCD", "KH123", "lúc 14h30", "hôm nay", "chuyển khoản",
    "trạng thái", "hoàn thành", "ghi chú", "lý do", "nam", "nữ", "1 tỷ rưỡi", "thẻ", "the",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["loan", "crm", "hr", "compliance", "operations"]),
    st.lists(st.sampled_from(_WORDS) | st.text(max_size=12), max_size=14),
)
def test_any_message_gives_only_valid_values(form: str, parts: list[str]) -> None:
    spec = schema(form)
    result = understand(" ".join(parts), spec, today=TODAY, current={})
    for name, value in result.set_values.items():
        field = spec.get(name)
        assert field is not None and field.type != "file"
        if field.type == "select":
            assert value in field.option_values() and value != ""
        elif field.type == "date":
            dt.date.fromisoformat(value)
        elif field.type == "tel":
            assert len(value) == 10 and value.startswith("0") and value.isdigit()
        elif field.type == "number":
            float(value)
    assert set(result.remove) <= {f.name for f in spec.fields}
    assert result.goto_step is None or 1 <= result.goto_step <= spec.steps
