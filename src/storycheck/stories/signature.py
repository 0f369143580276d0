"""An article's signature for story grouping: a unit vector of its title and lede, its named
entities, its date, and a MinHash of its words.

"fast" hashes the lede's words into a signed bag-of-words vector and takes capitalised name
sequences as entities (no model); "neural" embeds the lede with MiniLM and runs spaCy's NER.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from unidecode import unidecode

from ..config import ClusterSettings
from ..model import Article, Vector
from .sketch import fingerprint, minhash_values

# spaCy entity labels that name who and where; dates, numbers and nationalities are shared
# by unrelated stories.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
# An entity stays in a story's set while this share of its articles name it, so that a
# large story keeps its core names instead of attracting everything through stray ones.
ENTITY_MIN_SHARE = 0.2
# spaCy batch size for NER over many short texts.
NER_BATCH = 64
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
