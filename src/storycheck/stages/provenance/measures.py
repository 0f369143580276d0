"""What provenance measures of each article and of each ordered pair of articles.

An article's profile (publication date, wire credit, signs of translation) and, for each
pair, lexical reuse (`reuse.py`) and semantic alignment of claims (the share of the derived
article's claims whose closest source claim has a cosine of at least `ALIGN_COSINE`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np

from ...model import AnalyzedArticle, Story, Vector
from ..ingest.wires import wire_credit
from ..resolve import name_key
from .reuse import _reuse_of_words, _words
from .reuse import text_reuse as text_reuse

# MiniLM cosine above which two claims say the same thing in other words: paraphrases and
# translations of one sentence score about 0.7-0.95, different statements about one event
# about 0.2-0.6 (a little below the ~0.75 first planned, which missed real rewrites).
ALIGN_COSINE = 0.7
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
