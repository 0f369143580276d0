"""Provenance: which article is the original and which are copies, rewrites or translations.

For every pair of articles two measures are taken, each as "share of the derived article
that is found in the source":

- lexical reuse: word n-gram containment on normalised words (lower case, accents,
  punctuation and quote style dropped), where n-grams inside long shared runs count fully
  and isolated common phrases count for less (`text_reuse`);
- semantic alignment: the share of the derived article's claims whose closest claim in
  the source has a cosine of at least `ALIGN_COSINE`, from the embeddings analyze made.

Each unordered pair becomes one edge, oriented source -> derived (wire credit, signs of
translation, earlier publication, then coverage) and classified copy / rewrite /
translation / independent. Connected components over the non-independent edges are the
independence groups: the articles of one group count as one source.

This package owns the measures (`reuse.py`: lexical reuse; `measures.py`: profiles and
pairwise measures) and the decisions made here (edges, groups, the original). It may
import `model`, `config`, `resolve` and `ingest.wires`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from ...config import ProvenanceSettings
from ...model import EdgeKind, Provenance, ProvenanceEdge, Story
from ..ingest.wires import wire_phrase
from .measures import (
    _Measure,
    _measure_pairs,
    _Profile,
    _profile,
)
from .reuse import DECIMALS
from .reuse import text_reuse as text_reuse

# Lexical reuse from which a pair is a rewrite whatever its alignment: a third of an
# article's word 5-grams in long runs is never a coincidence.
REWRITE_REUSE_ALONE = 0.3
# Lexical reuse (quotations left out) a paraphrasing rewrite keeps at least: a few
# sentence-long runs. Independent reports of one event share only names and stock phrases,
# which the run weighting keeps far below it.
REWRITE_MIN_REUSE = 0.03
# Lexical reuse below which a semantically aligned pair can be a translation: a translated
# text shares names and numbers, not 5-word runs.
TRANSLATION_MAX_REUSE = 0.05
# Strength difference under which neither direction of a pair covers the other better.
COVERAGE_TIE = 0.02


# ---------------------------------------------------------------- lexical reuse


# ---------------------------------------------------------------- semantic alignment


# ---------------------------------------------------------------- credits and translation


# ---------------------------------------------------------------- pairs and edges


def _source_first(first: _Profile, second: _Profile, measures: dict[tuple[str, str], _Measure]) -> bool:
    """Whether `first` is the source of the pair: wire credit, translation, date, coverage.

    Args:
        first: one article of the pair.
        second: the other.
        measures: all ordered-pair measures.

    Returns:
        True when `first` should be the source, False when `second` should.
    """
    if (first.wire is None) != (second.wire is None):
        return first.wire is not None
    if first.republished != second.republished:
        return not first.republished
    if bool(first.translated) != bool(second.translated):
        return not first.translated
    if first.published and second.published and first.published != second.published:
        return first.published < second.published
    forward = measures[first.id, second.id].strength
    backward = measures[second.id, first.id].strength
    if abs(forward - backward) > COVERAGE_TIE:
        return forward > backward
    return (-first.words, first.id) <= (-second.words, second.id)


def _classify(measure: _Measure, derived: _Profile, settings: ProvenanceSettings) -> EdgeKind:
    """copy, rewrite, translation or independent for one oriented pair (see module doc)."""
    if measure.reuse >= settings.copy_reuse:
        return "copy"
    aligned = measure.alignment >= settings.rewrite_alignment
    if measure.reuse >= REWRITE_REUSE_ALONE or (aligned and measure.reuse >= REWRITE_MIN_REUSE):
        return "rewrite"
    if aligned and measure.reuse < TRANSLATION_MAX_REUSE and derived.translated:
        return "translation"
    return "independent"


def _edge(measure: _Measure, kind: EdgeKind) -> ProvenanceEdge:
    """The edge for a classified pair; paraphrase counts as reuse unless independent."""
    reuse = measure.reuse if kind == "independent" else measure.strength
    return ProvenanceEdge(measure.source, measure.derived, round(min(1.0, reuse), DECIMALS), kind)


def _common_source(measure: _Measure, linked: dict[tuple[str, str], float]) -> bool:
    """Whether a third article that both ends derive from, more strongly, explains the pair.

    Two rewrites of one wire story resemble each other only through the wire story; the
    pair is then not a derivation of one from the other.

    Args:
        measure: the pair, oriented.
        linked: strength of every non-independent edge, keyed (source, derived).

    Returns:
        True when some other article is a stronger source of both.
    """
    strength = measure.strength
    sources = {source for source, derived in linked if derived == measure.derived}
    return any(
        linked[source, measure.derived] > strength and linked.get((source, measure.source), 0.0) > strength
        for source in sources - {measure.source}
    )


def _compilations_derive(
    oriented: list[tuple[_Measure, EdgeKind]],
    profiles: dict[str, _Profile],
    measures: dict[tuple[str, str], _Measure],
    settings: ProvenanceSettings,
) -> list[tuple[_Measure, EdgeKind]]:
    """An article that shares text with two articles independent of each other took from both.

    Text overlap alone cannot tell which side of a pair is the source; but when X overlaps A
    and B, and A and B share nothing, X combined them (an aggregator merging two wires). The
    edges from X are turned round unless credits or dates already decided them.
    """
    independent = {frozenset((m.source, m.derived)) for m, kind in oriented if kind == "independent"}
    sources_of: dict[str, list[str]] = {}
    for measure, kind in oriented:
        if kind != "independent":
            sources_of.setdefault(measure.source, []).append(measure.derived)
    flip: set[tuple[str, str]] = set()
    for article, derived in sources_of.items():
        for a, b in itertools.combinations(derived, 2):
            if frozenset((a, b)) in independent:
                flip |= {
                    (article, other)
                    for other in (a, b)
                    if not _decided_by_metadata(profiles[article], profiles[other])
                }
    result = []
    for measure, kind in oriented:
        if (measure.source, measure.derived) in flip:
            turned = measures[measure.derived, measure.source]
            result.append((turned, _classify(turned, profiles[turned.derived], settings)))
        else:
            result.append((measure, kind))
    return result


def _decided_by_metadata(first: _Profile, second: _Profile) -> bool:
    """Whether wire credit, translation signs or publication dates orient the pair."""
    return (
        (first.wire is None) != (second.wire is None)
        or first.republished != second.republished
        or bool(first.translated) != bool(second.translated)
        or bool(first.published and second.published and first.published != second.published)
    )


def _build_edges(
    profiles: dict[str, _Profile], measures: dict[tuple[str, str], _Measure], settings: ProvenanceSettings
) -> list[ProvenanceEdge]:
    """One classified edge per unordered pair, siblings of a common source made independent.

    Args:
        profiles: article facts by id.
        measures: all ordered-pair measures.
        settings: the provenance thresholds.

    Returns:
        Derivation edges first (strongest first), then independent ones, each by ids.
    """
    oriented: list[tuple[_Measure, EdgeKind]] = []
    for first, second in itertools.combinations(sorted(profiles), 2):
        if not _source_first(profiles[first], profiles[second], measures):
            first, second = second, first
        measure = measures[first, second]
        oriented.append((measure, _classify(measure, profiles[second], settings)))
    oriented = _compilations_derive(oriented, profiles, measures, settings)
    linked = {(m.source, m.derived): m.strength for m, kind in oriented if kind != "independent"}
    edges = [
        _edge(m, "independent" if kind != "independent" and _common_source(m, linked) else kind)
        for m, kind in oriented
    ]
    return sorted(edges, key=lambda e: (e.kind == "independent", -e.reuse, e.source, e.derived))


def _groups(article_ids: Iterable[str], edges: Iterable[ProvenanceEdge]) -> tuple[tuple[str, ...], ...]:
    """Articles that count as one source: each derived article joins its strongest source only.

    An article that draws on two others does not make those two one source: they stay
    independent of each other, and the article counts with the one it took most from.
    """
    parent = {article_id: article_id for article_id in article_ids}

    def root(node: str) -> str:
        seen = set()
        while parent[node] != node and node not in seen:
            seen.add(node)
            node = parent[node]
        return node

    attached: set[str] = set()
    for edge in sorted(edges, key=lambda e: -e.reuse):
        if edge.kind != "independent" and edge.derived not in attached and root(edge.source) != edge.derived:
            attached.add(edge.derived)
            parent[edge.derived] = edge.source
    components: dict[str, list[str]] = {}
    for article_id in parent:
        components.setdefault(root(article_id), []).append(article_id)
    return tuple(sorted(tuple(sorted(members)) for members in components.values()))


# ---------------------------------------------------------------- the original


def _coverage(story: Story, article_id: str, measures: dict[tuple[str, str], _Measure]) -> float:
    """Share of all the other articles' claims that `article_id` has a close match for."""
    others = [analyzed for analyzed in story.articles if analyzed.id != article_id]
    total = sum(len(analyzed.embeddings) for analyzed in others)
    if total == 0:
        return 0.0
    matched = sum(measures[article_id, other.id].alignment * len(other.embeddings) for other in others)
    return matched / total


