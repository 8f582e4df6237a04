"""Person names: where they start and stop in a message, and proper capitalisation."""

from __future__ import annotations

import re
from functools import cache

from .data_files import word_list
from .reading import ValueRead
from .text import Message, accents_compatible, fold, same_marks

# Common Vietnamese family names, with their marks and folded (data/surnames.txt).
MARKED_SURNAMES = frozenset(word_list("surnames.txt"))
SURNAMES = frozenset(fold(s) for s in MARKED_SURNAMES)


def _marked_surname(word: str) -> bool:
    """A word typed with marks is a family name only with that name's marks ('Hòang' too)."""
    return any(fold(s) == fold(word) and same_marks(word, s) for s in MARKED_SURNAMES)


HONORIFICS = frozenset("""anh chi ong ba co chu bac em ban mr mrs ms miss dr""".split())
# Words that end a name (function words); written with diacritics so that "tại" stops a name
# but "Tài" does not. Cue phrases are passed in separately as stop positions.
_STOP_FORMS = """là có sinh ở tại sống làm muốn cần để và với của cho giới đang đã sẽ từ đến ngày tháng
    năm nhé nha rồi mà số mã email mail sđt đt cccd cmnd cmt phone born with and who is from at lives
    works tuổi quê hiện vừa mới cũng thuộc bên phòng chức nhân khách xin giúp nhờ trong vào lúc hôm
    nay một hai ba bốn sáu bảy tám chín mười vay gửi nộp xóa bỏ sửa đổi tạo mở cập thêm hoặc
    email, phone, id, dob, the, for, to, of, in, on, as, by, his, her, their, số,
    chưa biết ai gì nào đâu ghi""".replace(",", " ").split()
STOP_WORDS: dict[str, tuple[str, ...]] = {}
for _form in _STOP_FORMS:
    STOP_WORDS[fold(_form)] = (*STOP_WORDS.get(fold(_form), ()), _form)
# Stops that end a name even when capitalised.
_HARD_STOPS = frozenset(
    "la co sinh sdt dt email mail cccd cmnd cmt phone born with and who is from at lives works".split()
)


# Spoken fillers ("à", "ờ", "thì", "ạ"): they end a name only when typed with these marks,
# since "thi" without them may be "Thị".
_FILLERS = frozenset(
    """à ờ ừ ạ ơi thì dạ vâng ừm ờm uh um cảm xong ấy nè tui rứa hè nghe nhen á vô hả đó thôi
    vậy luôn giùm hen ni nớ mô chừ nhé nha hông hổng bả ổng còn rồi với""".split()
)
# Fillers without marks that are never part of a name, whatever their case.
_PLAIN_FILLERS = frozenset("xong hen nhen nha nhe uh um".split())


@cache
def not_names() -> dict[str, tuple[str, ...]]:
    """Folded first word → folded common words that start with it ("ho" → "ho so")."""
    found: dict[str, list[str]] = {}
    for line in word_list("not_names.txt"):
        words = fold(line.lower())
        found.setdefault(words.split()[0], []).append(words)
    return {k: tuple(v) for k, v in found.items()}


def starts_common_word(low: str, pos: int) -> bool:
    """True when `low[pos:]` starts with a common word such as "hồ sơ" (not a name)."""
    rest = fold(low[pos : pos + 40])
    first = rest.split()[0] if rest.split() else ""
    return any(
        rest == word or rest.startswith(word + " ") or rest.startswith(word + ",")
        for word in not_names().get(first, ())
    )


# Marked words that fold to a family name but are common words ("không" → "khong" → Khổng).
_NEVER_FIRST = frozenset("không là có mà đã".split())


@cache
def _name_enders() -> dict[str, tuple[str, ...]]:
    """Folded first word → the enders (as typed, with marks) that start with it."""
    found: dict[str, list[str]] = {}
    for line in word_list("name_enders.txt"):
        found.setdefault(fold(line.split()[0]), []).append(line)
    return {k: tuple(v) for k, v in found.items()}


