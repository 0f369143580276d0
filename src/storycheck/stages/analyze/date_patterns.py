"""Regular expressions for date expressions, shared by `times` and `reference`.

Month names must be capitalised ("May", never the verb "may"); a dot may follow
abbreviations. Every pattern has named groups the handlers in `times` read.
"""

from __future__ import annotations

import calendar
import re

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {name: index for index, name in enumerate(calendar.day_name)}


def month_pattern(group: str) -> str:
    """A capitalised month name or abbreviation captured as `group`."""
    return (
        rf"(?P<{group}>(?:January|February|March|April|May|June|July|August|September|October"
        r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
    )


def year_pattern(group: str) -> str:
    """A four-digit year from 1000 to 2099 captured as `group`."""
    return rf"(?P<{group}>1[0-9]{{3}}|20[0-9]{{2}})"


MONTH = month_pattern("month")
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = year_pattern("year")
# A year after a day-month date: "Nov. 3, 2023", "3 November 2023", "November 3rd of 2023".
YEAR_AFTER_DAY = rf"(?:,?\s+(?:of\s+)?{YEAR})?"
# Day-month dates, written either way round, with an optional year.
MONTH_DAY = rf"{MONTH}\s+{DAY}{YEAR_AFTER_DAY}"
DAY_MONTH = rf"(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}{YEAR_AFTER_DAY}"
REL = r"(?i:(?P<rel>last|this|next|earlier\s+this|later\s+this|early\s+this|late\s+last|early\s+last))"
RANGE_JOIN = r"(?P<join>to|until|through|and|-|–)"
LEAD = r"(?:(?P<lead>(?i:from|between))\s+)?"

PATTERNS: tuple[tuple[str, str], ...] = (
    ("weekday_md", rf"{WEEKDAY},?\s*\(?\s*{MONTH_DAY}\s*\)?"),
    ("weekday_dm", rf"{WEEKDAY},?\s*\(?\s*{DAY_MONTH}\s*\)?"),
    ("day_range", rf"{MONTH}\s+{DAY}\s*[-–]\s*{DAY2}(?:,?\s+{YEAR})?"),
    ("day_range_dm", rf"{DAY}\s*[-–]\s*{DAY2}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"),
    ("month_day", MONTH_DAY),
    ("day_month", DAY_MONTH),
    ("iso", r"(?P<year>1[0-9]{3}|20[0-9]{2})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"),
    (
        "month_range",
        rf"{LEAD}{MONTH}(?:,?\s+{YEAR})?\s*{RANGE_JOIN}\s*{month_pattern('month2')},?\s+{year_pattern('year2')}",
    ),
    ("year_range", rf"{LEAD}{YEAR}\s*{RANGE_JOIN}\s*(?P<year2>1[0-9]{{3}}|20[0-9]{{2}}|\d{{2}})"),
    ("part_month", rf"(?i:(?P<part>early|mid|late))[\s-]+{MONTH}(?:,?\s+{YEAR})?"),
    ("part_year", rf"(?i:(?P<part>early|mid|late))[\s-]+{YEAR}"),
    ("month_year", rf"{MONTH},?\s+(?:of\s+)?{YEAR}"),
    ("decade", r"(?P<decade>1[0-9]{2}0|20[0-9]0)s"),
    (
        "season_year",
        r"(?i:(?P<season>spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<year>1[0-9]{3}|20[0-9]{2})",
    ),
    ("rel_season", rf"{REL}\s+(?i:(?P<season>spring|summer|autumn|fall|winter))"),
    ("rel_month", rf"(?i:(?P<rel>last|this|next))\s+{MONTH}"),
    ("rel_period", rf"{REL}\s+(?i:(?P<unit>year|month|week))"),
    ("ago", r"(?i:(?P<count>\w+|a\s+few|several)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)"),
    ("vague_ago", r"(?i:(?P<unit>days)\s+ago)"),
    ("deictic", r"(?i:(?P<word>yesterday|today|tomorrow|tonight|last\s+night|this\s+morning))"),
    ("weekday", rf"(?:(?i:(?P<rel>last|next|this))\s+)?{WEEKDAY}"),
    ("month", MONTH),
    ("year", YEAR),
)


def scanner(pattern: str) -> re.Pattern[str]:
    """`pattern` as a whole-word search pattern (no word character or hyphen on either side)."""
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")


def month_number(text: str) -> int:
    """1-12 for a month name or abbreviation as matched by MONTH ("Oct." -> 10)."""
    return MONTHS[text.rstrip(".").lower()]
