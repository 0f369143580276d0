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
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..config import ProvenanceSettings
from ..model import AnalyzedArticle, EdgeKind, Provenance, ProvenanceEdge, Story, Vector
from .ingest.wires import wire_credit, wire_phrase
from .resolve import name_key

# MiniLM cosine above which two claims say the same thing in other words: paraphrases and
# translations of one sentence score about 0.7-0.95, different statements about one event
# about 0.2-0.6 (a little below the ~0.75 first planned, which missed real rewrites).
ALIGN_COSINE = 0.7
# Words in a shared run for its n-grams to count fully: about one news clause. A shorter
# run (a name, a stock phrase) counts in proportion to its length.
LONG_RUN = 12
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
# Decimals kept in reuse values: enough to compare, short enough to read.
DECIMALS = 3

_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
# A direct quotation on one line, curly or straight; longer ones are not quotations.
_QUOTATION = re.compile(r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"")
_WORD = re.compile(r"\w+")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "Tuesday (March 4th)": a date in parentheses after a weekday is how Chinese, Japanese
# and Korean news states dates ("星期二（3月4日）"); English newsrooms do not write it.
_WEEKDAY_PAREN_DATE = re.compile(
    rf"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*[(（]\s*(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})\s*[)）]"
)
# Full-width punctuation or CJK / kana / Hangul characters left over from a source text.
_CJK_LEFTOVER = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff01-\uff60]")


@dataclass(frozen=True)
class _Profile:
    """What provenance needs to know about one article beyond its text."""

    id: str
    wire: str | None
    published: str | None  # ISO date, so it sorts
    republished: bool  # credits a wire but is published by another outlet (a syndicated copy)
    translated: tuple[str, ...]  # signs of translation found in the text
    words: int


@dataclass(frozen=True)
class _Measure:
    """How much of `derived` is found in `source`."""

    source: str
    derived: str
    reuse: float  # lexical, 0..1
    alignment: float  # semantic, 0..1

    @property
    def strength(self) -> float:
        return max(self.reuse, self.alignment)


# ---------------------------------------------------------------- lexical reuse


def _words(text: str, *, quotes: bool = True) -> list[str]:
    """Lower-case words of `text` with accents, apostrophes, quotes and punctuation dropped.

    Args:
        text: any text.
        quotes: keep the words of direct quotations; when False they are left out.

    Returns:
        The normalised words in order.
    """
    if not quotes:
        text = _QUOTATION.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(_APOSTROPHES.sub("", plain.lower()))


def _ngrams(words: Sequence[str], ngram: int) -> list[tuple[str, ...]]:
    """The word n-grams of `words` in order; the whole text when it is shorter than n."""
    size = min(ngram, len(words))
    if size == 0:
        return []
    return [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]


def _run_weights(matched: Sequence[bool], size: int, total_words: int) -> list[float]:
    """Weight of each matched n-gram: the length of its shared run over `LONG_RUN`, at most 1.

    Args:
        matched: for each n-gram position of the derived text, whether the source has it.
        size: the n-gram size used.
        total_words: words in the derived text (a text shorter than a long run that is
            copied whole still counts fully).

    Returns:
        One weight per matched position, in position order.
    """
    full = max(1, min(LONG_RUN, total_words))
    weights: list[float] = []
    for is_match, group in itertools.groupby(matched):
        if is_match:
            count = len(list(group))
            run_words = count + size - 1
            weights.extend([min(1.0, run_words / full)] * count)
    return weights


def _reuse_of_words(source_words: Sequence[str], derived_words: Sequence[str], ngram: int) -> float:
    """`text_reuse` on texts already split into normalised words."""
    grams = _ngrams(derived_words, ngram)
    if not grams:
        return 0.0
    size = len(grams[0])
    source_grams = set(_ngrams(source_words, size))
    matched = [gram in source_grams for gram in grams]
    weights = _run_weights(matched, size, len(derived_words))
    return round(min(1.0, sum(weights) / len(grams)), DECIMALS)