def _ender_at(msg: Message, pos: int) -> bool:
    """True when a verb or joiner that ends a lower-case name starts at `pos`."""
    rest = msg.raw[pos : pos + 30].lower()
    first = fold(rest.split()[0]) if rest.split() else ""
    for ender in _name_enders().get(first, ()):
        typed = " ".join(rest.split()[: len(ender.split())])
        if fold(typed) == fold(ender) and accents_compatible(typed, ender):
            if typed == fold(typed) and ender != fold(ender):
                continue  # unmarked "bao", "phan anh" may be a name (Bảo, Phan Anh)
            return True
    return False


def _is_acronym(word: str) -> bool:
    """'CRM', 'KYC': letters of an abbreviation, never part of a name."""
    return len(word) >= 2 and word.isupper()


def _is_stop(word: str) -> bool:
    forms = STOP_WORDS.get(fold(word))
    if forms is None:
        return False
    marked = fold(word) != word.lower()
    # "hải" is a name, "hai" the number: a marked word never matches an unmarked stop word.
    return any(
        accents_compatible(word, form) and not (marked and fold(form) == form) for form in forms
    )


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)?")


def capitalise_name(name: str) -> str:
    """'nguyễn văn AN' → 'Nguyễn Văn An' (diacritics kept as given)."""
    words = name.split()
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def read_name(
    msg: Message,
    pos: int,
    end: int,
    *,
    explicit: bool = False,
    stops: frozenset[int] = frozenset(),
) -> ValueRead | None:
    """A person's name starting at `pos` (after honorifics), ending before `end`.

    `explicit` says a cue like "tên là" announced a name, so a single word or a lower-case
    name without a known family name is accepted. `stops` are positions where other cues start.
    """
    raw, low = msg.raw, msg.low
    words: list[tuple[int, int]] = []
    cursor = pos
    while True:
        while cursor < end and raw[cursor] in " \t:":
            cursor += 1
        match = _NAME_WORD.match(raw, cursor, end)
        if match is None:
            break
        word = match.group()
        if re.search(r"['’]s$", word, re.IGNORECASE) and len(word) > 2:
            # "Le Van Tam's email": the possessive ends the name
            words.append((match.start(), match.end() - 2))
            break
        if match.end() < len(raw) and raw[match.end()].isdigit():
            break  # "NV0101": the letters of a code
        folded = low[match.start() : match.end()]
        capital = _is_capitalised(word)
        lowered = word.lower()
        if lowered in _PLAIN_FILLERS or (lowered in _FILLERS and lowered != folded):
            break  # "… Đoàn Văn Sơn. Cảm ơn", "em tên là huỳnh tấn phát xong …"
        plain_in_marked = msg.has_diacritics and lowered == folded and words
        if _is_acronym(word) and not msg.raw.isupper() and len(word) <= 5:
            break
        if not words and not capital and _ender_at(msg, match.start()):
            return None  # "hay chị Trang": a joiner never starts a name
        if (
            words
            and not capital
            and not _after_middle(low, words)
            and _ender_at(msg, match.start())
        ):
            break  # "khách phùng thị nga thanh toán …": a verb after the name ends it
        if (
            match.start() in stops
            and not capital
            and not (not words and folded in SURNAMES)
            and not (plain_in_marked and folded in _GIVEN_SYLLABLES)
            and not (plain_in_marked and _after_middle(low, words))
        ):
            break  # ("mai văn phong": unmarked after "Văn", "phong" is a name, not "phòng")
        if not words and (starts_common_word(low, match.start()) or lowered in _NEVER_FIRST):
            return None  # "không hài lòng": "không" is not the family name "Khổng"
        if not words and (
            (folded in _LEADING and not _surname_before_middle(word, folded, low, match.end()))
            or (folded == "ho" and _next_is(low, match.end(), "ten", "va"))
        ):
            cursor = match.end()
            continue
        if (
            not words
            and folded in SURNAMES
            and lowered != folded
            and lowered not in MARKED_SURNAMES
        ):
            return None  # "tự kinh doanh quán cà phê": "quán" is not the family name "Quan"
        if plain_in_marked and folded not in _HARD_STOPS and folded in _GIVEN_SYLLABLES:
            pass  # "hoàng văn nam": typed without marks among marked words, "nam" is not "năm"
        elif _after_middle(low, words) and folded not in _HARD_STOPS:
            pass  # "tran van hai": a name does not end on its middle syllable ("Văn", "Thị")
        elif not words and folded in SURNAMES and _next_is(low, match.end(), *_MIDDLE):
            pass  # "dang thi my hanh": "Đặng", not "đang", before a middle syllable
        elif _is_stop(word) and (not capital or folded in _HARD_STOPS):
            if not (words and folded in _NUMBER_WORDS and _ends_here(low, match.end(), end)):
                break  # "nguyen van hai," keeps "hai" before punctuation
        if words and _is_capitalised(raw[words[0][0] : words[0][1]]) and not capital:
            break  # "Nguyễn Văn An sinh năm…": a capitalised name ends at a lower-case word
        if words and raw[words[-1][1] : match.start()].strip():
            break  # punctuation between words
        words.append((match.start(), match.end()))
        cursor = match.end()
        if len(words) > 5:
            return None
    if not words:
        return None
    start, stop = words[0][0], words[-1][1]
    text = raw[start:stop]
    first = fold(raw[words[0][0] : words[0][1]])
    capitalised = all(_is_capitalised(raw[a:b]) for a, b in words)
    if text.isupper() and len(text.replace(" ", "")) <= 4:
        return None  # "VIP", "KH": letters, not a name
    if len(words) == 1 and not (explicit and (capitalised or msg.is_lowercase)):
        return None
    if not (capitalised or first in SURNAMES or explicit):
        return None
    return ValueRead(capitalise_name(text), start, stop)


