"""Values given without a field cue, placed by their type: e-mails, dates, phones, codes, names."""

from __future__ import annotations

import re

from .clauses import at_boundary
from .dates import find_dates, find_datetimes, find_times
from .email import read_email
from .ids import find_codes, read_national_id
from .money import find_money
from .names import SURNAMES, looks_like_name_start, read_name
from .numbers import lex, read_number
from .phone import read_phone
from .profiles import FieldProfile
from .readers import allowed_terms, check_number, read_for_kind
from .reading import ValueRead
from .result import is_visible
from .role_verbs import role_after
from .run_state import CORRECTION_WORDS, Occurrence, RunState
from .terms import find_terms
from .text import fold_words

_NAME_TRIGGERS = re.compile(
    r"\b(?:cho|anh|chi|ong|ba|co|chu|bac|em|mr|mrs|ms|miss|for|khach|khach hang|kh|customer|"
    r"em gai|em trai|anh trai|chi gai|con trai|con gai|"
    r"client|cua|of|nhan vien|employee|by|la|is|to)\s+$"
)
# Date fields that look ahead (a follow-up, a deadline): a past date is never theirs.
_AHEAD_WORDS = ("theo doi", "follow", "deadline", "due", "han chot", "sla", "hen")
# A value the speaker takes back: "không phải 350k", "not 350k".
_DENIED_BEFORE = re.compile(r"\b(?:khong phai|hong phai|chu khong phai|not|khong phai la)\s*$")
# Two days of one request: "hôm nay với ngày mai", "Monday and Tuesday".
# A leave right before its day: "nghỉ ốm ngày", "xin nghỉ phép năm vào", "sick leave on".
_LEAVE_BEFORE = re.compile(
    r"\bnghi\b(?:\s+[a-z]+){0,3}\s+(?:vao\s+)?(?:ngay|hom|mung)?\s*$|\b(?:leave|off)\s+(?:on\s+)?$"
)
_LOAN_REQUEST = re.compile(r"\b(?:loan|borrow|borrows|vay|muon vay|can vay)\b")
_PAIR_JOINER = re.compile(
    r"\s*(?:voi|va|and|,|to|through|till|until|den|toi|-|–)\s*(?:(?:ngay|mung|het ngay)\s+)?"
)
FOR_PAYEE = re.compile(
    r"\bcho\s+(?:(?:em gai|em trai|anh trai|chi gai|vo|chong|me|bo|con trai|con gai|"
    r"anh|chi|ong|ba|em|co|chu|ban)\s+)?$"
)
TRANSFER_BEFORE = re.compile(r"\b(?:chuyen|transfer|gui tien|chuyen khoan)\b[^.,;|]*$")
_WORD = re.compile(r"[^\W\d_]+")
_TERM_CONTEXT = re.compile(
    r"\b(?:trong|vay|thoi han|ky han|tra gop|for|over|within|term|tra trong|han)\s*(?:vong\s*)?$"
)
_CODE_HINTS: dict[str, tuple[str, ...]] = {
    "khach hang": ("kh", "cus", "cif", "cust", "c", "client"),
    "customer": ("kh", "cus", "cif", "cust", "c", "client"),
    "nhan vien": ("nv", "emp", "staff", "e"),
    "employee": ("nv", "emp", "staff", "e"),
    "giao dich": ("txn", "gd", "ft", "tx", "trx", "ref", "tr", "t"),
    "transaction": ("txn", "gd", "ft", "tx", "trx", "ref", "tr", "t"),
    "bao cao": ("bc", "rpt", "rp", "report", "r"),
    "report": ("bc", "rpt", "rp", "report", "r"),
}


