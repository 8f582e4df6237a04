"""Reading one field's value at a position, by the kind of value the field holds."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz

from ..schema import FormField
from .dates import find_dates, find_datetimes, find_times
from .durations import read_duration
from .email import read_email
from .ids import read_account_number, read_code, read_national_id
from .money import read_money
from .names import read_name
from .numbers import lex, read_number
from .phone import read_phone
from .profiles import FieldProfile
from .reading import ValueRead, refused
from .terms import read_term
from .text import Message, Token, accents_compatible, fold_words
from .vocabulary import option_phrases

TYPED_KINDS = frozenset(
    "person_name national_id code account phone email money number date datetime time timeslot "
    "select term yesno".split()
)
TEXT_KINDS = frozenset({"free_text", "short_text", "tags"})

# Words between a cue and its value ("số điện thoại là …", "sửa email thành …"). Vietnamese
# ones are written with diacritics so that "thẻ" is not taken for the English "the".
_VI_FILLERS = """là|thành|sang|bằng|mới|hiện tại|lại là|sẽ là|đúng là|chính xác là|là số|số|của khách hàng|
    của khách|của kh|của anh|của chị|của em|của ông|của bà|của cô|ở mức|mức|tổng cộng|tổng|khoảng|
    tầm|chừng|như sau|sau đây|cụ thể|ban đầu|gồm|của người này|của nhân viên|là:|đổi thành|sửa thành|
    về|liên quan đến|liên quan tới|về việc|thì|thì là|để|để mức|cứ để|đặt|đặt là|ở|ghi|ghi là|chọn|chấm"""
_EN_FILLERS = """is|are|was|to|into|as|new|the|a|an|now|should be|will be|of the customer|of|around|
    about|approximately|including|it s|its|regarding|by|with|either"""
_TEXT_VI = "là|thành|mới|lại là|sẽ là|như sau|sau đây|gồm|là:|thì|thì là"
_TEXT_EN = "is|are|new|the|including"
_KIND_VI = {
    "number": "có|thì có|là có|chỉ có|được|có tất cả|tất cả|lên|lên tới|lên đến|đạt|ở mức",
    "date": "ngày|vào|vào ngày|từ|từ ngày",
    "datetime": "ngày|vào|vào ngày|vào lúc|lúc",
    "time": "lúc|vào lúc|vào|khung|khung giờ",
}
_KIND_EN = {"number": "of|were|was", "date": "on|at|from", "datetime": "on|at", "time": "at"}


def _phrases(text: str) -> list[tuple[tuple[str, ...], str]]:
    out: list[tuple[tuple[str, ...], str]] = []
    for phrase in text.split("|"):
        phrase = " ".join(phrase.split())
        if phrase:
            out.append((tuple(fold_words(phrase).split()), phrase))
    return sorted(out, key=lambda p: -len(p[0]))


def _filler_set(vi: str, en: str) -> list[tuple[tuple[str, ...], str, bool]]:
    both = [(w, f, True) for w, f in _phrases(vi)] + [(w, f, False) for w, f in _phrases(en)]
    return sorted(both, key=lambda p: -len(p[0]))


_FILLER_SETS = {
    "": _filler_set(_VI_FILLERS, _EN_FILLERS),
    "text": _filler_set(_TEXT_VI, _TEXT_EN),
    **{
        kind: _filler_set(_VI_FILLERS + "|" + words, _EN_FILLERS + "|" + _KIND_EN[kind])
        for kind, words in _KIND_VI.items()
    },
}


# Filler words that start common compounds: "thanh toán" is not "thành", "tổng đài" not "tổng".
_COMPOUNDS = frozenset(
    """thanh toan|thanh cong|thanh pho|thanh vien|thanh lap|thanh tich|thanh ly|sang trong|
    tong dai|tong ket|tong hop|ve que|ve nha|ve huu|so du|so tien|so tai|so dien|so ngay|
    so truong|muc dich|muc do|do dang""".replace("\n", "")
    .replace(" |", "|")
    .split("|")
)


def is_compound(msg: Message, token_index: int) -> bool:
    tokens = msg.tokens
    if token_index + 1 >= len(tokens):
        return False
    pair = f"{tokens[token_index].text} {tokens[token_index + 1].text}"
    return " ".join(pair.split()) in {" ".join(c.split()) for c in _COMPOUNDS}


def _skip_words(msg: Message, pos: int, limit: int, kind: str) -> int:
    key = "text" if kind in TEXT_KINDS else kind if kind in _KIND_VI else ""
    fillers = _FILLER_SETS[key]
    while True:
        while pos < limit and (msg.low[pos].isspace() or msg.low[pos] in ":=-–>"):
            pos += 1
        first = msg.token_index_at(pos)
        tokens = [t for t in msg.tokens[first : first + 4] if t.start < limit]
        if not tokens or tokens[0].start != pos:
            return pos
        texts = tuple(t.text for t in tokens)
        advanced = False
        for words, form, is_vi in fillers:
            n = len(words)
            if texts[:n] != words:
                continue
            if n == 1 and is_compound(msg, first):
                continue
            typed = " ".join(msg.raw[tokens[0].start : tokens[n - 1].end].lower().split())
            if is_vi and not accents_compatible(typed, form):
                continue
            if not is_vi and not typed.isascii():
                continue
            if kind == "person_name" and _opens_name(msg, tokens):
                continue  # "Nhan vien Tong Van Binh": the family name Tống, not "tổng"
            pos = tokens[n - 1].end
            advanced = True
            break
        if not advanced:
            return pos


def _opens_name(msg: Message, tokens: list[Token]) -> bool:
    """A capitalised word before a middle syllable ("Tong Van", "La Thi") starts a name."""
    first = msg.raw[tokens[0].start : tokens[0].end]
    return first[:1].isupper() and len(tokens) > 1 and tokens[1].text in ("van", "thi")


# Vietnamese classifiers before a noun: "bằng chính chiếc xe", "một căn hộ".
_CLASSIFIERS = re.compile(r"(?:(?:chinh|chiec|cai|mot|nhung|cac|con|the|a|an|his|her|its)\s+)+")
_CORRECTION_FROM = re.compile(r"(?:tu|from)\s+(.{1,60}?)\s+(?:sang|thanh|to|into)\s+")
_CORRECTION_NOT = re.compile(
    r"(?:khong phai(?: la)?|not)\s+(.{1,60}?)\s*,?\s+(?:ma la|ma|but|it s|its|it is)\s+"
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:khong|ko|k|chua|khoi|no|not|without|dont|don t|doesn t|does not|do not|chang)\s*(?:can\s+)?$"
)
_WORD_RE = re.compile(r"[a-z0-9]+")


def skip_fillers(msg: Message, pos: int, limit: int, kind: str = "") -> int:
    """First position of the value after a cue: fillers and correction wording skipped."""
    pos = _skip_words(msg, pos, limit, kind)
    if kind not in TEXT_KINDS:
        for regex in (_CORRECTION_FROM, _CORRECTION_NOT):
            correction = regex.match(msg.low, pos, limit)
            if correction:
                pos = _skip_words(msg, correction.end(), limit, kind)
    return pos


def skip_to_la(msg: Message, pos: int, limit: int, stops: frozenset[int]) -> int:
    """'của khách là 09…': jump past a short lead-in ending in 'là'/'is' (typed values only)."""
    words = [m for m in _WORD_RE.finditer(msg.low, pos, limit)][:6]
    for index, match in enumerate(words):
        if match.start() in stops or any(ch.isdigit() for ch in match.group()):
            return pos
        if msg.low[pos : match.start()].strip(" ,"):
            if re.search(r"[.;!?]", msg.low[pos : match.start()]):
                return pos
        if match.group() in ("la", "is") and index > 0:
            return skip_fillers(msg, match.start(), limit)
    return pos


@dataclass(frozen=True)
class Reading:
    """A reader's verdict: the read (or None), how strong a match it is."""

    read: ValueRead | None
    strength: int = 2  # 2 typed match, 1 text or implicit, 0 none


