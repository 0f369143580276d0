"""Issue 10: a report names each source and links to the original; a hostile URL is never a link."""

from __future__ import annotations

import json
from pathlib import Path

from storycheck.pipeline import check
from storycheck.serialize import report_to_dict
from storycheck.stages.render import render

TEXT = (
    "The regional council of Varnhem approved a new tram line on Monday after a debate that lasted "
    "six hours, officials said. The line will link the port with the university campus and is "
    "expected to carry 12,000 riders a day once it opens in 2031, the council said."
)


def _story(tmp_path: Path, url: str) -> Path:
    rows = [
        {"id": "a", "text": TEXT, "url": url, "title": "Tram line approved"},
        {"id": "b", "text": TEXT.replace("Monday", "Monday evening"), "outlet": "Varnhem Post"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_url_is_kept_and_names_the_outlet_when_none_is_given(tmp_path: Path) -> None:
    report = check([str(_story(tmp_path, "https://www.varnhem-news.example/tram"))])
    data = report_to_dict(report)
    first = next(article for article in data["articles"] if article["id"] == "a")
    assert first["url"] == "https://www.varnhem-news.example/tram"
    assert first["outlet"] == "varnhem-news.example"
    page = render(report, "html", texts={})
    assert 'href="https://www.varnhem-news.example/tram"' in page


def test_a_script_url_is_never_a_link(tmp_path: Path) -> None:
    report = check([str(_story(tmp_path, "javascript:alert(1)"))])
    page = render(report, "html", texts={})
    assert 'href="javascript' not in page.lower()
