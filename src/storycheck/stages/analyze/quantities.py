"""Numbers in article text, normalised to closed ranges so outlets can be compared.

`4,500`, `4500` and `four thousand five hundred` are one value; the words around a number turn it
into a range: `up to 4,500` is (None, 4500), `over 6,000` is (6000, None), `about 4,500`
is 4500 +- 10%. Two reports of a number agree when their ranges `overlaps`.

Conventions:
- A Quantity's span covers the modifier, a currency sign, the number and a trailing
  `%`/`percent`, never the counted noun ("up to 4,500" in "up to 4,500 soldiers").
- `value` is the number as written; for a range ("between 200 and 300", "10-12") it is the
  first number, for a vague plural ("thousands of") the lower bound.
- "from X to Y" is read as a change, not a range: X and Y are two Quantities.
- Years, numbers inside dates and times, and numbers that belong to names or codes
  (B-52, G20, Article 5, phone numbers, list markers) are not Quantities.

Number words and figures ("twelve thousand", "3m") are read by `number_words.parse_number`;
the modifier that makes a range by `ranges.py`; the counted thing by `units.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...model import Quantity
from .number_words import (
    CURRENCIES,
    NUMERIC_RE,
    ORDINAL_RE,
    ORDINAL_WORDS,
    SCALES,
    SMALL_NUMBERS,
    SUFFIX_SCALES,
    TENS,
    _Number,
    parse_number,
)
from .ranges import _bounds, _modifier_before
from .spans import doc_text, make_span, sentence_index
from .units import _lemma, _of_object, _unit

__all__ = ["extract_quantities", "overlaps"]

# Phone numbers: 555-123-4567, (555) 123 4567, +44 20 7946 0958.
PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}\b")
# Day numbers written next to a month name ("Nov. 12-15", "15 November") belong to a date.
MONTH_NAMES = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
DAY_OF_MONTH_RE = re.compile(
    rf"\b{MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAMES}"
)

# Vague plurals as closed ranges: "dozens" is at least two dozen, "thousands" at least 2,000.
VAGUE = {
    "dozens": (24.0, 100.0),
    "hundreds": (200.0, 1e3),
    "thousands": (2e3, 1e6),
    "millions": (2e6, 1e9),
    "billions": (2e9, 1e12),
}
# "tens of thousands", "hundreds of thousands": the first word scales the second's unit.
VAGUE_COMPOUND = {("tens", "thousands"): (2e4, 1e5), ("hundreds", "thousands"): (2e5, 1e6)}
# "several thousand", "a few hundred": multiples of the scale word, as closed ranges.
FEW = {"several": (3.0, 9.0), "few": (2.0, 9.0)}
# Four-digit numbers in this span are years when written without a comma ("2023", "1910").
YEAR_RANGE = (1800, 2100)
# spaCy entity labels whose numbers belong to a name, a date or a time, not a count.
EXCLUDED_ENTS = {
    "DATE",
    "TIME",
    "PRODUCT",
    "ORG",
    "LAW",
    "FAC",
    "WORK_OF_ART",
    "EVENT",
    "PERSON",
    "GPE",
    "LOC",
}
RANGE_JOINERS = {"to", "-", "–", "—", "or"}
PERCENT_WORDS = {"%", "percent", "pct"}
# A number glued to a time unit is a duration or an age, not a count ("10-year", "3-day").
# An age right after a number: "-year-old", " years old", "-year old".
AGE_SUFFIX_RE = re.compile(r"[-–\s]years?[-–\s]old\b", re.IGNORECASE)
DURATION_SUFFIX_RE = re.compile(r"[-–](?:year|day|week|month|hour|minute|second)s?\b", re.IGNORECASE)
# Words between which a capitalised name takes a number: "Article 5", "No. 7", "Group of 20".
CODE_PREFIXES = {"no.", "nos.", "#"}


def overlaps(a: Quantity, b: Quantity) -> bool:
    """Whether the closed ranges of two quantities intersect (None is unbounded).

    Args:
        a: one quantity.
        b: another quantity.

    Returns:
        True when some value lies in both [a.low, a.high] and [b.low, b.high].
    """
    low = max(_bound(a.low, float("-inf")), _bound(b.low, float("-inf")))
    high = min(_bound(a.high, float("inf")), _bound(b.high, float("inf")))
    return low <= high


def _bound(value: float | None, default: float) -> float:
    return default if value is None else value


def extract_quantities(doc: Doc, sentence_starts: Sequence[int]) -> list[Quantity]:
    """Find every counted number in a parsed article.

    Args:
        doc: the spaCy Doc of the article text (token offsets index the article).
        sentence_starts: sorted character offsets where the article's sentences start.

    Returns:
        One Quantity per number (a range counts as one), in text order.
    """
    blocked = _blocked_chars(doc_text(doc))
    quantities: list[Quantity] = []
    index = 0
    while index < len(doc):
        found = _quantity_at(doc, index, blocked)
        if found is None:
            index += 1
            continue
        quantity, next_index = found
        quantities.append(_with_sentence(quantity, sentence_starts))
        index = next_index
    return quantities


def _with_sentence(quantity: Quantity, sentence_starts: Sequence[int]) -> Quantity:
    sentence = sentence_index(sentence_starts, quantity.span.start)
    return Quantity(
        quantity.span, quantity.value, quantity.low, quantity.high, quantity.unit, quantity.modifier, sentence
    )


def _blocked_chars(text: str) -> set[int]:
    """Character offsets covered by phone numbers and day-of-month dates."""
    matches = [*PHONE_RE.finditer(text), *DAY_OF_MONTH_RE.finditer(text)]
    return {offset for match in matches for offset in range(match.start(), match.end())}


def _quantity_at(doc: Doc, index: int, blocked: set[int]) -> tuple[Quantity, int] | None:
    """The Quantity whose number starts at token `index`, and the token index after it."""
    token = doc[index]
    if token.idx in blocked:
        return None
    age = _age_at(doc, index)
    if age is not None:
        return age
    if token.ent_type_ in EXCLUDED_ENTS:
        return None
    vague = _vague_at(doc, index)
    if vague is not None:
        return vague
    if _ordinal_value(token) is not None:
        return _ordinal_quantity(doc, token), index + 1
    number = _number_at(doc, index)
    if number is None or _is_code(doc, number):
        return None
    return _cardinal_quantity(doc, number)


def _age_at(doc: Doc, index: int) -> tuple[Quantity, int] | None:
    """An age: "47-year-old", "Forty-year-old", "a 15-year old girl"; unit "years old"."""
    if index > 0 and doc[index - 1].text in ("-", "–"):
        return None  # "five-to-10-year-old": not an age of its own
    number = _number_at(doc, index)
    if number is None:
        return None
    end = doc[number.last].idx + len(doc[number.last])
    age = AGE_SUFFIX_RE.match(doc_text(doc), end)
    if age is None:
        return None
    last = number.last
    while last + 1 < len(doc) and doc[last + 1].idx < age.end():
        last += 1
    span = make_span(doc_text(doc), doc[index].idx, age.end())
    return Quantity(span, number.value, number.value, number.value, "years old", "", 0), last + 1


def _ordinal_value(token: Token) -> float | None:
    lower = token.lower_
    if ORDINAL_RE.match(lower):
        return float(ORDINAL_RE.match(lower).group(1))  # type: ignore[union-attr]
    if lower in ORDINAL_WORDS and token.ent_type_ == "ORDINAL":
        return ORDINAL_WORDS[lower]
    return None


def _ordinal_quantity(doc: Doc, token: Token) -> Quantity:
    value = _ordinal_value(token) or 0.0
    unit = _lemma(token.head) if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN") else ""
    span = make_span(doc_text(doc), token.idx, token.idx + len(token))
    return Quantity(span, value, value, value, unit, "ordinal", 0)


def _vague_at(doc: Doc, index: int) -> tuple[Quantity, int] | None:
    """'dozens of', 'thousands of', 'tens of thousands of' as a vague range."""
    lower = doc[index].lower_
    if lower in FEW or (lower == "a" and index + 1 < len(doc) and doc[index + 1].lower_ == "few"):
        return _few_at(doc, index)
    if lower not in VAGUE and lower != "tens":
        return None
    last, bounds = index, VAGUE.get(lower)
    if index + 2 < len(doc) and doc[index + 1].lower_ == "of":
        compound = VAGUE_COMPOUND.get((lower, doc[index + 2].lower_))
        if compound is not None:
            last, bounds = index + 2, compound
    if bounds is None or doc[index].pos_ not in ("NOUN", "NUM"):
        return None
    low, high = bounds
    start = doc[index].idx
    span = make_span(doc_text(doc), start, doc[last].idx + len(doc[last]))
    unit = _of_object(doc[last])
    return Quantity(span, low, low, high, unit, "vague", 0), last + 1


def _few_at(doc: Doc, index: int) -> tuple[Quantity, int] | None:
    """'several thousand', 'a few hundred': a vague multiple of a scale word."""
    few_at = index + 1 if doc[index].lower_ == "a" else index
    scale_at = few_at + 1
    if scale_at >= len(doc) or doc[scale_at].lower_ not in SCALES:
        return None
    scale = SCALES[doc[scale_at].lower_]
    low, high = (factor * scale for factor in FEW[doc[few_at].lower_])
    span = make_span(doc_text(doc), doc[index].idx, doc[scale_at].idx + len(doc[scale_at]))
    number = _Number(index, scale_at, low)
    unit = _unit(doc, number, number, index, scale_at)
    return Quantity(span, low, low, high, unit, "vague", 0), scale_at + 1


def _is_number_part(token: Token) -> bool:
    lower = token.lower_
    return bool(NUMERIC_RE.match(lower)) or lower in SMALL_NUMBERS or lower in TENS or lower in SCALES


def _number_at(doc: Doc, index: int) -> _Number | None:
    """The longest run of tokens from `index` that spells one number."""
    first = doc[index]
    if first.lower_ in ("a", "an") and index + 1 < len(doc) and doc[index + 1].lower_ in SCALES:
        last = index + 1
    elif _is_number_part(first) and first.lower_ not in SCALES:
        last = index
    else:
        return None
    last = _extend_number(doc, last)
    value = parse_number(doc_text(doc)[first.idx : doc[last].idx + len(doc[last])])
    lone_one = last == index and first.lower_ == "one" and first.dep_ != "nummod"
    if value is None or lone_one:  # "one of them", "no one" are not counts
        return None
    return _Number(index, last, value)


def _extend_number(doc: Doc, last: int) -> int:
    """Grow a number run over scale words, suffixes and word compounds."""
    while last + 1 < len(doc):
        current, following = doc[last], doc[last + 1]
        glued = current.idx + len(current) == following.idx
        numeric = bool(NUMERIC_RE.match(current.lower_))
        if following.lower_ in SCALES or (glued and following.lower_ in SUFFIX_SCALES and numeric):
            last += 1
        elif _joins_words(doc, last):
            last += 2
        else:
            return last
    return last


def _joins_words(doc: Doc, last: int) -> bool:
    """'twenty-five', '250-million' and 'one hundred and twenty': a hyphen or 'and' inside a number."""
    if last + 2 >= len(doc):
        return False
    current, joiner, following = doc[last], doc[last + 1].lower_, doc[last + 2].lower_
    if joiner == "-" and current.lower_ in TENS:
        return following in SMALL_NUMBERS
    if joiner == "-" and NUMERIC_RE.match(current.lower_) and following in SCALES:
        return True  # "$250-million": a figure hyphenated to its scale word
    return joiner == "and" and current.lower_ in SCALES and (following in SMALL_NUMBERS or following in TENS)


def _is_code(doc: Doc, number: _Number) -> bool:
    """Numbers that name or label something: years, B-52, Article 5, Group of 20, list markers."""
    token = doc[number.first]
    text = token.text
    if re.fullmatch(r"\d{4}", text) and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
        return _previous_text(doc, number.first) not in CURRENCIES and not _is_percent(doc, number.last + 1)
    before = doc_text(doc)[max(0, token.idx - 2) : token.idx]
    after = doc_text(doc)[doc[number.last].idx + len(doc[number.last]) :][:10]
    if re.fullmatch(r"[A-Za-z]-", before) or DURATION_SUFFIX_RE.match(after):
        return True  # "B-52", "COVID-19"; "six-day", "10-year-old" are durations and ages
    return _is_score(doc, number) or _named_prefix(doc, number.first) or _is_list_marker(doc, number)


def _is_score(doc: Doc, number: _Number) -> bool:
    """'3-1', '2-0': two figures glued by a hyphen that do not rise are a score, not a range."""
    start, end = doc[number.first].idx, doc[number.last].idx + len(doc[number.last])
    if re.search(r"\d[-–]$", doc_text(doc)[max(0, start - 2) : start]):
        return True  # a rising "X-Y" is consumed whole, so reaching Y means it was not a range
    after = re.match(r"[-–](\d+)\b", doc_text(doc)[end : end + 8])
    return after is not None and float(after.group(1)) <= number.value


def _named_prefix(doc: Doc, index: int) -> bool:
    if index == 0:
        return False
    previous = doc[index - 1]
    if previous.lower_ in CODE_PREFIXES:
        return True
    if previous.is_title and previous.pos_ in ("PROPN", "NOUN") and previous.lower_ not in VAGUE:
        return True
    if previous.lower_ == "of" and index >= 2:
        return doc[index - 2].is_title and doc[index - 2].pos_ == "PROPN"
    return False


def _is_list_marker(doc: Doc, number: _Number) -> bool:
    token = doc[number.first]
    line_start = doc_text(doc).rfind("\n", 0, token.idx) + 1
    if doc_text(doc)[line_start : token.idx].strip() not in ("", "("):
        return False
    following = doc[number.last + 1].text if number.last + 1 < len(doc) else ""
    return following in (".", ")") or token.text.endswith((".", ")"))


def _previous_text(doc: Doc, index: int) -> str:
    return doc[index - 1].lower_ if index > 0 else ""


def _is_percent(doc: Doc, index: int) -> bool:
    if index >= len(doc):
        return False
    lower = doc[index].lower_
    return lower in PERCENT_WORDS or (
        lower == "per" and index + 1 < len(doc) and doc[index + 1].lower_ == "cent"
    )


def _percent_end(doc: Doc, index: int) -> int:
    """Index of the last token of a percent sign starting at `index`, or index - 1 if none."""
    if not _is_percent(doc, index):
        return index - 1
    return index + 1 if doc[index].lower_ == "per" else index


def _cardinal_quantity(doc: Doc, number: _Number) -> tuple[Quantity, int]:
    """Build the Quantity around a number: currency, modifier, range partner, unit."""
    currency_at = number.first - 1 if _previous_text(doc, number.first) in CURRENCIES else number.first
    modifier, kind, start_token = _modifier_before(doc, currency_at)
    partner = _range_partner(doc, number, kind)
    last_number = partner if partner is not None else number
    end_token = _percent_end(doc, last_number.last + 1)
    end_token = max(end_token, last_number.last)
    low_value = number.value
    if partner is not None:
        low_value = _distribute_scale(doc, number, partner)
        modifier, kind = ("about", "approx_range") if kind == "approx" else ("between", "between")
    low, high = _bounds(kind, low_value, partner.value if partner else low_value)
    unit = _unit(doc, number, last_number, currency_at, end_token)
    span = make_span(doc_text(doc), doc[start_token].idx, doc[end_token].idx + len(doc[end_token]))
    return Quantity(span, low_value, low, high, unit, modifier, 0), end_token + 1


def _range_partner(doc: Doc, number: _Number, kind: str) -> _Number | None:
    """The second number of 'between X and Y', 'X to Y', 'X-Y', 'X or Y'."""
    joiner_at = number.last + 1
    if _is_percent(doc, joiner_at):
        joiner_at = _percent_end(doc, joiner_at) + 1
    if joiner_at + 1 >= len(doc):
        return None
    joiner = doc[joiner_at].lower_
    allowed = {"and"} if kind == "between" else RANGE_JOINERS
    if joiner not in allowed or _previous_text(doc, number.first) == "from":
        return None
    second_at = joiner_at + 2 if doc[joiner_at + 1].lower_ in CURRENCIES else joiner_at + 1
    partner = _number_at(doc, second_at) if second_at < len(doc) else None
    if partner is None or doc[second_at].ent_type_ in ("DATE", "TIME"):
        return None
    return partner if partner.value > number.value or kind == "between" else None


def _distribute_scale(doc: Doc, number: _Number, partner: _Number) -> float:
    """'between 1 and 2 million': the first number borrows the second's scale word."""
    scale_word = doc[partner.last].lower_
    own_scale = doc[number.last].lower_ in SCALES or doc[number.last].lower_ in SUFFIX_SCALES
    if scale_word in SCALES and scale_word != "dozen" and not own_scale:
        return number.value * SCALES[scale_word]
    return number.value
