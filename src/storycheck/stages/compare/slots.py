"""Numbers, dates and places of aligned claims, compared as ranges, intervals and regions.

For each pair of aligned claims from two articles, a slot value that agrees with nothing
on the other side, while the other side also has such a value, is a conflict: "up to
4,500" vs "about 4,500" overlap and agree; "14 dead" vs "41 dead" do not. Quito and Ecuador
agree (one contains the other); two towns in different places do not.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from ... import gazetteer
from ...model import (
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    DiscrepancyKind,
    MentionRef,
    Quantity,
    Severity,
    Span,
    Story,
    TimeExpr,
)
from ...nlp import embed
from ..analyze import DATELINE
from ..analyze.quantities import overlaps
from ..resolve import name_key
from .common import Item, claim_pairs, claim_span, conflicts, discrepancy, value_classes

__all__ = [
    "Counted",
    "Place",
    "counted",
    "dates_agree",
    "place_items",
    "places_agree",
    "same_thing",
    "slot_discrepancies",
]

# Cosine of unit-word embeddings above which two counted nouns are one unit ("troop"/"soldier"
# 0.74, "vehicle"/"car" 0.87; "troop"/"missile" 0.42).
UNIT_SYNONYM = 0.6
# Place names this similar (rapidfuzz ratio) are one place spelt two ways.
PLACE_SPELLING = 90.0
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
# A date right after a speech verb is when something was said, which outlets date freely.
SPOKEN_ON = re.compile(
    r"\b(?:said|says|told(?: \w+){0,3}|added|announced|stated|confirmed|reported|warned)"
    r"(?: on| late| early)*\s*$",
    re.IGNORECASE,
)
# Sentences at least this similar that count the same thing give the same count.
NUMBER_PAIR_SIMILARITY = 0.5
# A number off by this factor or more is a high-severity discrepancy.
HIGH_NUMBER_RATIO = 1.5
# Dates further apart than this are a high-severity discrepancy.
HIGH_DATE_GAP_DAYS = 31
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words right before a place that make it where something happened.
LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|held in|hosted in|based in)\s+(?:the\s+)?$", re.I)
# A lower-case word right after a place; unless it is a function word, the place modifies it.
NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)")
FUNCTION_WORDS = frozenset(
    "on in at of to for with by from and or but as during since after before last this next "
    "earlier later where when which that who while amid is was were are has had have will would "
    "said says on".split()
)
# "residents of X", "the department of X": a place noun makes "of" locative.
PLACE_OF = re.compile(
    r"\b(?:residents|inhabitants|people|town|city|village|department|province|region|district|"
    r"municipality|county|state|suburb|outskirts|centre|center|port|capital|streets|area)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where something or someone came from.
ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?(?:port\s+of\s+)?$", re.IGNORECASE)
# What may stand between two places that name one location ("X in Y", "X, Y").
PLACE_CHAIN = re.compile(r",\s*|\s+in\s+(?:the\s+)?")


@dataclass(frozen=True)
class Place:
    entity: str
    name: str
    parts: tuple[str, ...] = ()  # "X in Y" / "X, Y": every named part, innermost first
    label: str = "GPE"  # "LOC" only when every part is a sea or region: compared with LOCs only
    role: str = "at"  # "at": where something is or happened; "from": where it came from


def slot_discrepancies(
    story: Story, groups: Sequence[ClaimGroup], entity_of: dict[MentionRef, str]
) -> list[Discrepancy]:
    """Number, date and place discrepancies across the aligned claims of every group."""
    found: list[Discrepancy] = _story_numbers(story)
    for group in groups:
        if len(group.articles) < 2:
            continue
        pairs = list(claim_pairs(story, group))
        found += _numbers(story, group, pairs)
        found += _dates(story, group, pairs)
        found += _places(story, group, pairs, entity_of)
    return found


def _collect(
    story: Story,
    group: ClaimGroup,
    pairs: list[tuple[ClaimRef, ClaimRef]],
    items_of: Callable[[Story, ClaimRef], list[Item[Any]]],
    agree: Callable[[Any, Any], bool],
) -> list[list[Item[Any]]]:
    """Value classes of a group's conflicting items plus the items that side with them."""
    conflicting: dict[tuple[str, int], Item[Any]] = {}
    for left, right in pairs:
        for item in conflicts(items_of(story, left), items_of(story, right), agree):
            conflicting[(item.article, item.span.start)] = item
    if not conflicting:
        return []
    allies = [
        item
        for ref in group.members
        for item in items_of(story, ref)
        if (item.article, item.span.start) not in conflicting
        and any(agree(item.value, c.value) for c in conflicting.values())
    ]
    items = [*conflicting.values(), *allies]
    classes = value_classes(items, agree)
    torn = _torn_articles(classes)
    if torn:  # an article giving both values is not one side of the dispute
        classes = value_classes([item for item in items if item.article not in torn], agree)
    return classes if len({c[0].normalized for c in classes}) > 1 else []


