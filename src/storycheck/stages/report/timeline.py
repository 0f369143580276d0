"""The report's timeline: one row per date the articles mention, background marked.

Part of the report stage (see report.py). Every claim carrying a day- or month-level date
(a year only when the claim has nothing finer) is a dated mention. All mentions of one
date make one row: its text is the shortest wording of the most widely reported event of
that date (claims whose embeddings are close, cosine >= EVENT_SIMILARITY, or that back one
fact, are one event), its articles the articles that report that event on that date, with one
span each. A date well before the story's reference date is background (context), not the story.

A row is disputed, and shows each version, when its articles disagree about the event (a
discrepancy lies in one of its sentences) or when other articles give the same event another
date (a claim of another date's event as close as EVENT_SIMILARITY, from another article).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ...model import (
    AnalyzedArticle,
    Claim,
    Discrepancy,
    Evidence,
    Fact,
    Span,
    Story,
    TimeExpr,
    TimelineEvent,
    TimelineVersion,
    Vector,
)
from ..analyze.datelines import dateline_end
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


def build_timeline(
    story: Story, facts: Sequence[Fact] = (), discrepancies: Sequence[Discrepancy] = ()
) -> tuple[TimelineEvent, ...]:
    """The story's dated events, one per date, sorted by date; disputed ones with each version."""
    by_date: dict[str, list[DatedClaim]] = {}
    for item in dated_claims(story, facts):
        by_date.setdefault(item.time.iso, []).append(item)
    mains = {iso: main_event(items) for iso, items in by_date.items()}
    contested = {
        (evidence.article, evidence.start, evidence.end): f"{discrepancy.id}:{number}"
        for discrepancy in discrepancies
        for number, value in enumerate(discrepancy.values)
        for evidence in value.evidence
    }
    rows = []
    for iso, main in mains.items():
        event = to_event(_largest_side(main, contested), story.reference_date)
        versions = _versions(iso, main, by_date, contested)
        if versions:
            event = replace(event, disputed=True, versions=versions)
        rows.append((main[0].time, event))
    rows.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[1].event))
    return tuple(event for _, event in rows)


def _versions(
    iso: str,
    main: Sequence[DatedClaim],
    by_date: dict[str, list[DatedClaim]],
    contested: dict[tuple[str, int, int], str],
) -> tuple[TimelineVersion, ...]:
    """Each version of a disputed event: this date's wordings when a discrepancy lies in one of
    them, and the other dates other articles give the same event."""
    sides = [_sides_held(item, contested) for item in main]
    in_dispute = len(set(sides)) > 1
    elsewhere = [
        (other_iso, matched)
        for other_iso, items in by_date.items()
        if other_iso != iso and (matched := _same_event_elsewhere(main, items))
    ]
    if not in_dispute and not elsewhere:
        return ()
    versions = _wordings(iso, main, sides) if in_dispute else [_wording(iso, main)]
    versions += [_wording(other_iso, other) for other_iso, other in elsewhere]
    return tuple(versions)


def _largest_side(main: Sequence[DatedClaim], contested: dict[tuple[str, int, int], str]) -> list[DatedClaim]:
    """The claims on the most widely reported side of any discrepancy inside the event: a row
    never credits the event to an article that contradicts it."""
    by_side: dict[tuple[str, ...], list[DatedClaim]] = {}
    for item in main:
        by_side.setdefault(_sides_held(item, contested), []).append(item)
    return max(by_side.values(), key=lambda members: (len({item.article for item in members}), len(members)))


def _sides_held(item: DatedClaim, contested: dict[tuple[str, int, int], str]) -> tuple[str, ...]:
    """The discrepancy values ("d3:0") whose evidence lies in this claim."""
    span = item.evidence
    return tuple(
        sorted(
            side
            for (article, start, end), side in contested.items()
            if article == item.article and span.start <= start and end <= span.end
        )
    )


def _same_event_elsewhere(main: Sequence[DatedClaim], items: Sequence[DatedClaim]) -> list[DatedClaim]:
    """Another date's claims that other articles word like this event, on a date that does not
    overlap this one (a day inside a month is the same date, less precise)."""
    time, other_time = main[0].time, items[0].time
    if time.start <= other_time.end and other_time.start <= time.end:
        return []
    articles = {item.article for item in main}
    return [
        candidate
        for candidate in items
        if candidate.article not in articles and any(similar(item, candidate) for item in main)
    ]


def _wording(iso: str, items: Sequence[DatedClaim]) -> TimelineVersion:
    shortest = min(items, key=lambda item: (len(item.text), item.text))
    return TimelineVersion(iso, trim(shortest.text, EVENT_CHARS), tuple(sorted({i.article for i in items})))


def _wordings(
    iso: str, items: Sequence[DatedClaim], sides: Sequence[tuple[str, ...]]
) -> list[TimelineVersion]:
    """One version per side of the discrepancies the claims hold: its shortest wording."""
    by_side: dict[tuple[str, ...], list[DatedClaim]] = {}
    for item, side in zip(items, sides, strict=True):
        by_side.setdefault(side, []).append(item)
    return [_wording(iso, members) for members in by_side.values()]


def claim_dates(analyzed: AnalyzedArticle, claim: Claim) -> list[TimeExpr]:
    """The claim's day/month dates, or its year dates when it has nothing finer."""
    times = [analyzed.times[index] for index in claim.times if 0 <= index < len(analyzed.times)]
    fine = [time for time in times if time.granularity in FINE_GRANULARITIES]
    return fine or [time for time in times if time.granularity == "year"]


def dated_claims(story: Story, facts: Sequence[Fact] = ()) -> list[DatedClaim]:
    """Every (claim, date) pair of the story, one date counted once per claim."""
    found: list[DatedClaim] = []
    for analyzed in story.articles:
        report_dated = dateline_end(analyzed.article.text)
        for index, claim in enumerate(analyzed.claims):
            vector = _vector(analyzed, index)
            backed = facts_in(analyzed.id, claim.span, facts)
            seen: set[str] = set()
            for time in claim_dates(analyzed, claim):
                if time.iso in seen or time.span.end <= report_dated:  # the dateline dates the report
                    continue
                if time.relative and story.reference_inferred:  # "Friday" of an undated story
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


def main_event(items: Sequence[DatedClaim]) -> list[DatedClaim]:
    """The claims of a date's most widely reported event."""
    return max(merge(items), key=lambda cluster: (len({item.article for item in cluster}), -len(cluster)))


def to_event(main: Sequence[DatedClaim], reference: dt.date) -> TimelineEvent:
    """One row for one date: the main event's shortest wording, its articles, a span each."""
    shortest = min(main, key=lambda item: (len(item.text), item.text))
    spans: dict[str, Evidence] = {}
    for item in sorted(main, key=lambda item: item.evidence.start):
        spans.setdefault(item.article, item.evidence)
    time = main[0].time
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
