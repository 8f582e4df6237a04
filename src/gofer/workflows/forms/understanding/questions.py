"""Questions asked back to the user, in Vietnamese or English, and the message's language."""

from __future__ import annotations

import re

from ..schema import FormField
from .text import fold, has_vietnamese_letters

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[_\-]+")
_VI_WORDS = frozenset(
    """la cho va cua khach hang so dien thoai vay trieu ty ngay thang nam don tao nhe bo xoa gui
    nop ten dia chi sinh nghi phep ly do muc dich ky han tai san giao dich chuyen khoan bao cao
    kiem tra nhan vien quan ly cap nhat goi email sdt cccd cmnd co khong can theo doi hom nay
    mai voi nhu trong den tu luc gio chieu sang toi em anh chi ong ba""".split()
)
_EN_WORDS = frozenset(
    """the is for and with of to a an phone name email customer loan amount months years please
    submit remove clear step address date born income purpose term employee manager report
    transaction status account his her their it this that from until on at in by million billion
    thousand card credit limit mobile wants needs new type issue agent customer number code today
    tomorrow yesterday called call visit reason leave request department position officer review
    result notes note summary details fee refund deposit withdrawal transfer via bank branch be
    was were has have had will would should can please add change update set delete yet not do
    does no yes now send wait hold stop cancel ok okay go ahead keep but don first also just""".split()
)


# English contractions ("don't", "it's", "I'm") only ever occur in English.
_CONTRACTION = re.compile(r"[a-z]+['’](?:t|s|re|ll|ve|m|d)\b")


def message_language(text: str) -> str | None:
    """'vi' or 'en' when the message itself shows its language; None when it does not say."""
    # Capitalised words are mostly names and places, which say nothing about the language.
    plain = " ".join(w for w in text.split() if not w[:1].isupper() or w.isupper())
    if has_vietnamese_letters(plain):
        return "vi"
    low = plain.lower()
    en = 2 * len(_CONTRACTION.findall(low))
    words = re.findall(r"[a-z]+", fold(_CONTRACTION.sub(" ", low)))
    vi = sum(w in _VI_WORDS for w in words)
    en += sum(w in _EN_WORDS for w in words)
    if en == vi:
        return None
    return "en" if en > vi else "vi"


def detect_language(text: str, fallback: str = "vi") -> str:
    """'vi' for Vietnamese (with or without diacritics), 'en' for English, else `fallback`."""
    return message_language(text) or fallback


def display_label(field: FormField, lang: str = "vi") -> str:
    """The field's label for a reply: the page's own, or an English one for English replies."""
    label = " ".join(field.label.replace("*", " ").split())
    if lang == "en" and (has_vietnamese_letters(label) or not label):
        inside = re.findall(r"\(([^)]*)\)", label)
        english = [part for part in inside if part.strip() and not has_vietnamese_letters(part)]
        if english:
            return english[0].strip()
        words = _CAMEL.sub(" ", field.name).strip().lower()
        return words[:1].upper() + words[1:] if words else field.name
    return label or field.name


