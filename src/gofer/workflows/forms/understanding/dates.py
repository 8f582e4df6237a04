"""Dates, times and date-times in Vietnamese and English, absolute or relative to today."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from .numbers import lex, read_words_number

_MONTHS_EN = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"

_ISO_RE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_DMY_RE = re.compile(r"(?<![\d.,/-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d])")
_DM_RE = re.compile(r"(?<![\d.,/-])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/]|\s*/\s*\d)")
_EN_MDY_RE = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}}){_ORD}(?:\s*,?\s*(\d{{4}})(?![\d-]))?(?![\d])"
)
_EN_DMY_RE = re.compile(
    rf"(?<![\d])(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MONTH_NAMES})\b\.?(?:\s*,?\s*(\d{{4}})(?![\d-]))?"
    rf"(?![\d])"
)
_VI_MONTH_WORDS = {"gieng": 1, "chap": 12}

_WEEKDAYS_VI = {
    "hai": 0,
    "2": 0,
    "ba": 1,
    "3": 1,
    "tu": 2,
    "4": 2,
    "nam": 3,
    "5": 3,
    "sau": 4,
    "6": 4,
    "bay": 5,
    "7": 5,
}
_WEEKDAYS_EN = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_FIXED_RELATIVE: tuple[tuple[str, int], ...] = (
    (r"ngay hom nay|hom nay|today|(?:(?<=sang )|(?<=trua )|(?<=chieu )|(?<=toi ))nay", 0),
    # southern and central speech: "bữa nay", "bữa ni", "hôm ni"; "this morning"
    (r"bua nay|bua ni|hom ni|this morning|this afternoon|this evening", 0),
    (r"bua qua", -1),
    (r"(?:(?<=sang )|(?<=trua )|(?<=chieu )|(?<=toi ))mai", 1),
    (r"(?:(?<=sang )|(?<=trua )|(?<=chieu )|(?<=toi )|(?<=dem ))qua", -1),
    (r"ngay mai|tomorrow", 1),
    (r"ngay hom qua|hom qua|yesterday", -1),
    (r"ngay kia|ngay mot|day after tomorrow", 2),
    (r"hom kia|day before yesterday", -2),
)
_NUM = r"(\d{1,3}|[a-z]+(?: [a-z]+){0,2})"
_REL_AFTER_RE = re.compile(
    rf"\b(?:sau|trong|khoang)?\s*{_NUM}\s+(ngay|tuan|thang)\s+(?:nua|toi|sau)\b"
    rf"|\bsau\s+{_NUM}\s+(ngay|tuan|thang)\b"
    rf"|\bin\s+{_NUM}\s+(days?|weeks?|months?)\b"
    rf"|\b{_NUM}\s+(days?|weeks?|months?)\s+(?:from now|later)\b"
)
_REL_BEFORE_RE = re.compile(
    rf"\b{_NUM}\s+(ngay|hom|tuan|thang)\s+truoc\b|\b{_NUM}\s+(days?|weeks?|months?)\s+ago\b"
)
_NEXT_PERIOD_RE = re.compile(
    r"\b(tuan sau|tuan toi|next week|thang sau|thang toi|next month)\b(?!\s*(?:nua|\d))"
)
_WEEKDAY_VI_RE = re.compile(
    r"\b(?:thu\s+(hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat|cn))\b"
    r"(?:\s+(tuan\s+(?:sau|toi)\s+nua|tuan\s+(?:sau|toi|nay|truoc|roi)|nay|toi|vua roi|vua qua|"
    r"truoc|roi))?"
)
_WEEKDAY_EN_RE = re.compile(
    r"\b(?:(next|this|coming|last|previous|past)\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"(?:\s+(next week|last week|this week))?"
)
_MONTH_END_RE = re.compile(
    r"\b(cuoi thang(?: nay)?|end of (?:the|this) month)\b|\b(cuoi thang sau|end of next month)\b"
    r"|\b(dau thang sau|dau thang toi|start of next month|beginning of next month)\b"
)


# "ngày 5 tháng tới", "the 3rd of next month": a day of next month (not "in 5 months").
_DAY_OF_NEXT_MONTH_RE = re.compile(
    r"\b(?:ngay|mung|mong)\s+(\d{1,2})\s+(?:cua\s+)?thang\s+(?:toi|ke tiep)\b"
    r"|\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+of\s+next\s+month\b"
)


# "từ mùng 2 đến mùng 5 tháng 12", "từ 2 đến 5/12": the first day takes the month of the last.
_DAY_RANGE_RE = re.compile(
    r"\btu\s+(?:ngay\s+|mung\s+|mong\s+)?(\d{1,2})\s+(?:den|toi)\s+(?:het\s+)?"
    r"(?:ngay\s+|mung\s+|mong\s+)?(\d{1,2})\s*(?:/|-|thang\s+)(\d{1,2})\b(?!\s*[/.-]\s*\d)"
)


@dataclass(frozen=True)
class DateRead:
    """A calendar date found at `[start, end)`; `value` None when the date does not exist."""

    value: dt.date | None
    start: int
    end: int
    has_year: bool = True
    relative: bool = False
    shown: str = ""
    period: str = ""  # "sáng"/"chiều"… carried by "chiều qua", for a time given without one


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_date(month: int, day: int, today: dt.date) -> dt.date | None:
    """A day and month without a year: the one nearest to today ("1/1" in late November is
    next January), this year's when it exists in no nearer year."""
    options = [d for d in (make_date(today.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - today).days), d.year != today.year))