def _starts_at(read_start: int, pos: int, msg: Message, kind: str = "") -> bool:
    """True when only punctuation or filler words lie between `pos` and the value."""
    if read_start < pos:
        return False
    if not msg.low[pos:read_start].strip(" ,:"):
        return True
    return _skip_words(msg, pos, read_start, kind) >= read_start


@lru_cache(maxsize=512)
def option_table(profile: FieldProfile) -> list[tuple[tuple[str, ...], str, frozenset[str], bool]]:
    """(words, value, written forms, is own label) for every phrase of every option."""
    table: list[tuple[tuple[str, ...], str, frozenset[str], bool]] = []
    for option in profile.field.options:
        if not option.value or option.label.strip().startswith("--"):
            continue
        for text, exact in option_phrases(option):
            words = tuple(fold_words(text).split())
            if words:
                form = frozenset({" ".join(text.lower().split())})
                table.append((words, option.value, form, exact))
    return table


def match_option(
    msg: Message, profile: FieldProfile, pos: int, limit: int, *, fuzzy: bool = True
) -> ValueRead | None:
    """An option of a select named at `pos` by its label, value or a synonym."""
    tokens = [t for t in msg.tokens if pos <= t.start < limit]
    if not tokens:
        return None
    if _starts_at(tokens[0].start, pos, msg) is False:
        return None
    texts = [t.text for t in tokens]
    best: tuple[int, bool, str, int] | None = None  # (length, exact, value, end)
    values_at_best: set[str] = set()
    for words, value, forms, exact in option_table(profile):
        n = len(words)
        if tuple(texts[:n]) != words:
            continue
        if not _contiguous(msg, tokens[:n]):
            continue
        typed = msg.raw[tokens[0].start : tokens[n - 1].end]
        if not any(
            accents_compatible(typed.replace("/", " "), form.replace("/", " ")) for form in forms
        ):
            continue
        candidate = (n, exact, value, tokens[n - 1].end)
        if best is None or (n, exact) > (best[0], best[1]):
            best = candidate
            values_at_best = {value}
        elif (n, exact) == (best[0], best[1]):
            values_at_best.add(value)
    if best is not None:
        if len(values_at_best) > 1:
            return refused(
                tokens[0].start, best[3], "option_ambiguous", msg.raw[tokens[0].start : best[3]]
            )
        return ValueRead(best[2], tokens[0].start, best[3])
    if not fuzzy:
        return None
    return _fuzzy_option(msg, profile, tokens)


