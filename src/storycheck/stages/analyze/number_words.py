"""Read a number as written in news copy: figures, words, newsroom abbreviations.

"4,500", "4500" and "four thousand five hundred" are one value; "a dozen" is 12, "3m" and
"$5bn" carry their scale, "103rd" and "seventh" are ordinals. Pure string functions; the
token-level reading of quantities in a parsed text is `quantities.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["parse_number"]

# Cardinal number words; hyphenated compounds ("twenty-five") are split before lookup.
SMALL_NUMBERS = {
    word: float(index)
    for index, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    word: float(10 * (index + 2))
    for index, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
# Words that multiply what precedes them; "dozen" counts as a scale ("two dozen" = 24).
SCALES = {"dozen": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Newsroom abbreviations glued to or following a figure: "3m", "$5bn", "2k".
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
ORDINAL_WORDS = {
    word: float(index + 1)
    for index, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
} | {"thirtieth": 30.0, "fortieth": 40.0, "fiftieth": 50.0, "hundredth": 100.0, "thousandth": 1000.0}

NUMERIC_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?|\.\d+)(k|m|mn|mln|b|bn|tn|trn)?$")
ORDINAL_RE = re.compile(r"^(\d+)(st|nd|rd|th)$")
CURRENCIES = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp"}


def parse_number(text: str) -> float | None:
    """Parse a number as written in news copy.

    Args:
        text: "4,500", "twelve thousand", "1.5 million", "a dozen", "3m", "$5bn", "40%",
            "seven", "twenty-five", "103rd", "seventh".

    Returns:
        The value as a float, or None when `text` is not a number.
    """
    words = _number_words(text)
    if not words:
        return None
    if len(words) == 1:
        single = _parse_single(words[0])
        if single is not None:
            return single
    return _parse_words(words)


def _number_words(text: str) -> list[str]:
    cleaned = text.strip().lower()
    for symbol in sorted(CURRENCIES, key=len, reverse=True):
        cleaned = cleaned.removeprefix(symbol)
    cleaned = re.sub(r"\s*(%|percent|per cent|pct)$", "", cleaned)
    cleaned = re.sub(r"(?<=\d)\s+(?=(k|m|mn|bn|tn)$)", "", cleaned)
    return [word for word in re.split(r"[\s-]+", cleaned) if word and word != "and"]


def _parse_single(word: str) -> float | None:
    numeric = NUMERIC_RE.match(word)
    if numeric:
        value = float(numeric.group(1).replace(",", ""))
        return value * SUFFIX_SCALES.get(numeric.group(2) or "", 1.0)
    ordinal = ORDINAL_RE.match(word)
    if ordinal:
        return float(ordinal.group(1))
    return ORDINAL_WORDS.get(word)


def _parse_words(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for index, word in enumerate(words):
        if word in ("a", "an") and index + 1 < len(words) and words[index + 1] in SCALES:
            current, seen = 1.0, True
        elif word in SCALES:
            current = max(current, 1.0) * SCALES[word]
            if SCALES[word] >= 1e3:
                total, current = total + current, 0.0
            seen = True
        elif (small := SMALL_NUMBERS.get(word, TENS.get(word))) is not None:
            current, seen = current + small, True
        elif (ordinal := ORDINAL_WORDS.get(word)) is not None and index == len(words) - 1:
            current, seen = current + ordinal, True
        elif (numeric := _parse_single(word)) is not None and NUMERIC_RE.match(word):
            current, seen = current + numeric, True
        else:
            return None
    return total + current if seen else None


@dataclass(frozen=True)
class _Number:
    """A run of tokens that spells one number: [first, last] token indexes, its value."""

    first: int
    last: int
    value: float
