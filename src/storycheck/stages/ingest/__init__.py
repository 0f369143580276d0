"""Ingest: read articles from text, Markdown, HTML and JSONL files into `Article` values.

The only stage that reads files. Each bad input becomes an `InputProblem` with a coded
message (see errors.py) and the other inputs are still read. `article_from_text` and
`article_from_html` do no I/O, so the web server and the story clusterer reuse them.

The package owns reading (`__init__`), decoding (`decode.py`), page cleaning (`clean.py`),
URLs, feeds, OPML and WARC (`sources.py`) and wire credits (`wires.py`). May import
`model`, `config`, `errors`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ...config import IngestSettings
from ...errors import InputError
from ...model import Article, InputProblem
from .checks import _check_body, _check_raw, _parse_date, missing
from .clean import clean_text
from .decode import decode_bytes

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def _problem(err: InputError, location: str) -> InputProblem:
    return InputProblem(location=err.subject or location, code=err.code, message=err.detail)


def _clean_optional(value: str | None) -> str | None:
    value = " ".join(value.split()) if value is not None else None
    return value or None


def article_from_text(
    text: str,
    *,
    id: str,
    settings: IngestSettings,
    location: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    byline: str | None = None,
    markdown: bool = False,
) -> Article:
    """Build an Article from plain text (or Markdown), dropping page furniture.

    Args:
        text: the article as saved or pasted.
        id: the article id.
        settings: ingest settings (size, length and language limits).
        location: where the text came from (a path or URL), for messages.
        title: known title; else a headline-like first line is taken as the title.
        outlet: the publishing outlet.
        published: the publication date.
        url: the article's URL.
        byline: known byline; else a "By ..." line near the top is used.
        markdown: strip Markdown marks (headings, emphasis, link URLs).

    Returns:
        The Article; `text` is the cleaned body every later offset refers to.

    Raises:
        InputError: SC101 empty, SC102 binary, SC103 too large, SC105 not English,
            SC111 too short.
    """
    _check_raw(text, settings)
    cleaned = clean_text(text, markdown=markdown, title=_clean_optional(title))
    _check_body(cleaned.body, settings)
    return Article(
        id=id,
        text=cleaned.body,
        title=cleaned.title,
        outlet=_clean_optional(outlet),
        byline=_clean_optional(byline) or cleaned.byline,
        published=published or cleaned.published,
        url=_clean_optional(url),
        location=location,
        language="en",
    )


def _extract_html(html: str) -> Any:
    """trafilatura's Document for `html` (offline: the string is parsed, nothing fetched).
    Imported here: a check of text files never pays for the HTML stack (issue 12)."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    # trafilatura and lxml raise assorted errors on malformed markup; any of them means
    # the page gave no article, which is this input's problem, not the run's.
    except Exception as err:
        raise InputError("SC106") from err


def article_from_html(
    html: str,
    *,
    id: str,
    settings: IngestSettings,
    location: str | None = None,
    url: str | None = None,
) -> Article:
    """Build an Article from an HTML page: main text and metadata via trafilatura, offline.

    Args:
        html: the page's markup.
        id: the article id.
        settings: ingest settings (size, length and language limits).
        location: where the page came from (a path or URL), for messages.
        url: the page's URL; else the page's canonical URL when it declares one.

    Returns:
        The Article with title, outlet (site name), byline (author) and published date
        taken from the page's metadata where present.

    Raises:
        InputError: SC101 empty, SC102 binary, SC103 too large, SC106 no main text,
            SC105 not English, SC111 too short.
    """
    _check_raw(html, settings)
    document = _extract_html(html)
    main_text = getattr(document, "text", None) if document is not None else None
    if not isinstance(main_text, str) or not main_text.strip():
        raise InputError("SC106")
    title = _clean_optional(getattr(document, "title", None))
    cleaned = clean_text(main_text, title=title, detect_title=False)
    _check_body(cleaned.body, settings)
    return Article(
        id=id,
        text=cleaned.body,
        title=title,
        outlet=_clean_optional(getattr(document, "sitename", None)),
        byline=_clean_optional(getattr(document, "author", None)) or cleaned.byline,
        published=_parse_date(getattr(document, "date", None)),
        url=_clean_optional(url) or _clean_optional(getattr(document, "url", None)),
        location=location,
        language="en",
    )


# ------------------------------------------------------------------ JSONL


def _json_object(line: str, number: int) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError("SC107", line=number, reason=err.msg) from err
    if not isinstance(value, dict):
        raise InputError("SC107", line=number, reason="not a JSON object")
    if not isinstance(value.get("text"), str):
        raise InputError("SC108", line=number)
    return value


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


def _record_id(record: dict[str, Any], stem: str, number: int) -> str:
    value = record.get("id")
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return f"{stem}-{number}"


