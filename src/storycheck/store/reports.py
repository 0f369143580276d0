"""Story reports: cached per story version, recomputed when a story gains an article.

A report row records the story version it was computed from; a report is current when
that equals the story's version. `Reports.get` answers the cached report or computes it;
`Reports.schedule` queues a story for recomputation on a background thread, so a story
list shows fresh counts soon after articles arrive.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError, StorycheckError
from .articles import now, story_articles
from .db import Database
from .engine import Engine

log = logging.getLogger(__name__)

# Seconds a story must go without a new article before the background worker recomputes
# it, so a burst of posts to one story costs one computation, not one per post.
SETTLE_S = 1.0


@dataclass(frozen=True)
class StorySummary:
    """One line of the story list."""

    id: str
    headline: str
    articles: int
    outlets: tuple[str, ...]
    independent_sources: int | None  # None until a report has been computed
    discrepancies: int | None
    current: bool  # the cached report covers every article of the story
    updated_at: str
    error: str | None = None


def independent_sources(report: dict[str, Any]) -> int:
    """Articles counted once per group of derived copies: components of non-independent edges."""
    ids = [article["id"] for article in report.get("articles", [])]
    parent = {article_id: article_id for article_id in ids}

    def root(node: str) -> str:
        while parent[node] != node:
            node = parent[node]
        return node

    for edge in report.get("provenance", {}).get("edges", []):
        if edge["kind"] != "independent" and edge["source"] in parent and edge["derived"] in parent:
            parent[root(edge["derived"])] = root(edge["source"])
    return len({root(article_id) for article_id in ids})


class Reports:
    """Cached story reports over one database, with an optional background refresher."""

    def __init__(self, db: Database, engine: Engine) -> None:
        self.db = db
        self.engine = engine
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._pending: dict[str, float] = {}  # story id -> monotonic time of its last change
        self._wake = threading.Condition()
        self._stopping = False
        self._worker: threading.Thread | None = None

    def get(self, story_id: str) -> dict[str, Any]:
        """The current report of a story. When the story changed since its last report and the
        background refresher runs, that last report comes back at once marked `"stale": true`
        and the rebuild is queued; otherwise the report is computed now.

        Raises:
            StoreError: SC404 no such story, SC409 the report could not be built.
        """
        report, current = self._cached(story_id)
        if report is not None and current:
            return report
        if report is not None and self._worker is not None and self._worker.is_alive():
            self.schedule(story_id)
            return {**report, "stale": True}
        return self.refresh(story_id)

    def _cached(self, story_id: str) -> tuple[dict[str, Any] | None, bool]:
        """The last report saved for the story (None if none), and whether it is current."""
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT s.version AS story_version, r.version AS report_version, r.report"
                " FROM stories s LEFT JOIN reports r ON r.story_id = s.id WHERE s.id = ?",
                (story_id,),
            ).fetchone()
        if row is None:
            raise StoreError("SC404", what="story", id=story_id)
        if row["report"] is None:
            return None, False
        report: dict[str, Any] = json.loads(row["report"])
        return report, row["report_version"] == row["story_version"]

    def refresh(self, story_id: str) -> dict[str, Any]:
        """Compute and cache the report of a story (once at a time per story).

        Raises:
            StoreError: SC404 no such story, SC409 the engine failed on it.
        """
        with self._lock(story_id):
            cached, current = self._cached(story_id)
            if cached is not None and current:
                return cached
            with self.db.read() as conn:
                version = conn.execute("SELECT version FROM stories WHERE id = ?", (story_id,)).fetchone()[0]
                articles = story_articles(conn, story_id)
            try:
                report = self.engine.build_report(articles)
            except StorycheckError as err:
                self._save(story_id, version, None, str(err))
                raise StoreError("SC409", id=story_id, reason=err.detail) from err
            self._save(story_id, version, report, None)
            return report

    def _lock(self, story_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(story_id, threading.Lock())

    def _save(self, story_id: str, version: int, report: dict[str, Any] | None, error: str | None) -> None:
        headline = (report or {}).get("story", {}).get("headline")
        counts = (
            (
                len(report.get("articles", [])),
                independent_sources(report),
                len(report.get("discrepancies", [])),
            )
            if report is not None
            else (0, 0, 0)
        )
        text = None if report is None else json.dumps(report, ensure_ascii=False)
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO reports (story_id, version, report, error, headline, articles,"
                " independent_sources, discrepancies, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(story_id) DO UPDATE SET version = excluded.version, report = excluded.report,"
                " error = excluded.error, headline = excluded.headline, articles = excluded.articles,"
                " independent_sources = excluded.independent_sources,"
                " discrepancies = excluded.discrepancies, computed_at = excluded.computed_at"
                " WHERE excluded.version >= reports.version",
                (story_id, version, text, error, headline, *counts, now()),
            )

    # ------------------------------------------------------------ background refresh

    def schedule(self, story_id: str) -> None:
        """Mark a story changed; the worker (if started) recomputes it once it settles."""
        with self._wake:
            self._pending[story_id] = time.monotonic()
            self._wake.notify()

    def start(self) -> None:
        """Start the background worker thread."""
        self._stopping = False
        self._worker = threading.Thread(target=self._run, name="storycheck-reports", daemon=True)
        self._worker.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the worker after the computation in progress, if any."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._worker is not None:
            self._worker.join(timeout)
            self._worker = None

    def _next(self) -> str | None:
        """The story that has been quiet longest, once quiet for SETTLE_S; None when stopping."""
        with self._wake:
            while not self._stopping:
                if not self._pending:
                    self._wake.wait()
                    continue
                story_id, changed = min(self._pending.items(), key=lambda item: item[1])
                wait = changed + SETTLE_S - time.monotonic()
                if wait <= 0:
                    del self._pending[story_id]
                    return story_id
                self._wake.wait(wait)
            return None

    def _run(self) -> None:
        while (story_id := self._next()) is not None:
            try:
                self.refresh(story_id)
            except StorycheckError as err:
                log.warning("report for %s failed: %s", story_id, err)
            except Exception:  # the worker must outlive one bad story
                log.exception("report for %s failed", story_id)


def list_stories(db: Database, *, limit: int = 100, offset: int = 0) -> list[StorySummary]:
    """Stories, most recently updated first, with counts from their cached reports."""
    with db.read() as conn:
        rows = conn.execute(_LIST_SQL, (limit, offset)).fetchall()
    return [_summary(row) for row in rows]


def _summary(row: Any) -> StorySummary:
    current = row["report_version"] == row["version"] and row["error"] is None
    known = row["report_version"] is not None and row["error"] is None
    return StorySummary(
        id=row["id"],
        headline=row["headline"] or row["first_title"] or row["id"],
        articles=row["articles"],
        outlets=tuple(sorted(set(filter(None, (row["outlets"] or "").split("\x1f"))))),
        independent_sources=row["independent_sources"] if known else None,
        discrepancies=row["discrepancies"] if known else None,
        current=current,
        updated_at=row["updated_at"],
        error=row["error"],
    )


_LIST_SQL = """
SELECT s.id, s.version, s.updated_at,
       (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id) AS articles,
       (SELECT GROUP_CONCAT(outlet, char(31)) FROM articles a WHERE a.story_id = s.id) AS outlets,
       (SELECT title FROM articles a WHERE a.story_id = s.id ORDER BY added_at LIMIT 1) AS first_title,
       r.version AS report_version, r.headline, r.independent_sources, r.discrepancies, r.error
FROM stories s LEFT JOIN reports r ON r.story_id = s.id
ORDER BY s.updated_at DESC, s.id
LIMIT ? OFFSET ?
"""
