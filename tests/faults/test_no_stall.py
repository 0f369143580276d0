"""Issue 11: adding an article never waits on a report being built.

A report build holds the models lock (spaCy and onnxruntime run one thread at a time); the
fast signature that places a new article in a story uses no model, so it must not wait.
"""

from __future__ import annotations

import threading
from pathlib import Path

from storycheck.config import Settings
from storycheck.model import Article
from storycheck.store import Store
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


STORY = [
    "Harbour officials in Port Keller said on Monday that the ferry Aldra ran aground near the "
    "northern breakwater, and that all 112 passengers were taken ashore by lifeboat.",
    "The ferry Aldra ran aground near the northern breakwater of Port Keller on Monday; harbour "
    "officials said all 112 passengers were brought ashore in lifeboats.",
    "All 112 passengers of the ferry Aldra were taken ashore on Monday after it ran aground near "
    "the northern breakwater at Port Keller, harbour officials said.",
]


def test_a_stale_report_is_served_at_once_while_it_is_rebuilt(tmp_path: Path) -> None:
    """Issue 11: reading a story that changed returns its last report marked stale, without
    waiting for the rebuild (which here cannot even start: the models lock is held)."""
    engine = default_engine(Settings())
    store = Store(tmp_path / "s.db", engine=engine, background=True)
    store.start()
    try:
        first = store.add(Article(id="a", text=STORY[0]))
        store.add(Article(id="b", text=STORY[1]))
        store.report(first.story)  # built now, so a last report exists
        third = store.add(Article(id="c", text=STORY[2]))
        assert third.story == first.story
        answers: list[dict[str, object]] = []
        with engine.models:  # any rebuild is blocked
            reader = threading.Thread(target=lambda: answers.append(store.report(first.story)))
            reader.start()
            reader.join(timeout=30)
            assert not reader.is_alive(), "reading a changed story waited for its rebuild"
        assert answers[0].get("stale") is True
        assert len(answers[0]["articles"]) == 2  # type: ignore[arg-type]
    finally:
        store.close()
