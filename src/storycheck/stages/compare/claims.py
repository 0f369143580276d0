"""Claims that contradict each other: aligned claims where one denies what the other asserts.

Two signals, both on claims already aligned as being about the same thing: a negation on one
side only ("the bridge had passed" / "had not passed"), or a pair of opposite words
("passed" / "failed", "rose" / "fell").
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import ClaimGroup, ClaimRef, Discrepancy, Story
from .common import Item, claim_pairs, claim_similarity, claim_span, discrepancy, similar_claim_pairs

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
    ("valid", "expired"), ("valid", "invalid"), ("true", "false"), ("succeeded", "failed"),
    ("upheld", "overturned"), ("granted", "denied"), ("signed", "vetoed"), ("found", "missing"),
)  # fmt: skip
# Claims from different articles this similar are checked for opposite words even when
# alignment did not group them; the opposite words must then share their surroundings.
LOOSE_SIMILARITY = 0.5
# Content words either side of an opposite word that make its context.
CONTEXT_WORDS = 4
# Context words two opposite words must share to be about the same thing.
MIN_SHARED_CONTEXT = 2
STOPWORDS = frozenset(
    "a an the its their his her of in on at to for by and or but with from had has have was were is "
    "are be been that this which who said says according".split()
)
OPPOSITE_OF = {a: b for a, b in OPPOSITES} | {b: a for a, b in OPPOSITES}


def claim_discrepancies(story: Story, groups: Sequence[ClaimGroup]) -> list[Discrepancy]:
    """Contradicting claims: within each group, and opposite words in similar claims anywhere.

    Pairs that contradict one claim are reported together: the claim against all the claims
    it contradicts.
    """
    pairs: dict[tuple[ClaimRef, ClaimRef], str] = {}
    for group in groups:
        for left, right in claim_pairs(story, group):
            if claim_similarity(story, left, right) < CONTRADICTION_SIMILARITY:
                continue
            reason = _contradiction(story, left, right)
            if reason:
                pairs[left, right] = reason
    for left, right in similar_claim_pairs(story, LOOSE_SIMILARITY):
        reason = _opposite_in_context(claim_span(story, left).text, claim_span(story, right).text)
        if reason:
            pairs.setdefault((left, right), reason)
    return _gathered(story, pairs)


def _gathered(story: Story, pairs: dict[tuple[ClaimRef, ClaimRef], str]) -> list[Discrepancy]:
    """One discrepancy per claim that most others contradict, against all of them."""
    partners: dict[ClaimRef, dict[ClaimRef, str]] = {}
    for (left, right), reason in pairs.items():
        partners.setdefault(left, {})[right] = reason
        partners.setdefault(right, {})[left] = reason
    found = []
    covered: set[frozenset[ClaimRef]] = set()
    for claim in sorted(partners, key=lambda ref: (-len(partners[ref]), ref.article, ref.index)):
        others = [ref for ref in partners[claim] if frozenset((claim, ref)) not in covered]
        if not others:
            continue
        covered |= {frozenset((claim, ref)) for ref in others}
        found.append(_discrepancy(story, claim, others, partners[claim][others[0]]))
    return found


def _tokens(text: str) -> list[str]:
    return [w.strip(".,;:!?\"'“”’()").lower() for w in text.split()]


def _context(tokens: list[str], index: int) -> set[str]:
    """Content words around position `index`."""
    before = [w for w in tokens[:index] if w and w not in STOPWORDS][-CONTEXT_WORDS:]
    after = [w for w in tokens[index + 1 :] if w and w not in STOPWORDS][:CONTEXT_WORDS]
    return {*before, *after}


def _opposite_in_context(left: str, right: str) -> str | None:
    """Opposite words ("passed" / "failed") whose surrounding words say they are about one thing."""
    words_left, words_right = _tokens(left), _tokens(right)
    for i, word in enumerate(words_left):
        opposite = OPPOSITE_OF.get(word)
        if opposite is None or opposite not in words_right or word in words_right:
            continue
        j = words_right.index(opposite)
        if len(_context(words_left, i) & _context(words_right, j)) >= MIN_SHARED_CONTEXT:
            return f"“{word}” in one article, “{opposite}” in the other"
    return None


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


def _item(story: Story, ref: ClaimRef) -> Item[str]:
    span = claim_span(story, ref)
    return Item(ref.article, ref.article, span.text, span.text, span)


def _discrepancy(story: Story, claim: ClaimRef, others: Sequence[ClaimRef], reason: str) -> Discrepancy:
    return discrepancy(
        "claim",
        claim_span(story, claim).text,
        [[_item(story, claim)], [_item(story, ref) for ref in others]],
        severity="high",
        explanation=f"Claims contradict each other: {reason}.",
    )
