"""Minimal pairs: two articles' sentences that say the same thing but for one value.

Rewrites of one report keep most of its words; when such a pair of sentences (close in
meaning, MiniLM cosine at least PAIR_COSINE, and sharing at least PAIR_SHARE of the shorter
one's content words) differs on a number, a person, a date or a place (see agreement.py),
or one of them is negated and the other is not, the two outlets disagree about one fact.
This catches what claim alignment misses when the sentences are grouped with others or
worded around the difference, with the whole pair as evidence.

The thresholds were chosen on the real-news dev split and its planted differences
(benchmarks/realnews/run.py, planted.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from ...model import ClaimRef, Discrepancy, DiscrepancyKind, EntityIndex, Quantity, Span, Story, TimeExpr
from ..resolve import name_key
from .agreement import (
    NEGATION,
    ClaimSlots,
    SlotValue,
    _comparable_numbers,
    _numbers_agree,
    claim_slots,
    differences,
)
from .common import Item, claim_similarity, discrepancy, shorten, similar_claim_pairs
from .numbers import range_text
from .places import place_role
from .restated import content_stems

__all__ = ["counted_in_context", "minimal_pair_discrepancies"]

PAIR_COSINE = 0.6
PAIR_SHARE = 0.6
# ...and this share of the longer one's, so a heading does not pair with a long sentence.
PAIR_SHARE_LONGER = 0.45
# Sentences with fewer content words than this (headings, captions) are not compared.
MIN_STEMS = 6
SENTENCE_ENDINGS = (".", "!", "?", '"', "”", "’", "'", ")")
# A pair differing on more values than this on one side is two different sentences.
MAX_DIFFERING = 2
# Counted-in-context numbers: words each side of the number, their overlap, sentence likeness.
CONTEXT_WORDS = 5
CONTEXT_SHARE = 0.6
CONTEXT_COSINE = 0.45
CONTEXT_EXPLANATION = "Two outlets give different figures for one count in the same context."
EXPLANATIONS: dict[DiscrepancyKind, str] = {
    "number": "Two outlets' versions of one sentence give different figures.",
    "name": "Two outlets' versions of one sentence name different people.",
    "date": "Two outlets' versions of one sentence give different dates.",
    "place": "Two outlets' versions of one sentence give different places.",
    "claim": "One outlet's version of a sentence negates what another's states.",
}


def minimal_pair_discrepancies(story: Story, entities: EntityIndex) -> list[Discrepancy]:
    """Discrepancies between sentences of two articles that differ in one value or a negation."""
    found: list[Discrepancy] = []
    slots: dict[ClaimRef, ClaimSlots] = {}
    for left, right in _pairs(story):
        for ref in (left, right):
            if ref not in slots:
                slots[ref] = claim_slots(story, entities, ref)
        found += _pair_discrepancies(story, left, right, slots)
    return found


def _pairs(story: Story) -> Iterator[tuple[ClaimRef, ClaimRef]]:
    """Claim pairs of different articles close in meaning and in words."""
    stems = {a.id: [_sentence_stems(claim.span.text) for claim in a.claims] for a in story.articles}
    for left, right in similar_claim_pairs(story, PAIR_COSINE):
        x, y = stems[left.article][left.index], stems[right.article][right.index]
        if x and y and _shares(x, y):
            yield left, right


def _sentence_stems(text: str) -> frozenset[str]:
    """A sentence's content stems; none for headings and short lines."""
    stems = content_stems(text)
    if len(stems) < MIN_STEMS or not text.rstrip().endswith(SENTENCE_ENDINGS):
        return frozenset()
    return stems


def _shares(x: frozenset[str], y: frozenset[str]) -> bool:
    shared = len(x & y)
    return shared / min(len(x), len(y)) >= PAIR_SHARE and shared / max(len(x), len(y)) >= PAIR_SHARE_LONGER


def _pair_discrepancies(
    story: Story, left: ClaimRef, right: ClaimRef, slots: dict[ClaimRef, ClaimSlots]
) -> list[Discrepancy]:
    subject = shorten(story.by_id(left.article).claims[left.index].span.text)
    found = []
    diffs = differences(
        _located(story, left, slots[left]),
        _located(story, right, slots[right]),
        dated=not story.reference_inferred,
    )
    for kind, (lonely_mine, lonely_theirs) in diffs.items():
        mine, theirs = _opposed(story, kind, (left, lonely_mine), (right, lonely_theirs))
        if not mine or len(mine) > MAX_DIFFERING or len(theirs) > MAX_DIFFERING:
            continue
        classes = [_items(left.article, mine), _items(right.article, theirs)]
        found.append(discrepancy(kind, subject, classes, severity="medium", explanation=EXPLANATIONS[kind]))
    negation = _negation(story, left, right)
    if negation is not None:
        found.append(negation)
    return found


