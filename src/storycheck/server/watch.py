"""`storycheck watch`: poll RSS/Atom feeds and add their new entries to the store.

Only http(s) URLs are fetched. Every address a host name resolves to is checked, and
the connection goes to the checked address itself, so a feed (or a redirect, or a DNS
answer that changes between check and connect) cannot reach loopback or private ranges
unless the user allows them. Conditional GETs (ETag, Last-Modified) keep polls cheap.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from ..config import IngestSettings
from ..errors import InputError, StorycheckError
from ..model import Article
from ..stages.ingest import article_from_text
from ..stages.ingest.sources import fragment_text, url_id
from ..store import Store
from ..store.feeds import feed_state, record_entry, save_poll, seen_entries

log = logging.getLogger(__name__)

# Seconds to wait for a feed server: long enough for a slow CMS, short enough that one
# dead feed does not stall the others for a whole poll.
FETCH_TIMEOUT_S = 20.0
# Redirects followed per fetch; feeds move once or twice, never more in practice.
MAX_REDIRECTS = 3
# Largest feed document read: big feeds with full content run to a few MB.
MAX_FEED_BYTES = 10_000_000


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: status, body (empty on 304) and validators."""

    status: int
    body: bytes
    etag: str | None
    modified: str | None


@dataclass(frozen=True)
class PollResult:
    """What one poll of one feed did."""

    url: str
    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    not_modified: bool = False
    error: str | None = None


def allowed_address(address: str, *, allow_private: bool) -> bool:
    """True for a public unicast address, or any address when `allow_private`."""
    ip = ipaddress.ip_address(address.split("%")[0])
    return allow_private or ip.is_global


def resolve(url: str, *, allow_private: bool) -> tuple[str, int, str]:
    """Check a feed URL and pick the address to connect to.

    Returns:
        (host name, port, checked IP address).

    Raises:
        InputError: SC501 not http(s), SC502 a private/loopback address, SC503 no address.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("SC501", url=url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise InputError("SC503", url=url, reason=f"cannot resolve host: {err}") from err
    addresses = [str(info[4][0]) for info in infos]
    refused = [a for a in addresses if not allowed_address(a, allow_private=allow_private)]
    if refused or not addresses:
        raise InputError("SC502", address=refused[0] if refused else "(none)", url=url)
    return parts.hostname, port, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an already-checked address, whatever the host name says now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; the certificate is checked against the name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _request(url: str, headers: dict[str, str], allow_private: bool) -> http.client.HTTPResponse:
    host, port, address = resolve(url, allow_private=allow_private)
    parts = urlsplit(url)
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    conn = kind(host, port, address, FETCH_TIMEOUT_S)
    path = parts.path or "/"
    conn.request("GET", f"{path}?{parts.query}" if parts.query else path, headers=headers)
    return conn.getresponse()


def fetch(
    url: str, *, etag: str | None = None, modified: str | None = None, allow_private: bool = False
) -> Fetched:
    """GET a feed with validators, following a few redirects (each one checked again).

    Raises:
        InputError: SC501/SC502 refused URL, SC503 network or HTTP failure, SC103 too large.
    """
    headers = {"User-Agent": "storycheck-watch", "Accept": "application/rss+xml, application/atom+xml, */*"}
    headers |= {"If-None-Match": etag} if etag else {}
    headers |= {"If-Modified-Since": modified} if modified else {}
    for _ in range(MAX_REDIRECTS + 1):
        try:
            response = _request(url, headers, allow_private)
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            body = response.read(MAX_FEED_BYTES + 1)
        except (OSError, http.client.HTTPException) as err:
            raise InputError("SC503", url=url, reason=str(err)[:200] or type(err).__name__) from err
        return _answer(url, response, body)
    raise InputError("SC503", url=url, reason=f"more than {MAX_REDIRECTS} redirects")


def _answer(url: str, response: http.client.HTTPResponse, body: bytes) -> Fetched:
    if response.status not in (200, 304):
        raise InputError("SC503", url=url, reason=f"HTTP {response.status}")
    if len(body) > MAX_FEED_BYTES:
        raise InputError("SC103", subject=url, size=len(body), limit=MAX_FEED_BYTES)
    return Fetched(response.status, body, response.getheader("ETag"), response.getheader("Last-Modified"))


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
        fetched = fetch(url, etag=etag, modified=modified, allow_private=allow_private)
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
