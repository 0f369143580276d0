"""Versioned schema migrations for the SQLite store.

The schema version lives in `PRAGMA user_version`. Each migration is applied in its own
transaction together with the version bump, so a crash leaves the database at a whole
version. Migrations are only ever appended: a released step is never edited.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

# Each entry upgrades the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        centroid TEXT NOT NULL,          -- JSON of the cluster StoryCentroid
        version INTEGER NOT NULL,        -- bumped each time the story gains an article
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        story_id TEXT NOT NULL REFERENCES stories(id),
        text TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        byline TEXT,
        published TEXT,
        url TEXT,
        location TEXT,
        language TEXT,
        signature TEXT NOT NULL,         -- JSON of the cluster ArticleSignature
        added_at TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE reports (
        story_id TEXT PRIMARY KEY REFERENCES stories(id),
        version INTEGER NOT NULL,        -- the story version this report was computed from
        report TEXT,                     -- StoryReport JSON, NULL when the computation failed
        error TEXT,
        headline TEXT,
        articles INTEGER NOT NULL,
        independent_sources INTEGER NOT NULL,
        discrepancies INTEGER NOT NULL,
        computed_at TEXT NOT NULL
    );
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        modified TEXT,
        last_polled TEXT,
        last_status INTEGER,
        last_error TEXT
    );
    CREATE TABLE feed_entries (
        feed_url TEXT NOT NULL REFERENCES feeds(url),
        entry_id TEXT NOT NULL,
        article_id TEXT,                 -- NULL when the entry was skipped
        problem TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_url, entry_id)
    );
    """,
)

LATEST = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The version the database is at (0 for a new, empty file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to `LATEST`, one transaction per step.

    Args:
        conn: a connection in autocommit mode (isolation_level=None).

    Returns:
        The version the database is at afterwards.

    Raises:
        StoreError: SC406 when the file is newer than this code, SC400 when a step fails.
    """
    found = schema_version(conn)
    if found > LATEST:
        raise StoreError("SC406", found=found, known=LATEST)
    for version in range(found, LATEST):
        _apply(conn, version)
    return schema_version(conn)


def _apply(conn: sqlite3.Connection, version: int) -> None:
    statements = [s.strip() for s in MIGRATIONS[version].split(";") if s.strip()]
    try:
        conn.execute("BEGIN IMMEDIATE")
        if schema_version(conn) != version:  # another process migrated meanwhile
            conn.execute("ROLLBACK")
            return
        for statement in statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError("SC400", reason=f"migration {version + 1}: {err}") from err
