"""Story assignment for the store: a sentence embedding plus the names an article uses.

An article joins the story whose centroid it is most like, scoring cosine similarity of
title-and-lede embeddings plus a bonus for the share of its names the story already
uses; below the bar it opens a new story. Only the article and the stored centroids are
read, so assignment is incremental and the result depends only on the inputs' order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from unidecode import unidecode

from ..config import ClusterSettings
from ..model import Article

# Decimals kept of each embedding component: the store keeps vectors as JSON, and five
# decimals change a cosine by under 1e-4 while keeping a vector under 4 kB.
VECTOR_DECIMALS = 5
# A story "uses" a name when at least this share of its articles do: a name in one
# background paragraph should not pull in unrelated articles.
NAME_MIN_SHARE = 0.2
# Capitalised word runs: candidate names (people, places, organisations).
_NAME = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w'-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?\"“”]\s+|\n\s*)$")
_NOT_NAMES = frozenset(
    "a an the he she it they we i this that there his her their our in on at for by with after"
    " before when as but and or if mr mrs ms dr".split()
)


@dataclass(frozen=True)
class Signature:
    """What assignment reads of one article."""

    article_id: str
    vector: tuple[float, ...]  # unit embedding of title + lede
    entities: frozenset[str]  # normalised names
    published: dt.date | None


@dataclass(frozen=True)
class Centroid:
    """The running summary of one story."""

    story_id: str
    total: tuple[float, ...]  # sum of the members' unit vectors
    entity_counts: tuple[tuple[str, int], ...]  # every member name with its count, sorted
    first: dt.date | None
    last: dt.date | None
    size: int


def names_in(text: str) -> frozenset[str]:
    """Normalised capitalised names of a text; a lone capitalised word opening a sentence is skipped.

    Example: `Mayor Ana Lopez met Orbis Corp in Port Vale.` -> {"mayor ana lopez", "orbis corp", "port vale"}.
    """
    found = set()
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        if len(words) == 1 and _SENTENCE_START.search(text[: match.start()]):
            continue
        name = " ".join(unidecode(match.group(0)).lower().split())
        if name not in _NOT_NAMES:
            found.add(name)
    return frozenset(found)


def lede(article: Article, words: int) -> str:
    """Title plus the first `words` words of the body: what the embedding reads."""
    body = " ".join(article.text.split()[:words])
    return f"{article.title}. {body}" if article.title else body


def sign(articles: Sequence[Article], settings: ClusterSettings) -> list[Signature]:
    """Signatures of many articles with one batched embedding call.

    Raises:
        ModelError: the embedding model cannot be loaded.
    """
    if not articles:
        return []
    from ..nlp import embed

    vectors = embed([lede(article, settings.lede_words) for article in articles])
    return [
        Signature(
            article_id=article.id,
            vector=tuple(round(float(x), VECTOR_DECIMALS) for x in vector),
            entities=names_in(lede(article, settings.lede_words * 2)),
            published=article.published,
        )
        for article, vector in zip(articles, vectors, strict=True)
    ]


def story_names(story: Centroid) -> frozenset[str]:
    """The names at least NAME_MIN_SHARE of the story's articles use."""
    floor = max(1.0, NAME_MIN_SHARE * story.size)
    return frozenset(name for name, count in story.entity_counts if count >= floor)


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(x * x for x in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / norm if norm > 0 else 0.0


def _in_window(published: dt.date | None, story: Centroid, days: int) -> bool:
    if published is None or story.first is None or story.last is None:
        return True
    slack = dt.timedelta(days=days)
    return story.first - slack <= published <= story.last + slack


def score(signature: Signature, story: Centroid, settings: ClusterSettings) -> float | None:
    """Cosine plus the weighted share of the article's names the story uses; None out of window."""
    if not _in_window(signature.published, story, settings.window_days):
        return None
    names = story_names(story)
    overlap = len(signature.entities & names) / len(signature.entities) if signature.entities else 0.0
    return _cosine(signature.vector, story.total) + settings.entity_weight * overlap


def assign(signature: Signature, stories: Sequence[Centroid], settings: ClusterSettings) -> str | None:
    """The id of the best-scoring story over `min_score` (first listed on ties), or None."""
    best_id, best = None, settings.min_score
    for story in stories:
        value = score(signature, story, settings)
        if value is not None and (value > best or (value == best and best_id is None)):
            best_id, best = story.story_id, value
    return best_id


def new_story(signature: Signature, story_id: str) -> Centroid:
    """A story of one article."""
    return Centroid(
        story_id=story_id,
        total=signature.vector,
        entity_counts=tuple(sorted((name, 1) for name in signature.entities)),
        first=signature.published,
        last=signature.published,
        size=1,
    )


def _earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a is not None and b is not None else (a or b)


def _latest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a is not None and b is not None else (a or b)


def add_to_story(story: Centroid, signature: Signature) -> Centroid:
    """The story with one more article."""
    counts = dict(story.entity_counts)
    for name in signature.entities:
        counts[name] = counts.get(name, 0) + 1
    total = tuple(round(x + y, VECTOR_DECIMALS) for x, y in zip(story.total, signature.vector, strict=True))
    return Centroid(
        story_id=story.story_id,
        total=total,
        entity_counts=tuple(sorted(counts.items())),
        first=_earliest(story.first, signature.published),
        last=_latest(story.last, signature.published),
        size=story.size + 1,
    )
