"""Executors for the two mapped phases of a cluster run: sign sources, check stories.

Every engine maps the same functions of `work.py` and hands results back in input order,
so the driver, which assigns articles to stories one at a time, sees the same stream and
builds the same stories whatever engine ran the work.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol

from threadpoolctl import threadpool_limits

from ..config import Settings
from ..stages.ingest.sources import Source
from . import work
from .work import CheckJob, CheckResult, Signed

ENGINES = ("serial", "local", "spark")
# prctl option: the signal a process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
# Seconds between checks that the driver still lives, where prctl is not available.
PARENT_POLL_S = 2.0


class Engine(Protocol):
    """Maps the work functions over sources and stories, results in input order."""

    def sign(self, sources: Sequence[Source], settings: Settings) -> Iterator[Signed]: ...

    def check(self, jobs: Sequence[CheckJob], settings: Settings) -> Iterator[CheckResult]: ...

    def close(self) -> None: ...


class SerialEngine:
    """Everything in this process, streamed one batch at a time (`storycheck cluster`)."""

    def sign(self, sources: Sequence[Source], settings: Settings) -> Iterator[Signed]:
        return work.sign_sources(sources, settings)

    def check(self, jobs: Sequence[CheckJob], settings: Settings) -> Iterator[CheckResult]:
        return work.check_stories(jobs, settings)

    def close(self) -> None:
        return None


def _waves(items: Sequence[Source], size: int) -> Iterator[Sequence[Source]]:
    """Consecutive slices of at most `size` items: bounds how much work is in flight."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


class LocalEngine:
    """A pool of worker processes on this machine; each loads the models once."""

    def __init__(self, workers: int) -> None:
        self._workers = max(1, workers)
        self._pool = ProcessPoolExecutor(
            max_workers=self._workers, initializer=die_with_parent, initargs=(os.getpid(),)
        )

    def sign(self, sources: Sequence[Source], settings: Settings) -> Iterator[Signed]:
        task = functools.partial(work.sign_source, settings=settings)
        for wave in _waves(sources, 4 * self._workers):
            for signed in self._pool.map(task, wave):
                yield from signed

    def check(self, jobs: Sequence[CheckJob], settings: Settings) -> Iterator[CheckResult]:
        return self._pool.map(functools.partial(work.check_story, settings=settings), jobs)

    def close(self) -> None:
        self._pool.shutdown()


def die_with_parent(parent: int) -> None:
    """Worker start-up: end this worker when the driver dies, even by kill -9.

    On Linux the kernel sends SIGTERM when the parent goes (prctl PR_SET_PDEATHSIG); elsewhere
    a daemon thread polls for the parent every PARENT_POLL_S seconds.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the driver died before the call above
        os._exit(1)
    threadpool_limits(limits=1, user_api="blas")  # one worker per core: no BLAS threads on top
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def make_engine(name: str, *, workers: int = 2, master: str | None = None) -> Engine:
    """The engine called `name` ("serial", "local" or "spark")."""
    if name == "spark":
        from .spark import SparkEngine

        return SparkEngine(master or f"local[{workers}]")
    if name == "local":
        return LocalEngine(workers)
    return SerialEngine()