# Given-name syllables that are also common words when marked ("năm", "hủy", "ba").
_GIVEN_SYLLABLES = frozenset("nam huy ba bay tam sau hai muoi mot chin bon thanh hoa".split())
_LEADING = HONORIFICS | {"la", "ten", "is", "name", "khach", "hang", "kh", "customer"}


_NUMBER_WORDS = frozenset("mot hai ba bon nam sau bay tam chin muoi".split())


# Middle syllables of Vietnamese names: a name goes on after them.
_MIDDLE = ("van", "thi")


def _after_middle(low: str, words: list[tuple[int, int]]) -> bool:
    """The name so far has two or more words and ends on a middle syllable ('Trần Văn')."""
    return len(words) >= 2 and low[words[-1][0] : words[-1][1]] in _MIDDLE


def _surname_before_middle(word: str, folded: str, low: str, pos: int) -> bool:
    """'Chu Van Khai', 'Ong Thi Tuyet': a capitalised family name that is also an honorific
    ('chú', 'ông') or 'là' opens the name when a middle syllable follows it."""
    return _is_capitalised(word) and folded in SURNAMES and _next_is(low, pos, *_MIDDLE)


def _ends_here(low: str, pos: int, end: int) -> bool:
    rest = low[pos:end].lstrip(" ")
    return not rest or rest[0] in ",;.!?)\n"


def _next_is(low: str, pos: int, *words: str) -> bool:
    following = low[pos:].split()
    return bool(following) and following[0] in words


def looks_like_name_start(msg: Message, pos: int) -> bool:
    """True when a capitalised word or a known family name starts at `pos`."""
    match = _NAME_WORD.match(msg.raw, pos)
    if match is None:
        return False
    return _is_capitalised(match.group()) or fold(match.group()) in SURNAMES