def _full_year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000
        if year > today.year + 10:
            year -= 100
    return year


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _count(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text in ("mot", "a", "an", "one"):
        return 1
    read = read_words_number(lex(text), 0)
    if read is None or read.next_index != len(lex(text)):
        return None
    return int(read.value)


def _numeric(low: str, pos: int, end: int, today: dt.date) -> list[DateRead]:
    found: list[DateRead] = []
    for match in _ISO_RE.finditer(low, pos, end):
        year, month, day = (int(g) for g in match.groups())
        found.append(
            DateRead(make_date(year, month, day), match.start(), match.end(), shown=match.group())
        )
    for match in _DMY_RE.finditer(low, pos, end):
        day, month = int(match.group(1)), int(match.group(3))
        year = _full_year(match.group(4), today)
        value = make_date(year, month, day)
        if value is None and month > 12 and day <= 12:
            value = make_date(year, day, month)  # month-first, as en-US writes it
        found.append(DateRead(value, match.start(), match.end(), shown=match.group()))
    for match in _DM_RE.finditer(low, pos, end):
        day, month = int(match.group(1)), int(match.group(2))
        if month > 12 and day > 12:
            continue
        value = nearest_date(month, day, today)
        found.append(
            DateRead(value, match.start(), match.end(), has_year=False, shown=match.group())
        )
    return found


def _english(low: str, pos: int, end: int, today: dt.date) -> list[DateRead]:
    found: list[DateRead] = []
    for match in _EN_MDY_RE.finditer(low, pos, end):
        month, day, year = _MONTHS_EN[match.group(1)], int(match.group(2)), match.group(3)
        found.append(_dated(match, year, month, day, today))
    for match in _EN_DMY_RE.finditer(low, pos, end):
        day, month, year = int(match.group(1)), _MONTHS_EN[match.group(2)], match.group(3)
        found.append(_dated(match, year, month, day, today))
    return found


def _dated(
    match: re.Match[str], year: str | None, month: int, day: int, today: dt.date
) -> DateRead:
    return DateRead(
        make_date(_full_year(year, today), month, day) if year else nearest_date(month, day, today),
        match.start(),
        match.end(),
        has_year=year is not None,
        shown=match.group(),
    )


def _vietnamese_long(low: str, pos: int, end: int, today: dt.date) -> list[DateRead]:
    """'ngày 15 tháng 3 năm 1990', 'mùng 5 tháng giêng', '15 tháng 3, 1990'."""
    items = lex(low, pos, end)
    found: list[DateRead] = []
    for k, item in enumerate(items):
        if item.text != "thang" or k == 0:
            continue
        day_start, day = _number_before(items, k)
        if day is None or not 1 <= day <= 31:
            continue
        month, after = _month_after(items, k + 1)
        if month is None:
            continue
        start = items[day_start].start
        if day_start > 0 and items[day_start - 1].text in ("ngay", "mung", "mong"):
            start = items[day_start - 1].start
        year: int | None = None
        stop = items[after - 1].end
        j = after
        if j < len(items) and items[j].text in ("nam", ",", "/"):
            j += 1
        if j < len(items) and items[j].kind == "num" and len(items[j].text) in (2, 4):
            year = _full_year(items[j].text, today)
            stop = items[j].end
        elif j < len(items) and items[j].kind == "word" and j > after:
            read = read_words_number(items, j)
            digits = _year_said_digit_by_digit(items, j)
            if read is not None and 1900 <= read.value <= 2100:
                year = int(read.value)
                stop = items[read.next_index - 1].end
            elif digits is not None:
                year, stop = digits  # "năm một chín tám lăm"
        value = make_date(year, month, day) if year else nearest_date(month, day, today)
        found.append(DateRead(value, start, stop, has_year=year is not None, shown=low[start:stop]))
    return found


_DIGIT_WORDS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip


def _year_said_digit_by_digit(items: list, j: int) -> tuple[int, int] | None:
    """'một chín tám lăm' → 1985 (and where it ends), when four digit words make a year."""
    words = items[j : j + 4]
    if len(words) < 4 or any(w.kind != "word" or w.text not in _DIGIT_WORDS for w in words):
        return None
    year = int("".join(str(_DIGIT_WORDS[w.text]) for w in words))
    return (year, words[-1].end) if 1900 <= year <= 2100 else None


def _number_before(items: list, k: int) -> tuple[int, int | None]:
    """Day number just before items[k] ('15 tháng', 'mười lăm tháng')."""
    prev = items[k - 1]
    if prev.kind == "num" and prev.text.isdigit():
        return k - 1, int(prev.text)
    for width in (3, 2, 1):
        first = k - width
        if first < 0:
            continue
        read = read_words_number(items, first)
        if (
            read is not None
            and read.next_index == k
            and all(items[i].kind == "word" for i in range(first, k))
        ):
            return first, int(read.value)
    return k, None


def _month_after(items: list, j: int) -> tuple[int | None, int]:
    if j >= len(items):
        return None, j
    item = items[j]
    if item.kind == "num" and item.text.isdigit():
        month = int(item.text)
        return (month if 1 <= month <= 12 else None), j + 1
    if item.text in _VI_MONTH_WORDS:
        return _VI_MONTH_WORDS[item.text], j + 1
    read = read_words_number(items, j)
    if read is not None and 1 <= read.value <= 12:
        # "tháng ba năm …": stop before the year marker.
        return int(read.value), read.next_index
    return None, j


def _relative(low: str, pos: int, end: int, today: dt.date) -> list[DateRead]:
    found: list[DateRead] = []
    for pattern, offset in _FIXED_RELATIVE:
        for match in re.finditer(rf"\b(?:{pattern})\b", low[:end]):
            if match.start() >= pos:
                found.append(
                    DateRead(
                        today + dt.timedelta(days=offset), match.start(), match.end(), relative=True
                    )
                )
    for regex, sign in ((_REL_AFTER_RE, 1), (_REL_BEFORE_RE, -1)):
        for match in regex.finditer(low, pos, end):
            groups = [g for g in match.groups() if g]
            if len(groups) < 2:
                continue
            count = _count(groups[0])
            if count is None:
                continue
            unit = groups[1]
            if unit.startswith(("ngay", "hom", "day")):
                value = today + dt.timedelta(days=sign * count)
            elif unit.startswith(("tuan", "week")):
                value = today + dt.timedelta(days=sign * 7 * count)
            else:
                value = _add_months(today, sign * count)
            found.append(DateRead(value, match.start(), match.end(), relative=True))
    for match in _NEXT_PERIOD_RE.finditer(low, pos, end):
        text = match.group(1)
        value = (
            today + dt.timedelta(days=7)
            if "week" in text or "tuan" in text
            else _add_months(today, 1)
        )
        found.append(DateRead(value, match.start(), match.end(), relative=True))
    for match in _WEEKDAY_VI_RE.finditer(low, pos, end):
        weekday = 6 if match.group(2) else _WEEKDAYS_VI[match.group(1)]
        after = match.group(3) or ""
        next_week = "sau" in after or after.endswith("toi")
        if after.endswith("nua"):
            found.append(_weekday_of_week(match, weekday, 2, today))  # "thứ hai tuần sau nữa"
        elif ("truoc" in after and "tuan" in after) or after == "tuan roi":
            found.append(_weekday_of_week(match, weekday, -1, today))
        elif after in ("vua roi", "vua qua", "truoc", "roi"):
            found.append(_last_weekday(match, weekday, today))
        else:
            found.append(_weekday(match, weekday, next_week, today))
    for match in _WEEKDAY_EN_RE.finditer(low, pos, end):
        weekday = _WEEKDAYS_EN[match.group(2)]
        before, after = match.group(1) or "", match.group(3) or ""
        if after == "last week":
            found.append(_weekday_of_week(match, weekday, -1, today))
        elif before in ("last", "previous", "past"):
            found.append(_last_weekday(match, weekday, today))
        else:
            next_week = before == "next" or after == "next week"
            found.append(_weekday(match, weekday, next_week, today))
    for match in _MONTH_END_RE.finditer(low, pos, end):
        if match.group(1):
            last = calendar.monthrange(today.year, today.month)[1]
            value = today.replace(day=last)
        elif match.group(2):
            nxt = _add_months(today.replace(day=1), 1)
            value = nxt.replace(day=calendar.monthrange(nxt.year, nxt.month)[1])
        else:
            value = _add_months(today.replace(day=1), 1)
        found.append(DateRead(value, match.start(), match.end(), relative=True))
    return found


def _last_weekday(match: re.Match[str], weekday: int, today: dt.date) -> DateRead:
    """'thứ Hai vừa rồi', 'last Monday': the latest such day before today."""
    back = (today.weekday() - weekday) % 7 or 7
    return DateRead(today - dt.timedelta(days=back), match.start(), match.end(), relative=True)


def _weekday_of_week(match: re.Match[str], weekday: int, weeks: int, today: dt.date) -> DateRead:
    """'thứ Hai tuần trước': that day in the week `weeks` away from this one."""
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7 * weeks)
    return DateRead(monday + dt.timedelta(days=weekday), match.start(), match.end(), relative=True)


