"""Cue phrase → value: reading the value that follows a field's cue, and free texts."""

from __future__ import annotations

import re

from .clauses import at_boundary, clause_end, sentence_end, spoken_break_before
from .dates import find_dates
from .email import read_email
from .ids import SPACED_CODE_PREFIXES, read_national_id
from .money import find_money
from .numbers import lex, read_number
from .phone import is_phone_text, read_phone
from .profiles import FieldProfile
from .readers import (
    TEXT_KINDS,
    Reading,
    implicit_yes_no,
    is_compound,
    read_for_kind,
    skip_fillers,
)
from .reading import ValueRead
from .run_state import CORRECTION_WORDS, Occurrence, RunState
from .text import accents_compatible, collapse
from .undecided import UNDECIDED as _UNDECIDED
from .vocabulary import CueTarget

_EXPLICIT_AFTER = re.compile(r"\s*(?:[:=]|\b(?:la|is|thanh|la:|are)\b)")


# After a value: "hoặc"/"hay"/"or"/"đến" before another value leaves the choice open;
# "à không"/"nhầm"/"I mean" before another value corrects it.
_ALTERNATIVE_JOINER = re.compile(
    r"\s*,?\s*(?:hoac la|hoac|hay la|hay|or maybe|or|maybe|co the la|co le)\s+"
    r"(?:(?:la|anh|chi|ong|ba|team|phong)\s+)?"
)
# "X và Y …, chưa chốt": two candidates and the speaker says it is not decided.
_BOTH_JOINER = re.compile(r"\s*(?:va|and|voi|&)\s+(?:(?:team|phong|anh|chi|ong|ba)\s+)?")
# A range ("300 đến 500 triệu") leaves an amount open; a date range fills start and end instead.
_RANGE_JOINER = re.compile(r"\s*(?:den|toi|to|-|–)\s*")
_RANGE_KINDS = frozenset({"money", "number", "term"})
_CORRECTION_JOINER = re.compile(
    r"\s*[,.]?\s*(?:(?:a|o|u)\s+)?(?:khong phai|khong|ko|nham roi|nham|xin loi|sorry|i mean|"
    r"no wait|no|y la|y em la|sua lai)\s*[,.:]?\s*(?:(?:la|is|thanh)\s+)?"
)


# "không có ca rủi ro cao", "no high-risk cases": a count field named after a negation is 0.
_NONE_BEFORE = re.compile(
    r"\b(?:khong co|khong phat hien|chua co|chua phat hien|ko co|k co|hong co|khong|no|zero|"
    r"not any)(?:\s+(?:mot|ca|truong hop|ho so|vu|cases?))?(?:\s+nao)?\s*$"
)


# "<value> is the/my/his <label>": English that gives the value first.
_IS_THE = re.compile(
    r"\b(?:is|are|was|will be|la)\s+(?:the|my|his|her|their|our|its|a)?\s*"
    r"(?:(?:total\s+)?number\s+of|count\s+of|total)?\s*$"
)

_PUNCTUATION = re.compile(r"[.,;!?\n]")
# Words of a cue that ask for a way to reach someone (not just the time of an absence).
_CONTACT_WORD = re.compile(r"\b(?:lien lac|lien he|contact|reach|reachable)\b")
# Between a value and its "là": "X sẽ là …", "X thì là …", "X chính là …", "X will be …".
_MODAL_ONLY = re.compile(r"\b(?:se|thi|chinh|van|cung|will|would)\b")
# Spoken endings after a label that close its clause like a comma ("… người kiểm tra nhé,").
_TRAILING_FILLERS = re.compile(r"^(?:(?:nhe|nha|nhen|nghe|a|luon|di|nhe em|nha em)\b\s*)+")

_BARE_THE = re.compile(r"(?<=\w)\s+the\s+$")

_IS_THE_LABEL = re.compile(
    r"\s+(?:is|are|was)\s+(?:the|my|his|her|their|our)\s+[a-z'-]+(?:\s+[a-z'-]+){0,2}\s*[.,;]?\s*$"
)

# "đổi địa chỉ sang X", "thường trú tại X", "moved to X": the preposition is not the value.
_LEADING_PREPOSITION = re.compile(
    r"^(?:(?:thường trú|thuong tru|hiện|hien|hiện đang|đang)\s+)?(?:sang|tại|tai|ở|at|to|ghi là|ghi)\s+"
    r"(?=\S)",
    re.IGNORECASE,
)

# Words that make a list item a sentence rather than a tag.
_NOT_TAG = re.compile(r"\d|\b(?:a|an|the|is|was|are|at|still|to|la|là|còn|và|khách)\b")

