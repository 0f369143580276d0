"""Report stage: turn a story's comparison and provenance into the StoryReport.

Pure: takes the Story, the resolved entities, what compare found and what provenance
traced, and returns a new StoryReport. It adds what needs the whole picture: how many
independent sources back each fact, the header (headline, brief, when, where), the
per-article scorecards and the timeline; it gives discrepancies short subjects and one
span per article and value; and it gives facts and discrepancies stable ids.

The package owns the brief (`brief.py`), discrepancy subjects (`findings.py`), the header
(`header.py`), where the story happened (`setting.py`) and the timeline (`timeline.py`).
May import `model` and the earlier stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from ...model import (
    Article,
    ArticleInfo,
    Comparison,
    Discrepancy,
    EntityIndex,
    Fact,
    InputProblem,
    Provenance,
    Scorecard,
    SingleSourceClaim,
    Story,
    StoryReport,
)
from ...version import __version__
from .findings import tidy_discrepancy
from .header import build_header
from .timeline import build_timeline

# Chance that one independent source alone gets a fact right; k independent sources give
# 1 - (1 - p)^k: 0.4, 0.64, 0.78, 0.87 for one to four. Modest on purpose: news outlets
# err, and one outlet repeating something is no proof of it.
SOURCE_WEIGHT = 0.4
# A copy or rewrite of an article already counted adds a tenth of a source: it shows the
# fact survived an editor's reading, not that anyone checked it again.
COPY_WEIGHT = 0.1
# Rounding of confidence and originality: three places keep JSON stable and readable.
SCORE_DIGITS = 3
# Severity rank for sorting: the worst first.
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
# Sort position of a fact the original does not carry: after every offset in it.
NOT_IN_ORIGINAL = 10**9


def build_report(
    story: Story,
    entities: EntityIndex,
    comparison: Comparison,
    provenance: Provenance,
    *,
    skipped: tuple[InputProblem, ...] = (),
) -> StoryReport:
    """Assemble the StoryReport of one story.

    Args:
        story: the analyzed articles and their reference date.
        entities: resolved entities (names places for `where`).
        comparison: facts, discrepancies, single-source claims and quotes from compare.
        provenance: derivation edges and independent-source groups.
        skipped: inputs that were read but skipped, listed in the report.

    Returns:
        The report, with facts ("f1"...) and discrepancies ("d1"...) renumbered in order.
    """
    groups = source_groups(story, provenance)
    discrepancies = order_discrepancies([tidy_discrepancy(item) for item in comparison.discrepancies])
    scored = tuple(score_fact(fact, groups) for fact in comparison.facts)
    facts = order_facts(scored, provenance.original)
    single_source = tuple(sorted(comparison.single_source, key=_single_key))
    return StoryReport(
        story=build_header(story, entities, facts, discrepancies, provenance, count_sources(groups)),
        articles=tuple(article_info(analyzed.article) for analyzed in story.articles),
        facts=facts,
        discrepancies=discrepancies,
        single_source=single_source,
        quotes=comparison.quotes,
        provenance=provenance,
        scorecards=build_scorecards(story, facts, discrepancies, single_source, provenance),
        timeline=build_timeline(story, facts, discrepancies),
        skipped=skipped,
        tool_version=_tool_version(),
        unresolved=comparison.unresolved,
    )


def _tool_version() -> str:
    """The package version."""
    return __version__


# ---------------------------------------------------------------- independence


def source_groups(story: Story, provenance: Provenance) -> dict[str, str]:
    """Map each article id to the key of its independent-source group.

    Articles that provenance put in one group share a key (the group's first id in sorted
    order); an article in no group is a source of its own.
    """
    keys = {analyzed.id: analyzed.id for analyzed in story.articles}
    for group in provenance.groups:
        if not group:
            continue
        key = min(group)
        for article_id in group:
            keys[article_id] = key
    return keys


def count_sources(groups: dict[str, str]) -> int:
    """Number of independent sources among the articles."""
    return len(set(groups.values()))


def independent_sources(articles: Sequence[str], groups: dict[str, str]) -> int:
    """Number of distinct source groups among `articles` (unknown ids count alone)."""
    return len({groups.get(article_id, article_id) for article_id in articles})


def fact_confidence(independent: int, support: int) -> float:
    """Confidence in [0, 1] of a fact backed by `independent` sources out of `support` articles.

    confidence = 1 - (1 - SOURCE_WEIGHT) ** (independent + COPY_WEIGHT * copies), where
    copies = support - independent. One source: 0.4; one wire story and three copies: 0.49;
    two independent outlets: 0.64; three: 0.78. No support: 0.
    """
    if independent <= 0:
        return 0.0
    copies = max(support - independent, 0)
    value = 1.0 - float((1.0 - SOURCE_WEIGHT) ** (independent + COPY_WEIGHT * copies))
    return round(min(max(value, 0.0), 1.0), SCORE_DIGITS)


def score_fact(fact: Fact, groups: dict[str, str]) -> Fact:
    """The fact with `independent_sources` and `confidence` filled in."""
    support = tuple(sorted(set(fact.support)))
    independent = independent_sources(support, groups)
    return Fact(
        id=fact.id,
        statement=fact.statement,
        kind=fact.kind,
        support=support,
        evidence=fact.evidence,
        independent_sources=independent,
        confidence=fact_confidence(independent, len(support)),
    )


# ---------------------------------------------------------------- ordering and ids


def position_in(fact: Fact, article_id: str | None) -> int:
    """Offset of the fact's first evidence in `article_id`, else after any such offset."""
    starts = [evidence.start for evidence in fact.evidence if evidence.article == article_id]
    if starts:
        return min(starts)
    others = [evidence.start for evidence in fact.evidence]
    return NOT_IN_ORIGINAL + (min(others) if others else 0)


