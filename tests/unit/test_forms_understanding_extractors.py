"""Extractors of the form understanding: numbers, money, phones, ids, e-mails, dates, names, terms."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gofer.workflows.forms.understanding.dates import find_dates, find_datetimes, find_times
from gofer.workflows.forms.understanding.email import read_email
from gofer.workflows.forms.understanding.ids import read_code, read_national_id
from gofer.workflows.forms.understanding.money import read_money
from gofer.workflows.forms.understanding.names import read_name
from gofer.workflows.forms.understanding.numbers import parse_number
from gofer.workflows.forms.understanding.phone import read_phone
from gofer.workflows.forms.understanding.terms import read_term
from gofer.workflows.forms.understanding.text import Message, accents_compatible, fold

TODAY = dt.date(2026, 11, 24)
VI_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def vi_words_below_1000(n: int) -> str:
    """How a Vietnamese speaker says 1..999 ("hai mươi tư", "một trăm lẻ năm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds:
        words += [VI_DIGITS[hundreds], "trăm"]
    if tens == 0 and units:
        if hundreds:
            words.append("lẻ")
        words.append(VI_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else VI_DIGITS[units])
    elif tens > 1:
        words += [VI_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, VI_DIGITS[units]))
    return " ".join(words)


# --- text -------------------------------------------------------------------------------------


def test_folding_keeps_length_and_maps_d_bar() -> None:
    text = "Nguyễn Đức Thắng sđt"
    assert fold(text) == "nguyen duc thang sdt"
    assert len(fold(text)) == len(text)


def test_accents_must_agree_when_typed() -> None:
    assert accents_compatible("cuoi", "cưới")  # no diacritics typed: could be either
    assert not accents_compatible("cuối", "cưới")  # "end" is not "wedding"
    assert accents_compatible("xoá", "xóa")  # old and new tone placement


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mười lăm", 15),
        ("hai mươi tư", 24),
        ("hai mươi mốt", 21),
        ("một trăm", 100),
        ("một trăm lẻ năm", 105),
        ("một trăm linh năm", 105),
        ("năm trăm", 500),
        ("một nghìn chín trăm chín mươi", 1990),
        ("twenty four", 24),
        ("one hundred and fifty", 150),
    ],
)
def test_number_words(text: str, value: int) -> None:
    assert parse_number(fold(text)) == value


@given(st.integers(min_value=1, max_value=999))
def test_vietnamese_number_words_round_trip(n: int) -> None:
    assert parse_number(fold(vi_words_below_1000(n))) == n


# --- money ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("500 triệu", 500_000_000),
        ("1,5 tỷ", 1_500_000_000),
        ("1.5 tỷ", 1_500_000_000),
        ("1 tỷ rưỡi", 1_500_000_000),
        ("5 triệu rưỡi", 5_500_000),
        ("750 nghìn", 750_000),
        ("750 ngàn", 750_000),
        ("750k", 750_000),
        ("năm trăm triệu", 500_000_000),
        ("1 tỷ 200 triệu", 1_200_000_000),
        ("1 tỷ 2", 1_200_000_000),
        ("ba triệu hai", 3_200_000),
        ("50.000.000đ", 50_000_000),
        ("20tr/tháng", 20_000_000),
        ("2 billion", 2_000_000_000),
        ("1.205 billion", 1_205_000_000),
        ("500 million VND", 500_000_000),
    ],
)
def test_money(text: str, amount: int) -> None:
    read = read_money(fold(text))
    assert read is not None
    assert read.value == amount


def test_money_stops_before_a_term() -> None:
    read = read_money(fold("1 tỷ 24 tháng"))
    assert read is not None and read.value == 1_000_000_000


@given(
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=0, max_value=999),
    st.booleans(),
)
def test_money_in_parts_round_trips(ty: int, trieu: int, nghin: int, in_words: bool) -> None:
    amount = ty * 1_000_000_000 + trieu * 1_000_000 + nghin * 1000
    if amount == 0:
        return
    parts = []
    for value, unit in ((ty, "tỷ"), (trieu, "triệu"), (nghin, "nghìn")):
        if value:
            spoken = vi_words_below_1000(value) if in_words else str(value)
            parts.append(f"{spoken} {unit}")
    read = read_money(fold(" ".join(parts) + " đồng"))
    assert read is not None
    assert read.value == amount


# --- phones and ids ---------------------------------------------------------------------------


@given(
    st.sampled_from("35789"),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.integers(0, 6),
)
def test_phone_formats_round_trip(first: str, rest: str, style: int) -> None:
    nine = first + rest
    national = "0" + nine
    written = [
        national,
        f"{national[:4]} {national[4:7]} {national[7:]}",
        f"{national[:4]}.{national[4:7]}.{national[7:]}",
        f"{national[:4]}-{national[4:7]}-{national[7:]}",
        f"+84 {nine[:3]} {nine[3:6]} {nine[6:]}",
        "84" + nine,
        ", ".join(
            " ".join(VI_DIGITS[int(d)] for d in national[a:b]) for a, b in ((0, 4), (4, 7), (7, 10))
        ),
    ][style]
    read = read_phone(fold(written))
    assert read is not None and read.value == national