def _weekday(match: re.Match[str], weekday: int, next_week: bool, today: dt.date) -> DateRead:
    if next_week:
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
        value = monday + dt.timedelta(days=weekday)
    else:
        value = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    return DateRead(value, match.start(), match.end(), relative=True)


def _day_of_next_month(low: str, pos: int, end: int, today: dt.date) -> list[DateRead]:
    found: list[DateRead] = []
    month = _add_months(today.replace(day=1), 1)
    for match in _DAY_OF_NEXT_MONTH_RE.finditer(low, pos, end):
        day = int(match.group(1) or match.group(2))
        value = make_date(month.year, month.month, day)
        found.append(DateRead(value, match.start(), match.end(), relative=True))
    return found


def _range_first_day(low: str, pos: int, end: int, today: dt.date) -> list[DateRead]:
    found: list[DateRead] = []
    for match in _DAY_RANGE_RE.finditer(low, 0, end):
        day, last, month = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if not 1 <= month <= 12 or match.start(1) < pos:
            continue
        if day > last:
            month = 12 if month == 1 else month - 1  # "từ 29 đến 3/12": the 29th of November
        start = match.start(1)
        before = low[max(0, start - 5) : start]
        for word in ("ngay ", "mung ", "mong "):
            if before.endswith(word):
                start -= len(word)
        value = nearest_date(month, day, today)
        found.append(
            DateRead(value, start, match.end(1), has_year=False, shown=low[start : match.end(1)])
        )
    return found