_TEMPLATES: dict[str, tuple[str, str]] = {
    "phone_invalid": (
        "Số điện thoại “{shown}” không hợp lệ (cần 10 chữ số, bắt đầu bằng 0). "
        "Anh/chị kiểm tra lại giúp em?",
        "The phone number “{shown}” is not valid (it needs 10 digits starting with 0). "
        "Could you check it?",
    ),
    "national_id_invalid": (
        "Số CCCD/CMND “{shown}” không hợp lệ: CCCD có 12 chữ số, CMND có 9 chữ số. "
        "Anh/chị đọc lại giúp em?",
        "The ID number “{shown}” is not valid: a CCCD has 12 digits, a CMND 9. Could you repeat it?",
    ),
    "account_invalid": (
        "Số tài khoản “{shown}” không hợp lệ cho “{label}”. Anh/chị kiểm tra lại?",
        "The account number “{shown}” for “{label}” is not valid. Could you check it?",
    ),
    "email_invalid": (
        "Email “{shown}” không hợp lệ. Anh/chị đọc lại email giúp em?",
        "The e-mail “{shown}” is not valid. Could you spell it again?",
    ),
    "date_invalid": (
        "Ngày “{shown}” cho “{label}” không tồn tại. Anh/chị kiểm tra lại?",
        "The date “{shown}” for “{label}” does not exist. Could you check it?",
    ),
    "date_needs_year": (
        "“{label}”: anh/chị cho em xin đủ ngày, tháng và năm?",
        "“{label}”: could you give the full date, with the year?",
    ),
    "datetime_needs_time": (
        "“{label}” cần cả giờ: giao dịch lúc mấy giờ?",
        "“{label}” needs a time too: at what time?",
    ),
    "datetime_needs_date": (
        "“{label}” cần cả ngày: ngày nào ạ?",
        "“{label}” needs a date too: which day?",
    ),
    "time_invalid": (
        "Giờ “{shown}” cho “{label}” không hợp lệ.",
        "The time “{shown}” for “{label}” is not valid.",
    ),
    "term_not_offered": (
        "Kỳ hạn “{shown}” không có trong danh sách ({options}). Anh/chị chọn kỳ hạn nào?",
        "A term of “{shown}” is not offered ({options}). Which term should I choose?",
    ),
    "option_unknown": (
        "“{shown}” không khớp lựa chọn nào của “{label}” ({options}). Anh/chị chọn giúp em?",
        "“{shown}” matches no choice of “{label}” ({options}). Which one should I pick?",
    ),
    "option_ambiguous": (
        "“{shown}” có thể là {options} (“{label}”). Anh/chị chọn giúp em?",
        "“{shown}” could be {options} (“{label}”). Which one did you mean?",
    ),
    "number_invalid": (
        "“{shown}” không phải là số hợp lệ cho “{label}”.",
        "“{shown}” is not a valid number for “{label}”.",
    ),
    "number_out_of_range": (
        "“{label}” phải trong khoảng {range}; “{shown}” nằm ngoài khoảng đó.",
        "“{label}” must be within {range}; “{shown}” is outside it.",
    ),
    "money_invalid": (
        "Số tiền “{shown}” cho “{label}” chưa rõ. Anh/chị nói lại giúp em?",
        "The amount “{shown}” for “{label}” is unclear. Could you repeat it?",
    ),
    "name_invalid": (
        "Em chưa nhận ra tên trong “{shown}” cho “{label}”. Anh/chị nói lại họ tên giúp em?",
        "I could not find a name in “{shown}” for “{label}”. Could you repeat the full name?",
    ),
    "code_invalid": (
        "Mã “{shown}” cho “{label}” không hợp lệ. Anh/chị đọc lại mã giúp em?",
        "The code “{shown}” for “{label}” is not valid. Could you repeat it?",
    ),
    "value_missing": (
        "Anh/chị muốn điền gì vào “{label}”?",
        "What should I enter for “{label}”?",
    ),
    "value_ambiguous": (
        "“{label}”: anh/chị chọn {options}?",
        "“{label}”: which one, {options}?",
    ),
    "field_ambiguous": (
        "“{shown}” là {options}? Anh/chị cho em biết điền vào ô nào.",
        "Is “{shown}” {options}? Please tell me which field it belongs to.",
    ),
    "reveal_ambiguous": (
        "Để điền “{label}”, cần chọn “{control}” là {options}. Anh/chị chọn giá trị nào?",
        "To fill “{label}”, “{control}” must be {options}. Which one should I choose?",
    ),
}


def question(code: str, lang: str, **params: str) -> str:
    vi, en = _TEMPLATES.get(
        code, ("Anh/chị nói rõ hơn giúp em về “{label}”?", "Could you clarify “{label}”?")
    )
    template = vi if lang == "vi" else en
    defaults = {"shown": "", "label": "", "options": "", "range": "", "control": ""}
    return template.format(**{**defaults, **params})


def join_choices(choices: list[str], lang: str) -> str:
    quoted = [f"“{c}”" for c in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    word = " hay " if lang == "vi" else " or "
    return ", ".join(quoted[:-1]) + word + quoted[-1]