def _article_from_record(
    record: dict[str, Any], *, id: str, location: str, settings: IngestSettings
) -> Article:
    return article_from_text(
        record["text"],
        id=id,
        settings=settings,
        location=location,
        title=_optional_str(record, "title"),
        outlet=_optional_str(record, "outlet"),
        published=_parse_date(record.get("published")),
        url=_optional_str(record, "url"),
        byline=_optional_str(record, "byline"),
    )


def articles_from_jsonl(
    text: str, *, location: str, settings: IngestSettings
) -> tuple[list[Article], list[InputProblem]]:
    """Read one article per JSONL line; a bad line is reported and skipped.

    Args:
        text: the JSONL document: objects with `text` and optional `id`, `title`, `outlet`,
            `published` (ISO date or datetime), `url`, `byline`.
        location: where it came from; ids default to `<stem>-<line>` of it.
        settings: ingest settings, applied to each line's article.

    Returns:
        The articles in line order, and one problem per skipped line (SC107 bad JSON,
        SC108 no text, SC110 repeated id, or the article's own problem).
    """
    stem = Path(location).stem
    articles: list[Article] = []
    problems: list[InputProblem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = _json_object(line, number)
            record_id = _record_id(record, stem, number)
            articles.append(_article_from_record(record, id=record_id, location=location, settings=settings))
        except InputError as err:
            problems.append(
                _problem(err, location if err.code in ("SC107", "SC108") else f"{location}:{number}")
            )
    unique, duplicates = _drop_duplicates(articles, set())
    return unique, problems + duplicates


# ------------------------------------------------------------------ files


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing non-regular and oversized files before reading them."""
    try:
        if not path.is_file():
            raise InputError("SC112", reason="not a regular file")
        size = path.stat().st_size
        if size > limit:
            raise InputError("SC103", size=size, limit=limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError("SC112", reason=err.strerror or type(err).__name__) from err
    if len(data) > limit:
        raise InputError("SC103", size=len(data), limit=limit)
    return data


def _load_file(
    path: Path, location: str, settings: IngestSettings
) -> tuple[list[Article], list[InputProblem]]:
    """Read one file of a supported type; every failure becomes a problem."""
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError("SC109", suffix=suffix or "(none)")
        data = _read_bytes(path, settings.max_bytes)
        if not data.strip():
            raise InputError("SC101")
        text = decode_bytes(data)
        if suffix in JSONL_SUFFIXES:
            return articles_from_jsonl(text, location=location, settings=settings)
        if suffix in HTML_SUFFIXES:
            return [article_from_html(text, id=path.stem, settings=settings, location=location)], []
        markdown = suffix == ".md"
        article = article_from_text(
            text, id=path.stem, settings=settings, location=location, markdown=markdown
        )
        return [article], []
    except InputError as err:
        return [], [_problem(err, location)]


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _directory_files(root: Path) -> list[Path]:
    """Supported, non-hidden files under `root`, recursively, sorted by relative path."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            relative = Path(folder, name).relative_to(root)
            if not _is_hidden(relative) and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(relative)
    return sorted(found, key=lambda relative: relative.as_posix())


def _expand(given: str | Path) -> tuple[list[tuple[Path, str]], list[InputProblem]]:
    """(path, location) for each file `given` names, or the SC100 problem."""
    location = str(given)
    path = Path(given)
    if not path.exists():
        return [], [_problem(missing(path), location)]
    if path.is_dir():
        return [
            (path / relative, os.path.join(location, relative)) for relative in _directory_files(path)
        ], []
    return [(path, location)], []


def _drop_duplicates(articles: Iterable[Article], seen: set[str]) -> tuple[list[Article], list[InputProblem]]:
    """Articles whose id is new (added to `seen`); an SC110 problem for each repeat."""
    kept: list[Article] = []
    problems: list[InputProblem] = []
    for article in articles:
        if article.id in seen:
            err = InputError("SC110", id=article.id)
            problems.append(_problem(err, article.location or article.id))
        else:
            seen.add(article.id)
            kept.append(article)
    return kept, problems


def load_articles(
    paths: Sequence[str | Path], settings: IngestSettings
) -> tuple[tuple[Article, ...], tuple[InputProblem, ...]]:
    """Read every article at `paths`: files, or directories searched recursively.

    Args:
        paths: files (.txt, .md, .html, .htm, .jsonl) or directories. In a directory,
            hidden files are skipped and other suffixes ignored; the files are read in
            sorted order of their relative paths.
        settings: ingest settings.

    Returns:
        The articles read, in order, and one problem per skipped input (missing path,
        unsupported type, empty, binary, too large, undecodable, not English, no text,
        bad JSONL line, repeated id, too short, unreadable). Never raises for a bad input.
    """
    articles: list[Article] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for given in paths:
        files, missing = _expand(given)
        problems.extend(missing)
        for path, location in files:
            found, file_problems = _load_file(path, location, settings)
            kept, duplicates = _drop_duplicates(found, seen)
            articles.extend(kept)
            problems.extend(file_problems + duplicates)
    return tuple(articles), tuple(problems)