def find_dates(low: str, today: dt.date, pos: int = 0, end: int | None = None) -> list[DateRead]:
    """Every date expression in `[pos, end)`, longest first where they overlap, in text order."""
    limit = len(low) if end is None else end
    candidates = (
        _day_of_next_month(low, pos, limit, today)
        + _range_first_day(low, pos, limit, today)
        + _numeric(low, pos, limit, today)
        + _english(low, pos, limit, today)
        + _vietnamese_long(low, pos, limit, today)
        + _relative(low, pos, limit, today)
    )
    candidates.sort(key=lambda r: (-(r.end - r.start), r.start))
    chosen: list[DateRead] = []
    for read in candidates:
        if all(read.end <= c.start or read.start >= c.end for c in chosen):
            chosen.append(read)
    chosen.sort(key=lambda r: r.start)
    return _share_years(chosen, low)


def _share_years(reads: list[DateRead], low: str) -> list[DateRead]:
    """'từ 20/12 đến 22/12/2026': a date without a year takes the year of the next one."""
    shared = list(reads)
    for index in range(len(shared) - 1):
        first, second = shared[index], shared[index + 1]
        if first.has_year or not second.has_year or second.value is None or first.relative:
            continue
        if second.start - first.end > 40 or re.search(r"[.;!?\n]", low[first.end : second.start]):
            continue
        month_day = (first.value.month, first.value.day) if first.value else None
        if month_day is None:
            continue
        value = make_date(second.value.year, *month_day)
        shared[index] = DateRead(value, first.start, first.end, True, False, first.shown)
    return shared


