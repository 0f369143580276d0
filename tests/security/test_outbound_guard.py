"""Issue 11: one guard for every outbound request (watch, cluster, batch, URL inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.config import IngestSettings
from storycheck.errors import InputError
from storycheck.stages.ingest.fetch import allowed_address, resolve
from storycheck.stages.ingest.sources import read_opml


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "SC501"),
        ("ftp://news.example/feed.rss", "SC501"),
        ("http://10.1.2.3/feed.rss", "SC502"),
        ("http://169.254.169.254/latest/meta-data", "SC502"),
        ("http://[::1]:9/feed.rss", "SC502"),
        ("http://[64:ff9b::7f00:1]/feed.rss", "SC502"),  # NAT64 form of 127.0.0.1
        ("http://[2002:7f00:1::]/feed.rss", "SC502"),  # 6to4 form of 127.0.0.1
        ("http://[::127.0.0.1]/feed.rss", "SC502"),  # IPv4-compatible loopback
        ("http://[::ffff:10.0.0.1]/feed.rss", "SC502"),  # IPv4-mapped private
        ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/feed.rss", "SC502"),  # Teredo
    ],
)
def test_refused_urls(url: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve(url, allow_private=False)
    assert caught.value.code == code


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert allowed_address(address, allow_private=False)


def test_opml_names_only_http_feeds(tmp_path: Path) -> None:
    """Issue 11: an OPML entry naming a local file (or a loopback feed) is refused, not read."""
    opml = tmp_path / "list.opml"
    opml.write_text(
        '<opml><body><outline xmlUrl="/etc/passwd"/><outline xmlUrl="feeds/local.rss"/>'
        '<outline xmlUrl="http://127.0.0.1:9/r"/></body></opml>',
        encoding="utf-8",
    )
    items = list(read_opml(str(opml), IngestSettings()))
    codes = sorted(item.code for item in items if hasattr(item, "code"))
    assert codes == ["SC501", "SC501", "SC502"], items