# Kinds whose value may come first in its clause ("400 million loan amount", "24 months term").
_VALUE_FIRST_KINDS = frozenset({"money", "term", "date"})


def _check_zero(profile: FieldProfile) -> str | None:
    low = profile.field.min_value
    return "0" if low is None or low <= 0 else None


class CueReader:
    """The cue phase: each field cue found in the message reads the value after it."""

    def __init__(self, state: RunState) -> None:
        self.state = state

    def explicit_after(self, pos: int) -> bool:
        """A cue followed by ':' / '=' / 'là' / 'is' announces its value."""
        match = _EXPLICIT_AFTER.match(self.state.msg.low, pos)
        if match is None:
            return False
        word = match.group().strip(" :=")
        if not word:
            return True
        index = self.state.msg.token_index_at(match.start() + len(match.group()) - len(word))
        typed = self.state.msg.raw[match.end() - len(word) : match.end()]
        forms = {"la": "là", "thanh": "thành", "is": "is", "are": "are", "la:": "là"}
        return accents_compatible(typed.lower(), forms.get(word, word)) and not is_compound(
            self.state.msg, index
        )

    def read_cues(self) -> None:
        open_text: tuple[FieldProfile, int, int] | None = None  # (profile, value start, cue pos)
        cursor = 0
        stops = self.state.stops()
        for occurrence in self.state.occurrences:
            if occurrence.start < cursor or self.state.is_consumed(
                occurrence.start, occurrence.end
            ):
                continue
            if open_text is not None:
                # A text ends at its clause (short) or sentence (long); what follows is read anew.
                ends_at = clause_end if open_text[0].kind == "short_text" else sentence_end
                text_end = ends_at(self.state.msg, open_text[1])
                if occurrence.start >= text_end:
                    self.close_text(open_text, text_end)
                    open_text = None
            if (
                open_text is not None
                and occurrence.start > open_text[1]
                and self.state.msg.has_diacritics
            ):
                # Speech without punctuation: "… quận 3 xong khách rất hài lòng" — a field's
                # words after a spoken break ("xong", "rồi", "với lại") end the text there.
                # Speech recognition writes the marks; text typed without them is not speech.
                spoken = spoken_break_before(self.state.msg, occurrence.start)
                typed = self.state.msg.low[open_text[1] : occurrence.start]
                if spoken is not None and spoken > open_text[1] and not _PUNCTUATION.search(typed):
                    self.close_text(open_text, spoken)
                    open_text = None
                elif not _PUNCTUATION.search(self.state.msg.low) and self._labelled_value_at(
                    occurrence, stops
                ):
                    # "… biện pháp là đã yêu cầu bổ sung rủi ro tổng thể trung bình": a field's
                    # full label and a value it accepts end the spoken text, break word or not
                    self.close_text(open_text, occurrence.start)
                    open_text = None
            # a lead-in between a cue and its colon ("địa chỉ cho khách X: …") is read normally
            in_lead_in = open_text is not None and occurrence.start < open_text[1]
            inside_text = open_text is not None and not in_lead_in
            boundary = at_boundary(self.state.msg, occurrence.start, strict=inside_text)
            explicit = self.explicit_after(occurrence.end)
            short = open_text is not None and open_text[0].kind == "short_text"
            if inside_text and not (boundary or explicit or short):
                continue
            if (
                inside_text
                and open_text is not None
                and open_text[0].kind == "tags"
                and not explicit
                and self._whole_list_item(occurrence)
            ):
                continue  # "Tags: VIP, follow-up": an item of the list, not a field's cue
            if (
                inside_text
                and open_text is not None
                and open_text[0].kind in ("short_text", "tags")
                and occurrence.start == open_text[1]
            ):
                continue  # "chức vụ Chuyên viên …": the value starts with a cue word
            if (
                inside_text
                and short
                and not (boundary or explicit)
                and occurrence.entry.cues
                and all(
                    self.state.profile(c.field).kind in TEXT_KINDS
                    for c in occurrence.entry.cues.values()
                )
            ):
                continue  # "… phân tích rủi ro": another text's label inside this value
            if not occurrence.entry.cues and occurrence.entry.options and not in_lead_in:
                detail = self._detail_after_option(occurrence)
                if detail is not None:
                    if open_text is not None:
                        self.close_text(open_text, occurrence.start)
                    open_text = detail
                    cursor = detail[1]
                    continue
            decision = self.decide(occurrence, boundary, explicit, stops)
            if decision is None:
                if (
                    open_text is not None
                    and inside_text
                    and boundary
                    and self._ends_text(occurrence, open_text[0])
                ):
                    self.close_text(open_text, occurrence.start)
                    open_text = None
                continue
            profile, reading, _target = decision
            read = reading.read
            opens_text = (
                profile.kind in TEXT_KINDS and read is not None and read.ok and read.value == ""
            )
            if in_lead_in and opens_text:
                continue
            if inside_text and open_text is not None:
                self.close_text(open_text, occurrence.start)
                open_text = None
            if opens_text:
                assert read is not None
                open_text = (profile, read.start, occurrence.start)
                self.state.consume(occurrence.start, occurrence.end)
                cursor = occurrence.end
                continue
            if read is None:
                continue
            second = self._second_value(profile, read, stops) if read.ok else None
            if second is not None and second[0] == "ask":
                # "300 triệu hoặc 500 triệu": two values for one field; ask, fill nothing.
                self.state.ask_between(profile, [read, second[1]])
                read = ValueRead(None, read.start, second[1].end)
            elif second is not None:
                read = second[1]  # "300 triệu, à không, 500 triệu": the correction wins
            own_option = [
                t for t in occurrence.entry.options if t.field == profile.name and not t.needs_cue
            ]
            if not read.ok and second is None and len(own_option) == 1:
                # "khách hài lòng không cần theo dõi": the cue is itself the option
                read = ValueRead(own_option[0].value, occurrence.start, occurrence.end)
            if read.ok:
                assert read.value is not None
                value = self._code_with_cue_prefix(profile, occurrence, read.value)
                self.state.assign(profile.name, value, occurrence.start, reading.strength)
            elif second is None:
                self.state.reject(profile, read)
            self.state.consume(min(occurrence.start, read.start), max(occurrence.end, read.end))
            cursor = max(occurrence.end, read.end)
        if open_text is not None:
            self.close_text(open_text, self.state.limit_after(open_text[1]))

    def _labelled_value_at(self, occurrence: Occurrence, stops: frozenset[int]) -> bool:
        """A field's label (two words or more), with a value it accepts right after."""
        if occurrence.words < 2 or not any(
            c.priority >= 0.9 and self.state.profile(c.field).kind not in TEXT_KINDS
            for c in occurrence.entry.cues.values()
        ):
            return False
        decision = self.decide(occurrence, True, self.explicit_after(occurrence.end), stops)
        if decision is None:
            return False
        profile, reading, _ = decision
        read = reading.read
        return (
            profile.kind not in TEXT_KINDS
            and read is not None
            and read.ok
            and bool(read.value)
            and read.start - occurrence.end <= 4
        )

    def _described_by(
        self, occurrence: Occurrence, limit: int
    ) -> tuple[FieldProfile, Reading, CueTarget] | None:
        """'Issue: Khách làm rơi thẻ …': a sentence after a select's label describes it, so it
        goes to the free text named like that label (Mô Tả Vấn Đề / issue description)."""
        words = [w for w in occurrence.key.split() if len(w) > 2]
        cues = list(occurrence.entry.cues.values())
        if not words or not cues:
            return None
        texts = [
            p
            for p in self.state.vocab.by_kind("free_text")
            if p.name not in self.state.values and all(p.mentions(w) for w in words)
        ]
        colon = self._colon_ahead(occurrence.end, limit)
        start = colon if colon is not None else occurrence.end
        while start < limit and self.state.msg.low[start] in " :=-":
            start += 1
        sentence = self.state.msg.low[start : sentence_end(self.state.msg, start)]
        if len(texts) != 1 or len(sentence.split()) < 4:
            return None
        return texts[0], Reading(ValueRead("", start, start), 1), cues[0]

    def _option_opens_sentence(
        self, successes: list[tuple[CueTarget, FieldProfile, Reading]]
    ) -> bool:
        """Every reading is an option whose words are followed by four more in its clause."""
        for _target, profile, reading in successes:
            read = reading.read
            if profile.kind != "select" or read is None:
                return False
            rest = self.state.msg.low[read.end : clause_end(self.state.msg, read.end)]
            if len(rest.split()) < 4:
                return False
        return True

    def _whole_list_item(self, occurrence: Occurrence) -> bool:
        """The occurrence fills an item of a comma list on its own ("…, follow-up, …")."""
        low = self.state.msg.low
        before = low[: occurrence.start].rstrip(" ")
        after = low[occurrence.end :].lstrip(" ")
        return (not before or before[-1] in ",;:") and (not after or after[0] in ",;.!?\n")

    def _second_value(
        self, profile: FieldProfile, first: ValueRead, stops: frozenset[int]
    ) -> tuple[str, ValueRead] | None:
        """Another value of the same field right after the first: an alternative or a fix."""
        if profile.kind in TEXT_KINDS or profile.kind == "yesno":
            return None
        low = self.state.msg.low
        joiners = [("fix", _CORRECTION_JOINER), ("ask", _ALTERNATIVE_JOINER)]
        if profile.kind in ("person_name", "select"):
            joiners = [("ask", _ALTERNATIVE_JOINER)]
            if _UNDECIDED.search(low, first.end, sentence_end(self.state.msg, first.end)):
                joiners.append(("ask", _BOTH_JOINER))  # "Marketing và Sales, chưa chốt"
        if profile.kind in _RANGE_KINDS:
            joiners.append(("ask", _RANGE_JOINER))
        for verdict, joiner in joiners:
            match = joiner.match(low, first.end)
            if match is None or (match.end() == first.end and verdict == "fix"):
                continue
            limit = self.state.limit_after(match.end())
            reading = read_for_kind(
                self.state.msg,
                profile,
                match.end(),
                limit,
                today=self.state.today,
                explicit=True,
                stops=stops,
            )
            again = reading.read
            if again is not None and again.ok and again.value != first.value:
                return verdict, again
        return None

    def decide(
        self, occurrence: Occurrence, boundary: bool, explicit: bool, stops: frozenset[int]
    ) -> tuple[FieldProfile, Reading, CueTarget] | None:
        cues = sorted(occurrence.entry.cues.values(), key=lambda c: -c.priority)
        if not cues:
            return None
        limit = self.state.limit_after(occurrence.end)
        options_here = bool(occurrence.entry.options)
        results: list[tuple[CueTarget, FieldProfile, Reading]] = []
        is_the = _IS_THE.search(self.state.msg.low, 0, occurrence.start)
        bare_the = (
            _BARE_THE.search(self.state.msg.low, 0, occurrence.start) if is_the is None else None
        )
        for target in cues:
            profile = self.state.profile(target.field)
            if profile.kind == "file":
                continue
            if is_the is not None:
                # "Huỳnh Tấn Phát is the applicant": the value comes first, then its label.
                first = self._value_is_the(occurrence, profile, is_the.start())
                if first.read is not None:
                    results.append((target, profile, first))
                continue
            if bare_the is not None and profile.kind == "person_name":
                # "…, Tran Van Binh the agent.": the same without "is", only when it reads
                first = self._value_is_the(occurrence, profile, bare_the.start())
                if first.read is not None:
                    results.append((target, profile, first))
                    continue
            start = skip_fillers(self.state.msg, occurrence.end, limit, profile.kind)
            if profile.kind in TEXT_KINDS:
                # Part of a label ("kiểm tra" of "Ghi Chú Kiểm Tra") opens a text only with "là"/":".
                named = target.priority >= 0.85 or (target.priority >= 0.8 and boundary)
                strong = named and (occurrence.words >= 2 or target.priority >= 0.95)
                if not (explicit or strong or (named and boundary)):
                    continue
                if options_here and not (boundary or explicit):
                    continue
                if target.inclusive and not explicit:
                    start = occurrence.start
                colon = self._colon_ahead(start, limit)
                if colon is not None:
                    start = colon
                if start >= limit or self.state.msg.low[start:limit].strip(" .,;") == "":
                    continue
                results.append((target, profile, Reading(ValueRead("", start, start), 1)))
                continue
            before = self._number_before(occurrence, profile) if profile.kind == "number" else None
            if profile.kind in _VALUE_FIRST_KINDS:
                before = self._clause_value_before(occurrence, profile)
            if before is not None and before.read is not None:
                results.append((target, profile, before))
                continue
            reading = read_for_kind(
                self.state.msg,
                profile,
                start,
                limit,
                today=self.state.today,
                explicit=explicit,
                stops=stops - {occurrence.start},
            )
            if reading.read is None and profile.kind == "yesno" and not options_here:
                implicit = implicit_yes_no(self.state.msg, profile, occurrence.start)
                if implicit is not None:
                    reading = Reading(ValueRead(implicit.value, implicit.start, occurrence.end), 1)
            if reading.read is None and profile.kind in ("select", "yesno"):
                reading = self._option_before(occurrence, profile)
            if reading.read is not None and self._cuts_occurrence(occurrence, reading.read):
                continue
            if reading.read is not None and self._cuts_protected(reading.read):
                continue  # "ngày đăng ký vay là 16/11/2026": 16 is part of a date
            results.append((target, profile, reading))
        successes = [r for r in results if r[2].read is not None and r[2].read.ok]
        if explicit and (not successes or self._option_opens_sentence(successes)):
            # "Issue: Chuyển khoản … chưa nhận được tiền": the option word only starts a
            # sentence that describes the issue.
            described = self._described_by(occurrence, limit)
            if described is not None:
                return described
        if successes:
            first_choice = max(successes, key=lambda r: (r[2].strength, r[0].priority))
            best = self._follow_topic(occurrence, first_choice, successes)
            best = self._next_of_kind(best, successes)
            rivals = [
                r
                for r in successes
                if r is not best
                and best is first_choice
                and r[2].strength == best[2].strength
                and r[0].priority >= best[0].priority - 0.02
                and r[1].name != best[1].name
                and r[1].kind not in TEXT_KINDS
            ]
            contenders = {best[1].name, *(r[1].name for r in rivals)}
            # a time input shown by a slot select is filled through the select
            rivals = [
                r
                for r in rivals
                if not (r[1].field.revealed_by and r[1].field.revealed_by[0] in contenders)
            ]
            if best[1].field.revealed_by and best[1].field.revealed_by[0] in {
                r[1].name for r in rivals
            }:
                best = next(r for r in rivals if r[1].name == best[1].field.revealed_by[0])
                rivals = []
            if rivals and best[1].kind not in TEXT_KINDS:
                self.state.ask_which_field(best[2].read, [best[1], *(r[1] for r in rivals)])
                read = best[2].read
                assert read is not None
                self.state.consume(occurrence.start, read.end)
                return None
            return best[1], best[2], best[0]
        refusals = [r for r in results if r[2].read is not None and not r[2].read.ok]
        if refusals and (boundary or explicit or occurrence.words >= 2):
            best = max(refusals, key=lambda r: r[0].priority)
            return best[1], best[2], best[0]
        return None

    def _cuts_protected(self, read: ValueRead) -> bool:
        """A value that covers only part of a date, an email or an amount."""
        return any(
            a < read.end and read.start < b and not (read.start <= a and b <= read.end)
            for a, b in self.state.protected
        )

    def _cuts_occurrence(self, cue: Occurrence, read: ValueRead) -> bool:
        """'xin nghỉ phép năm': a value must not end inside a longer phrase ('nghỉ phép năm')."""
        return any(
            o is not cue and o.start < read.end < o.end and o.start >= read.start
            for o in self.state.occurrences
        )

    def _next_of_kind(self, best, successes):  # type: ignore[no-untyped-def]
        """'account X …, account Y': a cue repeated in one message names the next such field."""
        if best[1].name not in self.state.values or CORRECTION_WORDS.search(self.state.msg.low):
            return best
        for candidate in sorted(successes, key=lambda r: -r[0].priority):
            if (
                candidate[1].kind == best[1].kind
                and candidate[1].name not in self.state.values
                and candidate[0].priority >= best[0].priority - 0.15
            ):
                return candidate
        return best

    def _follow_topic(self, occurrence, best, successes):  # type: ignore[no-untyped-def]
        """'quản lý là X, email Y': a generic cue right after a field goes to its sibling."""
        recent = [
            (name, a)
            for name, a in self.state.values.items()
            if a.position < occurrence.start and occurrence.start - a.position <= 80
        ]
        if not recent:
            return best
        last_name = max(recent, key=lambda item: item[1].position)[0]
        if re.search(
            r"[.;!?\n]",
            self.state.msg.low[self.state.values[last_name].position : occurrence.start],
        ):
            return best
        topic = self.state.distinctive_words(last_name)
        for candidate in successes:
            if candidate is best or candidate[1].kind != best[1].kind:
                continue
            if candidate[2].strength != best[2].strength:
                continue
            own = self.state.distinctive_words(candidate[1].name)
            best_words = self.state.distinctive_words(best[1].name)
            if topic & own and not topic & best_words:
                return candidate
        return best

    def _detail_after_option(self, occurrence: Occurrence) -> tuple[FieldProfile, int, int] | None:
        """'vi phạm nhỏ: 3 hồ sơ …': an option, a colon, then the text of the field it reveals."""
        match = re.compile(r"\s*:\s*").match(self.state.msg.low, occurrence.end)
        targets = {(t.field, t.value) for t in occurrence.entry.options}
        if match is None or len(targets) != 1:
            return None
        field_name, value = targets.pop()
        for profile in self.state.vocab.profiles:
            revealed = profile.field.revealed_by
            if (
                profile.kind in TEXT_KINDS
                and revealed
                and revealed[0] == field_name
                and value in revealed[1]
            ):
                if field_name not in self.state.values:
                    self.state.assign(field_name, value, occurrence.start)
                self.state.consume(occurrence.start, match.end())
                return profile, match.end(), occurrence.start
        return None

    @staticmethod
    def _code_with_cue_prefix(profile: FieldProfile, cue: Occurrence, value: str) -> str:
        """'mã kh 5566' → KH5566: the cue ended with the code's own letters."""
        last = cue.key.split()[-1]
        if (
            profile.kind == "code"
            and value.isdigit()
            and last in SPACED_CODE_PREFIXES
            and last != "ma"
        ):
            return last.upper() + value
        return value

    def _colon_ahead(self, start: int, limit: int) -> int | None:
        """'địa chỉ cho khách X (KH1): số 7 …': the value starts after a colon close behind."""
        end = min(clause_end(self.state.msg, start, limit), start + 60)
        colon = self.state.msg.low.find(":", start, end)
        if colon < 0 or not self.state.msg.low[start:colon].strip():
            return None
        if re.search(r"\d:\d", self.state.msg.low[colon - 1 : colon + 2]):
            return None  # a time such as 14:30
        return skip_fillers(self.state.msg, colon + 1, limit, "free_text")

    def _option_before(self, cue: Occurrence, profile: FieldProfile) -> Reading:
        """'IT department', 'không có dấu hiệu bất thường': the option just before its cue."""
        before = [o for o in self.state.occurrences if o.end <= cue.start]
        if not before:
            return Reading(None, 0)
        last = before[-1]
        if self.state.msg.low[last.end : cue.start].strip() or self.state.is_consumed(
            last.start, last.end
        ):
            return Reading(None, 0)
        values = {t.value for t in last.entry.options if t.field == profile.name}
        if len(values) != 1:
            return Reading(None, 0)
        return Reading(ValueRead(values.pop(), last.start, cue.end), 2)

    def _number_words_before(self, pos: int) -> re.Match[str] | None:
        """'tám trường hợp': a number in words right before `pos`, as a match over its text."""
        tokens = [t for t in self.state.msg.tokens if t.end <= pos]
        for width in (4, 3, 2, 1):
            if len(tokens) < width or self.state.msg.low[tokens[-1].end : pos].strip():
                continue
            first = tokens[-width]
            text = self.state.msg.low[first.start : tokens[-1].end]
            items = lex(text)
            read = read_number(items, 0)
            if read is not None and read.next_index == len(items) and read.from_words:
                return re.compile(re.escape(text)).match(self.state.msg.low, first.start)
        return None

    def _ends_text(self, occurrence: Occurrence, profile: FieldProfile) -> bool:
        """An option named at a clause start ends a free text, unless it cannot stand alone."""
        if profile.kind == "tags":
            return False
        options = occurrence.entry.options
        fields = {t.field for t in options}
        return (
            len(fields) == 1
            and not any(t.needs_cue for t in options)
            and next(iter(fields)) not in self.state.values
        )

    def _value_is_the(self, occurrence: Occurrence, profile: FieldProfile, end: int) -> Reading:
        """The clause before "is the <label>" when the label ends its clause."""
        low, raw = self.state.msg.low, self.state.msg.raw
        after = low[occurrence.end :].lstrip(" ")
        after = re.sub(r"^(?:count|number|total|level)\b\s*", "", after)
        after = _TRAILING_FILLERS.sub("", after)  # "X sẽ là người kiểm tra nhé, …"
        if after and after[0] not in ",;.!?\n|" and not re.match(r"(?:and|va)\b", after):
            return Reading(None, 0)
        start = self.state.clause_start(end)
        start = max(start, self._last_joiner(start, end))
        while start < end and low[start] == " ":
            start += 1
        if start >= end or self.state.is_consumed(start, end):
            return Reading(None, 0)
        if profile.kind in TEXT_KINDS:
            text = collapse(raw[start:end]).strip(" \"'“”")
            return Reading(ValueRead(text, start, occurrence.end), 2) if text else Reading(None, 0)
        reading = read_for_kind(
            self.state.msg,
            profile,
            start,
            end,
            today=self.state.today,
            explicit=True,
            stops=frozenset(),
        )
        read = reading.read
        if read is None or _MODAL_ONLY.sub("", low[read.end : end]).strip():
            return Reading(None, 0)
        return Reading(ValueRead(read.value, read.start, occurrence.end, read.error, read.shown), 2)

    def _last_joiner(self, start: int, end: int) -> int:
        """Start of the part after the last 'and' of a clause ("… and NV001 is my staff ID")."""
        found = start
        for match in re.finditer(r"\b(?:and|va)\s+", self.state.msg.low[start:end]):
            at = start + match.start()
            if not any(a <= at < b for a, b in self.state.protected):  # "two and a half billion"
                found = start + match.end()
        return found

    def _clause_value_before(self, occurrence: Occurrence, profile: FieldProfile) -> Reading:
        """', 400 million loan amount,': a clause that is a value and then its label."""
        low = self.state.msg.low
        after = low[occurrence.end :].lstrip(" ")
        if after and after[0] not in ",;.!?\n|":
            return Reading(None, 0)
        start = self.state.clause_start(occurrence.start)
        start = skip_fillers(self.state.msg, start, occurrence.start, profile.kind)
        if start >= occurrence.start or self.state.is_consumed(start, occurrence.start):
            return Reading(None, 0)
        reading = read_for_kind(
            self.state.msg,
            profile,
            start,
            occurrence.start,
            today=self.state.today,
            explicit=False,
            stops=frozenset(),
        )
        read = reading.read
        if read is None or low[read.end : occurrence.start].strip():
            return Reading(None, 0)
        return Reading(ValueRead(read.value, read.start, occurrence.end, read.error, read.shown), 2)

    def _number_before(self, occurrence: Occurrence, profile: FieldProfile) -> Reading:
        """'5 trường hợp rủi ro cao': the number just before the cue ('không có …' is 0)."""
        none = _NONE_BEFORE.search(self.state.msg.low, 0, occurrence.start)
        if none is not None and not self.state.is_consumed(none.start(), none.end()):
            after = self.state.msg.low[occurrence.end :].lstrip(" ")
            after = re.sub(r"^(?:het tron|het|nao|ca|luon|ca)\b\s*", "", after)
            if not after or after[0] in ",;.!?\n|":
                zero = _check_zero(profile)
                if zero is not None:
                    return Reading(ValueRead(zero, none.start(), occurrence.end), 2)
        match = re.search(
            r"(?<![\w.,])(\d+(?:[.,]\d+)?)[ \t]*(?:(?:were|are|was|la)[ \t]+)?$",
            self.state.msg.low[: occurrence.start],
        )
        if match is None:
            match = self._number_words_before(occurrence.start)
        if match is None or self.state.is_consumed(match.start(), match.end()):
            return Reading(None, 0)
        after = self.state.msg.low[occurrence.end :].lstrip(" ")
        next_phrase = any(
            o.start >= occurrence.end and not self.state.msg.low[occurrence.end : o.start].strip()
            for o in self.state.occurrences
        )
        if (
            after
            and after[0] not in ",;.!?\n"
            and not next_phrase
            and not re.match(r"(?:va|and|con|trong do)\b", after)
        ):
            return Reading(None, 0)  # "2 hồ sơ hết hạn…": the number belongs to a sentence
        read = read_for_kind(
            self.state.msg,
            profile,
            match.start(),
            match.end(),
            today=self.state.today,
            explicit=False,
            stops=frozenset(),
        )
        if read.read is None:
            return read
        return Reading(
            ValueRead(read.read.value, match.start(), occurrence.end, read.read.error), 2
        )

    def close_text(self, open_text: tuple[FieldProfile, int, int], end: int) -> None:
        profile, start, cue_start = open_text
        end = self._cut_typed_tail(start, end)
        if profile.kind == "short_text":
            end = min(end, clause_end(self.state.msg, start, end))
        else:
            end = min(end, sentence_end(self.state.msg, start, end))
        opening = self.state.msg.raw[start:end].lstrip()
        if opening and opening[0] in "\"“'":
            # A quoted value ends at its closing quote ('tiêu đề "Báo cáo …", loại …').
            quote_at = start + len(self.state.msg.raw[start:end]) - len(opening)
            closing = {'"': '"', "“": "”", "'": "'"}[opening[0]]
            close = self.state.msg.raw.find(closing, quote_at + 1, end)
            if close > quote_at:
                end = close + 1
        label_after = _IS_THE_LABEL.search(self.state.msg.low, start, end)
        if label_after is not None:
            end = label_after.start()  # "Tập đoàn Masan is the employer"
        raw = self.state.msg.raw[start:end]
        text = raw.strip().strip("\"'“”‘’").strip()
        text = re.sub(r"[\s,;:.!?–-]+$", "", text)
        text = re.sub(
            r"(?<!\bmua)(?<!\bsua)(?<!\bban)(?<!\bthue)(?<!\bxay)(?<!\bcan)"
            r"\s+(?:va|và|and|roi|rồi|nhe|nhé|nha|a|ạ|thi|thì|con|còn)$",
            "",
            text,
            flags=re.I,
        )  # "… mua nha" without marks keeps its house ("nhà"); a closing "nha" goes
        text = collapse(text.strip("\"'“”‘’ "))
        if profile.kind == "free_text" or profile.kind == "short_text":
            text = _LEADING_PREPOSITION.sub("", text, count=1) or text
        if not text or self._cue_then_option(cue_start, start, end):
            return
        if profile.kind == "tags":
            items: list[str] = []
            for item in (t.strip() for t in re.split(r"[,;]", text)):
                words = item.lower().split()
                if not item or len(words) > 3 or _NOT_TAG.search(item.lower()):
                    break  # "VIP, urgent, an account issue": a tag is a short label
                items.append(item)
            text = ", ".join(items)
            if items:
                end = (
                    start
                    + len(self.state.msg.raw[start:end].split(items[-1], 1)[0])
                    + len(items[-1])
                )
        contacts = self._contacts(start, end) if self._wants_contacts(profile) else []
        if contacts:
            text = ", ".join(contacts)
        elif self._wants_contacts(profile) and not _CONTACT_WORD.search(
            self.state.msg.low[cue_start:start]
        ):
            return  # "trong mấy ngày nghỉ, anh Bình lo việc": no contact was given

        self.state.assign(profile.name, text, cue_start, 1)
        self.state.consume(start, end)

    def _cue_then_option(self, cue_start: int, start: int, end: int) -> bool:
        """'đi làm công ty hưởng lương': a text that starts with its own cue ('công ty') and
        goes on with nothing but another field's option ('hưởng lương' = employed) names no
        company."""
        if start != cue_start:
            return False
        cue = next((o for o in self.state.occurrences if o.start == cue_start), None)
        if cue is None:
            return False
        rest = self.state.msg.low[cue.end : end].strip(" ,.;")
        if not rest:
            return False
        at = (
            cue.end
            + len(self.state.msg.low[cue.end : end])
            - len(self.state.msg.low[cue.end : end].lstrip())
        )
        return any(
            o.start == at and not o.entry.cues and o.entry.options and o.end >= at + len(rest)
            for o in self.state.occurrences
        )

    @staticmethod
    def _wants_contacts(profile: FieldProfile) -> bool:
        """A text field meant for a phone number or an e-mail ('Thông tin liên lạc')."""
        hints = f"{profile.semantic} {profile.field.placeholder.lower()}"
        return any(k in hints for k in ("lien lac", "contact", "điện thoại", "email", "phone"))

    def _contacts(self, start: int, end: int) -> list[str]:
        found: list[tuple[int, str]] = []
        low = self.state.msg.low
        pos = start
        while True:
            email = read_email(self.state.msg.raw, low, pos, end)
            if email is None or not email.ok or email.value is None:
                break
            found.append((email.start, email.value))
            pos = email.end
        taken = [(p, p + len(v)) for p, v in found]
        for match in re.finditer(r"(?:\+|\b)\d", low[start:end]):
            at = start + match.start()
            if any(a <= at < b for a, b in taken):
                continue
            phone = read_phone(low, at, end)
            if phone is not None and phone.ok and phone.value is not None:
                found.append((phone.start, phone.value))
                taken.append((phone.start, phone.end))
        return [v for _, v in sorted(found)]

    def _cut_typed_tail(self, start: int, end: int) -> int:
        """A free text stops before ', 0912345678' or ', an@gmail.com' given on their own."""
        low = self.state.msg.low
        for match in re.finditer(r"[,;]\s*", low[start:end]):
            if any(a <= start + match.start() < b for a, b in self.state.protected):
                continue  # the comma of "1,2 tỷ" or of a date, not a clause break
            clause_start = start + match.end()
            clause_stop = clause_end(self.state.msg, clause_start, end)
            clause = low[clause_start:clause_stop].strip()
            if not clause:
                continue
            if self._is_typed_clause(clause_start, clause_stop):
                return start + match.start()
        return end

    def _is_typed_clause(self, start: int, stop: int) -> bool:
        low = self.state.msg.low
        text = low[start:stop].strip(" .")
        if not text:
            return False
        if is_phone_text(text):
            return True
        email = read_email(self.state.msg.raw, low, start, stop)
        if email is not None and email.ok and not low[email.end : stop].strip(" ."):
            return low[start : email.start].strip() == ""
        national = read_national_id(low, start, stop)
        if national is not None and national.ok and not low[national.end : stop].strip(" ."):
            return True
        dates = find_dates(low, self.state.today, start, stop)
        if (
            dates
            and low[start : dates[0].start].strip() == ""
            and not low[dates[0].end : stop].strip(" .")
        ):
            return True
        money = find_money(low, start, stop)
        return (
            bool(money)
            and low[start : money[0].start].strip() == ""
            and not low[money[0].end : stop].strip(" .")
        )
