"""What kind of value each discovered field holds, judged from its type, label and name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import FormField, FormSchema
from .text import fold, fold_words

_TIME_VALUE = re.compile(r"^\d{1,2}:\d{2}$")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[_\-\s]+")

MONEY_WORDS = (
    "vnd", "tien", "thu nhap", "gia tri", "so du", "tien luong", "muc luong", "amount", "income",
    "balance",
    "value", "salary", "price", "gia", "phi", "fee",
)  # fmt: skip
NUMBER_UNITS: dict[str, tuple[str, ...]] = {
    "phut": ("phut", "minutes", "minute", "mins", "min", "p"),
    "ngay": ("ngay", "days", "day"),
    "truong hop": ("truong hop", "ca", "ho so", "cases", "case", "vu"),
    "diem": ("diem", "points", "score"),
    "gio": ("gio", "hours", "hour", "tieng"),
}
_NOT_PERSON = (
    "cong ty", "ngan hang", "bao cao", "company", "bank", "san pham", "chi nhanh", "don vi",
    "to chuc", "file", "tai lieu", "report", "product",
)  # fmt: skip


@dataclass(frozen=True)
class FieldProfile:
    """A field with the kind of value it holds and its words for matching."""

    field: FormField
    kind: str
    index: int
    label_main: str  # folded label words without parentheses, asterisks or units
    label_paren: str  # folded words inside parentheses
    name_words: str  # the field name split into lower-case words ("date of birth")
    units: tuple[str, ...] = ()  # unit words for plain numbers ("phut", "minutes", …)

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def semantic(self) -> str:
        return f" {self.label_main} {self.label_paren} {self.name_words} "

    def mentions(self, keyword: str) -> bool:
        return f" {keyword} " in self.semantic

    @property
    def label_size(self) -> int:
        return len(self.label_main.split()) or 1


def split_name(name: str) -> str:
    """'dateOfBirth' → 'date of birth'."""
    return " ".join(part.lower() for part in _CAMEL.split(name) if part)


def split_label(label: str) -> tuple[str, str]:
    """Main label words and the words in parentheses, folded ('Kỳ Hạn *' → 'ky han', '')."""
    label = label.replace("*", " ")
    inside = " ".join(re.findall(r"\(([^)]*)\)", label))
    outside = re.sub(r"\([^)]*\)", " ", label)
    return fold_words(outside), fold_words(inside)


def _is_term_select(field: FormField) -> bool:
    values = [o for o in field.options if o.value]
    return bool(values) and all(
        o.value.isdigit() and re.search(r"thang|month", fold(o.label)) for o in values
    )


def _is_time_select(field: FormField) -> bool:
    values = [o.value for o in field.options if o.value]
    timed = [v for v in values if _TIME_VALUE.match(v)]
    return len(timed) >= 3 and len(timed) >= len(values) - 2


def _is_yes_no(field: FormField) -> bool:
    labels = {fold_words(o.label) for o in field.options if o.value}
    return len(labels) == 2 and labels <= {"co", "khong", "yes", "no"}


def classify(field: FormField) -> str:
    """The kind of value a field holds, from its type, label and name."""
    main, paren = split_label(field.label)
    semantic = f" {main} {paren} {split_name(field.name)} "

    def has(*words: str) -> bool:
        return any(f" {w} " in semantic for w in words)

    if field.type == "file":
        return "file"
    if field.type == "select":
        if _is_term_select(field):
            return "term"
        if _is_time_select(field):
            return "timeslot"
        if _is_yes_no(field):
            return "yesno"
        return "select"
    simple = {
        "email": "email",
        "tel": "phone",
        "date": "date",
        "datetime-local": "datetime",
        "time": "time",
    }
    if field.type in simple:
        return simple[field.type]
    if field.type == "number":
        if _units(main, paren):
            return "number"
        return "money" if has(*MONEY_WORDS) else "number"
    if field.type == "textarea":
        return "free_text"
    if has("cccd", "cmnd", "cmt", "can cuoc", "national id", "id card", "passport", "ho chieu"):
        return "national_id"
    if has("dien thoai", "phone", "sdt", "mobile"):
        return "phone"
    if has("email", "mail"):
        return "email"
    if has("tai khoan", "account", "stk") and not main.startswith("ten "):
        return "account"
    if has("tag", "tags"):
        return "tags"
    if main.startswith("ma ") or (has("code", "id", "ma so") and not has("name")):
        return "code"
    person_head = main.startswith(("ten ", "ho va ten", "ho ten", "nguoi ")) or main in (
        "ho va ten",
        "ho ten",
        "ten",
    )
    person_name = split_name(field.name).endswith(
        ("name", "manager", "officer", "agent", "reviewer", "approver")
    )
    if (person_head or person_name) and not has(*_NOT_PERSON):
        return "person_name"
    if has("lien lac", "contact", "tieu de", "title", "mo ta", "dia chi", "address", "ghi chu"):
        return "free_text"
    if has("ly do", "reason", "note", "notes", "description"):
        return "free_text"
    return "short_text"


def _units(main: str, paren: str) -> tuple[str, ...]:
    words = f" {main} {paren} "
    found: list[str] = []
    for key, forms in NUMBER_UNITS.items():
        if f" {key} " in words:
            found.extend(forms)
    return tuple(found)


def profile_schema(schema: FormSchema) -> list[FieldProfile]:
    """One profile per field, in page order."""
    profiles: list[FieldProfile] = []
    for index, field in enumerate(schema.fields):
        main, paren = split_label(field.label)
        kind = classify(field)
        units = _units(main, paren) if kind == "number" else ()
        profiles.append(
            FieldProfile(field, kind, index, main, paren, split_name(field.name), units)
        )
    return profiles