def test_invalid_phone_is_refused_not_guessed() -> None:
    read = read_phone(fold("091234567"))
    assert read is not None and read.value is None and read.error == "phone_invalid"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("012345678901", "012345678901"),
        ("0123 4567 8901", "012345678901"),
        ("123456789", "123456789"),
    ],
)
def test_national_ids(text: str, value: str) -> None:
    read = read_national_id(fold(text))
    assert read is not None and read.value == value


def test_national_id_with_wrong_length_is_refused() -> None:
    read = read_national_id(fold("12345"))
    assert read is not None and read.value is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("cus001", "CUS001"),
        ("KH12345", "KH12345"),
        ("cif-8899", "CIF-8899"),
        ("nv001", "NV001"),
        ("TXN12345", "TXN12345"),
        ("bc-202410-001", "BC-202410-001"),
        ("KH 12345", "KH12345"),
    ],
)
def test_codes_are_upper_case(text: str, code: str) -> None:
    read = read_code(text, fold(text))
    assert read is not None and read.value == code


# --- e-mail -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("email An.Nguyen@Gmail.com nhé", "an.nguyen@gmail.com"),
        ("an chấm nguyễn a còng gmail chấm com", "an.nguyen@gmail.com"),
        ("hoa a cong vpbank cham com cham vn", "hoa@vpbank.com.vn"),
        ("phuc.ly a còng gmail chấm com", "phuc.ly@gmail.com"),
        ("john dot smith at abc dot com", "john.smith@abc.com"),
    ],
)
def test_emails(text: str, address: str) -> None:
    read = read_email(text, fold(text))
    assert read is not None and read.value == address


def test_broken_email_is_refused() -> None:
    read = read_email("email abc@", fold("email abc@"))
    assert read is not None and read.value is None


# --- dates and times --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("15/03/1990", dt.date(1990, 3, 15)),
        ("15-3-1990", dt.date(1990, 3, 15)),
        ("ngày 15 tháng 3 năm 1990", dt.date(1990, 3, 15)),
        ("ngay muoi lam thang ba nam 1990", dt.date(1990, 3, 15)),
        ("1990-03-15", dt.date(1990, 3, 15)),
        ("March 15, 1990", dt.date(1990, 3, 15)),
        ("15 March 1990", dt.date(1990, 3, 15)),
        ("hôm nay", TODAY),
        ("today", TODAY),
        ("ngày mai", TODAY + dt.timedelta(days=1)),
        ("tomorrow", TODAY + dt.timedelta(days=1)),
        ("hôm qua", TODAY - dt.timedelta(days=1)),
        ("7 ngày nữa", TODAY + dt.timedelta(days=7)),
        ("in 3 days", TODAY + dt.timedelta(days=3)),
        ("20/11", dt.date(2026, 11, 20)),
    ],
)
def test_dates(text: str, date: dt.date) -> None:
    found = find_dates(fold(text), TODAY)
    assert [d.value for d in found] == [date]


def test_impossible_date_is_found_but_has_no_value() -> None:
    (found,) = find_dates(fold("31/02/2020"), TODAY)
    assert found.value is None


@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2035, 12, 31)), st.integers(0, 3))
def test_dates_round_trip(day: dt.date, style: int) -> None:
    text = [
        day.strftime("%d/%m/%Y"),
        f"{day.day}-{day.month}-{day.year}",
        f"ngày {day.day} tháng {day.month} năm {day.year}",
        day.isoformat(),
    ][style]
    assert [d.value for d in find_dates(fold(text), TODAY)] == [day]


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("14h30", "14:30"),
        ("14:30", "14:30"),
        ("2 giờ chiều", "14:00"),
        ("9 giờ sáng", "09:00"),
        ("8h tối", "20:00"),
        ("2 giờ rưỡi chiều", "14:30"),
        ("3 giờ kém 15 chiều", "14:45"),
        ("2:30 pm", "14:30"),
        ("14 giờ 30 phút", "14:30"),
    ],
)
def test_times(text: str, time: str) -> None:
    assert [t.value for t in find_times(fold(text))] == [time]


def test_datetime_joins_a_date_and_a_time() -> None:
    (found,) = find_datetimes(fold("lúc 14h30 ngày 20/10/2024"), TODAY)
    assert found.value == "2024-10-20T14:30"


# --- terms and names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("24 tháng", 24),
        ("2 năm", 24),
        ("1 năm rưỡi", 18),
        ("hai năm", 24),
        ("18 months", 18),
        ("10 năm", 120),
    ],
)
def test_terms(text: str, months: int) -> None:
    read = read_term(fold(text))
    assert read is not None and read.months == months


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nguyễn Văn An sinh năm 1990", "Nguyễn Văn An"),
        ("anh Trần Thị Bích, sđt", "Trần Thị Bích"),
        ("nguyen van an sdt 09", "Nguyen Van An"),
        ("NGUYỄN THỊ LAN", "Nguyễn Thị Lan"),
        ("Lê Văn Tám 0912", "Lê Văn Tám"),
    ],
)
def test_names_are_capitalised_and_stop_at_other_words(text: str, name: str) -> None:
    message = Message(text)
    read = read_name(message, 0, len(text))
    assert read is not None and read.value == name


def test_ordinary_words_are_not_a_name() -> None:
    message = Message("chuyển khoản nhầm")
    assert read_name(message, 0, len(message.raw)) is None
