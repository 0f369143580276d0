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
spaCy's NER (better on paraphrase, ~100x slower on a CPU).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from unidecode import unidecode

from ..config import ClusterSettings
from ..model import Article, Vector
from .dedupe import fingerprint, minhash_values

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

# spaCy entity labels that name who and where; dates, numbers and nationalities are shared
# by unrelated stories.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
# An entity stays in a story's set while this share of its articles name it, so that a
# large story keeps its core names instead of attracting everything through stray ones.
ENTITY_MIN_SHARE = 0.2
# spaCy batch size for NER over many short texts.
NER_BATCH = 64
# Slack when pruning stories with the float32 matrix product.
PRUNE_SLACK = 1e-3
# Capitalised words that open sentences or name no one: never an entity on their own.
NOT_NAMES = frozenset(
    """a an the he she it its they we i you this that these those there here his her their our
    in on at for from by with after before when while as but and or if so since then today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december mr mrs ms
    dr prof sen rep gov president police officials authorities according update updated
    photo video read more share""".split()
)
# Abbreviations whose full stop does not end a sentence.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "st", "gen", "lt", "col"})
# Words too common in news to tell stories apart; dropped from the fast vector.
STOP_WORDS = NOT_NAMES | frozenset(
    """was were is are be been being has have had will would could should can said says
    told not no one two new also about over into than more most other some what which who
    whom whose all any out up down just only very did does do people year years time week
    reported report""".split()
)
_NAME = re.compile(
    r"[A-Z][\w'’.&-]*(?:[ \t]+(?:(?:of|the|de|del|da|van|von|al|bin|la|le)[ \t]+)?[A-Z][\w'’.&-]*)*"
)
_TOKEN = re.compile(r"\S+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”]\s*|\n\s*)$")
_WORDS = re.compile(r"[a-z][a-z'-]+")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, eq=False)
class ArticleSignature:
    """What dedupe and clustering need from one article; small and picklable."""

    article_id: str
    vector: Vector  # L2-normalised vector of title + lede
    entities: frozenset[str]  # normalised named entities (lowercase, no diacritics)
    published: dt.date | None
    minhash: tuple[int, ...]  # MinHash hash values of word shingles
    digest: str  # fingerprint of the words: equal for exact copies


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


def normalise_entity(text: str) -> str:
    """`The Pentagon's` -> `pentagon`: ASCII, lower case, no punctuation or leading article."""
    lowered = unidecode(text).lower().replace("'s", "")
    folded = _SPACES.sub(" ", _NON_WORD.sub(" ", lowered)).strip()
    return folded[4:] if folded.startswith("the ") else folded


def _name_of(match: re.Match[str], text: str) -> str | None:
    """The entity a capitalised run names, or None for a sentence opener or a common word."""
    words = list(_TOKEN.finditer(match.group()))
    while words and normalise_entity(words[0].group()) in NOT_NAMES:
        words = words[1:]
    if not words:
        return None
    start = match.start() + words[0].start()
    if len(words) == 1 and (_opens_sentence(text, start) or len(words[0].group()) < 3):
        return None
    return normalise_entity(" ".join(word.group() for word in words)) or None


def _opens_sentence(text: str, start: int) -> bool:
    """True when the word at `start` begins the text, a line or a sentence (not after `Mr.`)."""
    before = text[max(0, start - 40) : start]
    if not _SENTENCE_START.search(before):
        return False
    previous = before.split()[-1:] or [""]
    return normalise_entity(previous[0]) not in HONORIFICS


def entity_names(text: str) -> frozenset[str]:
    """Capitalised name sequences in a text, normalised: a cheap stand-in for NER.

    Example: `Mayor Ana Lopez met Orbis Corp. in Port Vale.` ->
    {"mayor ana lopez", "orbis corp", "port vale"}.
    """
    names = (_name_of(match, text) for match in _NAME.finditer(text))
    return frozenset(name for name in names if name)


def _bucket(word: str, dims: int) -> tuple[int, float]:
    """A word's stable (across processes) bucket and sign for feature hashing."""
    code = zlib.crc32(word.encode("utf-8"))
    return code % dims, 1.0 if (code >> 24) & 1 else -1.0


def hashed_vector(text: str, dims: int) -> Vector:
    """A unit, signed feature-hashed bag of the text's content words, log-weighted."""
    vector = np.zeros(dims, dtype=np.float32)
    counts = Counter(word for word in _WORDS.findall(text.lower()) if word not in STOP_WORDS)
    for word, count in counts.items():
        row, sign = _bucket(word, dims)
        vector[row] += sign * (1.0 + math.log(count))
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _lede(article: Article, words: int) -> str:
    """Title plus the first `words` words of the body: what the vector reads."""
    body = " ".join(article.text.split()[:words])
    return f"{article.title}. {article.title}. {body}" if article.title else body


def _entity_text(article: Article, chars: int) -> str:
    head = article.text[:chars]
    return f"{article.title}\n{head}" if article.title else head


def _spacy_entities(texts: list[str]) -> list[frozenset[str]]:
    """Normalised PERSON/ORG/place/event names of each text, with spaCy's NER only."""
    from ..nlp import spacy_model

    nlp = spacy_model()
    others = [name for name in nlp.pipe_names if name != "ner"]
    found = []
    for doc in nlp.pipe(texts, batch_size=NER_BATCH, disable=others):
        names = {normalise_entity(ent.text) for ent in doc.ents if ent.label_ in ENTITY_LABELS}
        found.append(frozenset(name for name in names if name))
    return found


def _vectors_and_entities(
    articles: Sequence[Article], settings: ClusterSettings
) -> tuple[list[Vector], list[frozenset[str]]]:
    ledes = [_lede(article, settings.lede_words) for article in articles]
    heads = [_entity_text(article, settings.entity_chars) for article in articles]
    if settings.signature == "neural":
        from ..nlp import embed

        return list(embed(ledes)), _spacy_entities(heads)
    return [hashed_vector(text, settings.hash_dims) for text in ledes], [entity_names(h) for h in heads]


def sign_articles(articles: Sequence[Article], settings: ClusterSettings) -> list[ArticleSignature]:
    """Signatures of many articles (batched when the signature uses models).

    Args:
        articles: articles as read by ingest.
        settings: the cluster section.

    Returns:
        One signature per article, in order.
    """
    if not articles:
        return []
    vectors, entities = _vectors_and_entities(articles, settings)
    return [
        ArticleSignature(
            article_id=article.id,
            vector=vector,
            entities=names,
            published=article.published,
            minhash=minhash_values(article.text, size=settings.shingle, num_perm=settings.num_perm),
            digest=fingerprint(article.text),
        )
        for article, vector, names in zip(articles, vectors, entities, strict=True)
    ]


def sign_article(article: Article, settings: ClusterSettings) -> ArticleSignature:
    """The signature of one article. See `sign_articles`."""
    return sign_articles([article], settings)[0]


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