# --- times -----------------------------------------------------------------------------------

_TIME_RE = re.compile(
    r"(?<![\d/.,:-])(\d{1,2})\s*(?:(?:gio|h|g)(?![a-z])\s*(?:(\d{1,2})\s*(?:phut|p(?![a-z])|')?|(ruoi)|kem\s*(\d{1,2})"
    r"(?:\s*phut)?)?|:\s*(\d{2}))(?![\d])"
    r"(?:\s*(sang|trua|chieu|toi|dem|am|pm|a\.m\.|p\.m\.))?"
)
_TIME_AMPM_RE = re.compile(r"(?<![\d/.,:-])(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)\b")
_TIME_WORDS_RE = re.compile(r"\b(noon|midday|midnight|giua trua)\b")
_LUC_RE = re.compile(
    r"\bluc\s+(\d{1,2})(\s+ruoi)?\b"
    r"(?!\s*(?:[/:.,-]\s*\d|h(?![a-z])|g(?![a-z])|gio|ngay|thang|nam|phut))"
)


@dataclass(frozen=True)
class TimeRead:
    """A time of day "HH:MM" found at `[start, end)`; `value` None when impossible."""

    value: str | None
    start: int
    end: int
    period: str = ""
    shown: str = ""


def _with_period(hour: int, period: str) -> int:
    if period in ("chieu", "toi", "pm", "p.m.") and hour < 12:
        return hour + 12
    if period == "trua" and hour < 6:
        return hour + 12
    if period == "dem":
        if hour == 12:
            return 0
        if 7 <= hour < 12:
            return hour + 12
    if period in ("sang", "am", "a.m.") and hour == 12:
        return 0
    return hour


def _hhmm(hour: int, minute: int) -> str | None:
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return f"{hour:02d}:{minute:02d}"
    if hour == 24 and minute == 0:
        return "00:00"
    return None


