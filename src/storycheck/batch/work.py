"""The units of work every engine maps: read and sign a source; check one story.

These are plain, picklable functions of picklable values, so the serial engine calls them
in-process, the local engine in worker processes and the Spark engine inside
`mapPartitions`. Models load lazily, once per process (see nlp.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import InputError, StorycheckError
from ..model import Article, InputProblem, StoryReport
from ..stages.ingest.sources import Source, read_source
from ..stories.cluster import ArticleSignature, sign_articles
from .state import OutDir, read_story_articles, write_atomic

Signed = tuple[Article, ArticleSignature] | InputProblem


@dataclass(frozen=True)
class CheckJob:
    """Check one story: its members as of this run, and where its outputs go."""

    story_id: str
    members: tuple[str, ...]
    outdir: str


@dataclass(frozen=True)
class CheckResult:
    """What checking one story gave, as the index lists it."""

    story_id: str
    fingerprint: str
    status: str  # "checked" or "failed"
    headline: str | None = None
    independent_sources: int = 0
    discrepancies: int = 0
    problem: InputProblem | None = None


def members_fingerprint(members: Iterable[str]) -> str:
    """A digest of a story's member ids: a report is current while this is unchanged."""
    return hashlib.sha1("\n".join(sorted(members)).encode("utf-8")).hexdigest()[:16]


def _sign_batch(batch: list[Article], settings: Settings) -> list[Signed]:
    return list(zip(batch, sign_articles(batch, settings.cluster), strict=True))


def iter_signed(source: Source, settings: Settings) -> Iterator[Signed]:
    """Articles of a source with their signatures, and its problems, in input order, lazily."""
    batch: list[Article] = []
    for item in read_source(source, settings.ingest):
        if isinstance(item, InputProblem):
            yield item
            continue
        batch.append(item)
        if len(batch) >= settings.cluster.batch_size:
            yield from _sign_batch(batch, settings)
            batch = []
    yield from _sign_batch(batch, settings)


def sign_source(source: Source, settings: Settings) -> list[Signed]:
    """Everything `iter_signed` yields for a source, as one list (one task of a pool)."""
    return list(iter_signed(source, settings))


def sign_sources(sources: Iterable[Source], settings: Settings) -> Iterator[Signed]:
    """`iter_signed` over several sources in order: one Spark partition's work."""
    for source in sources:
        yield from iter_signed(source, settings)


def _write_outputs(outdir: OutDir, story_id: str, report: StoryReport, articles: list[Article]) -> None:
    from ..serialize import report_to_json
    from ..stages.render import render

    report_json, report_html, _ = outdir.story_paths(story_id)
    write_atomic(report_json, report_to_json(report))
    write_atomic(report_html, render(report, "html", texts={a.id: a.text for a in articles}))


def _checked(job: CheckJob, report: StoryReport, fingerprint: str) -> CheckResult:
    return CheckResult(
        story_id=job.story_id,
        fingerprint=fingerprint,
        status="checked",
        headline=report.story.headline or None,
        independent_sources=len(report.provenance.groups),
        discrepancies=len(report.discrepancies),
    )


def _failed(job: CheckJob, fingerprint: str, code: str, reason: str) -> CheckResult:
    message = InputError(code, story=job.story_id, reason=reason).detail
    problem = InputProblem(location=job.story_id, code=code, message=message)
    return CheckResult(story_id=job.story_id, fingerprint=fingerprint, status="failed", problem=problem)


def _run_check(job: CheckJob, settings: Settings, fingerprint: str) -> CheckResult:
    from ..pipeline import check_articles

    outdir = OutDir(Path(job.outdir))
    articles = read_story_articles(outdir.articles_dir / f"{job.story_id}.jsonl", list(job.members))
    report = check_articles(articles, settings=settings)
    _write_outputs(outdir, job.story_id, report, articles)
    return _checked(job, report, fingerprint)


def check_story(job: CheckJob, settings: Settings) -> CheckResult:
    """Check one story with the `storycheck check` pipeline and write its report files.

    The report JSON and HTML are written atomically, then the meta file that marks them
    current, so a killed run redoes at most the stories it was working on. A story whose
    check fails is recorded as failed (SC130) and the run goes on.
    """
    fingerprint = members_fingerprint(job.members)
    try:
        result = _run_check(job, settings, fingerprint)
    except StorycheckError as err:
        result = _failed(job, fingerprint, "SC130", err.detail)
    # A bug in one story's check must not cost the other stories of a long batch: it is
    # recorded like a bad input and the story is listed as failed.
    except Exception as err:
        result = _failed(job, fingerprint, "SC130", f"{type(err).__name__}: {err}"[:200])
    _, _, meta = OutDir(Path(job.outdir)).story_paths(job.story_id)
    write_atomic(meta, json.dumps(result_to_dict(result)))
    return result


def check_stories(jobs: Iterable[CheckJob], settings: Settings) -> Iterator[CheckResult]:
    """`check_story` over several jobs: one Spark partition's work."""
    for job in jobs:
        yield check_story(job, settings)


def result_to_dict(result: CheckResult) -> dict[str, object]:
    data = {key: value for key, value in vars(result).items() if key != "problem"}
    if result.problem is not None:
        data["problem"] = vars(result.problem)
    return data


def result_from_dict(data: dict[str, object]) -> CheckResult:
    problem = data.get("problem")
    fields = {key: value for key, value in data.items() if key != "problem"}
    return CheckResult(
        **fields,  # type: ignore[arg-type]
        problem=InputProblem(**problem) if isinstance(problem, dict) else None,
    )
