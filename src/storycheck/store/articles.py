"""Adding articles to the store and reading them back, grouped into stories.

An article is stored once per content hash: adding the same text again answers with the
stored article and `duplicate=True`. A new article is assigned to a story by the
engine's cluster functions inside the write transaction, so two articles posted at once
see each other's stories.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..model import Article
from .codec import content_hash, dump_dataclass, load_dataclass
from .db import Database
from .engine import Engine, Signer

# Hex digits of the content hash in generated ids: 8 (4e9 values) keeps ids short and
# makes a clash between two different texts with the same label vanishingly rare.
ID_HASH_CHARS = 8
# Generated ids start with a slug of the outlet or title cut to this many characters.
SLUG_CHARS = 24
# Story ids carry this many hex digits of their first article's hash.
STORY_HASH_CHARS = 10

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")

ARTICLE_COLUMNS = "id, text, title, outlet, byline, published, url, location, language"


@dataclass(frozen=True)
class Added:
    """What `add_article` did: the stored article, its story, and whether it was known."""

    article: str
    story: str
    duplicate: bool


def now() -> str:
    """The current UTC time as ISO 8601 with microseconds (sorts in time order)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def article_id_for(text: str, *, outlet: str | None = None, title: str | None = None) -> str:
    """A readable, stable id for an article that came without one: `outlet-slug-1a2b3c4d`."""
    slug = _NOT_SLUG.sub("-", (outlet or title or "article").lower()).strip("-")[:SLUG_CHARS]
    return f"{slug.strip('-') or 'article'}-{content_hash(text)[:ID_HASH_CHARS]}"


def add_article(db: Database, article: Article, *, engine: Engine, signer: Signer | None = None) -> Added:
    """Store `article` once and assign it to a story, in one write transaction.

    The signature (the slow, model-bound part) is computed before the write lock is
    taken, so readers and other writers are not held up by it.

    Args:
        db: the store.
        article: the article as read by ingest, with its final id.
        engine: story assignment functions.
        signer: batches signature computations across threads; one call per article when None.

    Returns:
        The stored article id and story id; `duplicate` when the text was already stored.

    Raises:
        StoreError: SC401 when its id is taken by a different text, SC400 on SQLite failure.
    """
    digest = content_hash(article.text)
    known = _known(db, digest)
    if known is not None:
        return known
    signature = signer.sign(article) if signer is not None else engine.sign([article])[0]
    with db.write() as conn:
        row = conn.execute("SELECT id, story_id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row is not None:
            return Added(row["id"], row["story_id"], duplicate=True)
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
            raise StoreError("SC401", id=article.id)
        story_id = _place(conn, signature, digest, engine)
        _insert(conn, article, digest, story_id, dump_dataclass(signature))
    return Added(article.id, story_id, duplicate=False)


def _known(db: Database, digest: str) -> Added | None:
    with db.read() as conn:
        row = conn.execute("SELECT id, story_id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
    return None if row is None else Added(row["id"], row["story_id"], duplicate=True)


def _place(conn: sqlite3.Connection, signature: object, digest: str, engine: Engine) -> str:
    stories = _stories(conn, signature, engine)
    story_id = engine.assign(signature, list(stories.values()))
    stamp = now()
    if story_id is None:
        story_id = f"s-{digest[:STORY_HASH_CHARS]}"
        centroid = engine.new_story(signature, story_id)
        conn.execute(
            "INSERT INTO stories (id, centroid, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)",
            (story_id, dump_dataclass(centroid), stamp, stamp),
        )
        return story_id
    centroid = engine.add_to_story(stories[story_id], signature)
    conn.execute(
        "UPDATE stories SET centroid = ?, version = version + 1, updated_at = ? WHERE id = ?",
        (dump_dataclass(centroid), stamp, story_id),
    )
    return story_id


def _stories(conn: sqlite3.Connection, signature: object, engine: Engine) -> dict[str, Any]:
    """Every stored story's centroid, oldest first, each comparable with `signature`."""
    rows = conn.execute("SELECT id, centroid FROM stories ORDER BY created_at, id").fetchall()
    stories: dict[str, Any] = {}
    for row in rows:
        story: Any = load_dataclass(engine.centroid_type, row["centroid"])
        if not engine.comparable(signature, story):
            story = _resign_story(conn, row["id"], engine)
        stories[row["id"]] = story
    return stories


def _resign_story(conn: sqlite3.Connection, story_id: str, engine: Engine) -> Any:
    """Rebuild a story stored under another signature by signing its articles again.

    A database written with other `[cluster]` settings, or before the store grouped
    articles with the cluster stage, holds vectors of another space; its stories keep
    their members and version, only their centroid and signatures are rewritten.
    """
    articles = story_articles(conn, story_id)
    signatures = engine.sign(articles)
    story = engine.new_story(signatures[0], story_id)
    for signature in signatures[1:]:
        story = engine.add_to_story(story, signature)
    conn.execute("UPDATE stories SET centroid = ? WHERE id = ?", (dump_dataclass(story), story_id))
    pairs = zip(articles, signatures, strict=True)
    rows = [(dump_dataclass(signature), article.id) for article, signature in pairs]
    conn.executemany("UPDATE articles SET signature = ? WHERE id = ?", rows)
    return story


def _insert(conn: sqlite3.Connection, article: Article, digest: str, story_id: str, signature: str) -> None:
    published = article.published.isoformat() if article.published else None
    conn.execute(
        f"INSERT INTO articles ({ARTICLE_COLUMNS}, content_hash, story_id, signature, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.text,
            article.title,
            article.outlet,
            article.byline,
            published,
            article.url,
            article.location,
            article.language,
            digest,
            story_id,
            signature,
            now(),
        ),
    )


def _article(row: sqlite3.Row) -> Article:
    published = dt.date.fromisoformat(row["published"]) if row["published"] else None
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        byline=row["byline"],
        published=published,
        url=row["url"],
        location=row["location"],
        language=row["language"],
    )


def story_articles(conn: sqlite3.Connection, story_id: str) -> list[Article]:
    """The articles of one story in the order they were added."""
    rows = conn.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_id = ? ORDER BY added_at, id", (story_id,)
    ).fetchall()
    return [_article(row) for row in rows]


def get_article(db: Database, article_id: str) -> tuple[Article, str]:
    """One stored article and its story id.

    Raises:
        StoreError: SC404 when there is no such article.
    """
    with db.read() as conn:
        row = conn.execute(
            f"SELECT {ARTICLE_COLUMNS}, story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
    if row is None:
        raise StoreError("SC404", what="article", id=article_id)
    return _article(row), row["story_id"]
