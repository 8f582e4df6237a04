"""Deterministic understanding of one message against a form: cues, values, commands, questions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from ..schema import FormSchema
from .banks import HOME_BANK, find_banks
from .clauses import (
    CONNECTORS,
    at_boundary,
    clause_end,
    sentence_end,
    spoken_breaks,
    spoken_fillers,
)
from .contact_owner import contact_of, foreign_owner, owner_phrase, person_for
from .corrections import denied_options, denied_spans, find_corrections
from .cues import CueReader
from .dates import find_dates, find_times
from .durations import read_duration
from .email import read_email
from .fallback import FOR_PAYEE, TRANSFER_BEFORE, TypeFallback
from .ids import find_codes
from .implications import implied_values, one_day_end
from .intents import (
    LIST_JOINER,
    POSTFIX_REMOVE,
    REMOVE_AFTER,
    REMOVE_VERBS,
    find_commands,
    submit_requested,
)
from .lexicon import OTHER_PEOPLE, OTHER_PEOPLE_PHRASES
from .money import find_money
from .names import HONORIFICS, SURNAMES, looks_like_name_start, read_name
from .profiles import FieldProfile
from .questions import display_label, join_choices, question
from .readers import OPEN_QUESTION, TEXT_KINDS, check_number
from .result import Understanding, is_visible
from .run_state import GAP_CHARS, Occurrence, RunState, overlaps
from .spoken_codes import rewrite_spoken_codes
from .text import Token, accents_compatible, collapse, fold, fold_words
from .undecided import open_roles

# ", KYC Team Lead," right after a name: capitalised words, no digits, up to the clause end.
_TITLE_AFTER = re.compile(
    r"\s*,\s*((?:[A-ZĐÀ-Ỹ][\w&/-]*)(?:\s+[\w&/-]+){0,4}?)\s*(?=,|\.|;|\||$|\s+in\s|\s+bên\s)"
)
# "đang làm (việc|nhân viên|full-time) tại/ở X", "works at X": what follows is the employer.
_WORKS_AT = re.compile(
    r"\b(?:lam|work|works|working|employed)(?:\s+(?:viec|nhan vien|full-time|full time|"
    r"part-time|fulltime|ke toan|giao vien|cong nhan|ky su))?\s+(?:tai|o|at|for|by)\s+"
)
_ORGANISATION = re.compile(r"(?:cong ty|benh vien|truong|ngan hang|tap doan|so |uy ban|cty)")
# "bỏ thông tin người nhận", "xóa các trường của người nhận": every field about that party.
_WHOLE_GROUP = re.compile(r"\b(?:thong tin|cac truong|cac o|details|info)\b")
# A free text never starts with the verb that introduced it.
_LEADING_COPULA = re.compile(r"^(?:là|is|are|was)\s+(?:(?:là|:)\s*)?", re.IGNORECASE)
# "X hay Y", "X hoặc Y", "X or Y" …
_ALTERNATIVE = re.compile(r"\s(?:hay la|hay|hoac la|hoac|or)\s+(?!khong\b|not\b)")
# … in a sentence that says the speaker is not sure.
_UNSURE = re.compile(
    r"\b(?:khong chac|hong chac|chua chac|khong nho|hong nho|khong ro|hong ro|gi do|chua chot|"
    r"chua biet|not sure|don t remember|can t remember|unsure|either)\b"
)
_NAME_LEAD = re.compile(
    r"\s*(?:(?:cua\s+)?(?:khach hang|khach|kh|anh ay|chi ay|ong ay|ba ay)\s+)?"
    r"(?::|la|is|ten la|ten|named|,)?\s*"
)
# Relatives whose details are theirs, not the customer's (data: lexicon "other_people").
_KIN = frozenset(
    "vo|chong|wife|husband|em trai|anh trai|chi gai|em gai|brother|sister|me|bo|mother|father|"
    "con trai|con gai|nguoi than".split("|")
)
_KIN_INCOME = re.compile(r"\s+(?:earns|makes|has an income of|s income is|thu nhap|luong)\b")
# A clause giving a person's details: a job, an income, a phone, an e-mail.
_PERSONAL_DETAIL = re.compile(
    r"\b(?:thu nhap|luong|earns|income|salary|so dien thoai|sdt|so cua|phone|email|giao vien|"
    r"ky su|bac si|nhan vien|cong nhan|lam|nghe|tuoi|sinh)\b"
)
# "his email", "her phone": a contact given by a pronoun …
_HIS_CONTACT = re.compile(r"\b(?:his|her)\s+(?:e ?mail|phone|number|mobile|contact)\b")
# … in a message whose writer speaks of themself.
_FIRST_PERSON = re.compile(r"\b(?:i|my|me|i m)\b")
# The speaker naming themself: "em là …", "tôi tên là …", "I'm …", "this is …".
_SPEAKER = re.compile(r"\b(?:(?:em|toi|tui|minh)\s+(?:ten\s+)?la|i m|i am|this is|my name is)\s+")
# A clause that turns back to the form's own person after a relative's details.
_BACK_TO_SUBJECT = re.compile(
    r"[,;(]\s*(?:con\s+)?(?:khach hang|khach|kh|customer|the customer|applicant|the applicant|"
    r"he|she|anh ay|chi ay|nhan vien|employee)\b"
)


class _Pass:
    """One pass over one message: phases run in order over one `RunState`.

    The cue reader and the type-driven fallback are separate phases that share only that
    state, which each phase receives explicitly.
    """

    def __init__(self, state: RunState) -> None:
        self.state = state
        self.cues = CueReader(state)
        self.types = TypeFallback(state)

    def protect(self) -> None:
        msg = self.state.msg
        low = msg.low
        spans: list[tuple[int, int]] = []
        pos = 0
        while True:
            read = read_email(msg.raw, low, pos)
            if read is None:
                break
            spans.append((read.start, read.end))
            pos = read.end
        spans += [(c.start, c.end) for c in find_codes(msg.raw, low)]
        spans += [
            (d.start, d.end) for d in find_dates(low, self.state.today) if d.value is not None
        ]
        spans += [(t.start, t.end) for t in find_times(low)]
        spans += [(m.start, m.end) for m in find_money(low)]
        self.state.protected = spans

    def find_occurrences(self) -> None:
        msg = self.state.msg
        tokens = msg.tokens
        entries = self.state.vocab.entries
        found: list[Occurrence] = []
        for i in range(len(tokens)):
            for n in range(min(self.state.vocab.max_words, len(tokens) - i), 0, -1):
                if n > 1 and msg.low[tokens[i + n - 2].end : tokens[i + n - 1].start].strip(
                    "".join(GAP_CHARS)
                ):
                    continue
                if any(
                    msg.low[tokens[k].end : tokens[k + 1].start].strip("".join(GAP_CHARS))
                    for k in range(i, i + n - 1)
                ):
                    continue
                key = " ".join(t.text for t in tokens[i : i + n])
                entry = entries.get(key)
                if entry is None:
                    continue
                start, end = tokens[i].start, tokens[i + n - 1].end
                if any(overlaps((start, end), span) for span in self.state.protected):
                    continue
                typed = " ".join(
                    msg.raw[start:end].lower().replace("/", " ").replace("-", " ").split()
                )
                if not any(accents_compatible(typed, form) for form in entry.forms):
                    continue
                if n == 1 and self._marked_capital(start, end, entry.forms):
                    continue
                if n == 1 and self._plain_among_marked(start, end, entry.forms):
                    continue
                if n == 1 and not entry.cues and self._titled_name(i):
                    continue
                if n == 1 and not entry.cues and self._leading_connector(i):
                    continue
                if n > 1 and self._case_changes(tokens[i : i + n]):
                    continue
                found.append(Occurrence(start, end, key, entry))
        found.sort(key=lambda o: (-o.words, -o.own_label, -(o.end - o.start), o.start))
        chosen: list[Occurrence] = []
        for occurrence in found:
            if all(
                not overlaps((occurrence.start, occurrence.end), (c.start, c.end)) for c in chosen
            ):
                chosen.append(occurrence)
        self.state.occurrences = self._drop_continuations(sorted(chosen, key=lambda o: o.start))

    def _drop_continuations(self, found: list[Occurrence]) -> list[Occurrence]:
        """'mua xe ô tô': an option's words right after another field's option with the same
        value continue that phrase ('ô tô' is the car bought, not the collateral)."""
        kept: list[Occurrence] = []
        for occurrence in found:
            before = kept[-1] if kept else None
            if (
                before is not None
                and not occurrence.entry.cues
                and not before.entry.cues
                and not self.state.msg.low[before.end : occurrence.start].strip()
                and {t.value for t in occurrence.entry.options}
                <= {t.value for t in before.entry.options}
                and {t.field for t in occurrence.entry.options}
                != {t.field for t in before.entry.options}
            ):
                continue
            kept.append(occurrence)
        return kept

    def _marked_capital(self, start: int, end: int, forms: set[str]) -> bool:
        """'Đỗ Văn Tùng', 'tám sáu chín': a word typed with marks is not a phrase whose every
        form is unmarked ('do' = because, 'sau' = after); page labels and the lexicon are
        written with their marks."""
        word = self.state.msg.raw[start:end]
        marked = fold(word) != word.lower()
        return marked and all(fold(f) == f.lower() for f in forms)

    def _plain_among_marked(self, start: int, end: int, forms: set[str]) -> bool:
        """'… năm 1997 nha hiện đang …': in a message typed with marks, a spoken particle typed
        without them is not a phrase always written with them ('nha' is not 'nhà')."""
        if not self.state.msg.has_diacritics:
            return False
        word = self.state.msg.raw[start:end]
        plain = fold(word) == word.lower() and word.isalpha()
        particles = {fold(w) for w in spoken_breaks() | spoken_fillers()}
        return plain and word.lower() in particles and all(fold(f) != f.lower() for f in forms)

    def _leading_connector(self, index: int) -> bool:
        """'Xong, gửi đơn nhé', 'xong người giới thiệu là …': a connector word that opens a
        clause with more after it is not the option it also names ('xong' = done)."""
        token = self.state.msg.tokens[index]
        if token.text not in CONNECTORS or not at_boundary(self.state.msg, token.start):
            return False
        rest = self.state.msg.low[token.end : sentence_end(self.state.msg, token.end)].strip(" ,")
        return bool(rest) and not rest.startswith(("roi", "het"))

    def _titled_name(self, index: int) -> bool:
        """'chị cao thị thanh hương': a family name after 'anh'/'chị'/'ông' starts a name, even
        when it is also an option's word ('cao' = high)."""
        tokens = self.state.msg.tokens
        if index == 0 or tokens[index - 1].text not in HONORIFICS:
            return False
        if tokens[index].text not in SURNAMES:
            return False
        read = read_name(
            self.state.msg, tokens[index].start, len(self.state.msg.low), stops=frozenset()
        )
        return read is not None and read.value is not None and len(read.value.split()) >= 3

    def _case_changes(self, tokens: Sequence[Token]) -> bool:
        """'tiêu đề Báo cáo AML': a capital inside a lower-case phrase starts the value."""
        raw = self.state.msg.raw
        words = [raw[t.start : t.end] for t in tokens]
        if not words[0][:1].isalpha() or words[0][:1].isupper():
            return False
        return any(w[:1].isupper() and not w.isupper() for w in words[1:])

    def drop_works_at_words(self) -> None:
        """'hiện làm nhân viên ở Samsung': 'nhân viên' there says what the person does, it is
        not the label of a staff field."""
        spans = [(m.start(), m.end()) for m in _WORKS_AT.finditer(self.state.msg.low)]
        self.state.occurrences = [
            o
            for o in self.state.occurrences
            if not any(overlaps((o.start, o.end), s) for s in spans)
        ]

    def find_commands(self) -> None:
        self.state.commands = find_commands(self.state.msg, self.state.schema.steps)
        for command in self.state.commands:
            self.state.consume(command.start, command.end)
        spans = [(c.start, c.end) for c in self.state.commands]
        self.state.occurrences = [
            o
            for o in self.state.occurrences
            if not any(overlaps((o.start, o.end), s) for s in spans)
        ]
        self.state.result.submit = submit_requested(self.state.commands)
        gotos = [c for c in self.state.commands if c.kind == "goto"]
        if (
            gotos
            and gotos[-1].step is not None
            and 1 <= gotos[-1].step <= max(self.state.schema.steps, 1)
        ):
            self.state.result.goto_step = gotos[-1].step
        self.state.clear_at = next(
            (c.start for c in self.state.commands if c.kind == "clear"), None
        )
        if self.state.clear_at is not None:
            self.state.result.clear_all = True

    def find_removals(self) -> None:
        low = self.state.msg.low
        removed: list[str] = []
        used: set[int] = set()
        for index, occurrence in enumerate(self.state.occurrences):
            if index in used or not occurrence.entry.cues:
                continue
            verb = REMOVE_VERBS.search(low, 0, occurrence.start)
            prefix_ok = bool(
                verb
                and verb.end() == occurrence.start
                and at_boundary(self.state.msg, verb.start())
            )
            postfix = POSTFIX_REMOVE.match(low, occurrence.end)
            if not prefix_ok and not (postfix and at_boundary(self.state.msg, occurrence.start)):
                continue
            group = [index]
            k = index
            while prefix_ok and k + 1 < len(self.state.occurrences):
                nxt = self.state.occurrences[k + 1]
                if nxt.entry.cues and LIST_JOINER.match(
                    low[self.state.occurrences[k].end : nxt.start]
                ):
                    group.append(k + 1)
                    k += 1
                    continue
                break
            last = self.state.occurrences[group[-1]]
            tail = REMOVE_AFTER.match(low, last.end) if prefix_ok else postfix
            if tail is None and prefix_ok:
                tail = self._tail_after_value(last)  # "bỏ tag VIP đi": the value it holds
            if tail is None:
                continue
            targets = []
            for g in group:
                occurrence_g = self._shared_qualifier(self.state.occurrences[g], last)
                target = self._remove_target(occurrence_g)
                if target is None:
                    break
                targets.append(target)
            else:
                if verb and _WHOLE_GROUP.search(verb.group()) and len(group) == 1:
                    targets = self._fields_about(occurrence) or targets
                if (
                    any(self.state.profile(t).kind == "yesno" for t in targets)
                    and verb
                    and "khong can" in verb.group()
                ):
                    continue  # "không cần theo dõi" answers the question, it does not erase it
                used.update(group)
                start = verb.start() if prefix_ok and verb else occurrence.start
                self.state.consume(start, tail.end())
                removed.extend(targets)
        self.state.occurrences = [o for i, o in enumerate(self.state.occurrences) if i not in used]
        for name in removed:
            if name not in self.state.result.remove:
                self.state.result.remove.append(name)

    def _tail_after_value(self, occurrence: Occurrence) -> re.Match[str] | None:
        """The end of a removal that names the field's current value after it."""
        target = self._remove_target(occurrence)
        held = fold(self.state.current.get(target, "")) if target else ""
        low = self.state.msg.low
        at = len(low[occurrence.end :]) - len(low[occurrence.end :].lstrip(" :"))
        start = occurrence.end + at
        if not held.strip() or not low.startswith(held, start):
            return None
        return REMOVE_AFTER.match(low, start + len(held))

    def _shared_qualifier(self, occurrence: Occurrence, last: Occurrence) -> Occurrence:
        """'xóa tên và số tài khoản người nhận': the last item's qualifier ('người nhận')
        belongs to every item of the list, so 'tên' is read as 'tên người nhận'."""
        if occurrence is last:
            return occurrence
        words = last.key.split()
        for size in range(len(words) - 1, 0, -1):
            key = f"{occurrence.key} {' '.join(words[-size:])}"
            entry = self.state.vocab.entries.get(key)
            if entry is not None and entry.cues:
                return Occurrence(occurrence.start, occurrence.end, key, entry)
        return occurrence

    def _fields_about(self, occurrence: Occurrence) -> list[str]:
        """'bỏ thông tin người nhận': every filled field whose label names that party."""
        state = {**self.state.current, **{k: v.value for k, v in self.state.values.items()}}
        return [
            p.name
            for p in self.state.vocab.profiles
            if p.mentions(occurrence.key) and state.get(p.name, "").strip()
        ]

    def _remove_target(self, occurrence: Occurrence) -> str | None:
        cues = sorted(occurrence.entry.cues.values(), key=lambda c: -c.priority)
        if not cues:
            return None
        if len(cues) > 1 and cues[1].priority >= cues[0].priority - 0.01:
            filled = [c for c in cues if self.state.current.get(c.field)]
            if len(filled) == 1:
                return filled[0].field
        return cues[0].field

    def bridge_times(self) -> None:
        """A time given for a slot select and its free time input goes to both."""
        for profile in self.state.vocab.by_kind("time"):
            revealed = profile.field.revealed_by
            if revealed is None:
                continue
            control = self.state.vocab.profile(revealed[0])
            if control is None or control.kind != "timeslot":
                continue
            given = self.state.values.get(profile.name) or self.state.values.get(control.name)
            if given is None or not re.fullmatch(r"\d{2}:\d{2}", given.value):
                continue
            slots = {o.value for o in control.field.options}
            custom = next(
                (
                    o.value
                    for o in control.field.options
                    if o.value
                    and o.value not in slots - set(revealed[1])
                    and o.value in revealed[1]
                ),
                None,
            )
            if given.value in slots:
                self.state.assign(control.name, given.value, given.position)
            elif custom is not None:
                self.state.assign(control.name, custom, given.position)
            self.state.assign(profile.name, given.value, given.position)

    def reveal_controls(self) -> None:
        """A value for a conditional field sets the field that shows it, when only one value does."""
        for name in list(self.state.values):
            profile = self.state.vocab.profile(name)
            if profile is None or profile.field.revealed_by is None:
                continue
            control, showing = profile.field.revealed_by
            state = {**self.state.current, **{k: v.value for k, v in self.state.values.items()}}
            if state.get(control, "") in showing:
                continue
            if control in self.state.values:
                continue  # the user chose another value; the field stays hidden
            if len(showing) == 1:
                self.state.assign(control, showing[0], self.state.values[name].position)
                continue
            control_profile = self.state.vocab.profile(control)
            if control_profile is None:
                continue
            labels = [o.label for o in control_profile.field.options if o.value in showing]
            text = question(
                "reveal_ambiguous",
                self.state.lang,
                label=display_label(profile.field, self.state.lang),
                control=display_label(control_profile.field, self.state.lang),
                options=join_choices(labels, self.state.lang),
            )
            self.state.result.ask(text, (control,))

    def empty_hidden_fields(self) -> None:
        """'thôi không cần theo dõi nữa': a field the new answer hides keeps no old value
        (the date of a follow-up that is no longer needed)."""
        for profile in self.state.vocab.profiles:
            revealed = profile.field.revealed_by
            if revealed is None or profile.name in self.state.values:
                continue
            control, showing = revealed
            chosen = self.state.values.get(control)
            if chosen is None or chosen.value in showing or chosen.value == "":
                continue
            if (
                self.state.current.get(profile.name, "").strip()
                and profile.name not in self.state.result.remove
            ):
                self.state.result.remove.append(profile.name)

    def drop_open_answers(self) -> None:
        """'chưa biết có cần theo dõi hay không': a yes/no left open by the speaker stays empty."""
        for name in list(self.state.values):
            if self.state.profile(name).kind != "yesno":
                continue
            at = self.state.values[name].position
            start = max(self.state.msg.low.rfind(ch, 0, at) for ch in ".!?\n|;") + 1
            end = sentence_end(self.state.msg, at)
            if OPEN_QUESTION.search(self.state.msg.low, start, end):
                del self.state.values[name]

    def finish(self) -> Understanding:
        result = self.state.result
        clear_at = self.state.clear_at
        for name, assigned in sorted(self.state.values.items(), key=lambda kv: kv[1].position):
            if clear_at is not None and assigned.position < clear_at:
                continue
            value = assigned.value
            if self.state.profile(name).kind in TEXT_KINDS:
                value = _LEADING_COPULA.sub("", value, count=1) or value  # "Collateral là …"
            result.set_values[name] = value
        for name in result.remove:
            result.set_values.pop(name, None)
        if result.clear_all:
            result.remove = []
        # Questions about fields that ended up with a value are moot.
        kept = [
            (q, f)
            for q, f in zip(result.questions, result.question_fields, strict=True)
            if not f or not all(n in result.set_values for n in f) or len(f) > 1
        ]
        result.questions = [q for q, _ in kept]
        result.question_fields = [f for _, f in kept]
        return result

    def fill_speaker(self) -> None:
        """'em là Trần Minh Quân bên CSKH, … khách Lê Thị Hân': on a form about someone else
        (a customer) with a field for the staff member, the speaker is that staff member."""
        people = self.state.vocab.by_kind("person_name")
        staff = [p for p in people[1:] if p.mentions("nhan vien")]
        if len(staff) != 1 or staff[0].name in self.state.values:
            return
        msg = self.state.msg
        for match in _SPEAKER.finditer(msg.low):
            if not at_boundary(msg, match.start()):
                continue
            read = read_name(msg, match.end(), len(msg.low), stops=self.state.stops())
            if read is None or read.value is None or len(read.value.split()) < 2:
                continue
            self.state.assign(staff[0].name, read.value, read.start)
            self.state.consume(match.start(), read.end)
            return

    def skip_other_people(self) -> None:
        """'người giới thiệu là X', 'his brother X': a person no field is about fills nothing."""
        msg = self.state.msg
        for match in OTHER_PEOPLE.finditer(msg.low):
            typed = msg.raw[match.start() : match.end()].lower()
            phrase = next(p for p in OTHER_PEOPLE_PHRASES if fold(p) == match.group())
            exact = " " not in phrase and typed != phrase
            if exact or not accents_compatible(typed, phrase):
                continue
            if self._payee_after(match.start()):
                continue  # "chuyển 10 triệu cho em gái X": X receives the money
            lead = _NAME_LEAD.match(msg.low, match.end())
            start = lead.end() if lead else match.end()
            read = read_name(msg, start, len(msg.low), explicit=True, stops=self.state.stops())
            named = read is not None and read.value is not None
            end = read.end if read is not None and named else match.end()
            if fold(phrase) in _KIN:
                # "Vợ khách là chị Hà, giáo viên, thu nhập 20 triệu", "the wife earns 25
                # million": what is said of the relative is theirs.
                end = max(end, self._said_of_kin(match.start(), end, named))
            if end <= match.end():
                continue
            self.state.consume(match.start(), end)
            self.state.occurrences = [
                o for o in self.state.occurrences if not overlaps((o.start, o.end), (start, end))
            ]

    def _said_of_kin(self, mention: int, after: int, named: bool) -> int:
        """The end of what the clauses opened by a relative say about them: the clauses after
        their name that give a person's details, up to one that turns back to the form's own
        person; without a name, a clause whose verb is about their income."""
        msg = self.state.msg
        low = msg.low
        determiner = re.search(r"\b(?:the|his|her)\s+$", low[max(0, mention - 5) : mention])
        if determiner:
            mention -= len(determiner.group())  # "the wife earns …"
        if not at_boundary(msg, mention):
            return after  # "chuyển cho vợ", "số của vợ": not the subject of the clause
        if not named:
            stop = clause_end(msg, after)
            return stop if _KIN_INCOME.match(low, after) else after
        end = clause_end(msg, after)
        while end < len(low) and low[end] == ",":
            nxt = clause_end(msg, end + 1)
            clause = low[end:nxt]
            if _BACK_TO_SUBJECT.match(clause) or not _PERSONAL_DETAIL.search(clause):
                break
            end = nxt
        return end

    def apply_corrections(self) -> None:
        """'không phải 500 mà là 600 triệu': the amount that was 500 (triệu) becomes 600;
        '14 giờ 45 chứ không phải 14 giờ 15': the denied value is read by nobody."""
        for start, end in denied_spans(self.state.masked_low()):
            self.state.consume(start, end)
            self.state.protected.append((start, end))
        for start, end in denied_options(self.state.masked_low()):
            # the phrase of an option that was wrong: no phase may choose it
            self.state.occurrences = [
                o for o in self.state.occurrences if not overlaps((o.start, o.end), (start, end))
            ]
        amounts = [p.name for p in self.state.vocab.by_kind("money")]
        for fix in find_corrections(self.state.masked_low(), self.state.current, amounts):
            if self.state.is_consumed(fix.start, fix.end):
                continue
            if fix.name is not None:
                self.state.assign(fix.name, fix.value, fix.start)
            elif not at_boundary(self.state.msg, fix.start):
                continue  # "thu nhập không phải 20 mà là 25 triệu": the label before says whose
            self.state.consume(fix.start, fix.end)  # unowned: no field may take the new amount

    def ask_alternatives(self) -> None:
        """'5 hay 50 triệu gì đó', 'hài lòng hay rất hài lòng em không chắc': two values
        joined by "hay"/"hoặc"/"or" in a sentence that says it is unsure; ask, fill nothing."""
        msg = self.state.msg
        low = msg.low
        for joiner in _ALTERNATIVE.finditer(low):
            end = sentence_end(msg, joiner.end())
            unsure = _UNSURE.search(low, joiner.end(), end)
            if unsure is None:
                continue
            start = max(low.rfind(ch, 0, joiner.start()) for ch in ".!?\n") + 1
            kinds = self._kinds_at(joiner.end())
            if kinds & set(self.state.result.rejected):
                continue  # the cue reader already asked about these two values
            held = [
                (abs(v.position - joiner.start()), k)
                for k, v in self.state.values.items()
                if start <= v.position < end and k in kinds
            ]
            if not held:
                continue
            name = min(held)[1]
            profile = self.state.profile(name)
            before = [t for t in msg.tokens if start <= t.start < joiner.start()][-3:]
            shown = collapse(msg.raw[before[0].start if before else start : unsure.start()])
            text = question(
                "value_ambiguous",
                self.state.lang,
                label=display_label(profile.field, self.state.lang),
                options=shown.strip(" ,"),
            )
            self.state.result.rejected[name] = text
            self.state.result.ask(text, (name,))
            del self.state.values[name]

    def _kinds_at(self, pos: int) -> set[str]:
        """The fields that the value starting at `pos` (after "hay") could be for."""
        low = self.state.msg.low
        rest = low[pos : pos + 40]
        names: set[str] = set()
        for occurrence in self.state.occurrences:
            if pos <= occurrence.start <= pos + 12:
                names |= {t.field for t in occurrence.entry.options}
        kinds: set[str] = set()
        if re.match(r"(?:anh|chi|ong|ba|em|co|chu|mr|ms|mrs)\s+[a-z]", rest) or (
            self.state.msg.raw[pos : pos + 1].isupper()
            and self.state.msg.raw[pos + 1 : pos + 2].islower()
        ):
            kinds.add("person_name")  # "hoặc chị Hằng", "or Tran Van B"
        if find_money(low[pos : pos + 40]):
            kinds.add("money")
        if re.match(
            r"\d|(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|one|two|three|four|five)\b", rest
        ):
            kinds |= {"number", "money", "term", "date"}
        if re.match(r"[a-z]{2,4}-?\d", rest):
            kinds.add("code")
        names |= {p.name for p in self.state.vocab.profiles if p.kind in kinds}
        return names

    def ask_open_roles(self) -> None:
        """'chưa biết ghi ai là nhân viên xử lý': ask, fill nothing (see undecided.py)."""
        people = {p.name for p in self.state.vocab.by_kind("person_name")}

        def ask(name: str, names: list[str]) -> None:
            profile = self.state.profile(name)
            label = display_label(profile.field, self.state.lang)
            if len(names) >= 2:
                options = join_choices(names, self.state.lang)
                text = question("value_ambiguous", self.state.lang, label=label, options=options)
            else:
                text = question("value_missing", self.state.lang, label=label)
            self.state.result.rejected[name] = text
            self.state.result.ask(text, (name,))

        open_roles(self.state.msg, self.state.occurrences, people, self.state.values, ask)

    def _payee_after(self, pos: int) -> bool:
        """'… chuyển … cho <kin>' right before `pos`, on a form with a recipient field."""
        low = self.state.masked_low()
        if FOR_PAYEE.search(low, max(0, pos - 12), pos) is None:
            return False
        if TRANSFER_BEFORE.search(low, max(0, pos - 60), pos) is None:
            return False
        return any(
            p.mentions("nguoi nhan") or p.mentions("beneficiary")
            for p in self.state.vocab.by_kind("person_name")
        )

    def fill_minutes(self) -> None:
        """'trao đổi trong nửa tiếng' → 30: a length of time for the one minutes field."""
        fields = [p for p in self.state.unassigned("number") if "phut" in p.units]
        if len(fields) != 1:
            return
        found = []
        for start, end in self.state.free_spans():
            for token in self.state.msg.tokens:
                if start <= token.start < end:
                    spoken = read_duration(self.state.msg.low, token.start, end)
                    if spoken is not None:
                        found.append(spoken)
        if len({d.minutes for d in found}) != 1:
            return
        first = found[0]
        shown = self.state.msg.raw[first.start : first.end]
        read = check_number(fields[0].field, first.minutes, first.start, first.end, shown)
        if read.ok and read.value is not None:
            self.state.assign(fields[0].name, read.value, first.start, 1)
            self.state.consume(first.start, first.end)

    def drop_foreign_contacts(self) -> None:
        """'số 09… là của chị Hà' when Hà is not the customer: the phone stays empty."""
        people = self.state.vocab.by_kind("person_name")
        for name in list(self.state.values):
            profile = self.state.profile(name)
            if profile.kind not in ("phone", "email"):
                continue
            person = person_for(profile, people)
            owner_name = None
            if person is not None:
                held = self.state.values.get(person.name)
                owner_name = held.value if held else self.state.current.get(person.name)
            held = self.state.values[name]
            other = self._third_person_owner(held.position, profile)
            if other is not None:
                # "I need leave. Pham Van Long is my manager; his email is …": not the speaker's
                del self.state.values[name]
                if other and other not in self.state.values:
                    self.state.assign(other, held.value, held.position, held.strength)
                continue
            owner = owner_phrase(self.state.msg, held.position)
            entry = self.state.vocab.entries.get(owner)
            named_for = set(entry.cues) if entry else set()
            if name in named_for or (person is not None and person.name in named_for):
                continue  # "email của sếp" for the manager's e-mail
            if not foreign_owner(self.state.msg, held.position, profile, owner_name, person):
                continue
            del self.state.values[name]
            # "email của sếp là …" read for the employee: the owner names another such field
            others = [
                n
                for n in (entry.cues if entry else {})
                if n != name
                and self.state.profile(n).kind == profile.kind
                and n not in self.state.values
            ]
            if len(others) == 1:
                self.state.assign(others[0], held.value, held.position, held.strength)

    def _third_person_owner(self, position: int, contact: FieldProfile) -> str | None:
        """In a message whose writer speaks of themself ("I", "my"), a contact given as "his"
        or "her" belongs to the last other person named before it: that person's field of
        this kind ("" when the form has none); None when this does not apply."""
        msg = self.state.msg
        start = max(msg.low.rfind(ch, 0, position) for ch in ".;!?\n") + 1
        if not _HIS_CONTACT.search(msg.low, start, position + 30):
            return None
        if not _FIRST_PERSON.search(msg.low):
            return None
        people = self.state.vocab.by_kind("person_name")
        own = person_for(contact, people)
        named = [
            (held.position, name)
            for name, held in self.state.values.items()
            if held.position < position
            and self.state.profile(name).kind == "person_name"
            and (own is None or name != own.name)
        ]
        if not named:
            return None
        other = self.state.profile(max(named)[1])
        found = contact_of(other, contact.kind, self.state.vocab.by_kind(contact.kind))
        return found.name if found is not None else ""

    def complete_short_names(self) -> None:
        """'chị đỗ thu hương … người lập là chị hương': a given name alone is the full name
        said earlier in the message, when exactly one full name ends with it."""
        msg = self.state.msg
        full: set[str] = set()
        for token in msg.tokens:
            if not looks_like_name_start(msg, token.start):
                continue
            read = read_name(msg, token.start, len(msg.low))
            if read is not None and read.value and len(read.value.split()) >= 3:
                full.add(read.value)
        for name, held in list(self.state.values.items()):
            if self.state.profile(name).kind != "person_name" or len(held.value.split()) > 1:
                continue
            given = fold(held.value)
            matches = {f for f in full if fold(f.split()[-1]) == given}
            if len(matches) == 1:
                self.state.assign(name, matches.pop(), held.position, held.strength)

    def type_from_description(self) -> None:
        """'Collateral: 20,000 VPB shares' → securities: a described thing names the option of
        its sibling select (same word in the field names), when exactly one option fits."""
        for text_name, held in list(self.state.values.items()):
            text_profile = self.state.profile(text_name)
            if text_profile.kind not in TEXT_KINDS:
                continue
            words = set(text_profile.name_words.split()) - {"description", "details", "detail"}
            described = f" {fold_words(held.value)} "
            for profile in self.state.vocab.by_kind("select"):
                if profile.name in self.state.values or self.state.current.get(profile.name):
                    continue
                if not words & set(profile.name_words.split()):
                    continue
                found = {
                    target.value
                    for key, entry in self.state.vocab.entries.items()
                    if f" {key} " in described
                    for target in entry.options
                    if target.field == profile.name
                }
                if len(found) == 1:
                    self.state.assign(profile.name, found.pop(), held.position, 1)

    def infer_values(self) -> None:
        """'đang làm việc tại công ty X' → employed: options implied by the values given."""
        given = {k: v.value for k, v in self.state.values.items()}
        for name, value in implied_values(self.state.schema, given, self.state.current).items():
            self.state.assign(name, value, len(self.state.msg.raw), 1)
        for name, value in one_day_end(self.state.schema, given, self.state.current).items():
            self.state.assign(name, value, len(self.state.msg.raw), 1)

    def fill_title_after_name(self) -> None:
        """'Officer: Hoang Thi Kim Ngan, KYC Team Lead, …': a title right after the person's
        name is that person's position."""
        people = self.state.vocab.by_kind("person_name")
        titles = [
            p
            for p in self.state.unassigned("short_text")
            if p.mentions("chuc vu") or p.mentions("position") or p.mentions("vi tri")
        ]
        if not people or len(titles) != 1:
            return
        subject = people[0]
        name = self.state.values.get(subject.name)
        if name is None:
            return
        at = self.state.msg.raw.find(name.value)
        if at < 0:
            at = fold(self.state.msg.raw).find(fold(name.value))
        if at < 0:
            return
        match = _TITLE_AFTER.match(self.state.msg.raw, at + len(name.value))
        if match is None or self.state.is_consumed(match.start(1), match.end(1)):
            return
        title = match.group(1).strip()
        if re.search(r"[\d@]", title) or title.isupper():
            return  # "NV0789", "KH": a code, not a title
        if any(
            o.start <= match.start(1) < o.end
            and o.entry.cues
            and any(self.state.profile(c).kind != "person_name" for c in o.entry.cues)
            for o in self.state.occurrences
        ):
            return  # the next words are another field's label ('Chuyên viên' names a role)
        self.state.assign(titles[0].name, title, match.start(1), 1)
        self.state.consume(match.start(1), match.end(1))

    def fill_employer(self) -> None:
        """'hiện làm nhân viên ở Bệnh viện Bạch Mai', 'works at FPT Software': the employer."""
        fields = [
            p
            for p in self.state.unassigned("short_text", "free_text")
            if (p.mentions("cong ty") or p.mentions("company"))
            and not (p.mentions("dia chi") or p.mentions("address"))
        ]
        if len(fields) != 1:
            return
        for match in _WORKS_AT.finditer(self.state.msg.low):
            start = match.end()
            if self.state.is_consumed(start, start + 1):
                continue
            end = clause_end(self.state.msg, start)
            text = self.state.msg.raw[start:end].strip()
            first = text.split()[0] if text.split() else ""
            if not text or not (first[:1].isupper() or _ORGANISATION.match(fold(text))):
                continue
            self.state.assign(fields[0].name, text, start, 1)
            self.state.consume(match.start(), end)
            return

    def fill_bank(self) -> None:
        """A payee's bank field takes the one bank the message names (other than our own)."""
        fields = [
            p
            for p in self.state.unassigned("short_text", "free_text")
            if (p.mentions("ngan hang") or p.mentions("bank"))
            and not (p.mentions("tai khoan") or p.mentions("account"))
        ]
        state = {**self.state.current, **{k: v.value for k, v in self.state.values.items()}}
        if len(fields) != 1 or not is_visible(fields[0].field, state):
            return  # a bank for a payee only when the page shows a payee
        found = [
            b for b in find_banks(self.state.msg.raw) if not self.state.is_consumed(b.start, b.end)
        ]
        names = {b.start: b for b in found}
        others = [b for b in names.values() if fold(b.value or "") != HOME_BANK]
        chosen = others if others else []
        if len({fold(b.value or "") for b in chosen}) != 1:
            return
        bank = chosen[0]
        assert bank.value is not None
        self.state.assign(fields[0].name, bank.value, bank.start, 1)
        self.state.consume(bank.start, bank.end)

    def run(self) -> Understanding:
        self.protect()
        self.find_occurrences()
        self.drop_works_at_words()
        self.find_commands()
        self.find_removals()
        self.skip_other_people()
        self.fill_speaker()
        self.apply_corrections()
        self.cues.read_cues()
        self.fill_title_after_name()
        self.types.fallback()
        self.fill_title_after_name()  # again: the fallback may have found the person's name
        self.fill_bank()
        self.fill_employer()
        self.fill_minutes()
        self.drop_foreign_contacts()
        self.complete_short_names()
        self.type_from_description()
        self.infer_values()
        self.drop_open_answers()
        self.ask_alternatives()
        self.ask_open_roles()
        self.bridge_times()
        self.reveal_controls()
        self.empty_hidden_fields()
        return self.finish()


def understand(
    message: str,
    schema: FormSchema,
    *,
    today: dt.date,
    current: Mapping[str, str] | None = None,
    language: str = "vi",
) -> Understanding:
    """Understand one message for `schema`, deterministically (no LLM).

    `today` is the Asia/Ho_Chi_Minh date that "hôm nay"/"today" means; `current` holds the
    form's values so far (for corrections, short answers and conditional fields); `language`
    is the conversation's, used when the message itself does not show one.
    """
    text = rewrite_spoken_codes(message)
    return _Pass(RunState(text, schema, today, current or {}, language)).run()
