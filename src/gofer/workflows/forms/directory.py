"""The bank forms the agent knows: their names in messages, their titles, and where they live."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gofer.workflows.forms.understanding.text import fold_words

if TYPE_CHECKING:
    from gofer.config import Settings


@dataclass(frozen=True)
class KnownForm:
    key: str
    title_vi: str
    title_en: str
    # Folded phrases that name the form in a message, with a weight: longer, surer phrases weigh more.
    phrases: tuple[tuple[str, int], ...]


FORMS: dict[str, KnownForm] = {
    form.key: form
    for form in (
        KnownForm(
            "loan",
            "Đơn đăng ký vay",
            "loan application",
            (
                ("don vay", 5),
                ("khoan vay", 4),
                ("dang ky vay", 5),
                ("ho so vay", 5),
                ("vay tien", 3),
                ("mo khoan vay", 5),
                ("vay von", 2),
                ("loan application", 5),
                ("loan", 3),
                ("vay", 1),
                ("cccd", 3),
                ("cmnd", 3),
                ("national id", 3),
                ("borrow", 4),
                ("thu nhap", 2),
                ("monthly income", 2),
                ("tai san dam bao", 3),
                ("collateral", 3),
                ("the chap", 3),
            ),
        ),
        KnownForm(
            "crm",
            "Cập nhật CRM",
            "CRM update",
            (
                ("crm", 5),
                ("cap nhat khach hang", 4),
                ("cap nhat thong tin khach hang", 5),
                ("log tuong tac", 5),
                ("ghi nhan tuong tac", 5),
                ("cham soc khach hang", 3),
                ("tuong tac", 2),
                ("customer interaction", 4),
                ("interaction log", 4),
                ("khieu nai", 3),
                ("goi tong dai", 3),
                ("goi den", 3),
                ("cuoc goi", 3),
                ("gap truc tiep", 3),
                ("chat online", 3),
                ("zalo", 3),
                ("muc do hai long", 3),
                ("called", 3),
                ("visited", 3),
                ("visit", 2),
                ("complaint", 3),
                ("khach hang", 1),
                ("customer", 1),
            ),
        ),
        KnownForm(
            "hr",
            "Yêu cầu nội bộ (nhân sự)",
            "HR request",
            (
                ("nghi phep", 5),
                ("don nghi", 5),
                ("xin nghi", 4),
                ("yeu cau noi bo", 5),
                ("nhan su", 4),
                ("hr", 5),
                ("cong tac", 3),
                ("leave request", 5),
                ("annual leave", 4),
                ("sick leave", 4),
                ("business trip", 4),
                ("xin nghi viec", 5),
                ("hoan ung", 3),
                ("nhan vien", 1),
                ("employee", 3),
                ("resignation", 5),
                ("dao tao", 3),
                ("training", 3),
                ("thiet bi", 3),
                ("equipment", 3),
                ("reimbursement", 4),
                ("giay xac nhan", 4),
                ("quan ly truc tiep", 3),
            ),
        ),
        KnownForm(
            "compliance",
            "Báo cáo tuân thủ",
            "compliance report",
            (
                ("tuan thu", 5),
                ("bao cao tuan thu", 6),
                ("kiem toan", 4),
                ("compliance", 5),
                ("aml", 3),
                ("kyc", 3),
                ("audit", 3),
                ("bao cao", 3),
                ("report", 3),
                ("vi pham", 3),
                ("gian lan", 2),
                ("nhnn", 3),
                ("regulatory", 4),
            ),
        ),
        KnownForm(
            "operations",
            "Kiểm tra giao dịch",
            "transaction check",
            (
                ("kiem tra giao dich", 6),
                ("xac minh giao dich", 6),
                ("doi soat", 4),
                ("giao dich", 2),
                ("operations", 5),
                ("transaction check", 6),
                ("transaction", 3),
                ("gd", 2),
                ("rut tien", 2),
                ("chuyen khoan", 2),
                ("withdrawal", 2),
                ("refund", 2),
                ("hoan tien", 2),
                ("giai ngan", 1),
                ("disbursement", 1),
            ),
        ),
    )
}


def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])")


_PATTERNS = {key: tuple((_phrase_re(p), w) for p, w in form.phrases) for key, form in FORMS.items()}


# Below this, a message only brushes a form's vocabulary ("khách hàng", "vay"): ask instead.
MIN_SCORE = 2
# Reference codes are strong evidence of the form they belong to.
_CODES: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {
    "hr": ((re.compile(r"(?<![a-z0-9])nv ?\d{3,}"), 4),),
    "operations": ((re.compile(r"(?<![a-z0-9])txn ?\d+"), 5),),
    "compliance": ((re.compile(r"(?<![a-z0-9])bc \d{6}"), 5),),
    "crm": ((re.compile(r"(?<![a-z0-9])(?:cus|kh|cif) ?\d+"), 2),),
}


def detect_form(message: str) -> str | None:
    """The form a message names, or None when it names none or two equally.

    Each phrase and reference code counts once; the strongest total wins if it leads and is at
    least MIN_SCORE.
    """
    text = fold_words(message)
    scores: dict[str, int] = {}
    for key, patterns in _PATTERNS.items():
        score = sum(weight for pattern, weight in patterns if pattern.search(text))
        score += sum(weight for pattern, weight in _CODES.get(key, ()) if pattern.search(text))
        if score:
            scores[key] = score
    if not scores or max(scores.values()) < MIN_SCORE:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def normalise_form_key(value: str) -> str | None:
    """A form key from what a client sent: the key itself or any phrase that names one form."""
    folded = fold_words(value)
    if folded in FORMS:
        return folded
    return detect_form(value)


def form_url(settings: Settings, key: str) -> str:
    """Where a form lives: FORMS_URLS may point a form at its real page; else the replica path."""
    override = settings.forms_urls.get(key)
    if override:
        return override
    return f"{settings.forms_base_url}/{key}/"


def with_session(url: str, session_key: str) -> str:
    """The page URL that keeps this conversation's saved state apart from others'."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}session={session_key}"
