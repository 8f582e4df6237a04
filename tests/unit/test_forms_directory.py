"""Which form a message names, where each form lives, and what a turn may be asked."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gofer.config import Settings
from gofer.workflows.forms.directory import detect_form, form_url, with_session
from gofer.workflows.forms.params import FormsFillParams


@pytest.mark.parametrize(
    ("message", "form"),
    [
        ("Mở đơn vay cho Nguyễn Văn An, 500 triệu", "loan"),
        ("tao don vay cho chi Ngoc", "loan"),
        ("New loan application for Le Hoang Nam", "loan"),
        ("Cập nhật CRM cho khách hàng KH12345", "crm"),
        ("ghi nhận tương tác với khách hàng qua điện thoại", "crm"),
        ("Tạo đơn nghỉ phép cho Lê Thị Hoa", "hr"),
        ("xin nghi om 2 ngay", "hr"),
        ("Báo cáo tuân thủ AML tháng 10", "compliance"),
        ("kiểm tra giao dịch TXN12345", "operations"),
        ("transaction check for TXN70002", "operations"),
    ],
)
def test_a_message_names_its_form(message: str, form: str) -> None:
    assert detect_form(message) == form


@pytest.mark.parametrize("message", ["xin chào", "số điện thoại 0912345678", ""])
def test_no_form_is_guessed_from_a_message_that_names_none(message: str) -> None:
    assert detect_form(message) is None


def test_form_urls_come_from_settings_and_may_point_at_real_pages() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        forms_base_url="http://127.0.0.1:9/vpbank/",
        forms_urls={"crm": "https://case2-ten.vercel.app/"},
    )

    assert form_url(settings, "loan") == "http://127.0.0.1:9/vpbank/loan/"
    assert form_url(settings, "crm") == "https://case2-ten.vercel.app/"
    assert with_session("https://x.test/a/", "ses_1") == "https://x.test/a/?session=ses_1"
    assert with_session("https://x.test/a/?v=2", "ses_1") == "https://x.test/a/?v=2&session=ses_1"


def test_turn_parameters_accept_form_names_and_refuse_unknown_ones() -> None:
    assert FormsFillParams(message="hi", form="Đơn vay").form == "loan"
    assert FormsFillParams(message="hi", form="operations").form == "operations"
    with pytest.raises(ValidationError, match="unknown form"):
        FormsFillParams(message="hi", form="mortgage")
    with pytest.raises(ValidationError, match="empty"):
        FormsFillParams(message="   ")
    with pytest.raises(ValidationError):
        FormsFillParams(message="hi", session_id="../etc")
