"""Places of one background event told in sentences that do not align as a whole.

A long sentence often mentions an earlier event in passing ("after last year's meeting at X
between A, B and C, the leaders ..."); its embedding follows the main clause, so the
passing mention is never aligned with the sentence another outlet devotes to that event.
Two claims from different articles describe the same earlier event when they name the same
actors (at least `MIN_SHARED_ACTORS` resolved people, organisations or countries), date it
to overlapping past periods (a relative "last August" may be either of two Augusts), and are
loosely similar; when they then put it in places neither of which contains the other, that
is a place discrepancy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ...model import ClaimGroup, ClaimRef, Discrepancy, EntityIndex, MentionRef, Story, TimeExpr
from .common import Item, claim_similarity, claim_span, conflicts, discrepancy, value_classes
from .places import Place, place_items, places_agree

__all__ = ["event_place_discrepancies"]

# Resolved actors two sentences must share to be about one event.
MIN_SHARED_ACTORS = 3
# Dates within this many days of the reference are the story's own events, not background.
RECENT_DAYS = 21
# Sentence embeddings must be at least this similar.
MIN_SIMILARITY = 0.35
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def event_place_discrepancies(
    story: Story, entities: EntityIndex, groups: Sequence[ClaimGroup]
) -> list[Discrepancy]:
    """Place discrepancies about earlier events mentioned in unaligned sentences."""
    sketches = {
        ref: _Sketch(times, place_items(story, ref, entities.by_mention), _actors(story, entities, ref))
        for group in groups
        for ref in group.members
        if (times := _background_times(story, ref))
    }
    found = []
    for left, right in _event_pairs(story, sketches):
        lonely = conflicts(sketches[left].places, sketches[right].places, places_agree)
        if not lonely:
            continue
        classes: list[list[Item[Place]]] = value_classes(lonely, places_agree)
        found.append(
            discrepancy(
                "place",
                f"where: {claim_span(story, left).text}",
                classes,
                severity="high",
                explanation="Sentences naming the same people and the same earlier event put it in "
                "different places, neither inside the other.",
            )
        )
    return found


@dataclass(frozen=True)
class _Sketch:
    """What decides whether a claim tells of an earlier event: its past dates, places, actors."""

    times: list[TimeExpr]
    places: list[Item[Place]]
    actors: set[str]


def _event_pairs(story: Story, sketches: dict[ClaimRef, _Sketch]) -> Iterator[tuple[ClaimRef, ClaimRef]]:
    refs = list(sketches)
    for i, left in enumerate(refs):
        for right in refs[i + 1 :]:
            if left.article == right.article or claim_similarity(story, left, right) < MIN_SIMILARITY:
                continue
            a, b = sketches[left], sketches[right]
            if not _same_period(a.times, b.times):
                continue
            places = {item.value.entity for item in (*a.places, *b.places)}
            if len((a.actors & b.actors) - places) >= MIN_SHARED_ACTORS:
                yield left, right


def _background_times(story: Story, ref: ClaimRef) -> list[TimeExpr]:
    """The claim's dates that lie before the story's own days."""
    analyzed = story.by_id(ref.article)
    cutoff = story.reference_date - dt.timedelta(days=RECENT_DAYS)
    return [analyzed.times[i] for i in analyzed.claims[ref.index].times if analyzed.times[i].end < cutoff]


def _same_period(a: Sequence[TimeExpr], b: Sequence[TimeExpr]) -> bool:
    """Overlapping dates; a relative month ("last August") may also mean the year before."""
    return any(
        _overlap(x, y) or _overlap(_year_earlier(x), y) or _overlap(x, _year_earlier(y)) for x in a for y in b
    )


def _overlap(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    return a is not None and b is not None and a.start <= b.end and b.start <= a.end


def _year_earlier(time: TimeExpr) -> TimeExpr | None:
    """The same relative month or day one year earlier, for the ambiguous "last <month>"."""
    if not time.relative or time.granularity not in ("month", "day"):
        return None
    try:
        return replace(
            time,
            start=time.start.replace(year=time.start.year - 1),
            end=time.end.replace(year=time.end.year - 1),
        )
    except ValueError:  # 29 February
        return None


def _actors(story: Story, entities: EntityIndex, ref: ClaimRef) -> set[str]:
    analyzed = story.by_id(ref.article)
    actors = set()
    for index in analyzed.claims[ref.index].mentions:
        if analyzed.mentions[index].label in ACTOR_LABELS:
            entity = entities.by_mention.get(MentionRef(ref.article, index))
            if entity is not None:
                actors.add(entity)
    return actors
