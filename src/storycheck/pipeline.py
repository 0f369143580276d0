"""Runs the stages in order and owns the per-input error policy.

`check(paths)` reads files; `check_articles(articles)` starts from Article values (the
server and the batch engines use it). Both return one StoryReport.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .config import Settings
from .errors import NoArticlesError
from .model import Article, InputProblem, StoryReport
from .stages import align, analyze, compare, ingest, provenance, report, resolve
from .version import __version__

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass(frozen=True)
class CheckResult:
    """A report with the articles it was computed from (renderers need their text)."""

    report: StoryReport
    articles: tuple[Article, ...]

    @property
    def texts(self) -> dict[str, str]:
        return {article.id: article.text for article in self.articles}


def check(
    paths: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    progress: Progress = _quiet,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> StoryReport:
    """Cross-check the articles found at `paths` (files or directories).

    Args:
        paths: files (.txt, .md, .html, .jsonl) or directories searched recursively.
        settings: resolved settings; defaults when None.
        progress: called with a short message as each stage starts.
        on_problem: called once for each input that was skipped.

    Returns:
        The StoryReport; skipped inputs are listed in `report.skipped`.

    Raises:
        NoArticlesError: no usable article remained.
    """
    return run_check(paths, settings=settings, progress=progress, on_problem=on_problem).report


def run_check(
    paths: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    progress: Progress = _quiet,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> CheckResult:
    """`check`, also returning the articles as read."""
    settings = settings or Settings()
    progress("reading articles")
    articles, problems = ingest.load_articles(paths, settings.ingest)
    for problem in problems:
        if on_problem is not None:
            on_problem(problem)
    report = check_articles(articles, settings=settings, progress=progress, skipped=problems)
    return CheckResult(report=report, articles=tuple(articles))


def check_articles(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    progress: Progress = _quiet,
    skipped: Sequence[InputProblem] = (),
) -> StoryReport:
    """Cross-check articles already read. See `check`."""
    settings = settings or Settings()
    if not articles:
        raise NoArticlesError("SC200")
    progress(f"analyzing {len(articles)} articles")
    story = analyze.analyze_story(articles, settings.analyze, published=settings.published)
    progress("resolving entities")
    entities = resolve.resolve_entities(story)
    progress("aligning claims")
    groups = align.align_claims(story, entities, settings.align)
    progress("comparing")
    comparison = compare.compare_claims(story, entities, groups)
    progress("tracing provenance")
    trace = provenance.trace_provenance(story, settings.provenance)
    progress("writing report")
    built = report.build_report(story, entities, comparison, trace, skipped=tuple(skipped))
    return replace(built, tool_version=__version__)
