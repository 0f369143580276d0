"""`storycheck watch` against feed files served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from .conftest import CHESS, FLOOD

pytestmark = pytest.mark.slow


def rss(items: list[dict[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{escape(item['title'])}</title><link>https://news.example/{item['id']}</link>"
        f"<guid>{item['id']}</guid><pubDate>Tue, 04 Mar 2031 10:00:00 GMT</pubDate>"
        f"<description>{escape(item['text'])}</description></item>"
        for item in items
    )
    channel = f"<channel><title>Valley Wire</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving tmp_path (honours If-Modified-Since)."""
    (tmp_path / "news.rss").write_text(rss([FLOOD[0], CHESS]), encoding="utf-8")
    (tmp_path / "broken.rss").write_text("this is not a feed", encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def store(tmp_path: Path, settings: Any) -> Iterator[Any]:
    from storycheck.store import Store, default_engine

    opened = Store(tmp_path / "watch.db", engine=default_engine(settings), background=False)
    yield opened
    opened.close()


def test_poll_stores_new_entries_then_nothing(feed_server: str, store: Any, settings: Any) -> None:
    from storycheck.server.watch import poll_feed

    first = poll_feed(store, f"{feed_server}/news.rss", settings.ingest, allow_private=True)
    second = poll_feed(store, f"{feed_server}/news.rss", settings.ingest, allow_private=True)
    assert (first.added, first.error) == (2, None)
    assert second.not_modified or second.added == 0
    assert sum(story.articles for story in store.stories()) == 2


def test_loopback_feed_is_refused_without_the_flag(feed_server: str, store: Any, settings: Any) -> None:
    from storycheck.server.watch import poll_feed

    result = poll_feed(store, f"{feed_server}/news.rss", settings.ingest)
    assert result.error is not None and "SC502" in result.error
    assert store.stories() == []


def test_broken_feed_is_reported_and_recorded(feed_server: str, store: Any, settings: Any) -> None:
    from storycheck.server.watch import poll_feed
    from storycheck.store.feeds import feed_state

    result = poll_feed(store, f"{feed_server}/broken.rss", settings.ingest, allow_private=True)
    assert result.error is not None and "SC504" in result.error
    state = feed_state(store.db, f"{feed_server}/broken.rss")
    assert state is not None and state.last_error == result.error


def test_watch_command_once(feed_server: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storycheck.cli import cli

    db = tmp_path / "cli.db"
    url = f"{feed_server}/news.rss"
    runner = CliRunner()
    result = runner.invoke(cli, ["watch", url, "--db", str(db), "--once", "--allow-private"])
    refused = runner.invoke(cli, ["watch", url, "--db", str(db), "--once"])
    bad_every = runner.invoke(cli, ["watch", url, "--db", str(db), "--every", "soon"])
    assert (result.exit_code, refused.exit_code, bad_every.exit_code) == (0, 1, 2)
    assert "2 new" in result.output
    assert "SC502" in refused.output
    assert bad_every.output.startswith("error SC202")
