"""Align each derived sentence with the source sentences that best support it.

Two signals: the cosine of MiniLM sentence embeddings and the share of the derived
sentence's content words found in a source sentence. The source side is indexed once
(`index_source`) so many derived texts can be checked against one source cheaply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..model import AnalyzedArticle, Span, Vector
from ..nlp import embed
from ..stages.resolve import name_key

__all__ = ["Alignment", "SourceIndex", "align_sentences", "content_words", "index_source", "words"]

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Function words carry no checkable content: a derived sentence is judged on the rest.
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "has have had do does did will would shall should can could may might must that this these "
    "those it its he she they them his her their we our you your i me my not no s t said says "
    "which who whom whose what when where why how there here than then also just so very".split()
)
# Longest word n-gram remembered from the source; longer copied fragments chain shorter ones.
MAX_FRAGMENT = 12
# Source sentences kept as candidate evidence per derived sentence.
CANDIDATES = 2


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes and punctuation dropped ("Kim’s" -> kim, s)."""
    return [word.lower() for word in WORD.findall(text)]


def content_words(tokens: list[str]) -> list[str]:
    return [token for token in tokens if token not in STOPWORDS]


@dataclass(frozen=True, eq=False)
class SourceIndex:
    """What every check against one source needs, computed once."""

    analyzed: AnalyzedArticle
    tokens: tuple[str, ...]
    vocab: frozenset[str]
    names_text: str  # the whole text as name keys (" jon o neill said "), for name look-ups
    ngrams: frozenset[tuple[str, ...]]
    sentence_words: tuple[frozenset[str], ...]
    sentence_vectors: Vector  # (sentences, dim); zero rows for sentences without a claim


@dataclass(frozen=True)
class Alignment:
    """The best source sentences for one derived sentence, best first."""

    sentences: tuple[int, ...]
    similarity: float  # best embedding cosine
    lexical: float  # best share of content words found in one source sentence
    lexical_top: float  # share found in the candidate sentences together
    position: float  # where the best sentence lies in the source, 0 = top


def index_source(analyzed: AnalyzedArticle) -> SourceIndex:
    """Index a source's words, n-grams and sentence embeddings."""
    tokens = tuple(words(analyzed.article.text))
    grams = {tokens[i : i + n] for n in range(1, MAX_FRAGMENT + 1) for i in range(len(tokens) - n + 1)}
    return SourceIndex(
        analyzed=analyzed,
        tokens=tokens,
        vocab=frozenset(tokens),
        names_text=f" {name_key(analyzed.article.text)} ",
        ngrams=frozenset(grams),
        sentence_words=tuple(frozenset(content_words(words(s.text))) for s in analyzed.sentences),
        sentence_vectors=sentence_vectors(analyzed, embed_missing=False),
    )


def sentence_vectors(analyzed: AnalyzedArticle, *, embed_missing: bool) -> Vector:
    """One embedding per sentence: the claim's where there is one, else embedded (or zero)."""
    dim = analyzed.embeddings.shape[1] if analyzed.embeddings.size else 384
    vectors = np.zeros((len(analyzed.sentences), dim), dtype=np.float32)
    for claim, vector in zip(analyzed.claims, analyzed.embeddings, strict=True):
        vectors[claim.sentence] = vector
    missing = [i for i in range(len(analyzed.sentences)) if not vectors[i].any()]
    if embed_missing and missing:
        vectors[missing] = embed([analyzed.sentences[i].text for i in missing])
    return vectors


def align_sentences(source: SourceIndex, sentences: tuple[Span, ...], vectors: Vector) -> list[Alignment]:
    """The best-supporting source sentences of each derived sentence."""
    if not source.sentence_words:
        return [Alignment((), 0.0, 0.0, 0.0, 0.0) for _ in sentences]
    cosines = vectors @ source.sentence_vectors.T
    return [_align(source, sentence, cosines[row]) for row, sentence in enumerate(sentences)]


def _align(source: SourceIndex, sentence: Span, cosines: Vector) -> Alignment:
    wanted = set(content_words(words(sentence.text)))
    lexical = np.array(
        [len(wanted & found) / len(wanted) if wanted else 1.0 for found in source.sentence_words],
        dtype=np.float32,
    )
    combined = (np.clip(cosines, 0.0, 1.0) + lexical) / 2
    order = tuple(int(i) for i in np.argsort(-combined)[:CANDIDATES])
    together = set().union(*(source.sentence_words[i] for i in order))
    return Alignment(
        sentences=order,
        similarity=float(cosines.max()),
        lexical=float(lexical.max()),
        lexical_top=len(wanted & together) / len(wanted) if wanted else 1.0,
        position=order[0] / max(1, len(source.sentence_words) - 1),
    )
