"""Align each derived sentence with the source sentences that best support it.

Two signals: the share of the derived sentence's content words found in a source
sentence, and the cosine of MiniLM sentence embeddings. The words pick a few candidate
source sentences; only those are embedded (once each, when first needed) and the two
signals together rank them. The source side is indexed once (`index_source`) so many
derived texts can be checked against one source cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import AnalyzedArticle, Span, TimeExpr, Vector
from ..nlp import EMBED_DIM, embed
from ..stages.analyze.datelines import dateline_end
from ..stages.resolve import name_key

__all__ = [
    "Alignment",
    "SourceIndex",
    "align_sentences",
    "align_texts",
    "content_words",
    "event_dates",
    "index_source",
    "words",
]

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
# Source sentences compared by embedding per derived sentence, the best by words first;
# on FRANK validation, ranking only these lost nothing against embedding every sentence.
LEXICAL_CANDIDATES = 3
# Words are matched by their first letters where their endings may differ ("injured",
# "injuries"): enough to tell whether two words stand in one source sentence.
STEM = 6
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
    event_dates: tuple[TimeExpr, ...]  # its dates but the dateline's, which dates the report
    ngrams: frozenset[tuple[str, ...]]
    sentence_words: tuple[frozenset[str], ...]
    stem_sentences: dict[str, frozenset[int]]  # content-word stem -> the sentences holding it
    sentence_vectors: Vector  # (sentences, dim); a row is filled when first compared
    embedded: np.ndarray  # (sentences,) bool: which rows of sentence_vectors are filled

    def vectors(self, rows: Sequence[int]) -> Vector:
        """The embeddings of source sentences `rows`, embedding those not yet embedded."""
        missing = sorted({row for row in rows if not self.embedded[row]})
        if missing:
            self.sentence_vectors[missing] = embed([self.analyzed.sentences[i].text for i in missing])
            self.embedded[missing] = True
        return self.sentence_vectors[list(rows)]


@dataclass(frozen=True)
class Alignment:
    """The best source sentences for one derived sentence, best first."""

    sentences: tuple[int, ...]
    similarity: float  # best embedding cosine
    lexical: float  # best share of content words found in one source sentence
    lexical_top: float  # share found in the candidate sentences together
    position: float  # where the best sentence lies in the source, 0 = top


def index_source(analyzed: AnalyzedArticle) -> SourceIndex:
    """Index a source's words and n-grams; its sentences are embedded when first compared."""
    tokens = tuple(words(analyzed.article.text))
    sentence_words = tuple(frozenset(content_words(words(s.text))) for s in analyzed.sentences)
    holding: dict[str, set[int]] = {}
    for index, found in enumerate(sentence_words):
        for word in found:
            holding.setdefault(word[:STEM], set()).add(index)
    grams = {tokens[i : i + n] for n in range(1, MAX_FRAGMENT + 1) for i in range(len(tokens) - n + 1)}
    return SourceIndex(
        analyzed=analyzed,
        tokens=tokens,
        vocab=frozenset(tokens),
        names_text=f" {name_key(analyzed.article.text)} ",
        event_dates=event_dates(analyzed),
        ngrams=frozenset(grams),
        sentence_words=sentence_words,
        stem_sentences={stem: frozenset(found) for stem, found in holding.items()},
        sentence_vectors=np.zeros((len(analyzed.sentences), EMBED_DIM), dtype=np.float32),
        embedded=np.zeros(len(analyzed.sentences), dtype=bool),
    )


def event_dates(analyzed: AnalyzedArticle) -> tuple[TimeExpr, ...]:
    """An article's dates but the dateline's, which dates the report, not an event."""
    report_dated = dateline_end(analyzed.article.text)
    return tuple(time for time in analyzed.times if time.span.end > report_dated)


def align_sentences(source: SourceIndex, sentences: tuple[Span, ...]) -> list[Alignment]:
    """The best-supporting source sentences of each derived sentence."""
    return align_texts(source, [sentences])[0]


def align_texts(source: SourceIndex, texts: Sequence[tuple[Span, ...]]) -> list[list[Alignment]]:
    """`align_sentences` for the sentences of several derived texts, with one model call
    for all their sentences and one for the source sentences they are compared with."""
    sentences = [sentence for text in texts for sentence in text]
    if not source.sentence_words or not sentences:
        return [[Alignment((), 0.0, 0.0, 0.0, 0.0) for _ in text] for text in texts]
    wanted = [set(content_words(words(sentence.text))) for sentence in sentences]
    lexical = [_lexical(source, words_of) for words_of in wanted]
    # Stable sort: ties go to the earlier sentence, as a lead restates the story.
    candidates = [np.argsort(-row, kind="stable")[:LEXICAL_CANDIDATES] for row in lexical]
    derived_vectors = embed([sentence.text for sentence in sentences])
    source.vectors([int(i) for row in candidates for i in row])
    alignments = []
    for row, chosen in enumerate(candidates):
        cosines = np.full(len(source.sentence_words), -1.0, dtype=np.float32)
        cosines[chosen] = source.sentence_vectors[chosen] @ derived_vectors[row]
        alignments.append(_align(source, wanted[row], lexical[row], cosines))
    result, offset = [], 0
    for text in texts:
        result.append(alignments[offset : offset + len(text)])
        offset += len(text)
    return result


def _lexical(source: SourceIndex, wanted: set[str]) -> np.ndarray:
    """Share of the wanted words found in each source sentence."""
    return np.array(
        [len(wanted & found) / len(wanted) if wanted else 1.0 for found in source.sentence_words],
        dtype=np.float32,
    )


def _align(source: SourceIndex, wanted: set[str], lexical: np.ndarray, cosines: Vector) -> Alignment:
    """Rank the source sentences by words and embedding (-1 marks a sentence not compared)."""
    combined = (np.clip(cosines, 0.0, 1.0) + lexical) / 2
    order = tuple(int(i) for i in np.argsort(-combined, kind="stable")[:CANDIDATES])
    together = set().union(*(source.sentence_words[i] for i in order))
    return Alignment(
        sentences=order,
        similarity=float(cosines.max()),
        lexical=float(lexical.max()),
        lexical_top=len(wanted & together) / len(wanted) if wanted else 1.0,
        position=order[0] / max(1, len(source.sentence_words) - 1),
    )
