"""Group articles into stories, one article at a time.

An article is reduced to an `ArticleSignature` (a unit vector of its title and lede, its
named entities, its date, a MinHash of its words). A story is a `StoryCentroid` (the sum of
its members' vectors, the entities its articles share, its date range). An arriving article
joins the story it scores best against, if the score clears `ClusterSettings.min_score`,
else it opens a new story:

    score = cosine(article, story) + entity_weight * share of the article's entities in the story

and a story whose dates lie more than `window_days` from the article's is never joined.

Two signatures are available (`ClusterSettings.signature`): "fast" hashes the lede's words
into a signed bag-of-words vector and takes capitalised name sequences as entities (no
model, thousands of articles per second); "neural" embeds the lede with MiniLM and runs
spaCy's NER (better on paraphrase, ~100x slower on a CPU). Signatures are made in `signature.py`,
MinHash sketches in `sketch.py`, near-duplicates found in `dedupe.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..config import ClusterSettings
from ..model import Vector
from .signature import (
    ENTITY_MIN_SHARE,
    ArticleSignature,
    entity_names,
    hashed_vector,
    normalise_entity,
    sign_article,
    sign_articles,
)

__all__ = [
    "ArticleSignature",
    "StoryCentroid",
    "StoryIndex",
    "add_to_story",
    "best_story",
    "entity_names",
    "hashed_vector",
    "new_story",
    "normalise_entity",
    "sign_article",
    "sign_articles",
    "story_cosine",
]

# Slack when pruning stories with the float32 matrix product.
PRUNE_SLACK = 1e-3


@dataclass(frozen=True, eq=False)
class StoryCentroid:
    """The running summary of one story that new articles are compared with."""

    story_id: str
    total: Vector  # sum of the members' unit vectors; its direction is the story's
    entity_counts: tuple[tuple[str, int], ...]  # every member entity with its count, sorted
    first: dt.date | None
    last: dt.date | None
    size: int

    @property
    def entities(self) -> frozenset[str]:
        """The entities named by at least ENTITY_MIN_SHARE of the members."""
        floor = max(1.0, ENTITY_MIN_SHARE * self.size)
        return frozenset(name for name, count in self.entity_counts if count >= floor)


# ------------------------------------------------------------------ signatures


# ------------------------------------------------------------------ stories


def _in_window(published: dt.date | None, story: StoryCentroid, days: int) -> bool:
    """False only when both are dated and the article lies over `days` outside the story's range."""
    if published is None or story.first is None or story.last is None:
        return True
    slack = dt.timedelta(days=days)
    return story.first - slack <= published <= story.last + slack


def entity_overlap(entities: frozenset[str], story_entities: frozenset[str]) -> float:
    """Share of the article's entities that the story names (0 when the article names none)."""
    if not entities:
        return 0.0
    return len(entities & story_entities) / len(entities)


def _unit(vector: Vector) -> Vector:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def story_cosine(signature: ArticleSignature, story: StoryCentroid) -> float:
    """Cosine of the article's vector with the story's direction, in float32 like `StoryIndex`."""
    return float(_unit(story.total).astype(np.float32) @ signature.vector.astype(np.float32))


def best_story(
    signature: ArticleSignature,
    stories: Sequence[StoryCentroid],
    settings: ClusterSettings,
    *,
    cosines: Sequence[float] | None = None,
) -> str | None:
    """The story an article joins: the best score over `min_score`, the first listed on ties.

    Args:
        signature: the arriving article.
        stories: the stories it may join, oldest first.
        settings: the cluster section (`min_score`, `entity_weight`, `window_days`).
        cosines: the article's cosine with each story, when the caller has them already
            (`StoryIndex` takes them from one matrix product); `story_cosine` otherwise.

    Returns:
        The story's id, or None when no story in the date window clears `min_score`.
    """
    if cosines is None:
        cosines = [story_cosine(signature, story) for story in stories]
    best_id, best_score = None, settings.min_score
    for story, cosine in zip(stories, cosines, strict=True):
        if not _in_window(signature.published, story, settings.window_days):
            continue
        score = float(cosine) + settings.entity_weight * entity_overlap(signature.entities, story.entities)
        if score > best_score or (score == best_score and best_id is None):
            best_id, best_score = story.story_id, score
    return best_id


def _min_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a is not None and b is not None else (a or b)


def _max_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a is not None and b is not None else (a or b)