def _contiguous(msg: Message, tokens: list) -> bool:
    for left, right in itertools.pairwise(tokens):
        gap = msg.low[left.end : right.start]
        if gap.strip(" /-&'"):
            return False
    return True


def _fuzzy_option(msg: Message, profile: FieldProfile, tokens: list) -> ValueRead | None:
    """Typos: 'chuyen khona' → transfer. Refuses when two options score alike."""
    scores: dict[str, tuple[float, int]] = {}
    for words, value, _forms, _exact in option_table(profile):
        phrase = " ".join(words)
        n = len(words)
        if len(phrase) < 5 or len(tokens) < n:
            continue
        window = tokens[:n]
        if not _contiguous(msg, window):
            continue
        text = " ".join(t.text for t in window)
        score = fuzz.ratio(text, phrase)
        if score > scores.get(value, (0.0, 0))[0]:
            scores[value] = (score, window[-1].end)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1][0], reverse=True)
    value, (score, end) = ranked[0]
    if score < 86:
        return None
    if len(ranked) > 1 and ranked[1][1][0] >= score - 4:
        return refused(tokens[0].start, end, "option_ambiguous", msg.raw[tokens[0].start : end])
    return ValueRead(value, tokens[0].start, end)


def yes_no_value(profile: FieldProfile, yes: bool) -> str | None:
    for option in profile.field.options:
        folded = fold_words(option.label)
        if option.value and folded in (("co", "yes") if yes else ("khong", "no")):
            return option.value
    return None


def _read_number_value(
    msg: Message, profile: FieldProfile, pos: int, limit: int
) -> ValueRead | None:
    items = lex(msg.low, pos, limit)
    if not items:
        return None
    read = read_number(items, 0, scaled=True)
    if read is None:
        return None
    value = read.value
    k = read.next_index
    end = items[k - 1].end
    # unit words after the number ("15 phút", "3 ngày rưỡi")
    for _ in range(3):
        if (
            k < len(items)
            and items[k].kind == "word"
            and (items[k].text in profile.units or items[k].text in ("ngay", "phut", "diem", "ca"))
        ):
            end = items[k].end
            k += 1
            continue
        if k < len(items) and items[k].text == "ruoi":
            value += Decimal("0.5")
            end = items[k].end
            k += 1
            continue
        if k + 1 < len(items) and f"{items[k].text} {items[k + 1].text}" in profile.units:
            end = items[k + 1].end
            k += 2
            continue
        break
    return check_number(profile.field, value, items[0].start, end, msg.raw[items[0].start : end])


