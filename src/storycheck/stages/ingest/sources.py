"""Stream articles out of many inputs: files and folders, WARC archives, RSS/Atom feeds, OPML.

Everything `storycheck check` reads goes through `ingest`; WARC HTML records go through
`ingest.article_from_html`, feed entries through `ingest.article_from_text`. Each input is
read lazily, one article at a time, so memory stays bounded however large an archive is.
A bad record, feed or page becomes an `InputProblem` in the stream and reading goes on.
The network is touched only for an http(s) URL the user gave (or listed in an OPML file).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, cast

import feedparser
from warcio.archiveiterator import ArchiveIterator

from ...config import IngestSettings
from ...errors import InputError
from ...model import Article, InputProblem
from .. import ingest
from .checks import missing
from .decode import decode_bytes
from .fetch import fetch as guarded_fetch

# Decompression limits for archives: a WARC compresses 5-10x, so 100x is no archive; small
# files may still expand to MIN_EXPANDED; no header line runs to MAX_LINE bytes.
EXPANSION = 100
MIN_EXPANDED = 32_000_000
MAX_LINE = 4_000_000
READ_CHUNK = 1 << 16
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf"})
OPML_SUFFIXES = frozenset({".opml"})
# Seconds to wait for a feed server: a slow feed must not stall a whole run.
FETCH_TIMEOUT = 30
# Tags after which feed HTML gets a paragraph break, so sentences do not run together.
BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"})
# Tags whose content is never article text.
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
_SLUG = re.compile(r"[^a-z0-9]+")
Item = Article | InputProblem


@dataclass(frozen=True)
class Source:
    """One unit of input work: `kind` is "file", "warc", "feed" or "opml"."""

    kind: str
    location: str


def _problem(err: InputError, location: str) -> InputProblem:
    return InputProblem(location=err.subject or location, code=err.code, message=err.detail)


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def source_kind(location: str) -> str | None:
    """The reader for a path or URL, or None for a file type nobody reads."""
    name = location.lower()
    if is_url(location):
        return "opml" if name.endswith(".opml") else "feed"
    suffix = Path(name).suffix
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in OPML_SUFFIXES:
        return "opml"
    return "file" if suffix in ingest.SUPPORTED_SUFFIXES else None


def _folder_sources(root: Path) -> list[Source]:
    """Readable, non-hidden files under `root`, recursively, in sorted order."""
    found: list[Source] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            location = os.path.join(folder, name)
            kind = source_kind(location)
            if kind is not None and not name.startswith("."):
                found.append(Source(kind, location))
    return sorted(found, key=lambda source: source.location)


def expand_inputs(inputs: Sequence[str | Path]) -> tuple[list[Source], list[InputProblem]]:
    """The sources the user named: folders expanded, URLs kept, missing paths reported."""
    sources: list[Source] = []
    problems: list[InputProblem] = []
    for given in inputs:
        location = str(given)
        if is_url(location):
            sources.append(Source(source_kind(location) or "feed", location))
        elif Path(location).is_dir():
            sources.extend(_folder_sources(Path(location)))
        elif not Path(location).exists():
            problems.append(_problem(missing(Path(location)), location))
        else:
            sources.append(Source(source_kind(location) or "file", location))
    return sources, problems


def read_source(source: Source, settings: IngestSettings) -> Iterator[Item]:
    """Articles and problems from one source, lazily, in input order."""
    if source.kind == "warc":
        yield from read_warc(source.location, settings)
    elif source.kind == "feed":
        yield from read_feed(source.location, settings)
    elif source.kind == "opml":
        yield from read_opml(source.location, settings)
    else:
        articles, problems = ingest.load_articles([source.location], settings)
        yield from problems
        yield from articles


# ------------------------------------------------------------------ ids


def url_id(url: str) -> str:
    """A readable, stable article id for a URL: host and last path segment plus a short hash."""
    without_scheme = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
    parts = without_scheme.split("/")
    words = _SLUG.sub("-", f"{parts[0]} {parts[-1] if len(parts) > 1 else ''}".lower()).strip("-")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{words[:60].strip('-')}-{digest}"


# ------------------------------------------------------------------ WARC


def _html_payload(record: Any, limit: int) -> bytes | None:
    """The body of an HTML response record, or None for any other record."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if headers is not None and not headers.get_statuscode().startswith("2"):
        return None
    content_type = (headers.get_header("Content-Type") if headers else None) or record.rec_headers.get_header(
        "Content-Type", ""
    )
    if "html" not in content_type.lower():
        return None
    data: bytes = record.content_stream().read(limit + 1)
    if len(data) > limit:
        raise InputError("SC103", size=len(data), limit=limit)
    return data


def _warc_article(record: Any, location: str, settings: IngestSettings) -> Article | None:
    data = _html_payload(record, settings.max_bytes)
    if data is None:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or location
    html = decode_bytes(data)
    return ingest.article_from_html(html, id=url_id(url), settings=settings, location=url, url=url)


def _reason(err: Exception) -> str:
    """A short, printable account of an archive error (warcio quotes the bytes it choked on)."""
    text = f"{type(err).__name__}: {err}"
    return "".join(char if char.isprintable() and ord(char) < 128 else "?" for char in text)[:120]


def _warc_records(handle: IO[bytes], location: str, settings: IngestSettings) -> Iterator[Item]:
    records = ArchiveIterator(handle)
    offset = 0
    try:
        for record in records:
            # get_record_offset() reads the record to its end: only call it after the payload
            try:
                article = _warc_article(record, location, settings)
            except InputError as err:
                yield _problem(err, f"{location}@{records.get_record_offset()}")
                continue
            offset = records.get_record_offset()
            if article is not None:
                yield article
    # warcio, gzip and zlib raise assorted errors on a truncated or corrupt archive; the
    # stream cannot be resynchronised after them, so the rest of this archive is skipped.
    except Exception as err:
        yield _problem(InputError("SC120", offset=offset, reason=_reason(err)), location)


