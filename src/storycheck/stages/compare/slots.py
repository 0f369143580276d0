"""Numbers, dates and places of aligned claims: one pass over the groups.

For each pair of aligned claims from two articles, a slot value that agrees with nothing
on the other side, while the other side also has such a value, is a conflict. Each kind of
slot has its own module (numbers, dates, places) with its own notion of agreeing.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import ClaimGroup, Discrepancy, MentionRef, Story
from .common import claim_pairs
from .dates import dates_in_group
from .numbers import numbers_in_group, story_numbers
from .places import places_in_group

__all__ = ["slot_discrepancies"]


def slot_discrepancies(
    story: Story, groups: Sequence[ClaimGroup], entity_of: dict[MentionRef, str]
) -> list[Discrepancy]:
    """Number, date and place discrepancies across the aligned claims of every group."""
    found: list[Discrepancy] = story_numbers(story)
    for group in groups:
        if len(group.articles) < 2:
            continue
        pairs = list(claim_pairs(story, group))
        found += numbers_in_group(story, group, pairs)
        found += dates_in_group(story, group, pairs)
        found += places_in_group(story, group, pairs, entity_of)
    return found
