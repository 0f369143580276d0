"""The store groups articles with the cluster stage and keeps its signatures as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np

from storycheck.config import Settings
from storycheck.model import Article
from storycheck.store import Database, Store, default_engine
from storycheck.store.codec import dump_dataclass, load_dataclass
from storycheck.stories.cluster import ArticleSignature, StoryCentroid, add_to_story, new_story, sign_articles

from .conftest import CHESS, FLOOD

# Width of the MiniLM embedding the store's own assignment module stored before the store
# used the cluster stage.
OLD_VECTOR_DIMS = 384


def _article(item: dict[str, str]) -> Article:
    published = dt.date.fromisoformat(item["published"])
    return Article(item["id"], item["text"], title=item["title"], outlet=item["outlet"], published=published)


def _write_old_story(path: Path) -> None:
    """A database as the store wrote it with its former assignment module: one FLOOD story."""
    vector = [round(1 / OLD_VECTOR_DIMS**0.5, 5)] * OLD_VECTOR_DIMS
    signature = {
        "article_id": "valley-wire",
        "vector": vector,
        "entities": ["brackwater"],
        "published": "2031-03-04",
    }
    centroid = {
        "story_id": "s-old",
        "total": vector,
        "entity_counts": [["brackwater", 1]],
        "first": "2031-03-04",
        "last": "2031-03-04",
        "size": 1,
    }
    item, stamp = FLOOD[0], "2031-03-04T10:00:00.000000+00:00"
    db = Database(path)
    with db.write() as conn:
        conn.execute(
            "INSERT INTO stories (id, centroid, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)",
            ("s-old", json.dumps(centroid), stamp, stamp),
        )
        conn.execute(
            "INSERT INTO articles (id, content_hash, story_id, text, title, outlet, published, signature,"
            " added_at) VALUES (?, 'old-hash', 's-old', ?, ?, ?, ?, ?, ?)",
            (
                item["id"],
                item["text"],
                item["title"],
                item["outlet"],
                item["published"],
                json.dumps(signature),
                stamp,
            ),
        )
    db.close()


def test_store_groups_articles_as_the_cluster_stage_does(tmp_path: Path, settings: Settings) -> None:
    store = Store(tmp_path / "store.db", engine=default_engine(settings), background=False)
    stories = [store.add(_article(item)).story for item in [*FLOOD, CHESS]]
    store.close()
    assert stories[0] == stories[1] == stories[2] != stories[3]


def test_signature_and_centroid_survive_the_json_round_trip(settings: Settings) -> None:
    first, second = sign_articles([_article(item) for item in FLOOD[:2]], settings.cluster)
    story = add_to_story(new_story(first, "s-1"), second)
    loaded = load_dataclass(StoryCentroid, dump_dataclass(story))
    signature = load_dataclass(ArticleSignature, dump_dataclass(first))
    assert loaded.total.dtype == np.float32
    assert np.allclose(loaded.total, story.total, atol=1e-5)
    assert (loaded.entity_counts, loaded.first, loaded.size) == (story.entity_counts, story.first, 2)
    assert (signature.entities, signature.minhash, signature.digest) == (
        first.entities,
        first.minhash,
        first.digest,
    )


def test_store_resigns_stories_written_by_the_former_assignment(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "old.db"
    _write_old_story(path)
    store = Store(path, engine=default_engine(settings), background=False)
    added = store.add(_article(FLOOD[1]))
    with store.db.read() as conn:
        centroid = conn.execute("SELECT centroid, version FROM stories WHERE id = 's-old'").fetchone()
        stored = conn.execute("SELECT signature FROM articles WHERE id = 'valley-wire'").fetchone()
    store.close()
    assert added.story == "s-old"
    assert centroid["version"] == 2
    assert len(json.loads(centroid["centroid"])["total"]) == settings.cluster.hash_dims
    assert "minhash" in json.loads(stored["signature"])