class TypeFallback:
    """The fallback phase: text no cue claimed, read by value type and context."""

    def __init__(self, state: RunState) -> None:
        self.state = state

    def pick_target(
        self, candidates: list[FieldProfile], start: int, kind_key: str
    ) -> FieldProfile | list[FieldProfile] | None:
        """The one field a bare value belongs to, or the rivals when unclear."""
        if not candidates:
            return None
        if len(candidates) == 1 and kind_key not in self.state.fallback_kinds:
            return candidates[0]
        if kind_key == "date":
            leave_day = self._day_of_leave(candidates, start)
            if leave_day is not None:
                return leave_day
            paired = self._first_of_pair(candidates, start)
            if paired is None and self._sibling_hint_only(candidates, start):
                shown = self._plausible_dates(candidates, start)
                paired = self._period_start(shown, start) if shown else None
            if paired is not None:
                return paired  # "nghỉ hôm nay với ngày mai": before any nearby label's hint
        hinted = self._context_hint(candidates, start)
        if hinted is not None:
            return hinted
        if kind_key.startswith("money"):
            lent = self._the_loan(candidates)
            if lent is not None:
                return lent
        if kind_key == "date":
            candidates = self._plausible_dates(candidates, start)
            if not candidates:
                return None
            if len(candidates) == 1 and kind_key not in self.state.fallback_kinds:
                return candidates[0]
            opening = self._period_start(candidates, start)
            if opening is not None:
                return opening
        if CORRECTION_WORDS.search(self.state.msg.low):
            # "à nhầm, 750 triệu": a correction of the one such value given before
            given = [p for p in candidates if self.state.current.get(p.name)]
            if len(given) == 1:
                return given[0]
        if kind_key in self.state.fallback_kinds:
            return candidates
        ordered = sorted(candidates, key=lambda p: (p.label_size, p.index))
        if len(ordered) > 1 and ordered[0].label_size + 2 <= ordered[1].label_size:
            return ordered[0]
        return candidates

    def _day_of_leave(self, candidates: list[FieldProfile], start: int) -> FieldProfile | None:
        """'nghỉ phép năm ngày 20/10', 'sick leave on Oct 3': the day off is when it starts,
        past or coming, when no later date of the message is free to be its last day."""
        starts = [p for p in candidates if p.mentions("bat dau") or p.mentions("start")]
        if len(starts) != 1 or starts[0].name in self.state.values:
            return None
        before = self.state.msg.low[max(0, start - 30) : start]
        if not _LEAVE_BEFORE.search(before):
            return None
        later = [
            d
            for d in find_dates(self.state.msg.low, self.state.today, start + 1)
            if not self.state.is_consumed(d.start, d.end)
        ]
        return starts[0] if not later else None  # a later date may be the last day

    def _the_loan(self, candidates: list[FieldProfile]) -> FieldProfile | None:
        """'Loan for Pham Thi Lan, …, 120 million, …': in a loan request, the one amount that
        no label claims is the amount lent."""
        lent = [p for p in candidates if p.mentions("vay") or p.mentions("loan")]
        if len(lent) != 1 or not _LOAN_REQUEST.search(self.state.msg.low):
            return None
        free = [
            m for m in find_money(self.state.msg.low) if not self.state.is_consumed(m.start, m.end)
        ]
        return lent[0] if len(free) == 1 else None

    def _plausible_dates(self, candidates: list[FieldProfile], start: int) -> list[FieldProfile]:
        """Date fields a bare date can be: shown on the page, and not a deadline when past."""
        state = {**self.state.current, **{k: v.value for k, v in self.state.values.items()}}
        shown = [p for p in candidates if is_visible(p.field, state)]
        found = find_dates(self.state.msg.low, self.state.today, start, len(self.state.msg.low))
        date = found[0].value if found and found[0].start == start else None
        if date is not None and date < self.state.today:
            shown = [p for p in shown if not any(p.mentions(w) for w in _AHEAD_WORDS)]
        return shown

    def _period_start(self, candidates: list[FieldProfile], start: int) -> FieldProfile | None:
        """'xin nghỉ vào ngày 01/02': a lone coming date of a request is when it starts."""
        starts = [p for p in candidates if p.mentions("bat dau") or p.mentions("start")]
        found = find_dates(self.state.msg.low, self.state.today, start, len(self.state.msg.low))
        date = found[0].value if found and found[0].start == start else None
        if len(starts) != 1 or date is None or date < self.state.today:
            return None
        if starts[0].name in self.state.values or self.state.current.get(starts[0].name):
            ends = [p for p in candidates if p.mentions("ket thuc") or p.mentions("end")]
            first = self.state.values.get(starts[0].name)
            joined = first is not None and _PAIR_JOINER.fullmatch(
                self.state.msg.low, self._date_end(first.position), start
            )
            return ends[0] if len(ends) == 1 and joined else None  # "hôm nay với ngày mai"
        after = found[0].end
        nxt = find_dates(self.state.msg.low, self.state.today, after, len(self.state.msg.low))
        if nxt and _PAIR_JOINER.fullmatch(self.state.msg.low, after, nxt[0].start):
            return starts[0]  # the first of two joined days
        others = [
            d
            for d in find_dates(self.state.msg.low, self.state.today)
            if d.start != start and d.value
        ]
        return (
            starts[0] if not any(d.value and d.value > self.state.today for d in others) else None
        )

    def _first_of_pair(self, candidates: list[FieldProfile], start: int) -> FieldProfile | None:
        """Two days joined by 'với'/'và'/'and' are a period's start and end, when the form has
        one start field and one end field."""
        fields = self.state.vocab.by_kind("date")
        starts = [p for p in fields if p.mentions("bat dau") or p.mentions("start")]
        ends = [p for p in fields if p.mentions("ket thuc") or p.mentions("end")]
        if len(starts) != 1 or len(ends) != 1:
            return None
        found = find_dates(self.state.msg.low, self.state.today, start, len(self.state.msg.low))
        if not found or found[0].start != start or found[0].value is None:
            return None
        first = self.state.values.get(starts[0].name)
        if first is not None:
            if ends[0] not in candidates:
                return None
            # the second day, right after the first one that started the period
            joined = _PAIR_JOINER.fullmatch(
                self.state.msg.low, self._date_end(first.position), start
            )
            later = first.value < found[0].value.isoformat()
            return ends[0] if joined and later else None
        if starts[0] not in candidates:
            return None
        nxt = find_dates(
            self.state.msg.low, self.state.today, found[0].end, len(self.state.msg.low)
        )
        if not nxt or nxt[0].value is None or nxt[0].value <= found[0].value:
            return None
        if not _PAIR_JOINER.fullmatch(self.state.msg.low, found[0].end, nxt[0].start):
            return None
        return starts[0]

    def _date_end(self, position: int) -> int:
        found = find_dates(self.state.msg.low, self.state.today, position, len(self.state.msg.low))
        return found[0].end if found and found[0].start == position else position

    def _sibling_hint_only(self, candidates: list[FieldProfile], start: int) -> bool:
        """No label before the value names one of the candidates itself: any hint would come
        from a sibling's shared word only ('xin nghỉ ốm ngày mai': 'đơn' of the request type
        is not the submission date)."""
        names = {p.name for p in candidates}
        before = [o for o in self.state.occurrences if o.end <= start and start - o.end <= 40]
        for occurrence in reversed(before):
            if re.search(r"[,;.!?\n]", self.state.msg.low[occurrence.end : start]):
                break
            if names & set(occurrence.entry.cues):
                return False
            related = {t.field for t in occurrence.entry.options} | set(occurrence.entry.cues)
            words = {w for n in related for w in self.state.distinctive_words(n)}
            if any(words & self.state.distinctive_words(p.name) for p in candidates):
                return True  # the nearest hint _context_hint would take is a sibling's
        return True

    def _context_hint(self, candidates: list[FieldProfile], start: int) -> FieldProfile | None:
        """A phrase just before a bare value (same clause) that points at one candidate.

        Either it names a candidate ("thu nhập … 20 triệu"), or it names a sibling field whose
        label shares words with one candidate ("gọi điện hôm nay" → Ngày Tương Tác, next to
        Loại Tương Tác).
        """
        names = {p.name for p in candidates}
        before = [o for o in self.state.occurrences if o.end <= start and start - o.end <= 40]
        for occurrence in reversed(before):
            if re.search(r"[,;.!?\n]", self.state.msg.low[occurrence.end : start]):
                break
            cues = occurrence.entry.cues
            hits = [n for n in cues if n in names]
            if len(hits) == 1:
                return self.state.profile(hits[0])
            if hits:
                best = max(hits, key=lambda n: cues[n].priority)
                if all(cues[n].priority < cues[best].priority - 0.05 for n in hits if n != best):
                    return self.state.profile(best)
                return None
            related = {t.field for t in occurrence.entry.options} | set(cues)
            words = {w for n in related for w in self.state.distinctive_words(n)}
            siblings = [p for p in candidates if words & self.state.distinctive_words(p.name)]
            if len(siblings) == 1:
                return siblings[0]
        return None

    def place(self, kind_key: str, candidates: list[FieldProfile], read: ValueRead) -> None:
        target = self.pick_target(candidates, read.start, kind_key)
        if target is None:
            return
        self.state.consume(read.start, read.end)
        if isinstance(target, list):
            self.state.ask_which_field(read, target)
            return
        self.state.fallback_kinds.add(kind_key)
        if read.ok:
            assert read.value is not None
            self.state.assign(target.name, read.value, read.start, 2)
        else:
            self.state.reject(target, read)

    def fallback(self) -> None:
        msg = self.state.msg
        low = msg.low
        for start, end in self.state.free_spans():
            pos = start
            while True:
                read = read_email(msg.raw, low, pos, end)
                if read is None:
                    break
                if not self.state.is_consumed(read.start, read.end):
                    self.place("email", self.state.unassigned("email"), read)
                pos = read.end
        if self.state.unassigned("datetime"):
            for start, end in self.state.free_spans():
                for moment in find_datetimes(low, self.state.today, start, end):
                    read = ValueRead(
                        moment.value,
                        moment.start,
                        moment.end,
                        None if moment.value else "date_invalid",
                        moment.shown,
                    )
                    self.place("datetime", self.state.unassigned("datetime"), read)
        for start, end in self.state.free_spans():
            for date in find_dates(low, self.state.today, start, end):
                if date.value is None:
                    read = ValueRead(
                        None, date.start, date.end, "date_invalid", msg.raw[date.start : date.end]
                    )
                else:
                    read = ValueRead(date.value.isoformat(), date.start, date.end)
                candidates = self.state.unassigned("date") or self.state.unassigned("datetime")
                if candidates and candidates[0].kind == "datetime":
                    read = ValueRead(
                        None,
                        date.start,
                        date.end,
                        "datetime_needs_time",
                        msg.raw[date.start : date.end],
                    )
                self.place("date", candidates, read)
        if self.state.unassigned("time", "timeslot"):
            for start, end in self.state.free_spans():
                for time in find_times(low, start, end):
                    read = ValueRead(
                        time.value,
                        time.start,
                        time.end,
                        None if time.value else "time_invalid",
                        time.shown,
                    )
                    candidates = self.state.unassigned("timeslot") or self.state.unassigned("time")
                    self.place("time", candidates, read)
        self._fallback_digits()
        for start, end in self.state.free_spans():
            for code in find_codes(msg.raw, low, start, end):
                self._place_code(code)
        for start, end in self.state.free_spans():
            for money in find_money(low, start, end):
                if _DENIED_BEFORE.search(low, max(0, money.start - 25), money.start):
                    self.state.consume(money.start, money.end)  # "hổng phải 350k, là 2 củ rưỡi"
                    continue
                read = ValueRead(str(money.value), money.start, money.end)
                self.place("money", self.state.unassigned("money"), read)
        self._fallback_terms()
        self._fallback_unit_numbers()
        self._fallback_names()
        self._fallback_options()

    def _fallback_digits(self) -> None:
        low = self.state.msg.low
        for start, end in self.state.free_spans():
            pos = start
            while pos < end:
                match = re.compile(r"(?:\+|\b)\d|\b(?:khong|zero|oh)\b").search(low, pos, end)
                if match is None:
                    break
                phone = read_phone(low, match.start(), end)
                if phone is not None and phone.ok and self.state.unassigned("phone"):
                    self.place("phone", self.state.unassigned("phone"), phone)
                    pos = phone.end
                    continue
                national = read_national_id(low, match.start(), end)
                if national is not None and national.ok and self.state.unassigned("national_id"):
                    digits_only = re.fullmatch(r"[\d\s.]+", low[national.start : national.end])
                    if digits_only:
                        self.place("national_id", self.state.unassigned("national_id"), national)
                        pos = national.end
                        continue
                if phone is not None and not phone.ok and self.state.unassigned("phone"):
                    digits = re.sub(r"\D", "", phone.shown)
                    if 9 <= len(digits) <= 11 and digits.startswith(("0", "84")):
                        self.place("phone", self.state.unassigned("phone"), phone)
                        pos = phone.end
                        continue
                skip = re.compile(r"[\d.,+ ]+").match(low, match.start(), end)
                pos = skip.end() if skip and skip.end() > match.start() else match.end()

    def _place_code(self, code: ValueRead) -> None:
        if self.state.is_consumed(code.start, code.end):
            return
        candidates = self.state.unassigned("code")
        if not candidates:
            return
        prefix = re.match(r"[a-z]+", self.state.msg.low[code.start : code.end])
        letters = prefix.group() if prefix else ""
        hinted = [
            p
            for p in candidates
            if any(p.mentions(key) and letters in hints for key, hints in _CODE_HINTS.items())
        ]
        if len(hinted) == 1:
            self.state.consume(code.start, code.end)
            assert code.value is not None
            self.state.assign(hinted[0].name, code.value, code.start)
            return
        if len(candidates) == 1 and not any(letters in hints for hints in _CODE_HINTS.values()):
            self.place("code", candidates, code)
            return
        if len(candidates) == 1 and any(candidates[0].mentions(k) for k in _CODE_HINTS):
            # the prefix names another kind of code than the only code field
            other = [k for k, hints in _CODE_HINTS.items() if letters in hints]
            if other and not any(candidates[0].mentions(k) for k in other):
                return
            self.place("code", candidates, code)
            return
        self.place("code", candidates, code)

    def _fallback_terms(self) -> None:
        candidates = self.state.unassigned("term")
        if not candidates:
            return
        low = self.state.msg.low
        for start, end in self.state.free_spans():
            for term in find_terms(low, start, end):
                unit = low[term.start : term.end]
                before = low[max(0, term.start - 25) : term.start]
                money_before = any(
                    0 <= term.start - m.end <= 3 for m in find_money(low, 0, term.start)
                )
                if not (
                    "thang" in unit
                    or "month" in unit
                    or _TERM_CONTEXT.search(before)
                    or money_before
                ):
                    continue
                months = term.months
                profile = candidates[0]
                shown = self.state.msg.raw[term.start : term.end]
                if months == months.to_integral_value() and str(int(months)) in allowed_terms(
                    profile
                ):
                    read = ValueRead(str(int(months)), term.start, term.end)
                else:
                    read = ValueRead(None, term.start, term.end, "term_not_offered", shown)
                self.place("term", candidates, read)
                return

    def _fallback_unit_numbers(self) -> None:
        low = self.state.msg.low
        numbers = [p for p in self.state.unassigned("number") if p.units]
        if not numbers:
            return
        for start, end in self.state.free_spans():
            for match in re.finditer(r"(\d+(?:[.,]\d+)?)\s*([a-z]+(?: [a-z]+)?)", low[start:end]):
                unit_text = match.group(2)
                hits = [
                    p for p in numbers if unit_text.split()[0] in p.units or unit_text in p.units
                ]
                if not hits:
                    continue
                a, b = start + match.start(), start + match.end()
                if self.state.is_consumed(a, b):
                    continue
                reading = read_for_kind(
                    self.state.msg,
                    hits[0],
                    a,
                    b,
                    today=self.state.today,
                    explicit=False,
                    stops=frozenset(),
                )
                if reading.read is not None:
                    self.place(f"number:{hits[0].units[0]}", hits, reading.read)
        self._worded_unit_numbers([p for p in numbers if p.name not in self.state.values])

    def _worded_unit_numbers(self, numbers: list[FieldProfile]) -> None:
        """'nghỉ tang ba ngày': a number in words followed by a field's unit."""
        if not numbers:
            return
        msg = self.state.msg
        for start, end in self.state.free_spans():
            items = lex(msg.low, start, end)
            for i, item in enumerate(items):
                if item.kind != "word" or (
                    i and items[i - 1].kind == "word" and read_number(items, i - 1) is not None
                ):
                    continue
                read = read_number(items, i)
                if read is None or read.next_index >= len(items):
                    continue
                unit = items[read.next_index].text
                hits = [p for p in numbers if unit in p.units]
                after = items[read.next_index + 1] if read.next_index + 1 < len(items) else None
                if not hits or (after is not None and after.kind == "num"):
                    continue  # "ngày 5/12" is a date, not a count of days
                a, b = item.start, items[read.next_index].end
                if self.state.is_consumed(a, b):
                    continue
                unit_at = items[read.next_index].start
                if any(p <= unit_at < q for p, q in self.state.protected):
                    continue  # "nghỉ phép năm ngày 20/10": "ngày" opens a date
                if any(o.start <= a < o.end and o.entry.options for o in self.state.occurrences):
                    continue  # the "năm" of "phép năm" belongs to an option's words
                shown = msg.raw[a:b]
                checked = check_number(hits[0].field, read.value, a, b, shown)
                self.place(f"number:{hits[0].units[0]}", hits, checked)

    def _fallback_names(self) -> None:
        """A name without a field cue: after 'cho', 'anh/chị', 'for', at a clause start, or a
        capitalised family name. It goes to the form's first person field ("to X" to a
        recipient field), and never replaces a name given before unless it is a correction."""
        people = self.state.unassigned("person_name")
        all_people = self.state.vocab.by_kind("person_name")
        if not people or not all_people:
            return
        primary = people[0] if people[0].index == all_people[0].index else None
        recipient = next(
            (
                p
                for p in people
                if any(p.mentions(k) for k in ("nguoi nhan", "beneficiary", "recipient"))
            ),
            None,
        )
        correcting = bool(CORRECTION_WORDS.search(self.state.msg.low))
        msg = self.state.msg
        stops = self.state.stops()
        for start, end in self.state.free_spans():
            pos = start
            while pos < end:
                match = _WORD.search(msg.raw, pos, end)
                if match is None:
                    break
                pos = match.end()
                word_start = match.start()
                trigger = _NAME_TRIGGERS.search(msg.low[:word_start])
                target = primary
                to_payee = trigger is not None and (
                    trigger.group().strip() == "to"
                    or (
                        FOR_PAYEE.search(msg.low, max(0, word_start - 12), word_start) is not None
                        and TRANSFER_BEFORE.search(
                            self.state.masked_low(), max(0, word_start - 60), word_start
                        )
                        is not None
                    )
                )
                if to_payee and self._could_show(recipient):
                    target = recipient  # "chuyển khoản 5 triệu cho anh X": X receives
                by_verb = self._role_by_verb(word_start, end, stops)
                if by_verb is not None:
                    target = by_verb  # "anh Tuấn bên em xử lý": the verb names the role
                if target is None or target.name in self.state.values:
                    continue
                if self.state.current.get(target.name) and not correcting:
                    continue
                clause_start = at_boundary(msg, word_start)
                bare_surname = msg.low[word_start : match.end()] in SURNAMES and (
                    (not msg.has_titlecase and self.state.lang == "vi")
                    or match.group()[:1].isupper()
                )
                if not (trigger or clause_start or bare_surname):
                    continue
                if any(o.start <= word_start < o.end for o in self.state.occurrences):
                    continue
                if not looks_like_name_start(msg, word_start):
                    continue
                if not trigger and msg.low[word_start : match.end()] not in SURNAMES:
                    continue  # "Update CRM …": without "cho"/"for", a name starts with a surname
                read = read_name(msg, word_start, end, stops=stops)
                words_needed = 2 if (trigger or clause_start) else 3
                if read is None or read.value is None or len(read.value.split()) < words_needed:
                    continue
                if self.state.is_consumed(read.start, read.end):
                    continue
                known = {fold_words(v) for k, v in self.state.current.items() if k != target.name}
                known |= {fold_words(v.value) for k, v in self.state.values.items()}
                if fold_words(read.value) in known:
                    continue  # a person already holding another role ("…, X nghỉ phép rồi")
                self.state.consume(read.start, read.end)
                self.state.assign(target.name, read.value, read.start)
                pos = read.end  # another person may follow for another field (a payee)

    def _role_by_verb(self, start: int, end: int, stops: frozenset[int]) -> FieldProfile | None:
        if not looks_like_name_start(self.state.msg, start):
            return None
        read = read_name(self.state.msg, start, end, stops=stops)
        if read is None or read.value is None:
            return None
        people = [p for p in self.state.unassigned("person_name")]
        return role_after(self.state.msg.low, read.end, people)

    def _could_show(self, profile: FieldProfile | None) -> bool:
        """False when the field that reveals `profile` is already set to hide it."""
        if profile is None:
            return False
        revealed = profile.field.revealed_by
        if revealed is None:
            return True
        control, showing = revealed
        named = {
            t.field: t.value
            for o in self.state.occurrences
            for t in o.entry.options
            if not t.needs_cue and not self.state.is_consumed(o.start, o.end)
        }
        state = {
            **self.state.current,
            **named,
            **{k: v.value for k, v in self.state.values.items()},
        }
        return not state.get(control) or state[control] in showing

    def _fallback_options(self) -> None:
        whole = len(self.state.msg.tokens) <= 4
        for occurrence in self.state.occurrences:
            if not occurrence.entry.options or self.state.is_consumed(
                occurrence.start, occurrence.end
            ):
                continue
            options = [
                t
                for t in occurrence.entry.options
                if t.field not in self.state.values and self.state.profile(t.field).kind != "file"
            ]
            if not options:
                continue
            fields = {t.field for t in options}
            free_standing = [t for t in options if not t.needs_cue]
            if len(fields) == 1 and free_standing:
                values = {t.value for t in free_standing}
                if len(values) == 1:
                    target = free_standing[0]
                    self.state.assign(target.field, target.value, occurrence.start, 2)
                    self.state.consume(occurrence.start, occurrence.end)
                continue
            if (
                len(fields) == 1
                and len({t.value for t in options}) == 1
                and (self._whole_clause(occurrence) or self._amount_follows(occurrence))
            ):
                # ", nam, …": a clause that is only an option of one field
                target = options[0]
                self.state.assign(target.field, target.value, occurrence.start, 2)
                self.state.consume(occurrence.start, occurrence.end)
                continue
            if whole:
                # a short answer such as "Nam" or "có" to a question about one field
                unfilled = [t for t in options if not self.state.current.get(t.field)]
                pool = unfilled if len({t.field for t in unfilled}) == 1 else options
                if len({t.field for t in pool}) == 1 and len({t.value for t in pool}) == 1:
                    target = pool[0]
                    self.state.assign(target.field, target.value, occurrence.start, 2)
                    self.state.consume(occurrence.start, occurrence.end)

    def _amount_follows(self, occurrence: Occurrence) -> bool:
        """'rút 10 triệu': a short verb option right before an amount."""
        following = find_money(
            self.state.msg.low, occurrence.end, min(len(self.state.msg.low), occurrence.end + 30)
        )
        return (
            bool(following) and not self.state.msg.low[occurrence.end : following[0].start].strip()
        )

    def _whole_clause(self, occurrence: Occurrence) -> bool:
        low = self.state.msg.low
        after = low[occurrence.end :].lstrip(" ")
        ends = not after or after[0] in ",;.!?\n"
        before = low[: occurrence.start].rstrip(" ")
        starts = not before or before[-1] in ",;.!?\n"
        return ends and starts
