"""Group articles into stories, one article at a time.

An article is reduced to an `ArticleSignature` (embedding of title + lede, named entities,
date, MinHash of its words). A story is a `StoryCentroid` (mean embedding, the entities
its articles share, its date range). An arriving article joins the story it scores best
against, if the score clears `ClusterSettings.min_score`, else it opens a new story:

    score = cosine(article, story) + entity_weight * share of the article's entities in the story

and a story whose dates lie more than `window_days` from the article's is never joined.
The batch engines and the web server call the same functions; `StoryIndex` only prunes,
with numpy, the stories that cannot reach the threshold, so it picks what `assign_story`
would pick.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from unidecode import unidecode

from ..config import ClusterSettings
from ..model import Article
from ..nlp import embed, spacy_model
from .dedupe import is_near_duplicate, minhash_values

__all__ = [
    "ArticleSignature",
    "StoryCentroid",
    "StoryIndex",
    "add_to_story",
    "assign_story",
    "is_near_duplicate",
    "new_story",
    "sign_articles",
    "story_score",
]

# Entity labels that name who and where; dates, numbers and nationalities ("American")
# are shared by unrelated stories.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
# An entity stays in a story's set while this share of its articles name it, so that a
# large story keeps its core names instead of attracting everything through stray ones.
ENTITY_MIN_SHARE = 0.2
# spaCy batch size for NER over many short texts.
NER_BATCH = 64
# Slack when pruning stories with float32 matrix products before the exact float64 score.
PRUNE_SLACK = 1e-3
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_DEFAULTS = ClusterSettings()


@dataclass(frozen=True)
class ArticleSignature:
    """What clustering needs from one article; small and picklable."""

    article_id: str
    vector: tuple[float, ...]  # L2-normalised embedding of title + lede
    entities: frozenset[str]  # normalised named entities (lowercase, no diacritics)
    published: dt.date | None
    minhash: tuple[int, ...]  # datasketch MinHash hash values of word shingles


@dataclass(frozen=True)
class StoryCentroid:
    """The running summary of one story that new articles are compared with."""

    story_id: str
    vector: tuple[float, ...]  # mean of the member embeddings (not normalised)
    entities: frozenset[str]  # entities named by >= ENTITY_MIN_SHARE of the members
    first: dt.date | None
    last: dt.date | None
    size: int
    entity_counts: tuple[tuple[str, int], ...] = ()  # every member entity with its count, sorted


def normalise_entity(text: str) -> str:
    """`The Pentagon's` -> `pentagon`: ASCII, lower case, no punctuation or leading article."""
    folded = _SPACES.sub(" ", _NON_WORD.sub(" ", unidecode(text).lower().replace("'s", ""))).strip()
    return folded[4:] if folded.startswith("the ") else folded


def _lede(article: Article, words: int) -> str:
    """Title plus the first `words` words of the body: what the embedding reads."""
    body = " ".join(article.text.split()[:words])
    return f"{article.title}. {body}" if article.title else body


def _entity_text(article: Article, chars: int) -> str:
    head = article.text[:chars]
    return f"{article.title}\n{head}" if article.title else head


def _entities_of(texts: list[str]) -> list[frozenset[str]]:
    """Normalised PERSON/ORG/place/event names of each text, with spaCy's NER only."""
    nlp = spacy_model()
    others = [name for name in nlp.pipe_names if name != "ner"]
    found = []
    for doc in nlp.pipe(texts, batch_size=NER_BATCH, disable=others):
        names = {normalise_entity(ent.text) for ent in doc.ents if ent.label_ in ENTITY_LABELS}
        found.append(frozenset(name for name in names if name))
    return found


def sign_articles(
    articles: Sequence[Article], *, settings: ClusterSettings | None = None
) -> list[ArticleSignature]:
    """Signatures of many articles: one batched embedding call and one spaCy pass.

    Args:
        articles: articles as read by ingest.
        settings: the cluster section; defaults when None.

    Returns:
        One signature per article, in order.
    """
    settings = settings or _DEFAULTS
    if not articles:
        return []
    vectors = embed([_lede(article, settings.lede_words) for article in articles])
    entities = _entities_of([_entity_text(article, settings.entity_chars) for article in articles])
    return [
        ArticleSignature(
            article_id=article.id,
            vector=tuple(float(x) for x in vector),
            entities=names,
            published=article.published,
            minhash=minhash_values(article.text, size=settings.shingle, num_perm=settings.num_perm),
        )
        for article, vector, names in zip(articles, vectors, entities, strict=True)
    ]


def _in_window(published: dt.date | None, story: StoryCentroid, days: int) -> bool:
    """False only when both are dated and the article lies over `days` outside the story's range."""
    if published is None or story.first is None or story.last is None:
        return True
    slack = dt.timedelta(days=days)
    return story.first - slack <= published <= story.last + slack


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    left, right = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    norm = float(np.linalg.norm(left) * np.linalg.norm(right))
    return float(left @ right) / norm if norm > 0 else 0.0


