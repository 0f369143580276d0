"""The SQLite store: articles deduplicated by content, stories, cached reports, feed state.

The only writer. May import `pipeline`, `verify`, `stages`, `stories` and below; never
`server`, `batch` or `cli`.
"""

from __future__ import annotations

from .articles import Added, add_article, article_id_for, get_article
from .db import Database
from .engine import Engine, Signer, default_engine
from .feeds import FeedState
from .reports import Reports, StorySummary, list_stories
from .service import Store

__all__ = [
    "Added",
    "Database",
    "Engine",
    "FeedState",
    "Reports",
    "Signer",
    "Store",
    "StorySummary",
    "add_article",
    "article_id_for",
    "default_engine",
    "get_article",
    "list_stories",
]
