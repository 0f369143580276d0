"""Turn a pasted text or an uploaded file into a stored article; shared by API and pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from ..config import IngestSettings, parse_date
from ..errors import ConfigError, InputError
from ..model import Article
from ..stages.ingest import HTML_SUFFIXES, TEXT_SUFFIXES, article_from_html, article_from_text
from ..stages.ingest.decode import decode_bytes
from ..store import article_id_for
from ..store.articles import ID_PATTERN

# Placeholder id while ingest reads the text; the stored id is chosen afterwards from the
# cleaned text, so the same article gets the same id however it was pasted.
PENDING_ID = "pending"
# Upload types the server reads (JSONL holds many articles and goes through the CLI).
UPLOAD_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
# Longest accepted title, outlet or byline: a longer one is a pasted body, not metadata.
MAX_FIELD_CHARS = 500


@dataclass(frozen=True)
class Meta:
    """What a client may say about an article besides its text."""

    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    byline: str | None = None


def meta_from_fields(fields: dict[str, Any]) -> Meta:
    """Validate the optional fields of a request into Meta.

    Raises:
        InputError: SC405 for a bad id, field or date.
    """
    values = {name: _field(fields, name) for name in ("id", "title", "outlet", "url", "byline")}
    if values["id"] is not None and not ID_PATTERN.match(values["id"]):
        raise InputError("SC405", reason="'id' must be 1-80 letters, digits, '.', '_' or '-'")
    url = values["url"]
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise InputError("SC405", reason="'url' must start with http:// or https://")
    return Meta(**values, published=_published(fields.get("published")))


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError("SC405", reason=f"'{name}' must be a string")
    if len(value) > MAX_FIELD_CHARS:
        raise InputError("SC405", reason=f"'{name}' is longer than {MAX_FIELD_CHARS} characters")
    return value.strip() or None


def _published(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError("SC405", reason="'published' must be a YYYY-MM-DD string")
    try:
        return parse_date(value[:10])
    except ConfigError as err:
        raise InputError("SC405", reason=f"'published' is not a date: {value!r}") from err


def article_from_paste(text: str, meta: Meta, settings: IngestSettings) -> Article:
    """Read pasted text as an article (raises InputError like ingest)."""
    article = article_from_text(
        text,
        id=PENDING_ID,
        settings=settings,
        location="pasted",
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        url=meta.url,
        byline=meta.byline,
    )
    return _named(article, meta)


def article_from_upload(filename: str, data: bytes, meta: Meta, settings: IngestSettings) -> Article:
    """Read an uploaded .txt, .md or .html file as an article.

    Raises:
        InputError: SC109 other file types, SC102/SC104 undecodable, and ingest's codes.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InputError("SC109", subject=filename, suffix=suffix or "(none)")
    if not data.strip():
        raise InputError("SC101", subject=filename)
    text = decode_bytes(data)
    if suffix in HTML_SUFFIXES:
        page = article_from_html(text, id=PENDING_ID, settings=settings, location=filename, url=meta.url)
        overrides = {key: getattr(meta, key) for key in ("title", "outlet", "published", "byline")}
        article = dataclasses.replace(page, **{k: v for k, v in overrides.items() if v is not None})
        return _named(article, meta)
    markdown = suffix == ".md"
    article = article_from_text(
        text,
        id=PENDING_ID,
        settings=settings,
        location=filename,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        url=meta.url,
        byline=meta.byline,
        markdown=markdown,
    )
    return _named(article, meta)


def _named(article: Article, meta: Meta) -> Article:
    article_id = meta.id or article_id_for(article.text, outlet=article.outlet, title=article.title)
    return dataclasses.replace(article, id=article_id)
