"""The report's story header: headline, cited brief, when and where.

Part of the report stage (see report.py); pure functions of the story and the ranked
facts. Facts arrive already ranked (independent sources, support, position in the
original), so "top facts" are simply the first ones.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import cast

from ..model import (
    AnalyzedArticle,
    Discrepancy,
    EntityIndex,
    Evidence,
    Fact,
    MentionRef,
    Provenance,
    Story,
    StoryHeader,
    TimeExpr,
)

# A brief shorter than three sentences says too little; longer than six is no longer a brief.
BRIEF_MIN = 3
BRIEF_MAX = 6
# Facts whose dates and places describe the main event: the best-corroborated handful.
TOP_FACTS = 6
# Entity labels that name a place.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Date granularities tried for `when`, finest first (a day beats a month).
WHEN_GRANULARITIES = ("day", "month", "year")
# Headline fallback when no article has a title or a sentence.
UNTITLED = "Untitled story"
# Longest headline taken from a first sentence: a headline, not a paragraph.
HEADLINE_CHARS = 160
# Sentence-final characters; a statement without one gets a full stop.
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")

Contains = Callable[[str, str], bool]


def build_header(
    story: Story,
    entities: EntityIndex,
    facts: Sequence[Fact],
    discrepancies: Sequence[Discrepancy],
    provenance: Provenance,
    sources: int,
) -> StoryHeader:
    """The StoryHeader from the ranked facts; `sources` = independent sources in the story."""
    top = facts[:TOP_FACTS]
    return StoryHeader(
        headline=choose_headline(story, provenance, facts),
        summary=write_brief(facts, discrepancies, len(story.articles), sources),
        when=main_date(story, top),
        where=main_place(story, entities, top),
        reference_date=story.reference_date.isoformat(),
        reference_inferred=story.reference_inferred,
    )


# ---------------------------------------------------------------- headline


def choose_headline(story: Story, provenance: Provenance, facts: Sequence[Fact]) -> str:
    """The original's title, else the most representative title, else a first sentence."""
    titles = {a.id: _clean(a.article.title or "") for a in story.articles if _clean(a.article.title or "")}
    if provenance.original in titles:
        return titles[provenance.original]
    if titles:
        return representative(list(titles.values()))
    covered = most_covered(story, facts)
    if covered is None:
        return UNTITLED
    sentences = [span.text for span in covered.sentences if span.text.strip()]
    first = sentences[0] if sentences else covered.article.text
    return _trim(_clean(first), HEADLINE_CHARS) or UNTITLED


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def representative(titles: Sequence[str]) -> str:
    """The title sharing most words with the others (Jaccard, summed); first on ties."""

    def score(index: int) -> float:
        mine = _words(titles[index])
        total = 0.0
        for other, title in enumerate(titles):
            theirs = _words(title)
            if other != index and (mine | theirs):
                total += len(mine & theirs) / len(mine | theirs)
        return total

    best = max(range(len(titles)), key=lambda index: (score(index), -index))
    return titles[best]


def most_covered(story: Story, facts: Sequence[Fact]) -> AnalyzedArticle | None:
    """The article that supports the most facts (story order breaks ties)."""
    if not story.articles:
        return None
    counts = Counter(article_id for fact in facts for article_id in fact.support)
    order = {analyzed.id: index for index, analyzed in enumerate(story.articles)}
    return max(story.articles, key=lambda analyzed: (counts[analyzed.id], -order[analyzed.id]))


# ---------------------------------------------------------------- brief


def contradicted(fact: Fact, discrepancies: Sequence[Discrepancy]) -> bool:
    """True when any of the fact's spans overlaps a span a discrepancy disputes."""
    disputed = [ev for item in discrepancies for value in item.values for ev in value.evidence]
    return any(overlaps(mine, theirs) for mine in fact.evidence for theirs in disputed)


def overlaps(first: Evidence, second: Evidence) -> bool:
    """True when two evidence spans share characters of the same article."""
    return first.article == second.article and first.start < second.end and second.start < first.end


def brief_facts(facts: Sequence[Fact], discrepancies: Sequence[Discrepancy]) -> list[Fact]:
    """Up to BRIEF_MAX uncontested facts: those with two or more independent sources,
    topped up to BRIEF_MIN with the next best. `facts` are ranked already."""
    chosen: list[Fact] = []
    seen: set[str] = set()
    for fact in facts:
        key = _clean(fact.statement).lower()
        if not key or key in seen or contradicted(fact, discrepancies):
            continue
        if fact.independent_sources < 2 and len(chosen) >= BRIEF_MIN:
            break
        seen.add(key)
        chosen.append(fact)
        if len(chosen) == BRIEF_MAX:
            break
    return chosen


def cite(fact: Fact) -> str:
    """The fact as a sentence followed by its citations: "Text. [001, 003]"."""
    sentence = _clean(fact.statement)
    if not sentence.endswith(SENTENCE_END):
        sentence += "."
    return f"{sentence} [{', '.join(sorted(set(fact.support)))}]"


