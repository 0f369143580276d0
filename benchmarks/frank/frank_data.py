"""FRANK records, read through the loader that ships with the data set."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FRANK = Path(os.environ.get("FRANK_DIR", Path(__file__).resolve().parents[3] / "shared" / "data" / "frank"))


def _loader() -> Any:
    spec = importlib.util.spec_from_file_location("frank_load", FRANK / "load.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"FRANK loader not found under {FRANK}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def records(split: str, *, with_baselines: bool = False) -> Iterator[dict[str, Any]]:
    """FRANK summaries of `split` ('valid' or 'test') joined with their article."""
    yield from _loader().load(split, with_baselines=with_baselines)


CACHE = Path(__file__).resolve().parents[2] / "bench-out" / "frank" / "analyzed"


def cached(key: str) -> tuple[Any, float]:
    """The pickled (AnalyzedArticle, seconds) that cache.py wrote for `key`."""
    import pickle

    with (CACHE / (key.replace(":", "__") + ".pkl")).open("rb") as fh:
        value: tuple[Any, float] = pickle.load(fh)
    return value


def featurize(split: str) -> tuple[list[dict[str, Any]], list[dict[str, float]], float]:
    """FRANK records of a split, their verify document features, and seconds spent on features."""
    import time

    from storycheck.verify.align import index_source
    from storycheck.verify.features import document_features, sentence_evidence

    rows = list(records(split))
    indexes: dict[str, Any] = {}
    features = []
    spent = 0.0
    for record in rows:
        start = time.perf_counter()
        if record["hash"] not in indexes:
            indexes[record["hash"]] = index_source(cached(record["hash"])[0])
        source = indexes[record["hash"]]
        evidence = sentence_evidence(source, cached(record["id"])[0])
        record["evidence"] = evidence
        features.append(document_features([item.features for item in evidence], source))
        spent += time.perf_counter() - start
    return rows, features, spent
