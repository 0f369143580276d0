"""Claims that contradict each other: aligned claims where one denies what the other asserts.

Two signals, both on claims already aligned as being about the same thing: a negation on one
side only ("the bridge had passed" / "had not passed"), or a pair of opposite words
("passed" / "failed", "rose" / "fell").
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import ClaimGroup, ClaimRef, Discrepancy, Story
from .common import Item, claim_pairs, claim_span, discrepancy

__all__ = ["claim_discrepancies"]

# Aligned claims must be at least this similar for a negation or antonym to be a contradiction.
CONTRADICTION_SIMILARITY = 0.72
# Verb and adjective pairs that assert opposite outcomes (lower case, base forms and past forms).
OPPOSITES = (
    ("passed", "failed"), ("pass", "fail"), ("approved", "rejected"), ("approve", "reject"),
    ("confirmed", "denied"), ("confirm", "deny"), ("rose", "fell"), ("increased", "decreased"),
    ("won", "lost"), ("win", "lose"), ("accepted", "refused"), ("accept", "refuse"),
    ("opened", "closed"), ("open", "closed"), ("alive", "dead"), ("survived", "died"),
    ("guilty", "innocent"), ("acquitted", "convicted"), ("allowed", "banned"),
    ("arrested", "released"), ("resigned", "remained"), ("present", "absent"),
    ("attend", "skip"), ("attended", "skipped"), ("safe", "unsafe"), ("legal", "illegal"),
)  # fmt: skip
OPPOSITE_OF = {a: b for a, b in OPPOSITES} | {b: a for a, b in OPPOSITES}


def claim_discrepancies(story: Story, groups: Sequence[ClaimGroup]) -> list[Discrepancy]:
    """Contradicting claims within each group."""
    found = []
    for group in groups:
        for left, right in claim_pairs(story, group):
            if _similarity(story, left, right) < CONTRADICTION_SIMILARITY:
                continue
            reason = _contradiction(story, left, right)
            if reason:
                found.append(_discrepancy(story, left, right, reason))
    return found


def _similarity(story: Story, left: ClaimRef, right: ClaimRef) -> float:
    a = story.by_id(left.article).embeddings[left.index]
    b = story.by_id(right.article).embeddings[right.index]
    return float(a @ b)


def _words(story: Story, ref: ClaimRef) -> set[str]:
    return {w.strip(".,;:!?\"'“”’").lower() for w in claim_span(story, ref).text.split()}


def _contradiction(story: Story, left: ClaimRef, right: ClaimRef) -> str | None:
    claim_left = story.by_id(left.article).claims[left.index]
    claim_right = story.by_id(right.article).claims[right.index]
    if claim_left.quotes and claim_right.quotes:
        return None  # quoted words are compared as quotes, with their own fidelity levels
    if _words(story, left) == _words(story, right):
        return None  # the same words cannot contradict themselves, however they were parsed
    negated_left = story.by_id(left.article).claims[left.index].negated
    negated_right = story.by_id(right.article).claims[right.index].negated
    if negated_left != negated_right:
        return "one article negates what the other asserts"
    words_left, words_right = _words(story, left), _words(story, right)
    for word in words_left - words_right:
        opposite = OPPOSITE_OF.get(word)
        if opposite and opposite in words_right - words_left:
            return f"“{word}” in one article, “{opposite}” in the other"
    return None


def _discrepancy(story: Story, left: ClaimRef, right: ClaimRef, reason: str) -> Discrepancy:
    classes = [
        [
            Item(
                ref.article,
                ref.article,
                claim_span(story, ref).text,
                claim_span(story, ref).text,
                claim_span(story, ref),
            )
        ]
        for ref in (left, right)
    ]
    return discrepancy(
        "claim",
        claim_span(story, left).text,
        classes,
        severity="high",
        explanation=f"Aligned claims contradict each other: {reason}.",
    )