def write_brief(
    facts: Sequence[Fact], discrepancies: Sequence[Discrepancy], articles: int, sources: int
) -> str:
    """The cited brief, closed by one sentence on how many independent sources there are."""
    sentences = [cite(fact) for fact in brief_facts(facts, discrepancies)]
    if not sentences:
        sentences.append("No uncontested fact is reported by more than one article.")
    sentences.append(sources_sentence(articles, sources))
    return " ".join(sentences)


def sources_sentence(articles: int, sources: int) -> str:
    """ "The 5 articles amount to 2 independent sources." """
    if articles == 1:
        return "The story rests on a single article, one independent source."
    noun = "source" if sources == 1 else "sources"
    return f"The {articles} articles amount to {sources} independent {noun}."


# ---------------------------------------------------------------- when and where


def fact_claims(story: Story, fact: Fact) -> Iterable[tuple[AnalyzedArticle, int]]:
    """(article, claim index) of every claim that a fact's evidence overlaps."""
    for evidence in fact.evidence:
        analyzed = _find(story, evidence.article)
        if analyzed is None:
            continue
        for index, claim in enumerate(analyzed.claims):
            if claim.span.start < evidence.end and evidence.start < claim.span.end:
                yield analyzed, index


def _find(story: Story, article_id: str) -> AnalyzedArticle | None:
    return next((analyzed for analyzed in story.articles if analyzed.id == article_id), None)


def _all_claims(story: Story) -> Iterable[tuple[AnalyzedArticle, int]]:
    for analyzed in story.articles:
        for index in range(len(analyzed.claims)):
            yield analyzed, index


def claim_times(claims: Iterable[tuple[AnalyzedArticle, int]]) -> list[tuple[str, TimeExpr]]:
    """(article id, TimeExpr) of the claims, without repeats."""
    found: dict[tuple[str, int], TimeExpr] = {}
    for analyzed, index in claims:
        for time_index in analyzed.claims[index].times:
            if 0 <= time_index < len(analyzed.times):
                found[(analyzed.id, time_index)] = analyzed.times[time_index]
    return [(key[0], time) for key, time in found.items()]


def main_date(story: Story, top: Sequence[Fact]) -> str | None:
    """ISO date of the main event: the finest date most articles give in the top facts."""
    times = claim_times(claim for fact in top for claim in fact_claims(story, fact))
    for pool in (times, claim_times(_all_claims(story))):
        for granularity in WHEN_GRANULARITIES:
            found = [(article_id, time.iso) for article_id, time in pool if time.granularity == granularity]
            if found:
                return _most_common(iso for _, iso in dict.fromkeys(found))
    return None


def claim_places(
    claims: Iterable[tuple[AnalyzedArticle, int]], entities: EntityIndex
) -> list[tuple[str, str]]:
    """(article id, place name) of the GPE/LOC mentions in the claims, without repeats."""
    found: dict[tuple[str, str], None] = {}
    for analyzed, index in claims:
        for mention_index in analyzed.claims[index].mentions:
            if not 0 <= mention_index < len(analyzed.mentions):
                continue
            mention = analyzed.mentions[mention_index]
            if mention.label in PLACE_LABELS:
                found[(analyzed.id, place_name(analyzed.id, mention_index, mention.span.text, entities))] = None
    return list(found)


def place_name(article_id: str, index: int, surface: str, entities: EntityIndex) -> str:
    """The resolved entity's name for a mention, else its text as written."""
    entity_id = entities.by_mention.get(MentionRef(article_id, index))
    if entity_id is None:
        return _clean(surface)
    try:
        return entities.entity(entity_id).name
    except KeyError:
        return _clean(surface)


def main_place(story: Story, entities: EntityIndex, top: Sequence[Fact]) -> str | None:
    """The place most articles cite in the top facts, narrowed to a place it contains."""
    places = claim_places((claim for fact in top for claim in fact_claims(story, fact)), entities)
    if not places:
        places = claim_places(_all_claims(story), entities)
    counts = Counter(name for _, name in places if name)
    if not counts:
        return None
    best = _most_common(name for _, name in places if name)
    return narrow(best, counts, gazetteer_contains())


def narrow(best: str, counts: Counter[str], contains: Contains | None) -> str:
    """Follow containment down: the most cited place inside `best`, and so on."""
    if contains is None:
        return best
    visited = {best}
    while True:
        inner = [name for name in counts if name not in visited and contains(best, name)]
        if not inner:
            return best
        best = max(inner, key=lambda name: (counts[name], name))
        visited.add(best)


def gazetteer_contains() -> Contains | None:
    """`storycheck.gazetteer.contains(outer, inner)` when that module provides it."""
    try:
        module = importlib.import_module("storycheck.gazetteer")
    except ImportError:
        return None
    contains = getattr(module, "contains", None)
    return cast(Contains, contains) if callable(contains) else None


def _most_common(values: Iterable[str]) -> str:
    """The most frequent value; the first seen wins ties."""
    counts: Counter[str] = Counter()
    for value in values:
        counts[value] += 1
    return max(counts, key=lambda value: counts[value])


def _clean(text: str) -> str:
    return " ".join(text.split())


def _trim(text: str, limit: int) -> str:
    """Cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