def _earliest(profiles: dict[str, _Profile]) -> str | None:
    """The one article published strictly before all others with a date (two dates at least)."""
    dated = sorted((p.published, p.id) for p in profiles.values() if p.published)
    if len(dated) < 2 or dated[0][0] == dated[1][0]:
        return None
    return dated[0][1]


def _reasons(
    chosen: _Profile, profiles: dict[str, _Profile], edges: Sequence[ProvenanceEdge], coverage: float
) -> tuple[str, ...]:
    """Human-readable reasons why `chosen` is taken as the original."""
    reasons: list[str] = []
    if chosen.wire:
        reasons.append(f"credited to {wire_phrase(chosen.wire)}")
    if _earliest(profiles) == chosen.id:
        reasons.append(f"earliest published ({chosen.published})")
    direct = sum(1 for e in edges if e.source == chosen.id and e.kind != "independent")
    if direct:
        reasons.append(f"{direct} of the {len(profiles) - 1} other articles derive from it")
    reasons.append(f"covers {round(coverage * 100)}% of what the others say")
    return tuple(reasons)


def _choose_original(
    story: Story,
    profiles: dict[str, _Profile],
    edges: Sequence[ProvenanceEdge],
    measures: dict[tuple[str, str], _Measure],
) -> tuple[str | None, tuple[str, ...]]:
    """The most likely original among the articles nothing is derived from, with reasons.

    Ranked by: credited to a wire service, earliest published, most articles derived
    directly from it, highest coverage of the others, id.

    Args:
        story: the story's articles.
        profiles: article facts by id.
        edges: the classified edges.
        measures: all ordered-pair measures.

    Returns:
        (original id, reasons), or (None, reason) when no article derives from another.
    """
    linked = [e for e in edges if e.kind != "independent"]
    if not linked:
        return None, ("no article derives from another",)
    derived = {e.derived for e in linked}
    involved = sorted({e.source for e in linked} | derived)
    roots = [article_id for article_id in involved if article_id not in derived] or involved
    coverage = {article_id: _coverage(story, article_id, measures) for article_id in roots}

    def rank(article_id: str) -> tuple[bool, bool, str, int, float, str]:
        profile = profiles[article_id]
        direct = sum(1 for e in linked if e.source == article_id)
        return (
            profile.wire is None,
            profile.republished,
            profile.published or "9999",
            -direct,
            -coverage[article_id],
            article_id,
        )

    chosen = min(roots, key=rank)
    return chosen, _reasons(profiles[chosen], profiles, edges, coverage[chosen])


