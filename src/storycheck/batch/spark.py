"""The Spark engine: the same work functions as the local engine, run by pyspark.

Sources are spread over partitions and signed with `mapPartitions`, so each executor's
Python worker loads the models once (nlp.py caches them per process) and signs a whole
partition; the signed stream comes back to the driver in partition order, one wave at a
time, so the driver assigns stories exactly as the local engine's driver does. Stories are
checked with `mapPartitions` too; each writes its own files atomically under OUTDIR, so a
retried task rewrites the same files (OUTDIR must be on storage every executor can reach).

    storycheck batch crawl/ -o out/ --engine spark --master spark://host:7077
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from ..config import Settings
from ..stages.ingest.sources import Source
from . import work
from .work import CheckJob, CheckResult, Signed

# Sources per partition in one wave: enough work per task to amortise Spark's scheduling.
SOURCES_PER_TASK = 4


def _session(master: str) -> Any:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName("storycheck")
    session = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.python.worker.reuse", "true")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine:
    """Runs the work functions on a Spark cluster (or `local[N]`)."""

    def __init__(self, master: str) -> None:
        self._session = _session(master)
        self._context = self._session.sparkContext

    @property
    def parallelism(self) -> int:
        return int(self._context.defaultParallelism)

    def sign(self, sources: Sequence[Source], settings: Settings) -> Iterator[Signed]:
        task = functools.partial(work.sign_sources, settings=settings)
        wave = SOURCES_PER_TASK * self.parallelism
        for start in range(0, len(sources), wave):
            chunk = list(sources[start : start + wave])
            slices = max(1, min(self.parallelism, len(chunk)))
            yield from self._context.parallelize(chunk, slices).mapPartitions(task).collect()

    def check(self, jobs: Sequence[CheckJob], settings: Settings) -> Iterator[CheckResult]:
        if not jobs:
            return iter(())
        task = functools.partial(work.check_stories, settings=settings)
        slices = max(1, min(len(jobs), 2 * self.parallelism))
        return iter(self._context.parallelize(list(jobs), slices).mapPartitions(task).collect())

    def close(self) -> None:
        """Leave the session running: a caller that built it (tests) stops it."""
        return None
