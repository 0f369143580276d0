"""Issue 11: adding an article never waits on a report being built.

A report build holds the models lock (spaCy and onnxruntime run one thread at a time); the
fast signature that places a new article in a story uses no model, so it must not wait.
"""

from __future__ import annotations

import threading

from storycheck.config import Settings
from storycheck.model import Article
from storycheck.store.engine import default_engine

TEXT = (
    "Harbour officials in Port Keller said on Monday that the ferry Aldra ran aground near the "
    "northern breakwater, and that all 112 passengers were taken ashore by lifeboat."
)


def test_signing_an_article_does_not_wait_for_the_models_lock() -> None:
    engine = default_engine(Settings())
    signed: list[object] = []
    with engine.models:  # as a report build holds it
        worker = threading.Thread(target=lambda: signed.extend(engine.sign([Article(id="a", text=TEXT)])))
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive(), "sign waited for the models lock held by a report build"
    assert len(signed) == 1
