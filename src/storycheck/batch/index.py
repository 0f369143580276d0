"""The index of a cluster run's output folder: every story with its counts, as JSON and HTML."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from typing import Any

from .state import ClusterState
from .work import CheckResult

Json = dict[str, Any]


def _status(size: int, result: CheckResult | None) -> str:
    if size < 2:
        return "uncorroborated"
    return result.status if result is not None else "unchecked"


def story_entry(state: ClusterState, story_id: str, result: CheckResult | None) -> Json:
    """One story's line in the index."""
    story = state.stories[story_id]
    members = state.members[story_id]
    copies = sum(1 for key in members if state.articles[key].copy_of)
    checked = result is not None and result.status == "checked"
    return {
        "id": story_id,
        "headline": (result.headline if result else None) or state.titles.get(story_id) or members[0],
        "articles": len(members),
        "copies": copies,
        "independent_sources": result.independent_sources if checked and result else None,
        "discrepancies": result.discrepancies if checked and result else None,
        "status": _status(len(members), result),
        "first": story.first.isoformat() if story.first else None,
        "last": story.last.isoformat() if story.last else None,
        "members": members,
        "report": f"stories/{story_id}.json" if checked else None,
        "page": f"stories/{story_id}.html" if checked else None,
    }


def build_index(state: ClusterState, results: dict[str, CheckResult]) -> Json:
    """The index: stories (largest first), totals, and the skipped inputs by code."""
    stories = [story_entry(state, key, results.get(key)) for key in state.stories]
    stories.sort(key=lambda entry: (-entry["articles"], entry["id"]))
    problems = sorted(state.problems.values(), key=lambda problem: (problem.code, problem.location))
    return {
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": len(state.articles),
        "stories": len(stories),
        "copies": sum(entry["copies"] for entry in stories),
        "filtered_by_since": state.filtered,
        "skipped": {
            "count": len(problems),
            "by_code": dict(sorted(Counter(problem.code for problem in problems).items())),
            "inputs": [vars(problem) for problem in problems],
        },
        "story_list": stories,
    }


def _cell(value: object) -> str:
    return "<td>–</td>" if value is None else f"<td>{html.escape(str(value))}</td>"


def _row(entry: Json) -> str:
    headline = html.escape(str(entry["headline"]))
    if entry["page"]:
        headline = f'<a href="{html.escape(entry["page"])}">{headline}</a>'
    cells = "".join(
        _cell(entry[key]) for key in ("articles", "copies", "independent_sources", "discrepancies", "status")
    )
    return f"<tr><td>{headline}</td>{cells}</tr>"


def _skipped_rows(index: Json) -> str:
    return "".join(
        f"<li><code>{html.escape(item['code'])}</code> {html.escape(item['location'])}: "
        f"{html.escape(item['message'])}</li>"
        for item in index["skipped"]["inputs"]
    )


def index_html(index: Json) -> str:
    """The index as a self-contained page; every value from the articles is escaped."""
    rows = "".join(_row(entry) for entry in index["story_list"])
    head = "<th>story</th><th>articles</th><th>copies</th><th>independent sources</th>"
    head += "<th>discrepancies</th><th>status</th>"
    summary = (
        f"{index['articles']} articles, {index['stories']} stories, "
        f"{index['skipped']['count']} inputs skipped"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>storycheck stories</title>'
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .6em;text-align:left}"
        "tr:nth-child(even){background:#f4f4f4}</style></head><body>"
        f"<h1>Stories</h1><p>{html.escape(summary)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        f"<h2>Skipped inputs</h2><ul>{_skipped_rows(index)}</ul></body></html>\n"
    )
