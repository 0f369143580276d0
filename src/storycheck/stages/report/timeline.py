"""The report's timeline: one row per date the articles mention, background marked.

Part of the report stage (see report.py). Every claim carrying a day- or month-level date
(a year only when the claim has nothing finer) is a dated mention. All mentions of one
date make one row: its text is the shortest wording of the most widely reported event of
that date (claims whose embeddings are close, cosine >= EVENT_SIMILARITY, or that back one
fact, are one event), its articles every article that gives the date, with one span each.
A date well before the story's reference date is background (context), not the story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...model import AnalyzedArticle, Claim, Evidence, Fact, Span, Story, TimeExpr, TimelineEvent, Vector
from .setting import is_background

# Claims about one date at least this similar describe the same event (MiniLM cosine: 0.6
# joins paraphrases of one sentence, keeps apart two things that happened the same day).
EVENT_SIMILARITY = 0.6
# Longest event text: one line of a timeline, about a tweet's worth.
EVENT_CHARS = 160
# List bullets at the start of a claim: furniture, not part of the event.
BULLET = re.compile(r"^\s*(?:[-–—•*·]+|\d+[.)])\s+")
# Granularities precise enough to place an event; "year" only when a claim has no finer one.
FINE_GRANULARITIES = ("day", "month")


@dataclass(frozen=True, eq=False)
class DatedClaim:
    """One claim of one article that carries one date."""

    time: TimeExpr
    article: str
    text: str
    evidence: Evidence
    vector: Vector | None
    facts: frozenset[str] = frozenset()  # ids of the facts whose evidence lies in this claim


def build_timeline(story: Story, facts: Sequence[Fact] = ()) -> tuple[TimelineEvent, ...]:
    """The story's dated events, one per date, sorted by date."""
    by_date: dict[str, list[DatedClaim]] = {}
    for item in dated_claims(story, facts):
        by_date.setdefault(item.time.iso, []).append(item)
    rows = [(items[0].time, to_event(items, story.reference_date)) for items in by_date.values()]
    rows.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[1].event))
    return tuple(event for _, event in rows)


def claim_dates(analyzed: AnalyzedArticle, claim: Claim) -> list[TimeExpr]:
    """The claim's day/month dates, or its year dates when it has nothing finer."""
    times = [analyzed.times[index] for index in claim.times if 0 <= index < len(analyzed.times)]
    fine = [time for time in times if time.granularity in FINE_GRANULARITIES]
    return fine or [time for time in times if time.granularity == "year"]


def dated_claims(story: Story, facts: Sequence[Fact] = ()) -> list[DatedClaim]:
    """Every (claim, date) pair of the story, one date counted once per claim."""
    found: list[DatedClaim] = []
    for analyzed in story.articles:
        for index, claim in enumerate(analyzed.claims):
            vector = _vector(analyzed, index)
            backed = facts_in(analyzed.id, claim.span, facts)
            seen: set[str] = set()
            for time in claim_dates(analyzed, claim):
                if time.iso in seen:
                    continue
                seen.add(time.iso)
                evidence = Evidence.of(analyzed.id, claim.span)
                text = BULLET.sub("", _clean(claim.span.text))
                found.append(DatedClaim(time, analyzed.id, text, evidence, vector, backed))
    return found


def facts_in(article_id: str, span: Span, facts: Sequence[Fact]) -> frozenset[str]:
    """Ids of the facts with evidence inside `span` of the article."""
    return frozenset(
        fact.id
        for fact in facts
        for evidence in fact.evidence
        if evidence.article == article_id and evidence.start < span.end and span.start < evidence.end
    )


def _vector(analyzed: AnalyzedArticle, index: int) -> Vector | None:
    embeddings = analyzed.embeddings
    if embeddings.ndim != 2 or index >= embeddings.shape[0]:
        return None
    vector: Vector = embeddings[index]
    return vector


def similar(first: DatedClaim, second: DatedClaim) -> bool:
    """True when two claims say the same thing (same text, or close embeddings)."""
    if first.text.lower() == second.text.lower() or first.facts & second.facts:
        return True
    if first.vector is None or second.vector is None or first.vector.shape != second.vector.shape:
        return False
    return float(np.dot(first.vector, second.vector)) >= EVENT_SIMILARITY


def merge(items: Sequence[DatedClaim]) -> list[list[DatedClaim]]:
    """Single-link clusters of one date's claims: each joins every cluster it is similar to."""
    clusters: list[list[DatedClaim]] = []
    for item in items:
        linked = [cluster for cluster in clusters if any(similar(item, other) for other in cluster)]
        joined = [member for cluster in linked for member in cluster] + [item]
        clusters = [cluster for cluster in clusters if all(cluster is not hit for hit in linked)] + [joined]
    return clusters


def to_event(items: Sequence[DatedClaim], reference: dt.date) -> TimelineEvent:
    """One row for one date: the main event's shortest wording, every article, a span each."""
    main = max(merge(items), key=lambda cluster: (len({item.article for item in cluster}), -len(cluster)))
    shortest = min(main, key=lambda item: (len(item.text), item.text))
    spans: dict[str, Evidence] = {}
    for item in sorted(
        items, key=lambda item: (all(item is not other for other in main), item.evidence.start)
    ):
        spans.setdefault(item.article, item.evidence)
    time = items[0].time
    return TimelineEvent(
        date=time.iso,
        event=trim(shortest.text, EVENT_CHARS),
        articles=tuple(sorted(spans)),
        evidence=tuple(sorted(spans.values(), key=lambda ev: (ev.article, ev.start))),
        background=is_background(time, reference),
    )


def trim(text: str, limit: int) -> str:
    """Cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _clean(text: str) -> str:
    return " ".join(text.split())
