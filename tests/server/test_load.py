"""A bounded load test on loopback: 20 clients post 500 articles to a real uvicorn server."""

from __future__ import annotations

import random
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .conftest import LiveServer

pytestmark = pytest.mark.slow

CLIENTS = 20
POSTS = 500
# Invented events: (town, official, what happened); each gets VARIANTS outlets' versions.
EVENTS = [
    ("Harlow Bend", "Sheriff Ona Brightwater", "a grain silo collapsed"),
    ("Pellmouth", "Harbourmaster Tobiah Crane", "a cargo ship ran aground"),
    ("Quenby", "Principal Adaeze Moor", "a school roof caved in"),
    ("Dunmere", "Fire Chief Lasse Orvik", "a warehouse fire burned overnight"),
    ("Ashcombe", "Mayor Selin Varga", "a water main burst downtown"),
    ("Tolvern", "Ranger Priya Holloway", "a wildfire spread across the ridge"),
    ("Kestwick", "Commissioner Ewan Tally", "a commuter train derailed"),
    ("Marrowby", "Doctor Fenna Quist", "a gas leak forced an evacuation"),
]
VARIANTS = 4
OUTLETS = ["Courier", "Sentinel", "Herald", "Gazette", "Observer"]


def article(event: int, variant: int) -> dict[str, str]:
    town, official, happened = EVENTS[event]
    count = 10 + 3 * variant + event
    return {
        "id": f"e{event}-v{variant}",
        "outlet": f"{town} {OUTLETS[variant]}",
        "published": f"2031-0{1 + event % 9}-1{variant}",
        "title": f"In {town}, {happened}",
        "text": (
            f"In {town} on Monday {happened}, and {count} people were hurt, {official} said. "
            f"Crews worked through the night in {town} while {official} asked residents to stay away. "
            f"The {OUTLETS[variant]} spoke to neighbours who described a loud noise before dawn. "
            f"{official} said an inquiry would report within {variant + 2} weeks."
        ),
    }


def test_concurrent_posts_store_each_article_once_and_reports_agree(tmp_path: Path, settings: Any) -> None:
    import httpx

    from storycheck.server.app import create_app

    distinct = [article(event, variant) for event in range(len(EVENTS)) for variant in range(VARIANTS)]
    posts = [distinct[number % len(distinct)] for number in range(POSTS)]
    random.Random(4).shuffle(posts)
    db_path = tmp_path / "load.db"
    app = create_app(db_path, settings=settings, background=True)
    with LiveServer(app) as live, httpx.Client(base_url=live.url, timeout=120) as client:

        def send(body: dict[str, str]) -> tuple[int, str, str]:
            answer = client.post("/api/articles", json=body)
            return answer.status_code, answer.json().get("article", ""), answer.json().get("story", "")

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(send, posts))
        stories = client.get("/api/stories").json()["stories"]
        reports = {story["id"]: client.get(f"/api/stories/{story['id']}").json() for story in stories}

    assert sorted({status for status, _, _ in answers}) == [200, 201]
    assert sum(status == 201 for status, _, _ in answers) == len(distinct)
    story_of: dict[str, set[str]] = {}
    for _, article_id, story_id in answers:
        story_of.setdefault(article_id, set()).add(story_id)
    assert set(story_of) == {body["id"] for body in distinct}
    assert all(len(ids) == 1 for ids in story_of.values())

    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT id, story_id, content_hash FROM articles").fetchall()
    assert len(rows) == len({row[2] for row in rows}) == len(distinct)
    members: dict[str, set[str]] = {}
    for article_id, story_id, _ in rows:
        members.setdefault(story_id, set()).add(article_id)
    assert set(reports) == set(members)
    for story_id, report in reports.items():
        assert {info["id"] for info in report["articles"]} == members[story_id]
    assert sum(story["articles"] for story in stories) == len(distinct)
