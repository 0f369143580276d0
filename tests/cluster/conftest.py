"""Fixtures for the cluster tests: invented inputs on disk, small settings, one Spark session."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storycheck.config import Settings
from storycheck.model import Article

from .texts import story_articles


@pytest.fixture
def settings() -> Settings:
    """Default settings with small batches, so checkpoints happen in small tests."""
    base = Settings()
    return dataclasses.replace(base, cluster=dataclasses.replace(base.cluster, batch_size=2))


def article_json(article: Article) -> str:
    data = {"id": article.id, "title": article.title, "text": article.text}
    if article.published:
        data["published"] = article.published.isoformat()
    return json.dumps(data)


def page(article: Article) -> bytes:
    """A small HTML page holding the article."""
    paragraphs = "".join(f"<p>{part}.</p>" for part in article.text.split(". "))
    return (
        f"<html><head><title>{article.title}</title></head><body><article><h1>{article.title}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def write_warc(path: Path, articles: list[Article], *, gzip: bool = False) -> None:
    """A WARC of one HTML response record per article (warcio's writer)."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for article in articles:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/{article.id}",
                "response",
                payload=io.BytesIO(page(article)),
                http_headers=headers,
            )
            writer.write_record(record)
            record.raw_stream.close()


def write_feed(path: Path, articles: list[Article]) -> None:
    """An RSS 2.0 feed with one item per article."""
    items = "".join(
        f"<item><title>{a.title}</title><link>https://feed.example/{a.id}</link>"
        f"<pubDate>Mon, 03 Mar 2031 08:00:00 GMT</pubDate><description>{a.text}</description></item>"
        for a in articles
    )
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>{items}</channel></rss>'
    )


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> Path:
    """The invented stories spread over a JSONL file, a WARC, a gzipped WARC and a feed."""
    folder = tmp_path / "in"
    folder.mkdir()
    articles = story_articles()
    (folder / "a.jsonl").write_text("\n".join(article_json(a) for a in articles[:3]) + "\n")
    write_warc(folder / "b.warc", articles[3:5])
    write_warc(folder / "c.warc.gz", articles[5:7], gzip=True)
    write_feed(folder / "d.rss", articles[7:])
    return folder


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One real pyspark session in local[2] mode for the whole test run."""
    from storycheck.batch.spark import _session

    session = _session("local[2]")
    yield session
    session.stop()