def _in_the_afternoon(low: str, read: TimeRead) -> TimeRead:
    """An hour 1–11 with no period of its own, in a sentence that says afternoon: pm."""
    if read.period or read.value is None or not _afternoon_nearby(low, read.start, read.end):
        return read
    hour, minute = int(read.value[:2]), int(read.value[3:])
    if not 1 <= hour <= 11:
        return read
    return replace(read, value=_hhmm(hour + 12, minute), period="chieu")


def find_times(low: str, pos: int = 0, end: int | None = None) -> list[TimeRead]:
    """Every time of day in `[pos, end)`: '14h30', '14:30', '2 giờ chiều', '2:30 pm', 'lúc 9'."""
    limit = len(low) if end is None else end
    found: list[TimeRead] = []
    for match in _TIME_RE.finditer(low, pos, limit):
        text = match.group()
        if not re.search(r"h|g|:|gio", text[len(match.group(1)) :]):
            continue
        hour = int(match.group(1))
        if hour > 23:
            continue
        minute = int(match.group(2) or match.group(5) or 0)
        period = match.group(6) or ""
        if match.group(3):
            minute = 30
        hour = _with_period(hour, period)
        if match.group(4):
            minute = 60 - int(match.group(4))
            hour -= 1
        found.append(TimeRead(_hhmm(hour, minute), match.start(), match.end(), period, text))
    for match in _TIME_AMPM_RE.finditer(low, pos, limit):
        hour = _with_period(int(match.group(1)), match.group(2))
        found.append(
            TimeRead(_hhmm(hour, 0), match.start(), match.end(), match.group(2), match.group())
        )
    for match in _TIME_WORDS_RE.finditer(low, pos, limit):
        value = "00:00" if match.group(1) == "midnight" else "12:00"
        found.append(TimeRead(value, match.start(), match.end(), "", match.group()))
    for match in _LUC_RE.finditer(low, pos, limit):
        found.append(
            TimeRead(
                _hhmm(int(match.group(1)), 30 if match.group(2) else 0),  # "lúc 3 rưỡi"
                match.start(),
                match.end(),
                "",
                match.group(),
            )
        )
    found.extend(_spoken_times(low, pos, limit))
    found = [_in_the_afternoon(low, read) for read in found]
    found.sort(key=lambda r: (-(r.end - r.start), r.start))
    chosen: list[TimeRead] = []
    for read in found:
        if all(read.end <= c.start or read.start >= c.end for c in chosen):
            chosen.append(read)
    return sorted(chosen, key=lambda r: r.start)


_PERIODS = ("sang", "trua", "chieu", "toi", "dem")
_SPOKEN_UNITS = {"mot": 1, "tu": 4, "lam": 5, "nham": 5}
# A part of the day said elsewhere in the sentence ("Chiều ni lúc 3 giờ"); "tối" only with a
# day word, since folded it is also "tôi" and "tới".
_DAYPART_NEAR = re.compile(
    r"\b(?:chieu|buoi toi|toi (?:nay|ni|qua|hom qua|hom nay)|afternoon|evening)\b"
)
_MORNING_NEAR = re.compile(r"\b(?:sang|buoi sang|morning)\b")


def _afternoon_nearby(low: str, start: int, end: int) -> bool:
    """True when the time's sentence says afternoon or evening, and not morning."""
    left = max(low.rfind(ch, 0, start) for ch in ".!?\n;") + 1
    rights = [i for i in (low.find(ch, end) for ch in ".!?\n;") if i >= 0]
    right = min(rights, default=len(low))
    window = low[max(left, start - 40) : min(right, end + 30)]
    return bool(_DAYPART_NEAR.search(window)) and not _MORNING_NEAR.search(window)