def _opposed(
    story: Story,
    kind: DiscrepancyKind,
    mine: tuple[ClaimRef, Sequence[SlotValue]],
    theirs: tuple[ClaimRef, Sequence[SlotValue]],
) -> tuple[list[SlotValue], list[SlotValue]]:
    """The values of each side that speak of the same thing as a value on the other side and
    differ from it: for numbers, the same counted thing in the same words around it ("four
    workers" is not opposed to "four people", nor "48.6 percent of the vote" to "99.4 percent
    of polling stations")."""
    left_values, right_values = mine[1], theirs[1]
    if kind != "number":
        return list(left_values), list(right_values)
    contexts = {
        id(value): _context(story.by_id(ref.article).article.text, value.key, _claim_span(story, ref))
        for ref, values in (mine, theirs)
        for value in values
    }

    def opposed(value: SlotValue, others: Sequence[SlotValue]) -> bool:
        return any(
            _comparable_numbers(value.key, other.key)
            and not _numbers_agree(value.key, other.key)
            and _shared(contexts[id(value)], contexts[id(other)]) >= CONTEXT_SHARE
            for other in others
        )

    return [v for v in left_values if opposed(v, right_values)], [
        v for v in right_values if opposed(v, left_values)
    ]


def _claim_span(story: Story, ref: ClaimRef) -> Span:
    return story.by_id(ref.article).claims[ref.index].span


def _shared(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / min(len(first), len(second)) if first and second else 0.0


def _located(story: Story, ref: ClaimRef, slots: ClaimSlots) -> ClaimSlots:
    """The slots with only the places that say where something is or came from ("in X")."""
    text = story.by_id(ref.article).article.text
    places = tuple(
        value for value in slots.places if place_role(text[max(0, value.span.start - 40) : value.span.start])
    )
    return replace(slots, places=places)


def _items(article: str, values: Sequence[SlotValue]) -> list[Item[object]]:
    return [Item(article, value.key, value.span.text, _normalized(value), value.span) for value in values]


def _normalized(value: SlotValue) -> str:
    key = value.key
    if isinstance(key, Quantity):
        return range_text(key)
    if isinstance(key, TimeExpr):
        return key.span.text.lower() if key.relative else key.iso
    return name_key(value.span.text)


def _negation(story: Story, left: ClaimRef, right: ClaimRef) -> Discrepancy | None:
    first = story.by_id(left.article).claims[left.index]
    second = story.by_id(right.article).claims[right.index]
    if first.negated == second.negated or first.quotes or second.quotes:
        return None
    if bool(NEGATION.search(first.span.text)) == bool(NEGATION.search(second.span.text)):
        return None  # both negate something: the parse put the negation in different clauses
    classes = [
        [Item(left.article, first.negated, first.span.text, f"negated={first.negated}", first.span)],
        [Item(right.article, second.negated, second.span.text, f"negated={second.negated}", second.span)],
    ]
    return discrepancy(
        "claim", shorten(first.span.text), classes, severity="high", explanation=EXPLANATIONS["claim"]
    )


def counted_in_context(story: Story) -> list[Discrepancy]:
    """Numbers of one thing in one context that differ between articles.

    Two quantities of different articles count the same thing in the same context when they
    have compatible units and the words around them (CONTEXT_WORDS on each side, within the
    sentence) share at least CONTEXT_SHARE of the smaller set, in sentences at least
    CONTEXT_COSINE alike: "the 310 candidates standing for 90 seats" / "the 365 candidates
    running for the 125 seats" — though the sentences around them differ.
    """
    found = []
    items = [
        (analyzed.id, ref_index, quantity, _context(analyzed.article.text, quantity, claim.span))
        for analyzed in story.articles
        for ref_index, claim in enumerate(analyzed.claims)
        for quantity in (analyzed.quantities[i] for i in claim.quantities)
        if quantity.modifier != "ordinal"
    ]
    numbers = {
        (analyzed.id, index): [analyzed.quantities[i] for i in claim.quantities]
        for analyzed in story.articles
        for index, claim in enumerate(analyzed.claims)
    }
    for i, (article, index, quantity, context) in enumerate(items):
        for other_article, other_index, other, other_context in items[i + 1 :]:
            if other_article == article or not context or not other_context:
                continue
            if not (quantity.unit and other.unit):
                continue  # "four of them": a count that names nothing is paired by context with anything
            if not _comparable_numbers(quantity, other) or _numbers_agree(quantity, other):
                continue
            if _stated_in(quantity, numbers[other_article, other_index]) or _stated_in(
                other, numbers[article, index]
            ):
                continue  # the figure is in the other sentence too: a list of several counts
            if len(context & other_context) / min(len(context), len(other_context)) < CONTEXT_SHARE:
                continue
            left, right = ClaimRef(article, index), ClaimRef(other_article, other_index)
            if claim_similarity(story, left, right) < CONTEXT_COSINE:
                continue
            classes = [
                _items(article, [SlotValue(quantity, quantity.span)]),
                _items(other_article, [SlotValue(other, other.span)]),
            ]
            subject = shorten(story.by_id(article).claims[index].span.text)
            found.append(
                discrepancy("number", subject, classes, severity="medium", explanation=CONTEXT_EXPLANATION)
            )
    return found


def _stated_in(quantity: Quantity, others: Sequence[Quantity]) -> bool:
    return any(_comparable_numbers(quantity, other) and _numbers_agree(quantity, other) for other in others)


def _context(text: str, quantity: Quantity, sentence: Span) -> frozenset[str]:
    before = text[sentence.start : quantity.span.start].split()[-CONTEXT_WORDS:]
    after = text[quantity.span.end : sentence.end].split()[:CONTEXT_WORDS]
    return content_stems(" ".join(before + after))
