"""Numbers of aligned claims, compared as ranges, and only when they count the same thing.

"up to 4,500" and "about 4,500" overlap and agree; "14 people injured" and "41 people
injured" do not; "three people died" is never compared with "14 people injured". A number
counts what its noun and the event after it say ("14 people were injured": people, injured).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...model import (
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    Quantity,
    Story,
)
from ...nlp import embed
from ..analyze.quantities import overlaps
from .common import (
    Item,
    claim_similarity,
    claim_span,
    collect_classes,
    discrepancy,
    group_subject,
    value_classes,
)

__all__ = [
    "Counted",
    "counted",
    "counted_event",
    "numbers_in_group",
    "same_thing",
    "same_unit",
    "story_numbers",
]

# Cosine of unit-word embeddings above which two counted nouns are one unit ("troop"/"soldier"
# 0.74, "vehicle"/"car" 0.87; "troop"/"missile" 0.42).
UNIT_SYNONYM = 0.6
# Words after a number that say what happened to what it counts ("were injured").
EVENT_WORD = re.compile(r"[A-Za-z][a-z-]*|[,;:.()—–]")
EVENT_WINDOW = 40
EVENT_SKIP = frozenset(
    "were was are is have has had been be being reportedly also more than of the a an and or "
    "who which that people persons others other those".split()
)
CLAUSE_BREAKS = frozenset(",;:.()—–")
# Adjectives allowed between a number and its noun ("13 large container ships").
UNIT_MAX_WORDS = 3
# Sentences at least this similar that count the same thing give the same count.
NUMBER_PAIR_SIMILARITY = 0.5
# A number off by this factor or more is a high-severity discrepancy.
HIGH_NUMBER_RATIO = 1.5


@dataclass(frozen=True)
class Counted:
    """A number with what it counts: the counted noun ("people") and what happened to them
    ("injured"). Numbers are only compared when they count the same thing."""

    quantity: Quantity
    unit: str
    event: str

    @property
    def value(self) -> float:
        return self.quantity.value


def counted_event(text: str, end: int) -> str:
    """The first content word after a number and its noun: "14 people were injured" -> "injured"."""
    for position, match in enumerate(EVENT_WORD.finditer(text, end, min(len(text), end + EVENT_WINDOW))):
        word = match.group(0)
        if word in CLAUSE_BREAKS or (position == 0 and word == "of"):  # "four of them": a part
            return ""
        if word.islower() and word not in EVENT_SKIP:
            return word
    return ""


def counted(text: str, quantity: Quantity) -> Counted:
    """A quantity with what it counts, read from the text around it."""
    return Counted(quantity, quantity.unit, counted_event(text, _after_unit(text, quantity)))


def _after_unit(text: str, quantity: Quantity) -> int:
    """Where the counted noun ("13 container ships") ends, or the number when there is none."""
    if not quantity.unit:
        return quantity.span.end
    stem = quantity.unit[: max(3, len(quantity.unit) - 2)].lower()
    for position, word in enumerate(
        re.finditer(r"[A-Za-z-]+", text[quantity.span.end : quantity.span.end + 60])
    ):
        if word.group(0).lower().startswith(stem):
            return quantity.span.end + word.end()
        if position >= UNIT_MAX_WORDS:
            break
    return quantity.span.end


def _quantity_items(story: Story, ref: ClaimRef) -> list[Item[Counted]]:
    analyzed = story.by_id(ref.article)
    text = analyzed.article.text
    claim = analyzed.claims[ref.index]
    items = []
    for index in claim.quantities:
        quantity = analyzed.quantities[index]
        if quantity.modifier == "ordinal":
            continue
        after = _after_unit(text, quantity)
        counted = Counted(quantity, quantity.unit, counted_event(text, after))
        if not counted.unit and not counted.event:
            continue  # "four of them": nothing says what is counted
        label = " ".join(text[quantity.span.start : after].split())  # "Four workers", as written
        items.append(Item(ref.article, counted, label, range_text(quantity), quantity.span))
    return items


def range_text(quantity: Quantity) -> str:
    low, high = quantity.low, quantity.high
    if low is not None and high is not None and low == high:
        core = f"{low:g}"
    elif low is None:
        core = f"<={high:g}" if high is not None else "any"
    elif high is None:
        core = f">={low:g}"
    else:
        core = f"{low:g}-{high:g}"
    return f"{core} {quantity.unit}".strip()


@functools.cache
def _unit_vector(unit: str) -> Any:
    return embed([unit])[0]


@functools.lru_cache(maxsize=65536)
def same_unit(a: str, b: str) -> bool:
    """Whether two counted nouns count the same thing (equal, or near-synonyms)."""
    if a == b or not a or not b:
        return True
    return float(np.dot(_unit_vector(a), _unit_vector(b))) >= UNIT_SYNONYM


def same_thing(a: Counted, b: Counted) -> bool:
    """Whether two numbers count the same thing: compatible nouns and compatible events.

    A number with a noun and one without ("three firefighters were hurt" / "nine were hurt")
    may count different groups, so it is not compared.
    """
    if bool(a.unit) != bool(b.unit) or (a.unit and not same_unit(a.unit, b.unit)):
        return False
    if a.event and b.event and not same_unit(a.event, b.event):
        return False
    return bool(a.unit or (a.event and b.event))


def _numbers_agree(a: Counted, b: Counted) -> bool:
    """Numbers of different things never conflict; numbers of one thing must overlap."""
    return not same_thing(a, b) or overlaps(a.quantity, b.quantity)


def numbers_in_group(
    story: Story, group: ClaimGroup, pairs: list[tuple[ClaimRef, ClaimRef]]
) -> list[Discrepancy]:
    classes = collect_classes(story, group, pairs, _quantity_items, _numbers_agree)
    if not classes or not _one_unit(classes):
        return []
    values = [c[0].value for c in classes]
    return [
        discrepancy(
            "number",
            _count_subject(classes) or group_subject(story, group, "how many"),
            classes,
            severity="high" if _ratio(values) >= HIGH_NUMBER_RATIO else "medium",
            explanation="The articles give numbers whose ranges do not overlap for the same count.",
        )
    ]


def _count_subject(classes: list[list[Item[Any]]]) -> str | None:
    """ "how many workers killed": the counted noun as written and what happened to it."""
    for members in classes:
        for item in members:
            counted: Counted = item.value
            noun = item.label[len(item.span.text) :].strip()
            if noun and counted.event:
                return f"how many {noun} {counted.event}"
    return None


def story_numbers(story: Story) -> list[Discrepancy]:
    """Counts of one thing ("people injured") that differ between loosely similar sentences.

    Sentence alignment misses a pair when the sentences are worded apart; a count whose noun
    and event both match is still the same count when the sentences are about the same
    moment (cosine at least NUMBER_PAIR_SIMILARITY).
    """
    items = [
        (ref, item)
        for analyzed in story.articles
        for ref in (ClaimRef(analyzed.id, i) for i in range(len(analyzed.claims)))
        for item in _quantity_items(story, ref)
        if item.value.event
    ]
    found = []
    seen: set[frozenset[tuple[str, int]]] = set()
    for (ref_a, a), (ref_b, b) in itertools.combinations(items, 2):
        if (
            a.article == b.article
            or not same_thing(a.value, b.value)
            or overlaps(a.value.quantity, b.value.quantity)
        ):
            continue
        if claim_similarity(story, ref_a, ref_b) < NUMBER_PAIR_SIMILARITY:
            continue
        family = [
            item
            for ref, item in items
            if same_thing(item.value, a.value)
            and max(claim_similarity(story, ref, ref_a), claim_similarity(story, ref, ref_b))
            >= NUMBER_PAIR_SIMILARITY
        ]
        key = frozenset((item.article, item.span.start) for item in family)
        if key in seen:
            continue
        seen.add(key)
        classes = value_classes(family, _numbers_agree)
        if len(classes) < 2:
            continue
        found.append(
            discrepancy(
                "number",
                _count_subject(classes) or f"how many: {claim_span(story, ref_a).text}",
                classes,
                severity="high" if _ratio([c[0].value for c in classes]) >= HIGH_NUMBER_RATIO else "medium",
                explanation="The articles give numbers whose ranges do not overlap for the same count.",
            )
        )
    return found


def _one_unit(classes: list[list[Item[Any]]]) -> bool:
    counted = [c[0].value for c in classes]
    return all(same_thing(counted[0], other) for other in counted[1:])


def _ratio(values: list[Counted]) -> float:
    points = [q.value for q in values if q.value > 0]
    return max(points) / min(points) if len(points) > 1 else 1.0
