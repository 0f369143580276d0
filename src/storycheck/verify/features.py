"""Numeric features of each derived sentence, and of the derived text as a whole.

Sentence features (all in [0, 1] or small counts) describe how well the source supports
the sentence: embedding and word alignment, novel words and n-grams, copied fragments
(Grusky et al.'s coverage and density), novel and conflicting slots. Document features
aggregate them (mean, worst) and add length and compression. The learned scorer
(`scoring.py`) reads them by name.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import AnalyzedArticle
from .align import (
    MAX_FRAGMENT,
    STEM,
    Alignment,
    SourceIndex,
    align_sentences,
    content_words,
    words,
)
from .conflicts import SlotFindings, check_sentence

__all__ = ["SentenceEvidence", "document_features", "sentence_evidence", "sentence_features"]

# Content words at most this far apart in a derived sentence make a pair to look for in
# one source sentence: a summary that joins what the source says apart ("X resigned" +
# "over the fraud") leaves pairs no source sentence holds.
PAIR_WINDOW = 3
CONFLICT_KINDS = ("name", "role", "number", "date", "place", "quote", "claim")
# Features whose worst case is their maximum (more is worse); the others' worst is the minimum.
HIGHER_IS_WORSE = frozenset(
    {"novel_words", "novel_word_count", "novel_name_count", "novel_bigrams", "novel_trigrams",
     "novel_names", "novel_numbers", "novel_dates", "conflicts", "length", "position"}
)  # fmt: skip


@dataclass(frozen=True)
class SentenceEvidence:
    """Alignment, slot findings and features of one derived sentence."""

    alignment: Alignment
    findings: SlotFindings
    features: dict[str, float]


def sentence_evidence(
    source: SourceIndex, derived: AnalyzedArticle, alignments: Sequence[Alignment] | None = None
) -> list[SentenceEvidence]:
    """Align (unless `alignments` are given), check and describe every derived sentence."""
    if alignments is None:
        alignments = align_sentences(source, derived.sentences)
    result = []
    for index, alignment in enumerate(alignments):
        findings = check_sentence(source, derived, index, alignment)
        tokens = words(derived.sentences[index].text)
        result.append(
            SentenceEvidence(alignment, findings, sentence_features(source, tokens, alignment, findings))
        )
    return result


def sentence_features(
    source: SourceIndex, tokens: list[str], alignment: Alignment, findings: SlotFindings
) -> dict[str, float]:
    """The features of one derived sentence given as lower-case words."""
    content = content_words(tokens)
    fragments = _fragments(source, tokens)
    size = max(1, len(tokens))
    return {
        "similarity": alignment.similarity,
        "lexical": alignment.lexical,
        "lexical_top": alignment.lexical_top,
        "position": alignment.position,
        "novel_words": _novel_share([(w,) for w in content], source),
        "novel_word_count": math.log1p(sum(1 for w in content if w not in source.vocab)) / 3,
        "novel_name_count": math.log1p(findings.novel_names) / 2,
        "novel_bigrams": _novel_share(_grams(tokens, 2), source),
        "novel_trigrams": _novel_share(_grams(tokens, 3), source),
        "density": sum(f * f for f in fragments) / size / MAX_FRAGMENT,
        "fragment_mean": (sum(fragments) / len(fragments) / MAX_FRAGMENT) if fragments else 0.0,
        "pair_support": _pair_support(source, content),
        "novel_names": _share(findings.novel_names, findings.names),
        "novel_numbers": _share(findings.novel_numbers, findings.numbers),
        "novel_dates": _share(findings.novel_dates, findings.dates),
        "conflicts": float(len(findings.conflicts)),
        "length": math.log1p(len(tokens)) / 4,
    }


def document_features(sentences: Sequence[dict[str, float]], source: SourceIndex) -> dict[str, float]:
    """Mean and worst value of each sentence feature, plus length and compression."""
    if not sentences:
        return {}
    features: dict[str, float] = {}
    for name in sentences[0]:
        values = [sentence[name] for sentence in sentences]
        features[f"mean_{name}"] = sum(values) / len(values)
        features[f"worst_{name}"] = max(values) if name in HIGHER_IS_WORSE else min(values)
    features["sentences"] = math.log1p(len(sentences)) / 2
    features["any_conflict"] = float(any(sentence["conflicts"] > 0 for sentence in sentences))
    return features


def _grams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def _novel_share(grams: list[tuple[str, ...]], source: SourceIndex) -> float:
    if not grams:
        return 0.0
    return sum(1 for gram in grams if gram not in source.ngrams) / len(grams)


def _pair_support(source: SourceIndex, content: list[str]) -> float:
    """Share of nearby content-word pairs of a sentence that one source sentence holds both of."""
    stems = [word[:STEM] for word in content]
    pairs = [
        (stems[i], stems[j])
        for i in range(len(stems))
        for j in range(i + 1, min(len(stems), i + PAIR_WINDOW + 1))
    ]
    if not pairs:
        return 1.0
    none: frozenset[int] = frozenset()
    held = sum(1 for a, b in pairs if source.stem_sentences.get(a, none) & source.stem_sentences.get(b, none))
    return held / len(pairs)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _fragments(source: SourceIndex, tokens: list[str]) -> list[int]:
    """Lengths of the copied fragments, read greedily left to right (capped at MAX_FRAGMENT)."""
    lengths, index = [], 0
    while index < len(tokens):
        length = 0
        for size in range(min(MAX_FRAGMENT, len(tokens) - index), 0, -1):
            if tuple(tokens[index : index + size]) in source.ngrams:
                length = size
                break
        if length:
            lengths.append(length)
        index += max(1, length)
    return lengths
