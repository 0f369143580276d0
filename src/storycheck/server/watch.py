"""`storycheck watch`: poll RSS/Atom feeds and add their new entries to the store.

Only http(s) URLs are fetched. Every address a host name resolves to is checked, and
the connection goes to the checked address itself, so a feed (or a redirect, or a DNS
answer that changes between check and connect) cannot reach loopback or private ranges
unless the user allows them. Conditional GETs (ETag, Last-Modified) keep polls cheap.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from ..config import IngestSettings
from ..errors import InputError, StorycheckError
from ..model import Article
from ..stages.ingest import article_from_text
from ..stages.ingest.fetch import fetch
from ..stages.ingest.sources import fragment_text, url_id
from ..store import Store
from ..store.feeds import feed_state, record_entry, save_poll, seen_entries

log = logging.getLogger(__name__)

# Largest feed document read: big feeds with full content run to a few MB.
MAX_FEED_BYTES = 10_000_000


@dataclass(frozen=True)
class PollResult:
    """What one poll of one feed did."""

    url: str
    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    not_modified: bool = False
    error: str | None = None


def entry_key(entry: Any, number: int) -> str:
    """A stable id for a feed entry: its guid, else its link, else its title and position."""
    return str(entry.get("id") or entry.get("link") or f"{entry.get('title', '')}#{number}")


def entry_article(entry: Any, feed_url: str, feed_title: str | None, settings: IngestSettings) -> Article:
    """An article from a feed entry: its longest content, else its summary.

    Raises:
        InputError: SC123 no text, and ingest's codes.
    """
    contents = [str(part.get("value", "")) for part in entry.get("content") or []]
    body = max(contents, key=len) if contents else str(entry.get("summary", ""))
    text = fragment_text(body) if "<" in body else body
    if not text.strip():
        raise InputError("SC123")
    link = entry.get("link") or ""
    web_link = link if link.startswith(("http://", "https://")) else None
    return article_from_text(
        text,
        id=url_id(web_link or urljoin(feed_url, f"#{entry_key(entry, 0)}")),
        settings=settings,
        location=web_link or feed_url,
        title=fragment_text(str(entry.get("title", ""))) or None,
        outlet=feed_title,
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=web_link,
        byline=entry.get("author") or None,
    )


def _date(parsed: Any) -> dt.date | None:
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def parse_feed(url: str, body: bytes) -> Any:
    """The feedparser result of a feed document.

    Raises:
        InputError: SC504 when it holds no feed.
    """
    parsed = feedparser.parse(body)
    if parsed.get("bozo") and not parsed.get("entries"):
        raise InputError("SC504", url=url, reason=str(parsed.get("bozo_exception", "not a feed"))[:200])
    if not parsed.get("entries") and not parsed.get("feed"):
        raise InputError("SC504", url=url, reason="no entries")
    return parsed


def poll_feed(store: Store, url: str, settings: IngestSettings, *, allow_private: bool = False) -> PollResult:
    """Fetch one feed and store its entries not seen before; failures are recorded, not raised."""
    state = feed_state(store.db, url)
    try:
        etag, modified = (state.etag, state.modified) if state else (None, None)
        fetched = fetch(url, etag=etag, modified=modified, allow_private=allow_private, limit=MAX_FEED_BYTES)
        if fetched.status == 304:
            save_poll(store.db, url, status=304)
            return PollResult(url, not_modified=True)
        parsed = parse_feed(url, fetched.body)
    except InputError as err:
        save_poll(store.db, url, status=None, error=err.line())
        return PollResult(url, error=err.line())
    result = _store_entries(store, url, parsed, settings)
    save_poll(store.db, url, status=fetched.status, etag=fetched.etag, modified=fetched.modified)
    return result


def _store_entries(store: Store, url: str, parsed: Any, settings: IngestSettings) -> PollResult:
    seen = seen_entries(store.db, url)
    feed_title = parsed.feed.get("title") or None
    added = duplicates = skipped = 0
    for number, entry in enumerate(parsed.entries, start=1):
        key = entry_key(entry, number)
        if key in seen:
            continue
        try:
            stored = store.add(entry_article(entry, url, feed_title, settings))
        except StorycheckError as err:
            record_entry(store.db, url, key, article_id=None, problem=err.line())
            skipped += 1
            continue
        record_entry(store.db, url, key, article_id=stored.article, problem=None)
        added, duplicates = added + (not stored.duplicate), duplicates + stored.duplicate
    return PollResult(url, added=added, duplicates=duplicates, skipped=skipped)


def watch(
    store: Store,
    urls: Sequence[str],
    settings: IngestSettings,
    *,
    every_s: float,
    rounds: int | None = None,
    allow_private: bool = False,
    report: Callable[[PollResult], None] = lambda result: None,
) -> None:
    """Poll every feed, then sleep `every_s`, for `rounds` rounds (forever when None)."""
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        for url in urls:
            report(poll_feed(store, url, settings, allow_private=allow_private))
        done += 1
        if rounds is None or done < rounds:
            time.sleep(max(0.0, every_s - (time.monotonic() - started)))
