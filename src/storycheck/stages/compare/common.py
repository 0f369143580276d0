"""Shared pieces of the comparison: slot items, value classes, claim-pair iteration."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

from ...model import (
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    DiscrepancyKind,
    DiscrepancyValue,
    Evidence,
    Severity,
    Span,
    Story,
)

T = TypeVar("T")

# Two claims of one group are compared slot by slot only when they are this similar
# themselves: union-find can chain claims that are not about the same thing.
PAIR_SIMILARITY = 0.55
# Subjects are shown in cards and terminal lines: keep them to one line.
SUBJECT_CHARS = 90


@dataclass(frozen=True)
class Item(Generic[T]):
    """One slot value (a number, a date, a place...) as one article states it."""

    article: str
    value: T
    label: str  # what a reader sees: "up to 4,500 troops"
    normalized: str  # the comparable form: "<=4500 troop"
    span: Span


def claim_similarity(story: Story, a: ClaimRef, b: ClaimRef) -> float:
    """Cosine of two claims' MiniLM embeddings (they are unit vectors)."""
    return float(story.by_id(a.article).embeddings[a.index] @ story.by_id(b.article).embeddings[b.index])


def similar_claim_pairs(story: Story, threshold: float) -> Iterator[tuple[ClaimRef, ClaimRef]]:
    """Claim pairs of different articles whose cosine is at least `threshold`, found with one
    matrix product per pair of articles (not a Python loop over every pair of claims)."""
    articles = [a for a in story.articles if a.embeddings.ndim == 2 and len(a.embeddings)]
    for i, first in enumerate(articles):
        for second in articles[i + 1 :]:
            for a, b in np.argwhere(first.embeddings @ second.embeddings.T >= threshold):
                yield ClaimRef(first.id, int(a)), ClaimRef(second.id, int(b))


def claim_pairs(story: Story, group: ClaimGroup) -> Iterator[tuple[ClaimRef, ClaimRef]]:
    """Pairs of a group's claims from different articles that are similar enough to compare."""
    members = group.members
    for i, left in enumerate(members):
        for right in members[i + 1 :]:
            if left.article != right.article and claim_similarity(story, left, right) >= PAIR_SIMILARITY:
                yield left, right


def conflicts(
    left: Sequence[Item[T]], right: Sequence[Item[T]], agree: Callable[[T, T], bool]
) -> list[Item[T]]:
    """The items of each side that agree with nothing on the other side, when both sides have some."""
    lonely_left = [x for x in left if not any(agree(x.value, y.value) for y in right)]
    lonely_right = [y for y in right if not any(agree(x.value, y.value) for x in left)]
    if lonely_left and lonely_right:
        return [*lonely_left, *lonely_right]
    return []


def value_classes(items: Sequence[Item[T]], agree: Callable[[T, T], bool]) -> list[list[Item[T]]]:
    """Split items into classes whose members all agree with each other (greedy, in order)."""
    classes: list[list[Item[T]]] = []
    for item in items:
        home = next((c for c in classes if all(agree(item.value, other.value) for other in c)), None)
        if home is None:
            classes.append([item])
        else:
            home.append(item)
    return classes


def discrepancy(
    kind: DiscrepancyKind,
    subject: str,
    classes: Sequence[Sequence[Item[T]]],
    *,
    severity: Severity,
    explanation: str,
) -> Discrepancy:
    """A Discrepancy with one value per class, the most supported first."""
    ordered = sorted(classes, key=lambda c: (-len({i.article for i in c}), c[0].article))
    values = tuple(_value(c) for c in ordered)
    return Discrepancy(
        id="",
        kind=kind,
        subject=shorten(subject),
        severity=severity,
        values=values,
        explanation=explanation,
    )


def _value(items: Sequence[Item[T]]) -> DiscrepancyValue:
    first = items[0]
    articles = tuple(sorted({item.article for item in items}))
    seen: set[tuple[str, int, int]] = set()
    evidence = []
    for item in items:
        key = (item.article, item.span.start, item.span.end)
        if key not in seen:
            seen.add(key)
            evidence.append(Evidence.of(item.article, item.span))
    return DiscrepancyValue(
        value=first.label, normalized=first.normalized, articles=articles, evidence=tuple(evidence)
    )


def shorten(text: str, limit: int = SUBJECT_CHARS) -> str:
    """One line of at most `limit` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def claim_span(story: Story, ref: ClaimRef) -> Span:
    return story.by_id(ref.article).claims[ref.index].span


def dedupe(found: Sequence[Discrepancy]) -> list[Discrepancy]:
    """Merge discrepancies that oppose the same values (found through several claim pairs)."""
    merged: dict[tuple[str, frozenset[str]], Discrepancy] = {}
    for item in found:
        key = (item.kind, frozenset(v.normalized or v.value for v in item.values))
        if key in merged:
            merged[key] = _merge(merged[key], item)
        else:
            merged[key] = item
    return list(merged.values())


def without_restatements(found: Sequence[Discrepancy]) -> list[Discrepancy]:
    """Drop a discrepancy that restates an earlier one of its kind: every span it cites lies
    on a span the earlier one cites in the same article (the detectors run in order of how
    much they explain, so the first keeps its subject and explanation)."""
    kept: list[Discrepancy] = []
    for item in found:
        spans = [e for value in item.values for e in value.evidence]
        restated = any(
            other.kind == item.kind
            and all(any(_overlap(span, e) for v in other.values for e in v.evidence) for span in spans)
            for other in kept
        )
        if not restated:
            kept.append(item)
    return kept


def _overlap(a: Evidence, b: Evidence) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def _merge(a: Discrepancy, b: Discrepancy) -> Discrepancy:
    by_norm = {v.normalized or v.value: v for v in a.values}
    for value in b.values:
        key = value.normalized or value.value
        if key in by_norm:
            old = by_norm[key]
            evidence = tuple(dict.fromkeys((*old.evidence, *value.evidence)))
            articles = tuple(sorted({*old.articles, *value.articles}))
            by_norm[key] = DiscrepancyValue(old.value, old.normalized, articles, evidence)
    values = tuple(sorted(by_norm.values(), key=lambda v: (-len(v.articles), v.articles)))
    return Discrepancy(a.id, a.kind, a.subject, a.severity, values, a.explanation)


def collect_classes(
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


def group_subject(story: Story, group: ClaimGroup, prefix: str) -> str:
    return f"{prefix}: {claim_span(story, group.members[0]).text}"