def entity_overlap(entities: frozenset[str], story_entities: frozenset[str]) -> float:
    """Share of the article's entities that the story names (0 when the article names none)."""
    if not entities:
        return 0.0
    return len(entities & story_entities) / len(entities)


def story_score(signature: ArticleSignature, story: StoryCentroid, settings: ClusterSettings) -> float | None:
    """How well the article fits the story, or None when it lies outside the time window."""
    if not _in_window(signature.published, story, settings.window_days):
        return None
    overlap = entity_overlap(signature.entities, story.entities)
    return _cosine(signature.vector, story.vector) + settings.entity_weight * overlap


def assign_story(
    signature: ArticleSignature, stories: Sequence[StoryCentroid], settings: ClusterSettings
) -> str | None:
    """The id of the best-scoring story that clears `min_score`, or None to open a new story.

    Ties go to the story listed first, so the result depends only on the inputs' order.
    """
    best_id, best_score = None, settings.min_score
    for story in stories:
        score = story_score(signature, story, settings)
        if score is not None and (score > best_score or (score == best_score and best_id is None)):
            best_id, best_score = story.story_id, score
    return best_id


def _min_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a is not None and b is not None else (a or b)


def _max_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a is not None and b is not None else (a or b)


def _core_entities(counts: dict[str, int], size: int) -> frozenset[str]:
    floor = max(1.0, ENTITY_MIN_SHARE * size)
    return frozenset(name for name, count in counts.items() if count >= floor)


def new_story(signature: ArticleSignature, story_id: str) -> StoryCentroid:
    """A story of one article."""
    return StoryCentroid(
        story_id=story_id,
        vector=signature.vector,
        entities=signature.entities,
        first=signature.published,
        last=signature.published,
        size=1,
        entity_counts=tuple(sorted((name, 1) for name in signature.entities)),
    )


def add_to_story(story: StoryCentroid, signature: ArticleSignature) -> StoryCentroid:
    """The story with one more article: mean vector, entity counts and dates updated."""
    size = story.size + 1
    mean = (np.asarray(story.vector, dtype=np.float64) * story.size + np.asarray(signature.vector)) / size
    counts = dict(story.entity_counts) if story.entity_counts else dict.fromkeys(story.entities, story.size)
    for name in signature.entities:
        counts[name] = counts.get(name, 0) + 1
    return StoryCentroid(
        story_id=story.story_id,
        vector=tuple(float(x) for x in mean),
        entities=_core_entities(counts, size),
        first=_min_date(story.first, signature.published),
        last=_max_date(story.last, signature.published),
        size=size,
        entity_counts=tuple(sorted(counts.items())),
    )


class StoryIndex:
    """Many stories held for fast assignment; picks exactly what `assign_story` picks."""

    def __init__(self, settings: ClusterSettings, stories: Iterable[StoryCentroid] = ()) -> None:
        self._settings = settings
        self._stories: list[StoryCentroid] = []
        self._rows: dict[str, int] = {}
        self._matrix = np.zeros((64, 0), dtype=np.float32)
        for story in stories:
            self.put(story)

    def __len__(self) -> int:
        return len(self._stories)

    def get(self, story_id: str) -> StoryCentroid:
        return self._stories[self._rows[story_id]]

    def put(self, story: StoryCentroid) -> None:
        """Add a story, or replace the one with the same id."""
        row = self._rows.setdefault(story.story_id, len(self._stories))
        if row == len(self._stories):
            self._stories.append(story)
        else:
            self._stories[row] = story
        self._write_row(row, story.vector)

    def assign(self, signature: ArticleSignature) -> str | None:
        """`assign_story(signature, stories)` over the stories that can clear the threshold."""
        count = len(self._stories)
        if count == 0:
            return None
        vector = np.asarray(signature.vector, dtype=np.float32)
        cosines = self._matrix[:count] @ vector
        reachable = cosines + self._settings.entity_weight + PRUNE_SLACK >= self._settings.min_score
        candidates = [self._stories[row] for row in np.flatnonzero(reachable)]
        return assign_story(signature, candidates, self._settings)

    def _write_row(self, row: int, vector: tuple[float, ...]) -> None:
        if self._matrix.shape[1] != len(vector):
            self._matrix = np.zeros((max(64, len(self._stories)), len(vector)), dtype=np.float32)
            for index, story in enumerate(self._stories[:row]):
                self._matrix[index] = _unit(story.vector)
        if row >= self._matrix.shape[0]:
            grown = np.zeros((2 * self._matrix.shape[0], self._matrix.shape[1]), dtype=np.float32)
            grown[: self._matrix.shape[0]] = self._matrix
            self._matrix = grown
        self._matrix[row] = _unit(vector)


def _unit(vector: Sequence[float]) -> np.ndarray:  # type: ignore[type-arg]
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return array / norm if norm > 0 else array