def _spoken_times(low: str, pos: int, limit: int) -> list[TimeRead]:
    """'mười giờ sáng', 'hai giờ rưỡi chiều', 'ba giờ mười lăm phút': hours in words."""
    items = lex(low, pos, limit)
    found: list[TimeRead] = []
    for k, item in enumerate(items):
        if item.text != "gio" or k == 0:
            continue
        hour_start = None
        hour = None
        for width in (2, 1):
            first = k - width
            if first < 0 or any(items[i].kind != "word" for i in range(first, k)):
                continue
            read = read_words_number(items, first)
            if read is not None and read.next_index == k and read.value <= 24:
                hour_start, hour = first, int(read.value)
                break
        if hour is None or hour_start is None:
            continue
        j = k + 1
        minute = 0
        if j < len(items) and items[j].text == "ruoi":
            minute, j = 30, j + 1
        elif j < len(items) and items[j].kind == "word":
            read = read_words_number(items, j)
            if read is not None and read.value < 60:
                minute, j = int(read.value), read.next_index
                if 2 <= minute <= 5 and j < len(items) and items[j].text in _SPOKEN_UNITS:
                    # "chín giờ bốn lăm": "bốn lăm" is 45 in speech, as "ba mốt" is 31
                    minute, j = minute * 10 + _SPOKEN_UNITS[items[j].text], j + 1
                if j < len(items) and items[j].text == "phut":
                    j += 1
        period = ""
        if j < len(items) and items[j].text in _PERIODS:
            period, j = items[j].text, j + 1
        hour = _with_period(hour, period)
        start, end = items[hour_start].start, items[j - 1].end
        found.append(TimeRead(_hhmm(hour, minute), start, end, period, low[start:end]))
    return found


_PERIOD_DAY_RE = re.compile(r"\b(sang|trua|chieu|toi|dem)\s+(nay|mai|qua|hom qua)\b")
_DAY_OFFSETS = {"nay": 0, "mai": 1, "qua": -1, "hom qua": -1}


@dataclass(frozen=True)
class DateTimeRead:
    """A date and a time close together, as "YYYY-MM-DDTHH:MM"."""

    value: str | None
    start: int
    end: int
    shown: str = ""


_GLUE_RE = re.compile(r"^[\s,\-]*(?:(?:luc|vao|ngay|hom|at|on|the)\s*[\s,\-]*)*$")


def find_datetimes(
    low: str, today: dt.date, pos: int = 0, end: int | None = None
) -> list[DateTimeRead]:
    """Date-times: a date and a time next to each other ('14h30 ngày 20/10/2024', '2pm today')."""
    limit = len(low) if end is None else end
    dates = find_dates(low, today, pos, limit)
    times = find_times(low, pos, limit)
    # "sáng nay", "chiều qua": a day word carried by the period word after a time.
    for match in _PERIOD_DAY_RE.finditer(low, pos, limit):
        offset = _DAY_OFFSETS[match.group(2)]
        if not any(d.start <= match.start() < d.end for d in dates):
            day = today + dt.timedelta(days=offset)
            dates.append(
                DateRead(day, match.start(), match.end(), relative=True, period=match.group(1))
            )
    dates.sort(key=lambda r: r.start)
    found: list[DateTimeRead] = []
    used: set[int] = set()
    for time in times:
        best: DateRead | None = None
        for index, date in enumerate(dates):
            if index in used:
                continue
            gap = (
                low[time.end : date.start] if date.start >= time.end else low[date.end : time.start]
            )
            overlap = date.start < time.end and time.start < date.end
            if overlap and date.start >= time.start:
                gap = ""
            elif overlap:
                continue
            if _GLUE_RE.match(gap) and len(gap) <= 12:
                best = date
                used.add(index)
                break
        if best is None:
            continue
        start, stop = min(best.start, time.start), max(best.end, time.end)
        clock = time.value
        if clock is not None and best.period and not time.period:
            hour = _with_period(int(clock[:2]), best.period)
            clock = f"{hour:02d}{clock[2:]}"
        if best.value is None or clock is None:
            found.append(DateTimeRead(None, start, stop, low[start:stop]))
        else:
            value = f"{best.value.isoformat()}T{clock}"
            found.append(DateTimeRead(value, start, stop, low[start:stop]))
    return found
