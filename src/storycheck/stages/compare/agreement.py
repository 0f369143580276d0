"""Whether aligned claims agree on every number, person, date and place they state.

A fact, a brief sentence or a timeline event may cite an article only when the article's
claim agrees with the others on each of these slots. The test here is deliberately looser
than the discrepancy checks (which must be sure two values describe the same thing before
calling them a discrepancy): two aligned claims *differ* when each states a value of one
kind that nothing on the other side matches. A difference that no discrepancy explains is
listed in the report as an unresolved difference: the engine cannot tell whether the two
sentences speak of the same thing, so it shows both and confirms neither.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ...model import (
    ClaimRef,
    DiscrepancyKind,
    EntityIndex,
    Evidence,
    MentionRef,
    Quantity,
    Span,
    Story,
    TimeExpr,
    UnresolvedDifference,
)
from ..analyze.quantities import overlaps
from ..resolve import name_key, person_key_tokens, same_person
from .common import claim_similarity, shorten
from .dates import dates_agree, event_times
from .numbers import same_unit
from .places import nested, place_role, same_spelling

__all__ = ["ClaimSlots", "SlotValue", "claim_slots", "differences", "partition_group"]

PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
KIND_ORDER: tuple[DiscrepancyKind, ...] = ("number", "name", "date", "place")
# Words that negate a clause, "no other offer" included (spaCy's parse misses some of them).
NEGATION_WORDS = frozenset({"not", "never", "no", "none", "nobody", "nothing"})
NEGATION = re.compile(rf"\b(?:{'|'.join(sorted(NEGATION_WORDS))})\b|n't\b", re.IGNORECASE)
# The modifier given to a figure read in a negated sentence (see `_as_stated`).
NEGATED = "in a negated sentence"
# Modifiers that give a figure as a point (exact or rounded), not as a bound or a range.
POINT_MODIFIERS = frozenset({"", "about"})
# Bounds that, given the same way by two outlets with different figures, state different facts.
SAME_WAY_BOUNDS = frozenset({"more than", "at least", "up to", "less than", "nearly"})


@dataclass(frozen=True)
class SlotValue:
    """One number, person, date or place as one claim states it."""

    key: Any  # what agreement compares: a Quantity, a TimeExpr, an entity id and its name
    span: Span


@dataclass(frozen=True)
class ClaimSlots:
    """The values of one claim that a fact must not contradict."""

    numbers: tuple[SlotValue, ...]
    people: tuple[SlotValue, ...]
    dates: tuple[SlotValue, ...]
    places: tuple[SlotValue, ...]

    def of_kind(self, kind: DiscrepancyKind) -> tuple[SlotValue, ...]:
        return {"number": self.numbers, "name": self.people, "date": self.dates, "place": self.places}[kind]


def claim_slots(story: Story, entities: EntityIndex, ref: ClaimRef) -> ClaimSlots:
    """Read a claim's numbers (not ordinals), people, event dates and the places where things
    are or come from."""
    analyzed = story.by_id(ref.article)
    claim = analyzed.claims[ref.index]
    negated = bool(NEGATION.search(claim.span.text))
    numbers = tuple(
        SlotValue(_as_stated(analyzed.quantities[i], negated), analyzed.quantities[i].span)
        for i in claim.quantities
        if analyzed.quantities[i].modifier != "ordinal"
    )
    people, places = [], []
    for index in claim.mentions:
        mention = analyzed.mentions[index]
        entity = entities.by_mention.get(MentionRef(ref.article, index), name_key(mention.span.text))
        value = SlotValue((entity, mention.span.text), mention.span)
        if mention.label in PERSON_LABELS:
            people.append(value)
        elif mention.label in PLACE_LABELS and _locates(analyzed.article.text, mention.span.start):
            places.append(value)
    dates = tuple(SlotValue(time, time.span) for time in event_times(story, ref))
    return ClaimSlots(numbers, tuple(people), dates, tuple(places))


def _as_stated(quantity: Quantity, negated: bool) -> Quantity:
    """A figure inside a negated sentence ("no other bid was above nine months") agrees
    with nothing: the negation turns what it says around, which the range does not show, so
    the engine cannot tell that the sentence agrees with another about it."""
    return replace(quantity, modifier=NEGATED) if negated else quantity


def _locates(text: str, start: int) -> bool:
    """Whether a place says where something is or came from ("in X", "from X"), not who acts
    ("Russia said", "troops sent to X")."""
    return place_role(text[max(0, start - 40) : start]) is not None


def _comparable_numbers(a: Quantity, b: Quantity) -> bool:
    """Numbers count the same thing unless both name what they count and the nouns differ."""
    return not (a.unit and b.unit and not same_unit(a.unit, b.unit))


def _numbers_agree(a: Quantity, b: Quantity) -> bool:
    """A figure in a negated sentence agrees with nothing. Two figures given as points ("310",
    "an estimated 295") agree only when equal, and so do two bounds given the same way ("more
    than 70" / "more than 90"); otherwise a bound or a range ("more than 100", "up to 12,000")
    agrees with what it overlaps."""
    if NEGATED in (a.modifier, b.modifier):
        return False
    if a.modifier in POINT_MODIFIERS and b.modifier in POINT_MODIFIERS:
        return math.isclose(a.value, b.value)
    if a.modifier == b.modifier and a.modifier in SAME_WAY_BOUNDS:
        return math.isclose(a.value, b.value)  # "more than 70" and "more than 90": two minimums
    return overlaps(a, b)


def _people_agree(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] == b[0] or same_person(person_key_tokens(a[1]), person_key_tokens(b[1]))


def _nested_places(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """One place inside the other ("Malibu" in "California"): they do not speak to each other."""
    return nested(a[1], b[1]) and not _places_agree(a, b)


def _places_agree(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] == b[0] or same_spelling(a[1], b[1])


def _dates_agree_as_written(a: TimeExpr, b: TimeExpr) -> bool:
    """Without a reference date a relative date agrees only with a relative one it overlaps:
    "Friday" and "Aug. 4, 2011" cannot be told to agree."""
    return a.relative == b.relative and dates_agree(a, b)


def _always(a: Any, b: Any) -> bool:
    return True


Match = Callable[[Any, Any], bool]
# Each side's values that match nothing on the other side.
Sides = tuple[list[SlotValue], list[SlotValue]]
# Per kind: (whether two values speak of the same thing, whether they agree).
MATCHERS: dict[DiscrepancyKind, tuple[Match, Match]] = {
    "number": (_comparable_numbers, _numbers_agree),
    "name": (_always, _people_agree),
    "date": (_always, dates_agree),
    "place": (lambda a, b: not _nested_places(a, b), _places_agree),
}


def _lonely(left: Sequence[SlotValue], right: Sequence[SlotValue], comparable: Match, agree: Match) -> Sides:
    """The values of each side that some value on the other side speaks to and none agrees
    with, when both sides have such values."""

    def lonely(value: SlotValue, others: Sequence[SlotValue]) -> bool:
        peers = [other for other in others if comparable(value.key, other.key)]
        return bool(peers) and not any(agree(value.key, other.key) for other in peers)

    lonely_left = [x for x in left if lonely(x, right)]
    lonely_right = [y for y in right if lonely(y, left)]
    if lonely_left and lonely_right:
        return lonely_left, lonely_right
    return [], []


def differences(a: ClaimSlots, b: ClaimSlots, *, dated: bool = True) -> dict[DiscrepancyKind, Sides]:
    """The kinds on which two claims differ, with each side's unmatched values; without a
    reference date (`dated` false) relative dates are compared only with relative ones."""
    found = {}
    for kind in KIND_ORDER:
        comparable, agree = MATCHERS[kind]
        if kind == "date" and not dated:
            agree = _dates_agree_as_written
        left, right = _lonely(a.of_kind(kind), b.of_kind(kind), comparable, agree)
        if left:
            found[kind] = (left, right)
    return found


@dataclass(frozen=True)
class GroupSplit:
    """A claim group split into the members that agree and the differences left out."""

    agreeing: tuple[ClaimRef, ...]
    unresolved: UnresolvedDifference | None


def partition_group(
    story: Story, entities: EntityIndex, members: Sequence[ClaimRef], central: ClaimRef
) -> GroupSplit:
    """Keep the central claim and every member that agrees with all members kept so far (most
    similar first); the members left out make one unresolved difference with the kept ones."""
    slots = {ref: claim_slots(story, entities, ref) for ref in members}
    others = sorted(
        (ref for ref in members if ref != central), key=lambda ref: -claim_similarity(story, central, ref)
    )
    kept = [central]
    left_out: list[ClaimRef] = []
    kinds: set[DiscrepancyKind] = set()
    values: list[Evidence] = []
    for ref in others:
        found = {}
        for other in kept:
            found = differences(slots[other], slots[ref], dated=not story.reference_inferred)
            if found:
                break
        if not found:
            kept.append(ref)
            continue
        left_out.append(ref)
        kinds.update(found)
        values.extend(_value_evidence(story, other, ref, found))
    unresolved = None
    if left_out:
        unresolved = UnresolvedDifference(
            id="",
            kinds=tuple(kind for kind in KIND_ORDER if kind in kinds),
            subject=shorten(_text(story, central)),
            statements=tuple(_claim_evidence(story, ref) for ref in (*kept, *left_out)),
            values=tuple(dict.fromkeys(values)),
        )
    return GroupSplit(tuple(kept), unresolved)


def _text(story: Story, ref: ClaimRef) -> str:
    return story.by_id(ref.article).claims[ref.index].span.text


def _claim_evidence(story: Story, ref: ClaimRef) -> Evidence:
    return Evidence.of(ref.article, story.by_id(ref.article).claims[ref.index].span)


def _value_evidence(
    story: Story,
    left: ClaimRef,
    right: ClaimRef,
    found: dict[DiscrepancyKind, Sides],
) -> list[Evidence]:
    evidence = []
    for left_values, right_values in found.values():
        evidence += [Evidence.of(left.article, value.span) for value in left_values]
        evidence += [Evidence.of(right.article, value.span) for value in right_values]
    return evidence
