"""Places of aligned claims, compared with containment: a city lies in its country.

Only places in the same role are compared: where something happened ("in X", "residents of
X") or where it came from ("sailed from X"); a place named for another reason ("X's leader",
"troops sent to X") is no location of the claim's event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from ... import gazetteer
from ...model import (
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    DiscrepancyKind,
    MentionRef,
    Severity,
    Span,
    Story,
)
from ..resolve import name_key
from .common import Item, collect_classes, discrepancy, group_subject

__all__ = ["Place", "nested", "place_items", "place_role", "places_agree", "places_in_group", "same_spelling"]

# Place names this similar (rapidfuzz ratio) are one place spelt two ways.
PLACE_SPELLING = 90.0
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
    return same_spelling(a, b) or nested(a, b)


def same_spelling(a: str, b: str) -> bool:
    """One place name spelt two ways ("Setúbal" / "Setubal")."""
    return fuzz.ratio(name_key(a), name_key(b)) >= PLACE_SPELLING


def nested(a: str, b: str) -> bool:
    """One place inside the other, by the gazetteer ("Lisbon" / "Portugal")."""
    return bool(gazetteer.contains(a, b) or gazetteer.contains(b, a))


def places_in_group(
    story: Story, group: ClaimGroup, pairs: list[tuple[ClaimRef, ClaimRef]], entity_of: dict[MentionRef, str]
) -> list[Discrepancy]:
    def items_of(s: Story, ref: ClaimRef) -> list[Item[Any]]:
        return list(place_items(s, ref, entity_of))

    classes = collect_classes(story, group, pairs, items_of, places_agree)
    if not classes:
        return []
    kind: DiscrepancyKind = "place"
    severity: Severity = "high"
    return [
        discrepancy(
            kind,
            group_subject(story, group, "where"),
            classes,
            severity=severity,
            explanation="The articles place the same event in different places, neither inside the other.",
        )
    ]