def read_warc(location: str, settings: IngestSettings) -> Iterator[Item]:
    """HTML pages from a .warc or .warc.gz archive, record by record, decompressed under the
    caps of `CappedStream` (a decompression bomb is refused, not expanded)."""
    try:
        with open(location, "rb") as handle:
            compressed = os.fstat(handle.fileno()).st_size
            gzipped = handle.read(2) == b"\x1f\x8b"
            handle.seek(0)
            raw = cast(IO[bytes], gzip.GzipFile(fileobj=handle) if gzipped else handle)
            stream = CappedStream(raw, compressed)
            for item in _warc_records(cast(IO[bytes], stream), location, settings):
                if stream.refused is None or not isinstance(item, InputProblem):
                    yield item  # past a refusal, the parser's own complaint is noise
            if stream.refused is not None:
                yield _problem(stream.refused, location)
    except OSError as err:
        yield _problem(InputError("SC121", reason=err.strerror or type(err).__name__), location)


class CappedStream(io.RawIOBase):
    """A read-only stream that stops a decompression bomb.

    It ends (as if the archive ended) once it has given more than EXPANSION times the
    archive's size on disk (at least MIN_EXPANDED bytes), or a run of MAX_LINE bytes without a
    line break (WARC and HTTP headers are lines; a bomb of zeros is one endless line), and
    records why in `refused`.
    """

    def __init__(self, raw: IO[bytes], compressed_size: int) -> None:
        super().__init__()
        self.raw = raw
        self.cap = max(MIN_EXPANDED, EXPANSION * compressed_size)
        self.given = 0
        self.run = 0
        self.refused: InputError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.refused is not None:
            return 0
        data = self.raw.read(min(len(buffer), READ_CHUNK))
        self.given += len(data)
        newline = data.rfind(b"\n")
        self.run = len(data) - newline - 1 if newline >= 0 else self.run + len(data)
        if self.given > self.cap or self.run > MAX_LINE:
            reason = "a line without end" if self.run > MAX_LINE else f"expands past {self.cap:,} bytes"
            self.refused = InputError("SC121", reason=f"{reason} (a decompression bomb?)")
            return 0
        buffer[: len(data)] = data
        return len(data)


# ------------------------------------------------------------------ feeds


class _TextCollector(HTMLParser):
    """Text of an HTML fragment with paragraph breaks at block tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    paragraphs = (" ".join(block.split()) for block in "".join(collector.parts).split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _fetch(url: str, limit: int) -> bytes:
    """GET a URL input through the outbound guard (fetch.py): http(s) only, public addresses
    only, every redirect checked."""
    return guarded_fetch(url, limit=limit).body


def _read_bytes(location: str, limit: int) -> bytes:
    if is_url(location):
        return _fetch(location, limit)
    try:
        with open(location, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError("SC112", reason=err.strerror or type(err).__name__) from err
    if len(data) > limit:
        raise InputError("SC103", size=len(data), limit=limit)
    return data


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [str(part.get("value", "")) for part in contents]
    body = max(values, key=len) if values else str(entry.get("summary", ""))
    return fragment_text(body) if "<" in body else body


def _entry_article(entry: Any, feed_title: str | None, location: str, settings: IngestSettings) -> Article:
    link = entry.get("link") or None
    key = link or entry.get("id") or f"{location}#{entry.get('title', '')}"
    text = _entry_text(entry)
    if not text.strip():
        raise InputError("SC123")
    return ingest.article_from_text(
        text,
        id=url_id(key) if is_url(key) else url_id(f"{location}/{key}"),
        settings=settings,
        location=link or location,
        title=fragment_text(str(entry.get("title", ""))) or None,
        outlet=feed_title,
        published=_entry_date(entry),
        url=link,
        byline=entry.get("author") or None,
    )


def _parsed_feed(location: str, settings: IngestSettings) -> Any:
    data = _read_bytes(location, settings.max_bytes)
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.get("entries"):
        reason = str(parsed.get("bozo_exception", "not a feed"))[:200]
        raise InputError("SC122", reason=reason)
    if not parsed.get("entries") and not parsed.get("feed"):
        raise InputError("SC122", reason="no entries")
    return parsed


def read_feed(location: str, settings: IngestSettings) -> Iterator[Item]:
    """One article per RSS/Atom entry (its content, else its summary), in feed order."""
    try:
        parsed = _parsed_feed(location, settings)
    except InputError as err:
        yield _problem(err, location)
        return
    feed_title = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_article(entry, feed_title, location, settings)
        except InputError as err:
            yield _problem(err, entry.get("link") or f"{location}#{number}")


def opml_feeds(text: str, location: str) -> list[str]:
    """The feed URLs an OPML document lists (`outline xmlUrl=...`), in order; an OPML file
    may name only http(s) feeds, never a local path (see `read_opml`)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        raise InputError("SC124", reason=str(err)) from err
    return [outline.get("xmlUrl", "") for outline in root.iter("outline") if outline.get("xmlUrl")]


def read_opml(location: str, settings: IngestSettings) -> Iterator[Item]:
    """Every entry of every feed an OPML file lists."""
    try:
        feeds = opml_feeds(decode_bytes(_read_bytes(location, settings.max_bytes)), location)
    except InputError as err:
        yield _problem(err, location)
        return
    for feed in feeds:
        if not is_url(feed):
            yield _problem(InputError("SC501", url=feed), location)
            continue
        yield from read_feed(feed, settings)
