"""Dates of aligned claims, compared as intervals: not the dateline's date, not the day a
statement was made ("said on Tuesday"), which outlets give freely."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...model import (
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    Story,
    TimeExpr,
)
from ..analyze.datelines import dateline_end
from .common import Item, collect_classes, discrepancy, group_subject

__all__ = ["date_agreement", "dates_agree", "dates_in_group", "event_times"]

# A date right after a speech verb is when something was said, which outlets date freely.
SPOKEN_ON = re.compile(
    r"\b(?:said|says|told(?: \w+){0,3}|added|announced|stated|confirmed|reported|warned)"
    r"(?: on| late| early)*\s*$",
    re.IGNORECASE,
)
# Dates further apart than this are a high-severity discrepancy.
HIGH_DATE_GAP_DAYS = 31


def _time_items(story: Story, ref: ClaimRef) -> list[Item[TimeExpr]]:
    """The claim's dates of events: not the dateline's date, not the day a statement was made."""
    analyzed = story.by_id(ref.article)
    text = analyzed.article.text
    claim = analyzed.claims[ref.index]
    report_dated = dateline_end(text)
    items = []
    for time in (analyzed.times[i] for i in claim.times):
        if time.span.end <= report_dated:
            continue
        if SPOKEN_ON.search(text[max(claim.span.start, time.span.start - 40) : time.span.start]):
            continue
        # without a reference date a relative date is shown as written, not as a guessed day
        shown = time.span.text.lower() if story.reference_inferred and time.relative else time.iso
        items.append(Item(ref.article, time, time.span.text, shown, time.span))
    return items


def event_times(story: Story, ref: ClaimRef) -> list[TimeExpr]:
    """The claim's dates of events (see `_time_items`)."""
    return [item.value for item in _time_items(story, ref)]


def dates_agree(a: TimeExpr, b: TimeExpr) -> bool:
    return a.start <= b.end and b.start <= a.end


def dates_agree_unplaced(a: TimeExpr, b: TimeExpr) -> bool:
    """Without a known reference date a relative date ("Friday", "March 19") and an absolute
    one ("March 19, 2009") cannot be compared: they are taken to agree."""
    return a.relative != b.relative or dates_agree(a, b)


def date_agreement(story: Story) -> Callable[[TimeExpr, TimeExpr], bool]:
    """How the story's dates are compared: as intervals, or as written when it has no date."""
    return dates_agree_unplaced if story.reference_inferred else dates_agree


def dates_in_group(
    story: Story, group: ClaimGroup, pairs: list[tuple[ClaimRef, ClaimRef]]
) -> list[Discrepancy]:
    classes = collect_classes(story, group, pairs, _time_items, date_agreement(story))
    if not classes:
        return []
    times = [c[0].value for c in classes]
    gap = max(t.start for t in times) - min(t.end for t in times)
    return [
        discrepancy(
            "date",
            group_subject(story, group, "when"),
            classes,
            severity="high" if gap.days > HIGH_DATE_GAP_DAYS else "medium",
            explanation="The articles date the same event to periods that do not overlap "
            "(relative dates read against each article's publication or reference date).",
        )
    ]
