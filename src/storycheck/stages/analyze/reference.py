"""An article's own date (metadata-like lines at its top), and a story's provisional date.

`own_date` reads the date an article gives itself: a "Published:"/"Updated" line, a short
date line among its first lines, or a dateline with a full date. Never a year from the body.

`infer_reference_date` is the fallback when no article has one: "Friday" and "last month" need a day to be
read against. The reference year comes first, from the years the texts mention as past
events; relative year phrases that share a topic word with an explicit year move it ("last
year's summit" beside "the summit in 2023" means the story is from 2024). Day-month dates
without a year then get that year (or the year their weekday fits), and the reference day
is the latest such date that other dates support.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .date_patterns import DAY_MONTH, MONTH, MONTH_DAY, PATTERNS, WEEKDAY, WEEKDAYS, month_number, scanner
from .datelines import find_dateline

# A date needs another, different explicit date this close before it to be trusted as the
# news day: a lone far-ahead date is usually an announced event.
SUPPORT_WINDOW_DAYS = 45
# Words shortly before a year that make it a target or a plan, not a past event ("by 2030").
FUTURE_CUES = frozenset(
    "by until till through before next will plan plans planned scheduled expected due aim aims "
    "target targets upcoming coming would expects intends".split()
)
# How many words before a year (in its clause) are searched for FUTURE_CUES.
CUE_WINDOW_WORDS = 5
# Prepositions that make a following year a clear mention of a time ("in 2023", "since 2019").
YEAR_PREPOSITIONS = frozenset("in since during of from early late mid".split())
# Relative year phrases and the year offset from the reference they stand for.
RELATIVE_YEARS = {"last": 1, "this": 0, "next": -1}
# Words around a relative year phrase and around an explicit year that may name one topic.
TOPIC_WINDOW_WORDS = 6
# Topic words must be at least this long; shorter ones are mostly function words.
MIN_TOPIC_LETTERS = 4
# A topic word used more than this many times per text names the whole story, so it links nothing.
COMMON_WORDS_PER_TEXT = 1.5
# Frequent words that say nothing about which event a year belongs to.
STOPWORDS = frozenset(
    "that this with from have been were will would their there which when where what said says "
    "also than them they into over more most some such only year years month months week weeks "
    "after before about while during since other these those being last next first people "
    "official officials government country countrie".split()
)
# The middle of a year, used as the reference when only a year is known.
MID_YEAR = (7, 1)

_YEAR = re.compile(r"(?<![\w$.,-])(1[0-9]{3}|20[0-9]{2})(?!\w|[.,]\d|%)")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next) year(['’]s)?", re.IGNORECASE)
_MONTH_YEAR = scanner(rf"{MONTH},?\s+(?:of\s+)?(?P<year>1[0-9]{{3}}|20[0-9]{{2}})")
_FULL_DATES = [scanner(pattern) for pattern in (MONTH_DAY, DAY_MONTH)]
_WEEKDAY_DATES = [scanner(rf"{WEEKDAY},?\s*\(?\s*{pattern}") for pattern in (MONTH_DAY, DAY_MONTH)]
_ISO = scanner(dict(PATTERNS)["iso"])
_STAMP = re.compile(r"(?im)^[ \t]*(?:published|updated|posted)\b:?[ \t]*(?:on[ \t]+)?([^\n]{0,60})")
_SENTENCE_END = re.compile(r"[.!?\n]\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class _YearMention:
    """An explicit year in a text: its value, whether it is clearly a date, and nearby words."""

    year: int
    strong: bool
    topics: frozenset[str]


# Lines at the top of an article searched for a date line ("August 10, 2011 -- Updated 0947 GMT").
HEADER_LINES = 3
# A date line is short and mostly the date: a headline or a sentence that mentions a date
# is no date line ("August 10, 2011 -- Updated 0947 GMT" has five other words).
HEADER_LINE_CHARS = 80
HEADER_OTHER_WORDS = 6


def own_date(text: str) -> dt.date | None:
    """The date an article gives itself, from lines that date the text, not from its body.

    A full date (with its year) on a "Published:"/"Updated" line, on a short line among the
    first HEADER_LINES non-empty lines, or in a dateline ("WASHINGTON, Nov. 15, 2024 —").

    Args:
        text: an article's text.

    Returns:
        The date, or None when the article gives none.
    """
    stamped = list(_stamped_days(text))
    if stamped:
        return max(stamped)
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEADER_LINES]
    dateline = find_dateline(text)
    candidates = [line for line in lines if len(line) <= HEADER_LINE_CHARS and _mostly_a_date(line)]
    if dateline is not None:
        candidates.append(text[dateline.start() : dateline.end()])
    for candidate in candidates:
        found = list(_full_dates(candidate))
        if found:
            return found[0]
    return None


def _mostly_a_date(line: str) -> bool:
    rest = line
    for pattern in (*_FULL_DATES, _ISO):
        rest = pattern.sub(" ", rest)
    return rest != line and len(_WORD.findall(rest)) + len(re.findall(r"\d+", rest)) <= HEADER_OTHER_WORDS


def _full_dates(text: str) -> Iterable[dt.date]:
    """Dates written with day, month and year ("Aug. 4, 2011", "4 August 2011", "2011-08-04")."""
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            if match.group("year"):
                date = _date(
                    int(match.group("year")), month_number(match.group("month")), int(match.group("day"))
                )
                if date is not None:
                    yield date
    yield from _iso_dates(text)


def _iso_dates(text: str) -> Iterable[dt.date]:
    """Dates written as ISO 8601 days ("2011-08-04")."""
    for match in _ISO.finditer(text):
        date = _date(int(match.group("year")), int(match.group("mnum")), int(match.group("day")))
        if date is not None:
            yield date


def infer_reference_date(texts: Sequence[str]) -> dt.date | None:
    """Infer a story's reference date from the explicit dates its articles mention.

    The reference year is the latest year mentioned as a past event (clear mentions such as
    "in 2023" or "October 2024" outrank bare numbers), or one later when "last year('s) X"
    shares a topic word with a mention of that year. Day-month dates get the reference year,
    or the neighbouring year their weekday fits ("Friday (November 15th)"). The result is the
    latest date (announced ones such as "will reopen on March 22" skipped) that has another
    explicit date within SUPPORT_WINDOW_DAYS before it (else the latest date), never before
    the first day of the latest month-year mentioned. With no day mentioned it is the end of
    the latest month mentioned in the reference year, else the middle of the reference year.
    A full date on a "Published:" or "Updated" line wins outright.

    Args:
        texts: the article texts of one story.

    Returns:
        The inferred reference date, or None when no year or date is mentioned at all.
    """
    stamped = [date for text in texts for date in _stamped_days(text)]
    if stamped:
        return max(stamped)
    year = reference_year(texts)
    if year is None:
        return None
    days = sorted(set(_explicit_days(texts, year)), reverse=True)
    months = [month for month in _month_years(texts) if month.year <= year]
    floor = max(months, default=None)
    if days:
        day = _supported_latest(days)
        return max(day, floor) if floor is not None else day
    if floor is not None and floor.year == year:
        return _month_end(floor)
    return dt.date(year, *MID_YEAR)


def reference_year(texts: Sequence[str]) -> int | None:
    """The year a story was written in, from its explicit and relative year mentions.

    Args:
        texts: the article texts of one story.

    Returns:
        The year, or None when no text mentions one.
    """
    mentions = [mention for text in texts for mention in _year_mentions(text)]
    strong = [mention.year for mention in mentions if mention.strong]
    explicit = max(strong or [mention.year for mention in mentions], default=None)
    common = _common_words(texts)
    linked = [year for text in texts for year in _linked_years(text, mentions, common)]
    return max([*linked, explicit] if explicit is not None else linked, default=None)


def _year_mentions(text: str) -> Iterable[_YearMention]:
    """Every year the text mentions as a past or present event (targets and plans skipped)."""
    in_dates = {match.start("year") for pattern in _FULL_DATES for match in pattern.finditer(text)}
    in_dates |= {match.start("year") for match in _MONTH_YEAR.finditer(text)}
    for match in _YEAR.finditer(text):
        before = _words_before(text, match.start())
        if set(before[-CUE_WINDOW_WORDS:]) & FUTURE_CUES:
            continue
        strong = match.start() in in_dates or (bool(before) and before[-1] in YEAR_PREPOSITIONS)
        strong = strong or _ends_phrase(text, match.end())
        yield _YearMention(int(match.group(1)), strong, _topics(text, match.start(), match.end()))


def _words_before(text: str, offset: int) -> list[str]:
    """The lower-case words of the clause before `offset` (up to 80 characters back)."""
    clause = re.split(r"[.;:!?\n]", text[max(0, offset - 80) : offset])[-1]
    return [word.lower() for word in _WORD.findall(clause)]


def _ends_phrase(text: str, end: int) -> bool:
    """Whether a year is followed by punctuation or the end of the text (not a counted noun)."""
    rest = text[end : end + 2]
    return not rest.strip() or rest[:1] in ".,;:)!?"


def _topics(text: str, start: int, end: int) -> frozenset[str]:
    """Content words within TOPIC_WINDOW_WORDS words either side of text[start:end], in its sentence."""
    before = _WORD.findall(_SENTENCE_END.split(text[max(0, start - 80) : start])[-1])[-TOPIC_WINDOW_WORDS:]
    return _topic_words([*before, *_words_after(text, end)])


def _words_after(text: str, end: int) -> list[str]:
    """Up to TOPIC_WINDOW_WORDS words after `end`, in the same sentence."""
    return _WORD.findall(_SENTENCE_END.split(text[end : end + 80])[0])[:TOPIC_WINDOW_WORDS]


def _common_words(texts: Sequence[str]) -> frozenset[str]:
    """Topic words used so often across the texts that they name the whole story, not one event."""
    counts = Counter(word for text in texts for word in _topic_stems(_WORD.findall(text)))
    limit = COMMON_WORDS_PER_TEXT * len(texts)
    return frozenset(word for word, count in counts.items() if count > limit)


def _topic_stems(words: Iterable[str]) -> Iterable[str]:
    """Lower-case words with possessives and a plural "s" dropped ("summits" -> "summit")."""
    return (re.sub(r"(?:['’]s?|s)$", "", word.lower()) for word in words)


def _topic_words(words: Iterable[str]) -> frozenset[str]:
    """The content words among `words`, as stems."""
    return frozenset(
        stem for stem in _topic_stems(words) if len(stem) >= MIN_TOPIC_LETTERS and stem not in STOPWORDS
    )


def _linked_years(text: str, mentions: Sequence[_YearMention], common: frozenset[str]) -> Iterable[int]:
    """Reference years implied by "last year's summit" when a mention of the summit has a year.

    Only topic words that are not `common` to the whole story link two mentions.
    """
    for match in _RELATIVE_YEAR.finditer(text):
        offset = RELATIVE_YEARS[match.group(1).lower()]
        if match.group(2):  # "last year's summit": the topic follows
            topics = _topic_words(_words_after(text, match.end()))
        else:
            topics = _topics(text, match.start(), match.end())
        for mention in mentions:
            if (topics & mention.topics) - common:
                yield mention.year + offset


def _month_years(texts: Iterable[str]) -> Iterable[dt.date]:
    """The first day of every month-year mentioned as a past event ("since August 2023")."""
    for text in texts:
        for match in _MONTH_YEAR.finditer(text):
            before = [
                word.lower() for word in _WORD.findall(text[max(0, match.start() - 60) : match.start()])
            ]
            if not set(before[-CUE_WINDOW_WORDS:]) & FUTURE_CUES:
                yield dt.date(int(match.group("year")), month_number(match.group("month")), 1)


def _explicit_days(texts: Iterable[str], year: int) -> Iterable[dt.date]:
    """Every full or day-month date in the texts, day-month dates placed in `year`."""
    for text in texts:
        weekdays = {
            match.start("month"): WEEKDAYS[match.group("weekday")]
            for pattern in _WEEKDAY_DATES
            for match in pattern.finditer(text)
        }
        for match in (match for pattern in _FULL_DATES for match in pattern.finditer(text)):
            if set(_words_before(text, match.start())) & FUTURE_CUES:
                continue  # "expects to reopen the channel on March 22"
            month, day = month_number(match.group("month")), int(match.group("day"))
            if match.group("year"):
                date = _date(int(match.group("year")), month, day)
            else:
                date = _fitting_year(month, day, year, weekdays.get(match.start("month")))
            if date is not None:
                yield date
        yield from _iso_dates(text)


def _stamped_days(text: str) -> Iterable[dt.date]:
    """Full dates on a "Published: ..." / "Updated ..." line: the article's own date."""
    for line in _STAMP.finditer(text):
        yield from _full_dates(line.group(1))


def _fitting_year(month: int, day: int, year: int, weekday: int | None) -> dt.date | None:
    """The date in `year`, or in the year next to it that its weekday fits when given."""
    if weekday is not None:
        for candidate in (year, year + 1, year - 1):
            date = _date(candidate, month, day)
            if date is not None and date.weekday() == weekday:
                return date
    return _date(year, month, day)


def _supported_latest(days: Sequence[dt.date]) -> dt.date:
    """The latest of `days` (sorted latest first) with another day shortly before it."""
    window = dt.timedelta(days=SUPPORT_WINDOW_DAYS)
    for date in days:
        if any(date - window <= other < date for other in days):
            return date
    return days[0]


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
