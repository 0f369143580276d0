"""The engine the store calls: story assignment (cluster) and report building (pipeline).

`default_engine(settings)` binds the real stages. Tests and other front ends may build an
`Engine` of their own, for instance to store articles without running the NLP models.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..model import Article

ReportBuilder = Callable[[Sequence[Article]], dict[str, Any]]


@dataclass(frozen=True)
class Engine:
    """What the store needs from the core engine, as plain callables.

    Attributes:
        sign: articles -> one cluster signature each (same order).
        assign: (signature, story centroids) -> the id of the story it joins, or None.
        new_story: (signature, story id) -> the centroid of a new one-article story.
        add_to_story: (centroid, signature) -> the centroid with the article added.
        signature_type: the signature dataclass, to rebuild stored ones.
        centroid_type: the centroid dataclass, to rebuild stored ones.
        build_report: a story's articles -> its StoryReport as schema JSON (a dict).
    """

    sign: Callable[[Sequence[Article]], Sequence[Any]]
    assign: Callable[[Any, Sequence[Any]], str | None]
    new_story: Callable[[Any, str], Any]
    add_to_story: Callable[[Any, Any], Any]
    signature_type: type
    centroid_type: type
    build_report: ReportBuilder


def default_engine(settings: Settings) -> Engine:
    """The real engine: cluster for assignment, the check pipeline for reports."""
    from ..stages import cluster

    cluster_settings = settings.cluster

    def sign(articles: Sequence[Article]) -> Sequence[Any]:
        return cluster.sign_articles(articles, settings=cluster_settings)

    def assign(signature: Any, stories: Sequence[Any]) -> str | None:
        return cluster.assign_story(signature, stories, cluster_settings)

    return Engine(
        sign=sign,
        assign=assign,
        new_story=cluster.new_story,
        add_to_story=cluster.add_to_story,
        signature_type=cluster.ArticleSignature,
        centroid_type=cluster.StoryCentroid,
        build_report=pipeline_report_builder(settings),
    )


def pipeline_report_builder(settings: Settings) -> ReportBuilder:
    """A ReportBuilder that runs `check_articles` and serialises the result."""
    from ..pipeline import check_articles
    from ..serialize import report_to_dict

    def build(articles: Sequence[Article]) -> dict[str, Any]:
        return report_to_dict(check_articles(articles, settings=settings))

    return build
