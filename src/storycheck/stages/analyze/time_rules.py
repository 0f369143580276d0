"""Normalise one date expression, read against a reference date, to a closed interval.

"Friday", "on Oct. 1", "in October", "last year" mean nothing without the article's
publication date (the reference); `normalize_time` turns each into [start, end] with a
granularity, so two outlets' dates can be compared as intervals. One handler per pattern
of `date_patterns.py`; pure string and calendar functions. Finding the expressions in a
parsed text, and the tense that places a bare "Oct. 1" in one year or the next, is
`times.py`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from ...model import Granularity
from .date_patterns import PATTERNS, WEEKDAYS, month_number

__all__ = ["LEADING_WORDS", "Normalized", "normalize_time"]

Normalized = tuple[dt.date, dt.date, Granularity, bool]
Handler = Callable[[re.Match[str], dt.date, str], Normalized | None]

# Meteorological seasons (northern hemisphere): first month and length in months.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# A day-month date further than this ahead of the reference is read as last year's.
FUTURE_SLACK_DAYS = 60
# With a future-tense verb, a day-month date this far before the reference is next year's.
PAST_SLACK_DAYS = 7
# "days ago" without a count: somewhere in the week before the reference.
VAGUE_DAYS_AGO = 6
# Words dropped from the front of a span (and before normalising); they carry no date.
LEADING_WORDS = {"on", "in", "at", "since", "during", "of", "the", "from", "between", "until", "till"}
# Parts of a month or year ("early October", "mid-2023") as fractions of the period.
PARTS = {"early": (0.0, 1 / 3), "mid": (1 / 3, 2 / 3), "late": (2 / 3, 1.0)}

COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
COUNT_WORDS |= {"eight": 8, "nine": 9, "ten": 10}


def normalize_time(text: str, reference: dt.date, *, tense: str = "") -> Normalized | None:
    """Normalise one date expression against a reference date.

    Args:
        text: the expression ("Friday", "on Oct. 1", "last year", "from 1910 to 1945").
        reference: the article's publication date.
        tense: "past", "future" or "" for the verb governing the expression; it decides
            which way an ambiguous weekday or day-month date goes.

    Returns:
        (start, end, granularity, relative) with `relative` True when the reference date
        was needed, or None when the expression cannot be placed on the calendar.
    """
    cleaned = _clean(text)
    for name, pattern in _COMPILED:
        match = pattern.fullmatch(cleaned)
        if match:
            return HANDLERS[name](match, reference, tense)
    return None


def _clean(text: str) -> str:
    cleaned = re.sub(r"\s+", " ", text.strip())
    cleaned = re.sub(r"(?:'s|’s|[,;:])$", "", cleaned)
    words = cleaned.split(" ")
    while len(words) > 1 and words[0].lower() in LEADING_WORDS - {"from", "between"}:
        words = words[1:]
    return " ".join(words)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_number(match: re.Match[str], group: str = "month") -> int:
    return month_number(match.group(group))


def _day_year(month: int, day: int, reference: dt.date, tense: str) -> dt.date | None:
    """The year of a day-month date: the reference year, unless that is implausibly far off."""
    date = _date(reference.year, month, day)
    if date is None:
        return None
    if tense == "future" and date < reference - dt.timedelta(days=PAST_SLACK_DAYS):
        return _date(reference.year + 1, month, day)
    if tense != "future" and date > reference + dt.timedelta(days=FUTURE_SLACK_DAYS):
        return _date(reference.year - 1, month, day)
    return date


def _month_year(month: int, reference: dt.date, tense: str) -> int:
    """The year of a bare month: this year, last year if still to come (next year if future)."""
    if tense == "future":
        return reference.year + (1 if month < reference.month else 0)
    return reference.year - (1 if month > reference.month else 0)


def _on_day(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    month, day = _month_number(match), int(match.group("day"))
    if match.group("year"):
        date = _date(int(match.group("year")), month, day)
        return (date, date, "day", False) if date else None
    date = _day_year(month, day, reference, tense)
    return (date, date, "day", True) if date else None


def _day_range(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    month, first, last = _month_number(match), int(match.group("day")), int(match.group("day2"))
    year = int(match.group("year")) if match.group("year") else None
    start = _date(year, month, first) if year else _day_year(month, first, reference, tense)
    end = _date(start.year, month, last) if start else None
    if start is None or end is None or end < start:
        return None
    return start, end, "range", year is None


def _iso(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    date = _date(int(match.group("year")), int(match.group("mnum")), int(match.group("day")))
    return (date, date, "day", False) if date else None


def _month_range(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    """'between October 2023 and March 2024', 'from May to July 2022': one month interval."""
    if match.group("join").lower() == "and" and (match.group("lead") or "").lower() != "between":
        return None
    first, last = _month_number(match), _month_number(match, "month2")
    last_year = int(match.group("year2"))
    first_year = int(match.group("year")) if match.group("year") else last_year - (first > last)
    start, end = dt.date(first_year, first, 1), _month_end(last_year, last)
    return (start, end, "range", False) if start < end else None


def _year_range(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    if match.group("join").lower() == "and" and (match.group("lead") or "").lower() != "between":
        return None
    first, second_text = int(match.group("year")), match.group("year2")
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if second <= first:
        return None
    return dt.date(first, 1, 1), dt.date(second, 12, 31), "range", False


def _part(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    low, high = PARTS[match.group("part").lower()]
    if "month" in match.groupdict():
        month = _month_number(match)
        year = int(match.group("year")) if match.group("year") else _month_year(month, reference, tense)
        start, end = dt.date(year, month, 1), _month_end(year, month)
    else:
        start, end = dt.date(int(match.group("year")), 1, 1), dt.date(int(match.group("year")), 12, 31)
    days = (end - start).days + 1
    first = start + dt.timedelta(days=round(days * low))
    last = start + dt.timedelta(days=round(days * high) - 1)
    relative = "month" in match.groupdict() and not match.group("year")
    return first, last, "range", relative


def _month_with_year(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    month, year = _month_number(match), int(match.group("year"))
    return dt.date(year, month, 1), _month_end(year, month), "month", False


def _decade(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    first = int(match.group("decade"))
    return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "range", False


def _season_span(season: str, year: int) -> tuple[dt.date, dt.date]:
    first_month = SEASONS[season.lower()]
    start = dt.date(year, first_month, 1)
    end_month = (first_month + 1) % 12 + 1
    end_year = year + 1 if end_month < first_month else year
    return start, _month_end(end_year, end_month)


def _season_year(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    start, end = _season_span(match.group("season"), int(match.group("year")))
    return start, end, "season", False


def _rel_season(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    rel, season = match.group("rel").lower(), match.group("season")
    if rel not in ("last", "this", "next"):
        return None
    start, end = _season_span(season, reference.year)
    if rel == "last" and start >= reference.replace(day=1):
        start, end = _season_span(season, reference.year - 1)
    elif rel == "next" and start <= reference:
        start, end = _season_span(season, reference.year + 1)
    return start, end, "season", True


def _rel_month(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    rel, month = match.group("rel").lower(), _month_number(match)
    if rel == "last":
        year = reference.year - (1 if month >= reference.month else 0)
    elif rel == "next":
        year = reference.year + (1 if month <= reference.month else 0)
    else:
        year = reference.year
    return dt.date(year, month, 1), _month_end(year, month), "month", True


def _rel_period(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    rel, unit = " ".join(match.group("rel").lower().split()), match.group("unit").lower()
    start, end = _period(unit, reference)
    if rel in ("last", "next"):
        start, end = _period(unit, _shift(start, unit, -1 if rel == "last" else 1))
    granularity: Granularity = "range" if unit == "week" else unit  # type: ignore[assignment]
    if rel == "earlier this":
        return start, reference, "range", True
    if rel == "later this":
        return reference, end, "range", True
    if rel in ("early this", "early last", "late last"):
        shifted = rel.endswith("last")
        if shifted:
            start, end = _period(unit, _shift(start, unit, -1))
        middle = start + (end - start) / 3 if rel.startswith("early") else end - (end - start) / 3
        return (start, middle, "range", True) if rel.startswith("early") else (middle, end, "range", True)
    return start, end, granularity, True


def _period(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar week (Monday to Sunday), month or year holding `day`."""
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _shift(day: dt.date, unit: str, count: int) -> dt.date:
    """`day` moved by `count` weeks, months or years (to the 1st for months and years)."""
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    if unit == "month":
        index = day.year * 12 + day.month - 1 + count
        return dt.date(index // 12, index % 12 + 1, 1)
    return dt.date(day.year + count, 1, 1)


def _ago(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    count_text, unit = match.group("count").lower(), match.group("unit").lower().rstrip("s")
    if count_text in ("a few", "several", "few"):
        return _vague_ago(match, reference, tense) if unit == "day" else None
    count = int(count_text) if count_text.isdigit() else COUNT_WORDS.get(count_text)
    if count is None:
        return None
    if unit == "day":
        day = reference - dt.timedelta(days=count)
        return day, day, "day", True
    if unit == "week":
        middle = reference - dt.timedelta(weeks=count)
        return middle - dt.timedelta(days=3), middle + dt.timedelta(days=3), "range", True
    shifted = _shift(reference, unit, -count)
    start, end = _period(unit, shifted)
    return start, end, "month" if unit == "month" else "year", True


def _vague_ago(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    start = reference - dt.timedelta(days=VAGUE_DAYS_AGO)
    return start, reference - dt.timedelta(days=1), "range", True


def _deictic(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    word = " ".join(match.group("word").lower().split())
    if word == "last night":
        return reference - dt.timedelta(days=1), reference, "range", True
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    day = reference + dt.timedelta(days=offset)
    return day, day, "day", True


def _weekday(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    rel = (match.group("rel") or "").lower()
    target = WEEKDAYS[match.group("weekday")]
    back = (reference.weekday() - target) % 7
    ahead = (target - reference.weekday()) % 7
    if rel == "last" or (rel == "" and tense == "past"):
        offset = -(back or 7) if rel == "last" else -back
    elif rel == "next" or tense == "future":
        offset = (ahead or 7) if rel == "next" else ahead
    else:
        offset = -back if back <= ahead else ahead
    day = reference + dt.timedelta(days=offset)
    return day, day, "day", True


def _month_only(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    month = _month_number(match)
    year = _month_year(month, reference, tense)
    return dt.date(year, month, 1), _month_end(year, month), "month", True


def _year_only(match: re.Match[str], reference: dt.date, tense: str) -> Normalized | None:
    year = int(match.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", False


HANDLERS: dict[str, Handler] = {
    "weekday_md": _on_day,
    "weekday_dm": _on_day,
    "day_range": _day_range,
    "day_range_dm": _day_range,
    "month_day": _on_day,
    "day_month": _on_day,
    "iso": _iso,
    "month_range": _month_range,
    "year_range": _year_range,
    "part_month": _part,
    "part_year": _part,
    "month_year": _month_with_year,
    "decade": _decade,
    "season_year": _season_year,
    "rel_season": _rel_season,
    "rel_month": _rel_month,
    "rel_period": _rel_period,
    "ago": _ago,
    "vague_ago": _vague_ago,
    "deictic": _deictic,
    "weekday": _weekday,
    "month": _month_only,
    "year": _year_only,
}
_COMPILED = [(name, re.compile(pattern)) for name, pattern in PATTERNS]