def order_facts(facts: Sequence[Fact], original: str | None) -> tuple[Fact, ...]:
    """Rank facts (independent sources, support, position in the original) and number them."""
    ranked = sorted(
        facts,
        key=lambda fact: (
            -fact.independent_sources,
            -len(fact.support),
            position_in(fact, original),
            fact.statement,
        ),
    )
    return tuple(_with_id(fact, f"f{number}") for number, fact in enumerate(ranked, start=1))


def _with_id(fact: Fact, fact_id: str) -> Fact:
    return Fact(
        id=fact_id,
        statement=fact.statement,
        kind=fact.kind,
        support=fact.support,
        evidence=fact.evidence,
        independent_sources=fact.independent_sources,
        confidence=fact.confidence,
    )


def discrepancy_articles(discrepancy: Discrepancy) -> set[str]:
    """Every article that takes a side in the discrepancy."""
    return {article_id for value in discrepancy.values for article_id in value.articles}


def order_discrepancies(discrepancies: Sequence[Discrepancy]) -> tuple[Discrepancy, ...]:
    """Sort by severity, then articles involved (most first), then subject; number "d1"..."""
    ranked = sorted(
        discrepancies,
        key=lambda item: (
            SEVERITY_RANK.get(item.severity, len(SEVERITY_RANK)),
            -len(discrepancy_articles(item)),
            item.kind,
            item.subject,
            tuple(value.value for value in item.values),
        ),
    )
    return tuple(
        Discrepancy(
            id=f"d{number}",
            kind=item.kind,
            subject=item.subject,
            severity=item.severity,
            values=item.values,
            explanation=item.explanation,
        )
        for number, item in enumerate(ranked, start=1)
    )


def _single_key(claim: SingleSourceClaim) -> tuple[str, int, str]:
    return (claim.article, claim.evidence.start, claim.statement)


# ---------------------------------------------------------------- articles and scorecards


def article_info(article: Article) -> ArticleInfo:
    """ArticleInfo (published as ISO) of an Article."""
    return ArticleInfo(
        id=article.id,
        words=article.words,
        title=article.title,
        outlet=article.outlet or outlet_of(article.url),
        byline=article.byline,
        published=article.published.isoformat() if article.published else None,
        language=article.language,
        location=article.location,
        text=article.text,
        url=article.url,
    )


def outlet_of(url: str | None) -> str | None:
    """The site an http(s) URL names ("https://www.example.org/a" -> "example.org")."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def contradicted_articles(discrepancy: Discrepancy) -> set[str]:
    """Articles on a minority side: outside the largest value group, or all when it ties."""
    sizes = [len(set(value.articles)) for value in discrepancy.values]
    if not sizes:
        return set()
    largest = max(sizes)
    if sizes.count(largest) > 1:
        return discrepancy_articles(discrepancy)
    return {
        article_id
        for value, size in zip(discrepancy.values, sizes, strict=True)
        if size < largest
        for article_id in value.articles
    }


def originality(article_id: str, provenance: Provenance) -> float:
    """1 - the largest share of the article derived from another (independent edges aside)."""
    reuse = [
        edge.reuse for edge in provenance.edges if edge.derived == article_id and edge.kind != "independent"
    ]
    value = 1.0 - max(reuse, default=0.0)
    return round(min(max(value, 0.0), 1.0), SCORE_DIGITS)


def build_scorecards(
    story: Story,
    facts: Sequence[Fact],
    discrepancies: Sequence[Discrepancy],
    single_source: Sequence[SingleSourceClaim],
    provenance: Provenance,
) -> tuple[Scorecard, ...]:
    """One Scorecard per article, in story order."""
    contradicted = [contradicted_articles(item) for item in discrepancies]
    return tuple(
        Scorecard(
            article=analyzed.id,
            corroborated=sum(1 for fact in facts if analyzed.id in fact.support),
            contradicted=sum(1 for losers in contradicted if analyzed.id in losers),
            single_source=sum(1 for claim in single_source if claim.article == analyzed.id),
            originality=originality(analyzed.id, provenance),
        )
        for analyzed in story.articles
    )