def _torn_articles(classes: list[list[Item[Any]]]) -> set[str]:
    """Articles that give every one of the values: they cannot disagree with themselves."""
    per_class = [{item.article for item in members} for members in classes]
    return set.intersection(*per_class) if len(per_class) > 1 else set()


def _subject(story: Story, group: ClaimGroup, prefix: str) -> str:
    return f"{prefix}: {claim_span(story, group.members[0]).text}"


# ---------------------------------------------------------------- numbers


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
        items.append(Item(ref.article, counted, label, _range_text(quantity), quantity.span))
    return items


def _range_text(quantity: Quantity) -> str:
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


def _numbers(story: Story, group: ClaimGroup, pairs: list[tuple[ClaimRef, ClaimRef]]) -> list[Discrepancy]:
    classes = _collect(story, group, pairs, _quantity_items, _numbers_agree)
    if not classes or not _one_unit(classes):
        return []
    values = [c[0].value for c in classes]
    return [
        discrepancy(
            "number",
            _count_subject(classes) or _subject(story, group, "how many"),
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


def _story_numbers(story: Story) -> list[Discrepancy]:
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
        if _claim_similarity(story, ref_a, ref_b) < NUMBER_PAIR_SIMILARITY:
            continue
        family = [
            item
            for ref, item in items
            if same_thing(item.value, a.value)
            and max(_claim_similarity(story, ref, ref_a), _claim_similarity(story, ref, ref_b))
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


def _claim_similarity(story: Story, a: ClaimRef, b: ClaimRef) -> float:
    return float(story.by_id(a.article).embeddings[a.index] @ story.by_id(b.article).embeddings[b.index])


def _one_unit(classes: list[list[Item[Any]]]) -> bool:
    counted = [c[0].value for c in classes]
    return all(same_thing(counted[0], other) for other in counted[1:])


def _ratio(values: list[Counted]) -> float:
    points = [q.value for q in values if q.value > 0]
    return max(points) / min(points) if len(points) > 1 else 1.0


# ---------------------------------------------------------------- dates


def _time_items(story: Story, ref: ClaimRef) -> list[Item[TimeExpr]]:
    """The claim's dates of events: not the dateline's date, not the day a statement was made."""
    analyzed = story.by_id(ref.article)
    text = analyzed.article.text
    claim = analyzed.claims[ref.index]
    dateline = DATELINE.match(text)
    items = []
    for time in (analyzed.times[i] for i in claim.times):
        if dateline and time.span.end <= dateline.end():
            continue
        if SPOKEN_ON.search(text[max(claim.span.start, time.span.start - 40) : time.span.start]):
            continue
        items.append(Item(ref.article, time, time.span.text, time.iso, time.span))
    return items


def dates_agree(a: TimeExpr, b: TimeExpr) -> bool:
    return a.start <= b.end and b.start <= a.end


def _dates(story: Story, group: ClaimGroup, pairs: list[tuple[ClaimRef, ClaimRef]]) -> list[Discrepancy]:
    classes = _collect(story, group, pairs, _time_items, dates_agree)
    if not classes:
        return []
    times = [c[0].value for c in classes]
    gap = max(t.start for t in times) - min(t.end for t in times)
    return [
        discrepancy(
            "date",
            _subject(story, group, "when"),
            classes,
            severity="high" if gap.days > HIGH_DATE_GAP_DAYS else "medium",
            explanation="The articles date the same event to periods that do not overlap "
            "(relative dates read against each article's publication or reference date).",
        )
    ]


# ---------------------------------------------------------------- places


def place_items(story: Story, ref: ClaimRef, entity_of: dict[MentionRef, str]) -> list[Item[Place]]:
    """The places a claim says something happened at ("in X", "at X, Y"), chained places joined.

    Places named for other reasons ("X's leader", "troops from X") are not where the
    claim's event happened, and comparing them would flag different topics as conflicts.
    """
    analyzed = story.by_id(ref.article)
    text = analyzed.article.text
    claim = analyzed.claims[ref.index]
    places = [
        (index, analyzed.mentions[index])
        for index in claim.mentions
        if analyzed.mentions[index].label in PLACE_LABELS
    ]
    items: list[Item[Place]] = []
    for index, mention in places:
        entity = entity_of.get(MentionRef(ref.article, index), mention.span.text)
        previous = items[-1] if items else None
        if previous is not None and PLACE_CHAIN.fullmatch(text[previous.span.end : mention.span.start]):
            joined = Span(previous.span.start, mention.span.end, text[previous.span.start : mention.span.end])
            parts = (*previous.value.parts, mention.span.text)
            label = previous.value.label if mention.label == "LOC" else mention.label
            place = Place(previous.value.entity, previous.value.name, parts, label, previous.value.role)
            items[-1] = Item(ref.article, place, joined.text, previous.normalized, joined)
            continue
        role = place_role(text[max(claim.span.start, mention.span.start - 40) : mention.span.start])
        if role is None:
            continue
        following = NEXT_WORD.match(text, mention.span.end)
        if following and following.group(1) not in FUNCTION_WORDS:
            continue  # "at the X presidential retreat": the place names a modifier, not the location
        place = Place(entity, mention.span.text, (mention.span.text,), mention.label, role)
        items.append(Item(ref.article, place, mention.span.text, name_key(mention.span.text), mention.span))
    return items


def place_role(before: str) -> str | None:
    """The part a place plays, from the words before it: "at" (in, at, residents of), "from"
    (sailed from), or None for anything else ("X's leader", "troops sent to X")."""
    if LOCATIVE.search(before) or PLACE_OF.search(before):
        return "at"
    if ORIGIN.search(before):
        return "from"
    return None


def places_agree(a: Place, b: Place) -> bool:
    """Same entity, one place inside the other, or one name spelt two ways (any part of a
    chained place: "Quito, Ecuador" agrees with "Ecuador")."""
    if a.entity == b.entity or a.role != b.role or (a.label == "LOC") != (b.label == "LOC"):
        return True
    return any(_names_agree(x, y) for x in a.parts or (a.name,) for y in b.parts or (b.name,))


def _names_agree(a: str, b: str) -> bool:
    if fuzz.ratio(name_key(a), name_key(b)) >= PLACE_SPELLING:
        return True
    return bool(gazetteer.contains(a, b) or gazetteer.contains(b, a))


def _places(
    story: Story, group: ClaimGroup, pairs: list[tuple[ClaimRef, ClaimRef]], entity_of: dict[MentionRef, str]
) -> list[Discrepancy]:
    def items_of(s: Story, ref: ClaimRef) -> list[Item[Any]]:
        return list(place_items(s, ref, entity_of))

    classes = _collect(story, group, pairs, items_of, places_agree)
    if not classes:
        return []
    kind: DiscrepancyKind = "place"
    severity: Severity = "high"
    return [
        discrepancy(
            kind,
            _subject(story, group, "where"),
            classes,
            severity=severity,
            explanation="The articles place the same event in different places, neither inside the other.",
        )
    ]
