"""Every evidence span in a report can be checked from the report alone: the report carries
each article's text as read, and text[start:end] is the span's text (issue 10, DESIGN)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storycheck.pipeline import check
from storycheck.serialize import report_to_json

ROOT = Path(__file__).resolve().parents[2]
STORIES = [ROOT / "examples" / "harbor-bridge", ROOT.parent / "shared" / "seeds"]


def _spans(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if {"article", "start", "end", "text"} <= node.keys():
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


@pytest.mark.parametrize("folder", STORIES, ids=lambda path: path.name)
def test_every_span_matches_the_text_the_report_carries(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    data = json.loads(report_to_json(check([str(folder)])))
    texts = {article["id"]: article["text"] for article in data["articles"]}
    spans = list(_spans({key: value for key, value in data.items() if key != "articles"}))
    assert spans
    wrong = [s for s in spans if texts[s["article"]][s["start"] : s["end"]] != s["text"]]
    assert wrong == []
