"""verify: label every sentence of a derived text against its source, and score the whole.

A sentence is *contradicted* when a typed slot check finds the source saying something
else (see `conflicts.py`), *supported* when the learned scorer gives it at least the
sentence threshold and it names nothing the source lacks, else *unsupported*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..config import AnalyzeSettings
from ..model import AnalyzedArticle, Article, Span
from .align import Alignment, SourceIndex, align_texts, index_source
from .features import SentenceEvidence, document_features, sentence_evidence
from .prepare import analyze_derived_texts, analyze_source
from .result import Label, SentenceVerdict, VerifyResult
from .scoring import Scorer, load_scorer

__all__ = ["verify", "verify_analyzed", "verify_many"]


def verify(
    source: Article, derived: Article, settings: AnalyzeSettings, *, scorer: Scorer | None = None
) -> VerifyResult:
    """Check `derived` (a rewrite, summary or translation) against `source`.

    Args:
        source: the original article.
        derived: the text to check.
        settings: analyze settings.
        scorer: the learned scorer; the shipped one when None.

    Returns:
        A VerifyResult with one verdict per derived sentence and a consistency score.

    Raises:
        ModelError: SC300 when a model or the scorer weights cannot be loaded.
    """
    return verify_many(source, [derived], settings, scorer=scorer)[0]


def verify_many(
    source: Article, derived: Sequence[Article], settings: AnalyzeSettings, *, scorer: Scorer | None = None
) -> list[VerifyResult]:
    """Check several derived texts against one source, read and indexed once.

    The derived texts are analyzed together (one batched model pass); the results come
    in the order given. Raises as `verify`.
    """
    indexed = index_source(analyze_source(source, settings))
    analyzed = analyze_derived_texts(derived, indexed.analyzed, settings)
    alignments = align_texts(indexed, [item.sentences for item in analyzed])
    return [
        _as_read(verify_analyzed(indexed, item, scorer=scorer, alignments=aligned), original.text)
        for item, original, aligned in zip(analyzed, derived, alignments, strict=True)
    ]


def _as_read(result: VerifyResult, text: str) -> VerifyResult:
    """The result with derived spans showing the text as read (before recasing)."""
    if text == result.derived_text:
        return result

    def span(found: Span) -> Span:
        return replace(found, text=text[found.start : found.end])

    verdicts = tuple(
        replace(
            verdict,
            sentence=span(verdict.sentence),
            conflicts=tuple(replace(c, derived=span(c.derived)) for c in verdict.conflicts),
            novel=tuple(span(s) for s in verdict.novel),
        )
        for verdict in result.sentences
    )
    return replace(result, derived_text=text, sentences=verdicts)


def verify_analyzed(
    source: SourceIndex,
    derived: AnalyzedArticle,
    *,
    scorer: Scorer | None = None,
    alignments: Sequence[Alignment] | None = None,
) -> VerifyResult:
    """Check an analyzed derived text against an indexed source (aligned here unless
    `alignments` of its sentences are given)."""
    scorer = scorer or load_scorer()
    evidence = sentence_evidence(source, derived, alignments)
    verdicts = tuple(_verdict(source, derived, index, item, scorer) for index, item in enumerate(evidence))
    features = document_features([item.features for item in evidence], source)
    consistency = scorer.score(features) if features else 1.0
    return VerifyResult(
        source_id=source.analyzed.id,
        derived_id=derived.id,
        source_text=source.analyzed.article.text,
        derived_text=derived.article.text,
        consistency=consistency,
        threshold=scorer.threshold,
        sentences=verdicts,
    )


def _verdict(
    source: SourceIndex, derived: AnalyzedArticle, index: int, item: SentenceEvidence, scorer: Scorer
) -> SentenceVerdict:
    score = scorer.score(document_features([item.features], source))
    findings = item.findings
    label: Label = "unsupported"
    if findings.conflicts:
        label = "contradicted"
    elif score >= scorer.sentence_threshold and not findings.novel:
        label = "supported"
    best = item.alignment.sentences[0] if item.alignment.sentences else None
    return SentenceVerdict(
        sentence=derived.sentences[index],
        label=label,
        score=score,
        evidence=source.analyzed.sentences[best] if best is not None else None,
        similarity=item.alignment.similarity,
        conflicts=findings.conflicts,
        novel=findings.novel,
    )