def text_reuse(source: str, derived: str, *, ngram: int = 5, quotes: bool = True) -> float:
    """Share of `derived`'s word n-grams that are found in `source`, long runs weighted up.

    Words are normalised (lower case, accents, punctuation and curly or straight quotes
    dropped). A matched n-gram counts fully inside a shared run of `LONG_RUN` words or
    more and in proportion to the run's length below that, so scattered stock phrases
    weigh less than copied sentences.

    Args:
        source: the text that may have been copied from.
        derived: the text that may be a copy.
        ngram: n-gram size in words.
        quotes: count the words of direct quotations; False leaves them out, since
            independent reporters quote a speaker word for word too.

    Returns:
        Reuse in [0, 1], rounded to 3 decimals; 0.0 when `derived` has no words.
    """
    return _reuse_of_words(_words(source, quotes=quotes), _words(derived, quotes=quotes), ngram)


# ---------------------------------------------------------------- semantic alignment


def _alignments(source: AnalyzedArticle, derived: AnalyzedArticle) -> tuple[float, float]:
    """Semantic alignment both ways: (share of derived's claims found in source, the reverse).

    Args:
        source: one article, with one L2-normalised embedding per claim.
        derived: the other article.

    Returns:
        The share of `derived`'s claims whose best cosine among `source`'s claims reaches
        `ALIGN_COSINE`, and the same share of `source`'s claims among `derived`'s.
    """
    if len(source.embeddings) == 0 or len(derived.embeddings) == 0:
        return 0.0, 0.0
    similarity: Vector = np.asarray(derived.embeddings @ source.embeddings.T, dtype=np.float32)
    forward = float(np.mean(similarity.max(axis=1) >= ALIGN_COSINE))
    backward = float(np.mean(similarity.max(axis=0) >= ALIGN_COSINE))
    return forward, backward


# ---------------------------------------------------------------- credits and translation


def _translation_signs(text: str) -> tuple[str, ...]:
    """Signs that `text` was translated into English; deliberately few and specific.

    Only patterns English newsrooms do not produce count: a date in parentheses after a
    weekday ("Tuesday (March 4th)"), the East Asian way of giving dates, and
    full-width punctuation or CJK characters left over from the source text.

    Args:
        text: the article body.

    Returns:
        A short description of each sign found, in a fixed order; empty when none.
    """
    signs: list[str] = []
    if _WEEKDAY_PAREN_DATE.search(text):
        signs.append("dates written as 'weekday (month day)'")
    if _CJK_LEFTOVER.search(text):
        signs.append("full-width punctuation or CJK characters")
    return tuple(signs)


# ---------------------------------------------------------------- pairs and edges


def _profile(analyzed: AnalyzedArticle) -> _Profile:
    """The per-article facts provenance orients and ranks by."""
    article = analyzed.article
    wire = analyzed.wire or wire_credit(article.text, article.byline)
    return _Profile(
        id=analyzed.id,
        wire=wire,
        republished=bool(wire and article.outlet and name_key(article.outlet) != name_key(wire)),
        published=article.published.isoformat() if article.published else None,
        translated=_translation_signs(article.text),
        words=article.words,
    )


def _measure_pairs(story: Story, ngram: int) -> dict[tuple[str, str], _Measure]:
    """Reuse and alignment for every ordered pair, keyed (source id, derived id)."""
    words = {analyzed.id: _words(analyzed.article.text, quotes=False) for analyzed in story.articles}
    measures: dict[tuple[str, str], _Measure] = {}
    for first, second in itertools.combinations(story.articles, 2):
        forward, backward = _alignments(first, second)
        a, b = first.id, second.id
        measures[a, b] = _Measure(a, b, _reuse_of_words(words[a], words[b], ngram), forward)
        measures[b, a] = _Measure(b, a, _reuse_of_words(words[b], words[a], ngram), backward)
    return measures


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
