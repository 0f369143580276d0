"""Feed state for `storycheck watch`: validators for conditional GETs and entries seen."""

from __future__ import annotations

from dataclasses import dataclass

from .articles import now
from .db import Database


@dataclass(frozen=True)
class FeedState:
    """What the last poll of a feed left behind."""

    url: str
    etag: str | None
    modified: str | None
    last_polled: str | None
    last_status: int | None
    last_error: str | None


def feed_state(db: Database, url: str) -> FeedState | None:
    """The stored state of a feed, or None before its first poll."""
    with db.read() as conn:
        row = conn.execute(
            "SELECT url, etag, modified, last_polled, last_status, last_error FROM feeds WHERE url = ?",
            (url,),
        ).fetchone()
    return None if row is None else FeedState(**dict(row))


def save_poll(
    db: Database,
    url: str,
    *,
    status: int | None,
    etag: str | None = None,
    modified: str | None = None,
    error: str | None = None,
) -> None:
    """Record one poll; validators are kept from the last success when this one has none."""
    with db.write() as conn:
        conn.execute(
            "INSERT INTO feeds (url, etag, modified, last_polled, last_status, last_error)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET"
            " etag = COALESCE(excluded.etag, feeds.etag),"
            " modified = COALESCE(excluded.modified, feeds.modified),"
            " last_polled = excluded.last_polled, last_status = excluded.last_status,"
            " last_error = excluded.last_error",
            (url, etag, modified, now(), status, error),
        )


def seen_entries(db: Database, url: str) -> set[str]:
    """Entry ids of a feed already stored or skipped."""
    with db.read() as conn:
        rows = conn.execute("SELECT entry_id FROM feed_entries WHERE feed_url = ?", (url,)).fetchall()
    return {row["entry_id"] for row in rows}


def record_entry(
    db: Database, url: str, entry_id: str, *, article_id: str | None, problem: str | None
) -> None:
    """Remember a feed entry, with the article it became or the reason it was skipped."""
    with db.write() as conn:
        conn.execute(
            "INSERT INTO feeds (url, last_polled) VALUES (?, ?) ON CONFLICT(url) DO NOTHING", (url, now())
        )
        conn.execute(
            "INSERT OR REPLACE INTO feed_entries (feed_url, entry_id, article_id, problem, seen_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (url, entry_id, article_id, problem, now()),
        )
