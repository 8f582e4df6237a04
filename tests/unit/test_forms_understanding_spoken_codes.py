"""Codes as speech recognition writes them, rewritten as typed."""

from __future__ import annotations

import pytest

from gofer.workflows.forms.understanding.spoken_codes import rewrite_spoken_codes

EXAMPLES = [
    ("mã là bc gạch 202604 gạch 060 à", "mã là BC-202604-060 à"),
    ("giao dịch mã txn 9 3 2 2 0 nha", "giao dịch mã TXN93220 nha"),
    ("mã nhân viên nờ vê không hai hai hai ạ", "mã nhân viên NV0222 ạ"),
    ("report bc dash 2026 dash 11", "report BC-2026-11"),
    ("mã nhân viên nv không bốn năm sáu nha", "mã nhân viên NV0456 nha"),
    ("mã bc gạch hai không hai năm gạch không một hai", "mã BC-2025-012"),
    ("mã giao dịch tê ích en chín tám bảy sáu", "mã giao dịch TXN9876"),
]


@pytest.mark.parametrize(("spoken", "typed"), EXAMPLES)
def test_spoken_codes_become_typed_codes(spoken: str, typed: str) -> None:
    assert rewrite_spoken_codes(spoken) == typed


@pytest.mark.parametrize(
    "text",
    [
        "vay 500 triệu trong 24 tháng",
        "số điện thoại không chín một hai ba bốn năm sáu bảy tám",  # a phone, not a code
        "một tờ giấy",
        "KH12345, NV-0451",
        "em một hai ba bốn",  # a pronoun, not a letter
        "khách nv ba người",
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert rewrite_spoken_codes(text) == text