# ---------------------------------------------------------------- public


def trace_provenance(story: Story, settings: ProvenanceSettings) -> Provenance:
    """Who copied whom in a story: the original, classified edges and independence groups.

    Uses the texts and the claim embeddings already in the story; loads no model.

    Args:
        story: the analyzed articles of one story.
        settings: n-gram size and the copy / rewrite thresholds.

    Returns:
        The Provenance: `original` (None when no article derives from another), one edge
        per pair of articles, the groups that count as one source each, and the reasons
        for the choice of original.
    """
    profiles = {analyzed.id: _profile(analyzed) for analyzed in story.articles}
    measures = _measure_pairs(story, settings.ngram)
    edges = _build_edges(profiles, measures, settings)
    original, reasons = _choose_original(story, profiles, edges, measures)
    groups = _groups(sorted(profiles), edges)
    return Provenance(original=original, edges=tuple(edges), groups=groups, reasons=reasons)


def independent_sources(provenance: Provenance, article_ids: Iterable[str]) -> int:
    """How many independent sources these articles are: their distinct groups.

    Args:
        provenance: the story's provenance.
        article_ids: the articles that support something (repeats are fine).

    Returns:
        The number of distinct groups among them; an article in no group counts alone.
    """
    group_of = {member: index for index, group in enumerate(provenance.groups) for member in group}
    return len({group_of.get(article_id, article_id) for article_id in set(article_ids)})


def originality(provenance: Provenance, article_id: str) -> float:
    """1 minus the largest share of this article taken from another one.

    Only copy, rewrite and translation edges count: an independent edge means the shared
    wording is not taken from the other article.

    Args:
        provenance: the story's provenance.
        article_id: the article to score.

    Returns:
        Originality in [0, 1], rounded to 3 decimals; 1.0 for an article derived from none.
    """
    taken = [e.reuse for e in provenance.edges if e.derived == article_id and e.kind != "independent"]
    return round(1.0 - max(taken, default=0.0), DECIMALS)
