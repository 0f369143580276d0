"""Analyze every FRANK article and summary once and pickle the result under bench-out/.

The verify features are cheap; spaCy and MiniLM are not, so the benchmark and the training
script read these pickles. Each pickle also records the seconds its analysis took, which
the benchmark adds back when it reports throughput.

    .venv/bin/python benchmarks/frank/cache.py [valid|test ...]
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path
from typing import Any

from frank_data import FRANK, records

from storycheck.config import Settings
from storycheck.model import AnalyzedArticle, Article
from storycheck.verify.prepare import analyze_derived, analyze_source

CACHE = Path(__file__).resolve().parents[2] / "bench-out" / "frank" / "analyzed"


def _path(key: str) -> Path:
    return CACHE / (key.replace(":", "__") + ".pkl")


def load_cached(key: str) -> tuple[AnalyzedArticle, float]:
    with _path(key).open("rb") as fh:
        analyzed, seconds = pickle.load(fh)
    return analyzed, seconds


def _store(key: str, value: Any) -> None:
    tmp = _path(key).with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(value, fh)
    tmp.replace(_path(key))


def source_of(record: dict[str, Any], settings: Settings) -> AnalyzedArticle:
    key = record["hash"]
    if _path(key).exists():
        return load_cached(key)[0]
    start = time.perf_counter()
    analyzed = analyze_source(Article(id="source", text=record["article"]), settings.analyze)
    _store(key, (analyzed, time.perf_counter() - start))
    return analyzed


def build(split: str) -> None:
    settings = Settings()
    CACHE.mkdir(parents=True, exist_ok=True)
    rows = list(records(split))
    for number, record in enumerate(rows):
        source = source_of(record, settings)
        if _path(record["id"]).exists():
            continue
        start = time.perf_counter()
        derived = analyze_derived(Article(id="derived", text=record["summary"]), source, settings.analyze)
        _store(record["id"], (derived, time.perf_counter() - start))
        if number % 50 == 0:
            print(f"{split} {number}/{len(rows)}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    print(f"reading {FRANK}", file=sys.stderr)
    for name in sys.argv[1:] or ["valid", "test"]:
        build(name)
