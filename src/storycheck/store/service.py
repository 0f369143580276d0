"""`Store`: the database, the engine and the report cache behind one small interface.

The server and `storycheck watch` both go through it, so an article added by either is
stored, assigned and scheduled for a report the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Article
from .articles import Added, add_article, story_articles
from .db import Database
from .engine import Engine, Signer
from .reports import Reports, StorySummary, list_stories


class Store:
    """A storycheck database opened for adding articles and reading reports.

    Args:
        path: the SQLite file; created and migrated when new.
        engine: story assignment and report building.
        background: recompute reports on a worker thread after a story settles (`start`
            must be called); otherwise reports are computed when first read.

    Raises:
        StoreError: SC400 when the file cannot be opened, SC406 when it is too new.
    """

    def __init__(self, path: Path | str, *, engine: Engine, background: bool = True) -> None:
        self.db = Database(path)
        self.engine = engine
        self.signer = Signer(engine.sign)
        self.reports = Reports(self.db, engine)
        self.background = background

    def start(self) -> None:
        """Start the background report worker (when `background`)."""
        if self.background:
            self.reports.start()

    def close(self) -> None:
        """Stop the worker and close the database."""
        self.reports.stop()
        self.db.close()

    def add(self, article: Article) -> Added:
        """Store an article once, assign its story, and mark the story's report stale.

        Raises:
            StoreError: SC401 id taken by another text, SC400 on SQLite failure.
        """
        added = add_article(self.db, article, engine=self.engine, signer=self.signer)
        if not added.duplicate:
            self.reports.schedule(added.story)
        return added

    def report(self, story_id: str) -> dict[str, Any]:
        """The story's current StoryReport as schema JSON (computed now if stale).

        Raises:
            StoreError: SC404 no such story, SC409 the report could not be built.
        """
        return self.reports.get(story_id)

    def stories(self, *, limit: int = 100, offset: int = 0) -> list[StorySummary]:
        """Stories, most recently updated first."""
        return list_stories(self.db, limit=limit, offset=offset)

    def texts(self, story_id: str) -> dict[str, str]:
        """Article id -> text for every article of a story (the texts reports point into)."""
        with self.db.read() as conn:
            return {article.id: article.text for article in story_articles(conn, story_id)}
