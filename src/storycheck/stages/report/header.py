"""The report's story header: headline, cited brief, when and where.

Part of the report stage (see report.py); pure functions of the story and the ranked
facts. The brief is written by report_brief, the place and date by report_setting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ...model import AnalyzedArticle, Discrepancy, EntityIndex, Fact, Provenance, Story, StoryHeader
from .brief import write_brief
from .setting import main_date, main_place

# Headline fallback when no article has a title or a sentence.
UNTITLED = "Untitled story"
# Longest headline taken from a first sentence: a headline, not a paragraph.
HEADLINE_CHARS = 160


def build_header(
    story: Story,
    entities: EntityIndex,
    facts: Sequence[Fact],
    discrepancies: Sequence[Discrepancy],
    provenance: Provenance,
    sources: int,
) -> StoryHeader:
    """The StoryHeader from the ranked facts; `sources` = independent sources in the story."""
    return StoryHeader(
        headline=choose_headline(story, provenance, facts),
        summary=write_brief(story, facts, discrepancies, provenance.original, sources),
        when=main_date(story),
        where=main_place(story, entities),
        reference_date=None if story.reference_inferred else story.reference_date.isoformat(),
        reference_inferred=story.reference_inferred,
    )


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


def _clean(text: str) -> str:
    return " ".join(text.split())


def _trim(text: str, limit: int) -> str:
    """Cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
