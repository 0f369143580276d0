"""The time window: old stories and sketches leave memory, results within the window stay."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest

from storycheck.batch import run_stories
from storycheck.batch.engines import SerialEngine
from storycheck.batch.state import ClusterState
from storycheck.batch.window import Window
from storycheck.config import ClusterSettings, Settings
from storycheck.model import Article
from storycheck.stories.cluster import add_to_story, new_story, sign_articles

from .conftest import article_json
from .texts import filler_article, gold_stories, story_articles

START = dt.date(2031, 1, 1)
DAYS = 45
PER_DAY = 2
SYLLABLES = "ka lo mer vin tash ol bre dun sa fel ori pim zu har quen tor ul vex".split()


def _unrelated(number: int) -> Article:
    """An article on a made-up topic of its own (a story of one), dated PER_DAY a day."""
    rng = random.Random(number)
    place, person = ("".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(2))
    words = " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(30))
    return Article(
        id=f"item-{number}",
        title=f"{place} hears {person}",
        text=f"On Monday officials in {place} said that {person} spoke about {words}. "
        f"Critics in {place} asked {person} for the details of the plan and the cost of it.",
        published=START + dt.timedelta(days=number // PER_DAY),
    )


def _dated_stream() -> list[Article]:
    """Unrelated articles, PER_DAY a day over DAYS days, then the look-alike stories."""
    fillers = [_unrelated(n) for n in range(DAYS * PER_DAY)]
    later = START + dt.timedelta(days=DAYS)
    shifted = [
        dataclasses.replace(a, published=later + (a.published - dt.date(2031, 3, 3)) if a.published else None)
        for a in story_articles()
    ]
    return [*fillers, *shifted]


def _feed(window: Window, articles: list[Article], settings: ClusterSettings) -> list[tuple[int, int]]:
    """Assign each article as the driver does; the sizes of both indexes after each one."""
    sizes = []
    for signature in sign_articles(articles, settings):
        window.advance(signature.published)
        story_id = window.stories.assign(signature)
        if story_id is None:
            story = new_story(signature, f"s{len(window.state.stories) + 1}")
        else:
            story = add_to_story(window.state.stories[story_id], signature)
        window.put_story(story)
        window.add_article(signature)
        sizes.append((len(window.stories), len(window.duplicates)))
    return sizes


def test_window_indexes_stay_bounded_as_old_articles_leave() -> None:
    settings = ClusterSettings()
    window = Window(ClusterState(), settings)
    sizes = _feed(window, _dated_stream()[: DAYS * PER_DAY], settings)
    bound = (settings.window_days + settings.late_days + 1) * PER_DAY
    assert max(held for _, held in sizes) == bound
    assert max(stories for stories, _ in sizes) <= bound
    assert len(window.state.stories) > 2 * bound  # every story is kept, archived or open
    archived = [story for story in window.state.stories.values() if len(story.total) == 0]
    assert len(archived) == len(window.state.stories) - len(window.stories)
    assert set(window.state.open_articles) == set(window.duplicates.keys())


def test_undated_articles_count_as_arriving_at_the_first_date_seen() -> None:
    settings = ClusterSettings()
    window = Window(ClusterState(), settings)
    undated = [dataclasses.replace(filler_article(n), id=f"undated-{n}") for n in range(3)]
    _feed(window, undated, settings)
    assert len(window.duplicates) == 3  # no date seen yet: nothing can leave
    _feed(window, [dataclasses.replace(filler_article(10), published=START)], settings)
    assert len(window.duplicates) == 4
    span = settings.window_days + settings.late_days
    _feed(
        window,
        [dataclasses.replace(filler_article(11), published=START + dt.timedelta(days=span + 1))],
        settings,
    )
    assert window.duplicates.keys() == ["council-11"]


def _run(articles: list[Article], outdir: Path, settings: Settings) -> None:
    corpus = outdir.parent / f"{outdir.name}.jsonl"
    corpus.write_text("\n".join(article_json(a) for a in articles) + "\n")
    run_stories([corpus], outdir, settings=settings, engine=SerialEngine(), check=False)


def _groups(outdir: Path) -> set[frozenset[str]]:
    index = json.loads((outdir / "index.json").read_text())
    return {frozenset(entry["members"]) for entry in index["story_list"]}


def test_window_gives_the_stories_of_an_unbounded_run(tmp_path: Path, settings: Settings) -> None:
    unbounded = dataclasses.replace(settings, cluster=dataclasses.replace(settings.cluster, late_days=10_000))
    _run(_dated_stream(), tmp_path / "window", settings)
    _run(_dated_stream(), tmp_path / "all", unbounded)
    assert _groups(tmp_path / "window") == _groups(tmp_path / "all")
    assert gold_stories() <= _groups(tmp_path / "window")
    state = json.loads((tmp_path / "window" / "state.json").read_text())
    assert len(state["articles"]) == len(_dated_stream())
    assert len(state["open_articles"]) < len(state["articles"]) / 2


def _as_version_1(state: dict[str, Any]) -> dict[str, Any]:
    """A version 2 state with nothing archived, rewritten in the version 1 layout."""
    members: dict[str, list[str]] = {}
    for key, record in state["articles"].items():
        members.setdefault(record["story"], []).append(key)
        record["minhash"] = state["open_articles"][key]["minhash"]
    for key in ("clock", "open_stories", "open_articles"):
        del state[key]
    return {**state, "version": 1, "members": members}


@pytest.mark.parametrize("version", [1, 2])
def test_rerun_reads_the_state_of_either_version(tmp_path: Path, settings: Settings, version: int) -> None:
    articles = story_articles()
    outdir = tmp_path / "out"
    _run(articles[:5], outdir, settings)
    path = outdir / "state.json"
    if version == 1:
        path.write_text(json.dumps(_as_version_1(json.loads(path.read_text()))))
    _run(articles, outdir, settings)
    assert _groups(outdir) == gold_stories()
    assert json.loads(path.read_text())["version"] == 2
    logged = [line for log in (outdir / "articles").glob("*.jsonl") for line in log.read_text().splitlines()]
    assert sorted(json.loads(line)["id"] for line in logged) == sorted(a.id for a in articles)
