"""The engine the store calls: story assignment and report building (the check pipeline).

`default_engine(settings)` binds the real stages. Tests and other front ends may build an
`Engine` of their own, for instance to store articles without running the NLP models.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
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
        comparable: (signature, centroid) -> False when the centroid was built by another
            signature (another vector space) and must be rebuilt before `assign` reads it.
        signature_type: the signature dataclass, to rebuild stored ones.
        centroid_type: the centroid dataclass, to rebuild stored ones.
        build_report: a story's articles -> its StoryReport as schema JSON (a dict).
        models: held while a step uses spaCy or onnxruntime (one thread at a time); the fast
            signature uses no model and never waits on it.
    """

    sign: Callable[[Sequence[Article]], Sequence[Any]]
    assign: Callable[[Any, Sequence[Any]], str | None]
    new_story: Callable[[Any, str], Any]
    add_to_story: Callable[[Any, Any], Any]
    comparable: Callable[[Any, Any], bool]
    signature_type: type
    centroid_type: type
    build_report: ReportBuilder
    models: threading.Lock = field(default_factory=threading.Lock)


def default_engine(settings: Settings) -> Engine:
    """The real engine: the cluster stage for stories, the check pipeline for reports.

    Articles are grouped as `storycheck cluster` groups them (`stories/cluster.py` under
    `settings.cluster`): the fast signature unless `[cluster] signature = "neural"`.
    """
    from ..stories import cluster

    cluster_settings = settings.cluster
    models = threading.Lock()  # spaCy and onnxruntime sessions are used by one thread at a time

    def sign(articles: Sequence[Article]) -> Sequence[Any]:
        if cluster_settings.signature == "fast":  # hashed words and capitalised names: no model
            return cluster.sign_articles(articles, cluster_settings)
        with models:
            return cluster.sign_articles(articles, cluster_settings)

    def place(signature: Any, stories: Sequence[Any]) -> str | None:
        return cluster.best_story(signature, stories, cluster_settings)

    def comparable(signature: Any, story: Any) -> bool:
        return len(signature.vector) == len(story.total)

    return Engine(
        sign=sign,
        assign=place,
        new_story=cluster.new_story,
        add_to_story=cluster.add_to_story,
        comparable=comparable,
        signature_type=cluster.ArticleSignature,
        centroid_type=cluster.StoryCentroid,
        build_report=pipeline_report_builder(settings, models),
        models=models,
    )


def pipeline_report_builder(settings: Settings, models: threading.Lock | None = None) -> ReportBuilder:
    """A ReportBuilder that runs `check_articles` and serialises the result.

    Args:
        settings: resolved settings, passed to the pipeline.
        models: held while the pipeline runs, shared with the signer; a new lock when None.
    """
    from ..pipeline import check_articles
    from ..serialize import report_to_dict

    lock = models or threading.Lock()

    def build(articles: Sequence[Article]) -> dict[str, Any]:
        with lock:
            return report_to_dict(check_articles(articles, settings=settings))

    return build


class Signer:
    """Computes cluster signatures for many threads at once, batching their articles.

    A thread that asks while a batch is being signed queues its article; the next thread
    to get the batch lock signs everything queued in one `engine.sign` call. Under load
    this turns many one-article model calls into a few batched ones.
    """

    def __init__(self, sign: Callable[[Sequence[Article]], Sequence[Any]]) -> None:
        self._sign = sign
        self._queue: list[tuple[Article, Future[Any]]] = []
        self._queue_lock = threading.Lock()
        self._batch_lock = threading.Lock()

    def sign(self, article: Article) -> Any:
        """The signature of one article (raises what `engine.sign` raises)."""
        result: Future[Any] = Future()
        with self._queue_lock:
            self._queue.append((article, result))
        with self._batch_lock:
            if not result.done():
                self._run_batch()
        return result.result()

    def _run_batch(self) -> None:
        with self._queue_lock:
            batch, self._queue = self._queue, []
        try:
            signatures = self._sign([article for article, _ in batch])
        except Exception as err:  # every waiting thread gets the same failure
            for _, waiting in batch:
                waiting.set_exception(err)
            return
        for (_, waiting), signature in zip(batch, signatures, strict=True):
            waiting.set_result(signature)
