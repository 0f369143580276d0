"""The report's timeline: one event per distinct dated event the articles mention.

Part of the report stage (see report.py). Every claim carrying a day- or month-level date
(a year only when the claim has nothing finer) is a dated mention; mentions of one date
whose claims say the same thing (cosine of their embeddings >= EVENT_SIMILARITY) merge
into one event reported by several articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import AnalyzedArticle, Claim, Evidence, Fact, Span, Story, TimeExpr, TimelineEvent, Vector

# Claims about one date at least this similar describe the same event (MiniLM cosine: 0.6
# joins paraphrases of one sentence, keeps apart two things that happened the same day).
EVENT_SIMILARITY = 0.6
# Longest event text: one line of a timeline, about a tweet's worth.
EVENT_CHARS = 160
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
    """The story's dated events, merged across articles and sorted by date.

    Two claims of one date are one event when their embeddings are close or when they
    back the same fact (compare aligned them already).
    """
    by_date: dict[str, list[DatedClaim]] = {}
    for item in dated_claims(story, facts):
        by_date.setdefault(item.time.iso, []).append(item)
    events = [(items[0].time, merge(items)) for items in by_date.values()]
    clusters = [(time, cluster) for time, groups in events for cluster in groups]
    made = [(time, to_event(time.iso, cluster)) for time, cluster in clusters]
    made.sort(key=lambda pair: _event_key(pair[0], pair[1]))
    return tuple(event for _, event in made)


def _event_key(time: TimeExpr, event: TimelineEvent) -> tuple[dt.date, dt.date, int, str]:
    return (time.start, time.end, -len(event.articles), event.event)


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
                text = _clean(claim.span.text)
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
    return embeddings[index]


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


def to_event(date: str, cluster: Sequence[DatedClaim]) -> TimelineEvent:
    """One TimelineEvent: the shortest sentence, every article, every span."""
    shortest = min(cluster, key=lambda item: (len(item.text), item.text))
    evidence = tuple(dict.fromkeys(item.evidence for item in cluster))
    return TimelineEvent(
        date=date,
        event=trim(shortest.text, EVENT_CHARS),
        articles=tuple(sorted({item.article for item in cluster})),
        evidence=tuple(sorted(evidence, key=lambda ev: (ev.article, ev.start))),
    )


def trim(text: str, limit: int) -> str:
    """Cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _clean(text: str) -> str:
    return " ".join(text.split())
