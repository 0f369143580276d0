"""The SQLite store: one file, WAL mode, one writer, readers in parallel.

Every write runs in one `BEGIN IMMEDIATE` transaction under a process-wide lock, on the
single writer connection; a write that returns has been committed with
`synchronous=FULL`, so a crash afterwards loses nothing acknowledged. Each reader thread
gets its own connection and reads a consistent snapshot inside a transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from .migrations import migrate

log = logging.getLogger(__name__)

# Seconds a connection waits on a lock held by another process (a `watch` beside a
# `serve`) before failing; long enough for a slow report write, short enough to notice.
BUSY_TIMEOUT_S = 30.0


class Database:
    """A storycheck SQLite database; safe to share between threads.

    Args:
        path: the database file; created and migrated when new.

    Raises:
        StoreError: SC400 when the file cannot be opened, SC406 when it is too new.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self._writer = self._connect()
        migrate(self._writer)

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as err:
            raise StoreError("SC400", subject=str(self.path), reason=str(err)) from err
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one committed transaction on the writer connection.

        Raises:
            StoreError: SC400 when SQLite fails; the transaction is rolled back.
        """
        with self._write_lock:
            self._check_open()
            conn = self._writer
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as err:
                _rollback(conn)
                raise StoreError("SC400", subject=str(self.path), reason=str(err)) from err
            except BaseException:
                _rollback(conn)
                raise

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Read a consistent snapshot on this thread's own reader connection.

        Raises:
            StoreError: SC400 when SQLite fails.
        """
        self._check_open()
        conn = self._reader()
        try:
            conn.execute("BEGIN")
            yield conn
        except sqlite3.Error as err:
            raise StoreError("SC400", subject=str(self.path), reason=str(err)) from err
        finally:
            _rollback(conn)

    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("SC400", subject=str(self.path), reason="database is closed")

    def close(self) -> None:
        """Close every connection this object opened."""
        with self._write_lock, self._readers_lock:
            self._closed = True
            for conn in [*self._readers, self._writer]:
                conn.close()
            self._readers.clear()


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