def check_number(field: FormField, value: Decimal, start: int, end: int, shown: str) -> ValueRead:
    step = field.step_value
    fractional = value != value.to_integral_value()
    if fractional and not (step is not None and step < 1 and (value / Decimal(str(step))) % 1 == 0):
        return refused(start, end, "number_invalid", shown)
    if field.min_value is not None and value < Decimal(str(field.min_value)):
        return refused(start, end, "number_out_of_range", shown)
    if field.max_value is not None and value > Decimal(str(field.max_value)):
        return refused(start, end, "number_out_of_range", shown)
    text = format(value.normalize(), "f") if fractional else str(int(value))
    return ValueRead(text, start, end)


def read_for_kind(
    msg: Message,
    profile: FieldProfile,
    pos: int,
    limit: int,
    *,
    today: dt.date,
    explicit: bool,
    stops: frozenset[int],
) -> Reading:
    """Read the value of `profile`'s field at `pos` (already past fillers)."""
    kind = profile.kind
    low = msg.low
    if kind in TYPED_KINDS and kind not in ("select", "yesno", "person_name"):
        pos = skip_to_la(msg, pos, limit, stops)
    if kind == "person_name":
        read = read_name(msg, pos, limit, explicit=explicit, stops=stops)
        return Reading(read)
    if kind == "national_id":
        return Reading(_at(read_national_id(low, pos, limit), pos, msg))
    if kind == "account":
        return Reading(_at(read_account_number(low, pos, limit), pos, msg))
    if kind == "code":
        return Reading(_at(read_code(msg.raw, low, pos, limit), pos, msg))
    if kind == "phone":
        return Reading(_at(read_phone(low, pos, limit), pos, msg))
    if kind == "email":
        return Reading(_at(read_email(msg.raw, low, pos, limit), pos, msg))
    if kind == "money":
        money = read_money(low, pos, limit)
        if money is None or not _starts_at(money.start, pos, msg):
            return Reading(None)
        checked = check_number(
            profile.field,
            Decimal(money.value),
            money.start,
            money.end,
            msg.raw[money.start : money.end],
        )
        return Reading(checked)
    if kind == "number":
        if "phut" in profile.units:  # a length in minutes may be said in hours
            spoken = read_duration(low, pos, limit)
            if spoken is not None:
                shown = msg.raw[spoken.start : spoken.end]
                return Reading(
                    check_number(profile.field, spoken.minutes, spoken.start, spoken.end, shown)
                )
        return Reading(_read_number_value(msg, profile, pos, limit))
    if kind == "date":
        return Reading(_read_date(msg, profile, pos, limit, today))
    if kind == "datetime":
        return Reading(_read_datetime(msg, pos, limit, today))
    if kind in ("time", "timeslot"):
        for time in find_times(low, pos, limit):
            if _starts_at(time.start, pos, msg, "time"):
                if time.value is None:
                    return Reading(refused(time.start, time.end, "time_invalid", time.shown))
                return Reading(ValueRead(time.value, time.start, time.end))
            break
        if kind == "timeslot":
            return Reading(match_option(msg, profile, pos, limit, fuzzy=False))
        return Reading(None)
    if kind == "term":
        return Reading(_read_term(msg, profile, pos, limit, explicit))
    if kind == "select":
        read = match_option(msg, profile, pos, limit)
        if read is None:
            classifier = _CLASSIFIERS.match(msg.low, pos, limit)
            if classifier:
                read = match_option(msg, profile, classifier.end(), limit)
        if read is None:
            read = _scale_option(msg, profile, pos, limit)
        return Reading(read)
    if kind == "yesno":
        read = match_option(msg, profile, pos, limit, fuzzy=False)
        if read is not None:
            return Reading(read)
        return Reading(None, 0)
    return Reading(None, 0)


_SCALE_LEAD = re.compile(r"\s*(?:(?:la|is|to|=|:|dat|duoc|muc|at)\s*)*")
_SCALE_TAIL = re.compile(r"\s*(?:/\s*5|tren\s+5|out\s+of\s+5|sao|stars?|diem|points?)\b")


def _scale_option(msg: Message, profile: FieldProfile, pos: int, limit: int) -> ValueRead | None:
    """A select whose options are a numeric scale (a 1–5 rating) takes the number said."""
    values = {o.value for o in profile.field.options if o.value}
    if not values or not all(v.isdigit() for v in values):
        return None
    lead = _SCALE_LEAD.match(msg.low, pos, limit)
    start = lead.end() if lead else pos
    items = lex(msg.low, start, limit)
    read = read_number(items, 0) if items else None
    if read is None or read.value != read.value.to_integral_value():
        return None
    value = str(int(read.value))
    end = items[read.next_index - 1].end
    tail = _SCALE_TAIL.match(msg.low, end, limit)
    stop = tail.end() if tail else end
    if value not in values:
        # "mức độ hài lòng 7" on a 1–5 scale: refused and reported, never dropped in silence
        return ValueRead(
            None, items[0].start, stop, "option_unknown", msg.raw[items[0].start : stop]
        )
    return ValueRead(value, items[0].start, stop)