def new_story(signature: ArticleSignature, story_id: str) -> StoryCentroid:
    """A story of one article."""
    return StoryCentroid(
        story_id=story_id,
        total=signature.vector.astype(np.float32),
        entity_counts=tuple(sorted((name, 1) for name in signature.entities)),
        first=signature.published,
        last=signature.published,
        size=1,
    )


def add_to_story(story: StoryCentroid, signature: ArticleSignature) -> StoryCentroid:
    """The story with one more article: vector sum, entity counts and dates updated."""
    counts = dict(story.entity_counts)
    for name in signature.entities:
        counts[name] = counts.get(name, 0) + 1
    return StoryCentroid(
        story_id=story.story_id,
        total=(story.total + signature.vector).astype(np.float32),
        entity_counts=tuple(sorted(counts.items())),
        first=_min_date(story.first, signature.published),
        last=_max_date(story.last, signature.published),
        size=story.size + 1,
    )


class StoryIndex:
    """The stories that may still take articles, held for fast assignment of the next one.

    A caller streaming articles `remove`s the stories no article can join any more (see
    `batch/run.py`: older than the time window), so the index stays as small as the window.
    Cosines come from one float32 matrix product; only stories whose cosine plus the largest
    possible entity bonus clears `min_score` are scored in full. Ties go to the older story,
    so the result depends only on the stories and the article, never on the engine.
    """

    def __init__(self, settings: ClusterSettings) -> None:
        self._settings = settings
        self._stories: list[StoryCentroid] = []
        self._rows: dict[str, int] = {}
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._by_entity: dict[str, set[int]] = {}  # entity -> rows of the stories naming it

    def __len__(self) -> int:
        return len(self._stories)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._rows

    def stories(self) -> list[StoryCentroid]:
        """Every story, oldest first."""
        return list(self._stories)

    def get(self, story_id: str) -> StoryCentroid:
        return self._stories[self._rows[story_id]]

    def put(self, story: StoryCentroid) -> None:
        """Add a story, or replace the one with the same id."""
        row = self._rows.setdefault(story.story_id, len(self._stories))
        if row == len(self._stories):
            self._stories.append(story)
        else:
            self._stories[row] = story
        self._write_row(row, story.total)
        for name, _ in story.entity_counts:
            self._by_entity.setdefault(name, set()).add(row)

    def remove(self, story_ids: Iterable[str]) -> None:
        """Drop stories (those no article can join any more); the others keep their order."""
        dropped = {self._rows[story_id] for story_id in story_ids if story_id in self._rows}
        if not dropped:
            return
        kept = [row for row in range(len(self._stories)) if row not in dropped]
        self._stories = [self._stories[row] for row in kept]
        self._rows = {story.story_id: row for row, story in enumerate(self._stories)}
        matrix = np.zeros((max(64, len(kept)), self._matrix.shape[1]), dtype=np.float32)
        matrix[: len(kept)] = self._matrix[kept]
        self._matrix = matrix
        self._by_entity = {}
        for row, story in enumerate(self._stories):
            for name, _ in story.entity_counts:
                self._by_entity.setdefault(name, set()).add(row)

    def _candidates(self, signature: ArticleSignature, cosines: Vector) -> list[int]:
        """Rows that can clear `min_score`: by cosine alone, or sharing an entity with the article."""
        settings = self._settings
        rows = set(np.flatnonzero(cosines + PRUNE_SLACK >= settings.min_score).tolist())
        for name in signature.entities:
            rows |= self._by_entity.get(name, set())
        floor = settings.min_score - settings.entity_weight - PRUNE_SLACK
        return sorted(row for row in rows if cosines[row] >= floor)

    def assign(self, signature: ArticleSignature) -> str | None:
        """The id of the best story for the article, or None when none clears `min_score`."""
        count = len(self._stories)
        if count == 0:
            return None
        cosines = self._matrix[:count] @ signature.vector.astype(np.float32)
        rows = self._candidates(signature, cosines)
        stories = [self._stories[row] for row in rows]
        return best_story(signature, stories, self._settings, cosines=[float(cosines[row]) for row in rows])

    def _write_row(self, row: int, total: Vector) -> None:
        if self._matrix.shape[1] != len(total):
            self._matrix = np.zeros((64, len(total)), dtype=np.float32)
            for index, story in enumerate(self._stories[:row]):
                self._matrix[index] = _unit(story.total)
        if row >= self._matrix.shape[0]:
            grown = np.zeros((2 * self._matrix.shape[0], self._matrix.shape[1]), dtype=np.float32)
            grown[: self._matrix.shape[0]] = self._matrix
            self._matrix = grown
        self._matrix[row] = _unit(total)
