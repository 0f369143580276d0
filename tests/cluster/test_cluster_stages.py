"""Dedupe and clustering as pure functions, on invented articles."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from storycheck.config import ClusterSettings
from storycheck.model import Article
from storycheck.stories.cluster import (
    StoryIndex,
    add_to_story,
    best_story,
    entity_names,
    new_story,
    sign_articles,
)
from storycheck.stories.dedupe import DuplicateIndex

from .texts import gold_stories, story_articles

SETTINGS = ClusterSettings()


def _group(articles: list[Article], settings: ClusterSettings = SETTINGS) -> set[frozenset[str]]:
    index, members = StoryIndex(settings), {}
    for signature in sign_articles(articles, settings):
        story_id = index.assign(signature)
        if story_id is None:
            story_id = f"s{len(index)}"
            index.put(new_story(signature, story_id))
        else:
            index.put(add_to_story(index.get(story_id), signature))
        members.setdefault(story_id, set()).add(signature.article_id)
    return {frozenset(ids) for ids in members.values()}


def test_dedupe_marks_exact_and_near_copies_only() -> None:
    articles = story_articles()
    exact = dataclasses.replace(articles[0], id="harlow-exact", title="Another headline")
    index, matches = DuplicateIndex(), {}
    for signature in sign_articles([*articles, exact], SETTINGS):
        matches[signature.article_id] = index.match(signature)
        index.add(signature)
    copies = {key: (m.original, m.kind) for key, m in matches.items() if m is not None}
    assert copies == {
        "harlow-copy": ("harlow-0", "near"),
        "quenby-copy": ("quenby-0", "near"),
        "orbis-copy": ("orbis-0", "near"),
        "harlow-exact": ("harlow-0", "exact"),
    }


def test_clustering_separates_look_alike_stories() -> None:
    assert _group(story_articles()) == gold_stories()


def test_clustering_does_not_depend_on_batching() -> None:
    articles = story_articles()
    one_by_one = [
        signature.vector for article in articles for signature in sign_articles([article], SETTINGS)
    ]
    together = [signature.vector for signature in sign_articles(articles, SETTINGS)]
    assert all((a == b).all() for a, b in zip(one_by_one, together, strict=True))


def test_best_story_over_every_story_agrees_with_the_pruned_index() -> None:
    index = StoryIndex(SETTINGS)
    choices = []
    for signature in sign_articles(story_articles(), SETTINGS):
        story_id = index.assign(signature)
        choices.append((story_id, best_story(signature, index.stories(), SETTINGS)))
        if story_id is None:
            index.put(new_story(signature, f"s{len(index)}"))
        else:
            index.put(add_to_story(index.get(story_id), signature))
    assert all(pruned == full for pruned, full in choices)
    assert sum(story_id is not None for story_id, _ in choices) > 0


def test_time_window_keeps_a_later_look_alike_apart() -> None:
    articles = story_articles()[:2]
    later = dataclasses.replace(articles[1], id="harlow-next-year", published=dt.date(2032, 3, 3))
    groups = _group([*articles, later])
    assert frozenset({"harlow-next-year"}) in groups


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mayor Ana Lopez met Orbis Corp. in Port Vale.", {"mayor ana lopez", "orbis corp", "port vale"}),
        ("The storm hit on Monday. Rain fell.", set()),
        ("Officials said the Harlow Dam had failed.", {"harlow dam"}),
    ],
)
def test_entity_names_finds_capitalised_names(text: str, expected: set[str]) -> None:
    assert entity_names(text) == expected