OPEN_QUESTION = re.compile(
    r"\b(?:chua biet|khong biet|chua ro|hay khong|or not|not sure|whether|de trong)\b"
)


def implicit_yes_no(msg: Message, profile: FieldProfile, cue_start: int) -> ValueRead | None:
    """'cần theo dõi' → yes, 'không cần theo dõi' → no: the cue alone answers a yes/no field.

    'chưa biết có cần theo dõi hay không' answers nothing.
    """
    clause_start = max(msg.low.rfind(ch, 0, cue_start) for ch in ".!?\n|;") + 1
    clause_end = min(
        (i for i in (msg.low.find(ch, cue_start) for ch in ".!?\n|;") if i >= 0),
        default=len(msg.low),
    )
    if OPEN_QUESTION.search(msg.low, clause_start, clause_end):
        return None
    window = max(0, cue_start - 30)
    negation = _NEGATION_BEFORE.search(msg.low[window:cue_start])
    value = yes_no_value(profile, yes=negation is None)
    if value is None:
        return None
    start = window + negation.start() if negation else cue_start
    return ValueRead(value, start, cue_start)


def _at(read: ValueRead | None, pos: int, msg: Message) -> ValueRead | None:
    if read is None or not _starts_at(read.start, pos, msg):
        return None
    return read


_YEAR_ONLY = re.compile(r"(?:nam\s+|thang\s+\d{1,2}\s*(?:/|nam)?\s*)?(\d{4})\b(?![-/.]\d)")


def _read_date(
    msg: Message, profile: FieldProfile, pos: int, limit: int, today: dt.date
) -> ValueRead | None:
    year_only = _YEAR_ONLY.match(msg.low, pos, limit)
    if year_only and not find_dates(msg.low, today, pos, year_only.end()):
        shown = msg.raw[year_only.start() : year_only.end()]
        return refused(year_only.start(), year_only.end(), "date_needs_year", shown)
    for date in find_dates(msg.low, today, pos, limit):
        if not _starts_at(date.start, pos, msg, "date"):
            return None
        shown = msg.raw[date.start : date.end]
        if date.value is None:
            return refused(date.start, date.end, "date_invalid", shown)
        if not date.has_year and (profile.mentions("sinh") or profile.mentions("birth")):
            return refused(date.start, date.end, "date_needs_year", shown)
        return ValueRead(date.value.isoformat(), date.start, date.end)
    return None


def _read_datetime(msg: Message, pos: int, limit: int, today: dt.date) -> ValueRead | None:
    for moment in find_datetimes(msg.low, today, pos, limit):
        if _starts_at(moment.start, pos, msg, "datetime"):
            if moment.value is None:
                return refused(
                    moment.start, moment.end, "date_invalid", msg.raw[moment.start : moment.end]
                )
            return ValueRead(moment.value, moment.start, moment.end)
        break
    for date in find_dates(msg.low, today, pos, limit):
        if _starts_at(date.start, pos, msg, "datetime"):
            return refused(
                date.start, date.end, "datetime_needs_time", msg.raw[date.start : date.end]
            )
        break
    for time in find_times(msg.low, pos, limit):
        if _starts_at(time.start, pos, msg, "datetime"):
            return refused(
                time.start, time.end, "datetime_needs_date", msg.raw[time.start : time.end]
            )
        break
    return None


def allowed_terms(profile: FieldProfile) -> list[str]:
    return [o.value for o in profile.field.options if o.value]


def _read_term(
    msg: Message, profile: FieldProfile, pos: int, limit: int, explicit: bool
) -> ValueRead | None:
    term = read_term(msg.low, pos, limit)
    if term is None or not _starts_at(term.start, pos, msg):
        return None
    shown = msg.raw[term.start : term.end]
    months = term.months
    if months == months.to_integral_value() and str(int(months)) in allowed_terms(profile):
        return ValueRead(str(int(months)), term.start, term.end)
    if not term.has_unit and not explicit and months > 100:
        return None
    return refused(term.start, term.end, "term_not_offered", shown)
