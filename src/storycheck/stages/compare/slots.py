"""Numbers, dates and places of aligned claims, compared as ranges, intervals and regions.

For each pair of aligned claims from two articles, a slot value that agrees with nothing
on the other side, while the other side also has such a value, is a conflict: "up to
4,500" vs "about 4,500" overlap and agree; "14 dead" vs "41 dead" do not. Quito and Ecuador
agree (one contains the other); two towns in different places do not.
"""

from __future__ import annotations

import functools
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
from ..analyze.quantities import overlaps
from ..resolve import name_key
from .common import Item, claim_pairs, claim_span, conflicts, discrepancy, value_classes

__all__ = ["Place", "dates_agree", "place_items", "places_agree", "slot_discrepancies"]

# Cosine of unit-word embeddings above which two counted nouns are one unit ("troop"/"soldier"
# 0.74, "vehicle"/"car" 0.87; "troop"/"missile" 0.42).
UNIT_SYNONYM = 0.6
# Place names this similar (rapidfuzz ratio) are one place spelt two ways.
PLACE_SPELLING = 90.0
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
# What may stand between two places that name one location ("X in Y", "X, Y").
PLACE_CHAIN = re.compile(r",\s*|\s+in\s+(?:the\s+)?")


@dataclass(frozen=True)
class Place:
    entity: str
    name: str
    parts: tuple[str, ...] = ()  # "X in Y" / "X, Y": every named part, innermost first
    label: str = "GPE"  # "LOC" only when every part is a sea or region: compared with LOCs only


def slot_discrepancies(
    story: Story, groups: Sequence[ClaimGroup], entity_of: dict[MentionRef, str]
) -> list[Discrepancy]:
    """Number, date and place discrepancies across the aligned claims of every group."""
    found: list[Discrepancy] = []
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
    classes = value_classes([*conflicting.values(), *allies], agree)
    return classes if len({c[0].normalized for c in classes}) > 1 else []


def _subject(story: Story, group: ClaimGroup, prefix: str) -> str:
    return f"{prefix}: {claim_span(story, group.members[0]).text}"


# ---------------------------------------------------------------- numbers


def _quantity_items(story: Story, ref: ClaimRef) -> list[Item[Quantity]]:
    analyzed = story.by_id(ref.article)
    claim = analyzed.claims[ref.index]
    items = []
    for index in claim.quantities:
        quantity = analyzed.quantities[index]
        if quantity.modifier == "ordinal":
            continue
        label = f"{quantity.span.text} {quantity.unit}".strip() if quantity.unit else quantity.span.text
        items.append(Item(ref.article, quantity, label, _range_text(quantity), quantity.span))
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


def _numbers_agree(a: Quantity, b: Quantity) -> bool:
    """Different units never conflict (they count different things); same units must overlap."""
    return not same_unit(a.unit, b.unit) or overlaps(a, b)


def _numbers(story: Story, group: ClaimGroup, pairs: list[tuple[ClaimRef, ClaimRef]]) -> list[Discrepancy]:
    classes = _collect(story, group, pairs, _quantity_items, _numbers_agree)
    if not classes or not _one_unit(classes):
        return []
    values = [c[0].value for c in classes]
    return [
        discrepancy(
            "number",
            _subject(story, group, "how many"),
            classes,
            severity="high" if _ratio(values) >= HIGH_NUMBER_RATIO else "medium",
            explanation="The articles give numbers whose ranges do not overlap for the same count.",
        )
    ]


def _one_unit(classes: list[list[Item[Any]]]) -> bool:
    units = [c[0].value.unit for c in classes]
    return all(same_unit(units[0], unit) for unit in units[1:])


def _ratio(values: list[Quantity]) -> float:
    points = [q.value for q in values if q.value > 0]
    return max(points) / min(points) if len(points) > 1 else 1.0


# ---------------------------------------------------------------- dates


def _time_items(story: Story, ref: ClaimRef) -> list[Item[TimeExpr]]:
    analyzed = story.by_id(ref.article)
    claim = analyzed.claims[ref.index]
    return [
        Item(ref.article, time, time.span.text, time.iso, time.span)
        for time in (analyzed.times[i] for i in claim.times)
    ]


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
            place = Place(previous.value.entity, previous.value.name, parts, label)
            items[-1] = Item(ref.article, place, joined.text, previous.normalized, joined)
            continue
        if not LOCATIVE.search(text[max(claim.span.start, mention.span.start - 40) : mention.span.start]):
            continue
        following = NEXT_WORD.match(text, mention.span.end)
        if following and following.group(1) not in FUNCTION_WORDS:
            continue  # "at the X presidential retreat": the place names a modifier, not the location
        place = Place(entity, mention.span.text, (mention.span.text,), mention.label)
        items.append(Item(ref.article, place, mention.span.text, name_key(mention.span.text), mention.span))
    return items


def places_agree(a: Place, b: Place) -> bool:
    """Same entity, one place inside the other, or one name spelt two ways (any part of a
    chained place: "Quito, Ecuador" agrees with "Ecuador")."""
    if a.entity == b.entity or (a.label == "LOC") != (b.label == "LOC"):
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
