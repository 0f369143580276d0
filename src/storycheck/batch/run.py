"""The driver of a cluster run: stream signed articles in, assign stories, check, index.

Reading and signing (and later checking) are mapped by an engine; assigning is done here,
one article at a time in input order, so every engine builds the same stories. The state
is checkpointed into OUTDIR every `20 * batch_size` articles; a re-run (or a run resumed
after a kill) loads it, skips the articles it already holds and checks only the stories
whose members changed since their report was written.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from threadpoolctl import threadpool_limits

from ..config import Settings
from ..errors import ConfigError
from ..model import Article, InputProblem
from ..stages.ingest.sources import expand_inputs
from ..stories.cluster import ArticleSignature, add_to_story, new_story
from ..stories.dedupe import DuplicateMatch
from .engines import Engine
from .index import build_index, index_html
from .state import ArticleRecord, ClusterState, OutDir, problem_key, write_atomic
from .window import Window
from .work import CheckJob, CheckResult, Signed, members_fingerprint, result_from_dict

log = logging.getLogger(__name__)

# Checkpoint every this many batches of articles: a kill loses at most this much reading.
CHECKPOINT_BATCHES = 20


@dataclass(frozen=True)
class RunSummary:
    """What one run did: new articles, stories in the folder, stories checked now."""

    articles: int
    stories: int
    checked: int
    problems: tuple[InputProblem, ...]
    index: Path


@dataclass
class _Assigner:
    """The driver's mutable view of the stories while articles stream in."""

    state: ClusterState
    window: Window
    pending: dict[str, list[Article]] = field(default_factory=dict)
    added: int = 0


def _load_state(outdir: OutDir) -> ClusterState:
    try:
        return outdir.load_state()
    except (OSError, ValueError, KeyError, TypeError) as err:
        path = str(outdir.root / "state.json")
        raise ConfigError("SC131", path=path, reason=f"{type(err).__name__}: {err}"[:200]) from err


def _assigner(state: ClusterState, settings: Settings) -> _Assigner:
    return _Assigner(state, Window(state, settings.cluster))


def _story_for(assigner: _Assigner, signature: ArticleSignature, match: DuplicateMatch | None) -> str:
    """The story the article joins (its original's, for a copy), opening one when none fits."""
    state, window = assigner.state, assigner.window
    story_id = state.articles[match.original].story if match else window.stories.assign(signature)
    if story_id is None:
        story_id = state.next_story_id()
        story = new_story(signature, story_id)
        state.members[story_id] = []
    else:
        story = add_to_story(state.stories[story_id], signature)
    window.put_story(story)
    return story_id


def _record(signature: ArticleSignature, story_id: str, match: DuplicateMatch | None) -> ArticleRecord:
    return ArticleRecord(
        story=story_id,
        digest=signature.digest,
        copy_of=match.original if match else None,
        copy_kind=match.kind if match else None,
        similarity=round(match.similarity, 3) if match else 0.0,
    )


def assign_article(assigner: _Assigner, article: Article, signature: ArticleSignature) -> str:
    """Mark the article as a copy or not, put it in a story, and remember it. Returns the story.

    The window's clock moves first, so what the article cannot match any more is let go.
    """
    assigner.window.advance(signature.published)
    match = assigner.window.duplicates.match(signature)
    assigner.window.add_article(signature)
    story_id = _story_for(assigner, signature, match)
    state = assigner.state
    state.members[story_id].append(article.id)
    state.articles[article.id] = _record(signature, story_id, match)
    if article.title and story_id not in state.titles:
        state.titles[story_id] = article.title
    assigner.pending.setdefault(story_id, []).append(article)
    assigner.added += 1
    return story_id


def _checkpoint(assigner: _Assigner, outdir: OutDir) -> None:
    """Flush the pending articles to their logs, then save the state that refers to them."""
    for story_id, articles in assigner.pending.items():
        outdir.append_articles(story_id, articles)
    assigner.pending.clear()
    outdir.save_state(assigner.state)


class _Problems:
    """Names each new problem once (through `on_problem`) and keeps it in the state."""

    def __init__(self, state: ClusterState, on_problem: Callable[[InputProblem], None]) -> None:
        self.state = state
        self.on_problem = on_problem
        self.seen: dict[str, InputProblem] = {}

    def add(self, problem: InputProblem) -> None:
        key = problem_key(problem)
        if key not in self.seen:
            self.seen[key] = problem
            self.state.problems[key] = problem
            self.on_problem(problem)


def _keep(article: Article, signature: ArticleSignature, assigner: _Assigner, problems: _Problems) -> bool:
    """False for an article the state already holds; a different text under a held id is a problem."""
    record = assigner.state.articles.get(article.id)
    if record is None:
        return True
    if record.digest != signature.digest:
        location = article.location or article.id
        problems.add(InputProblem(location, "SC110", f"duplicate article id '{article.id}', skipped"))
    return False


def _too_old(article: Article, since: dt.date | None) -> bool:
    return since is not None and article.published is not None and article.published < since


def _assign_all(
    signed: Iterable[Signed],
    assigner: _Assigner,
    problems: _Problems,
    outdir: OutDir,
    *,
    since: dt.date | None,
    every: int,
) -> None:
    """Assign every signed article in order, checkpointing every `every` new articles."""
    for item in signed:
        if isinstance(item, InputProblem):
            problems.add(item)
            continue
        article, signature = item
        if _too_old(article, since):
            assigner.state.filtered += 1
        elif _keep(article, signature, assigner, problems):
            assign_article(assigner, article, signature)
            if assigner.added % every == 0:
                _checkpoint(assigner, outdir)
    _checkpoint(assigner, outdir)


def _stored_results(outdir: OutDir, state: ClusterState) -> dict[str, CheckResult]:
    """The check results on disk that still match their story's members."""
    results = {}
    for story_id, members in state.members.items():
        meta = outdir.story_paths(story_id)[2]
        if len(members) < 2 or not meta.exists():
            continue
        try:
            result = result_from_dict(json.loads(meta.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue
        if result.fingerprint == members_fingerprint(members):
            results[story_id] = result
    return results


def _jobs(outdir: OutDir, state: ClusterState, done: dict[str, CheckResult]) -> list[CheckJob]:
    return [
        CheckJob(story_id, tuple(members), str(outdir.root))
        for story_id, members in state.members.items()
        if len(members) >= 2 and story_id not in done
    ]


def _write_index(outdir: OutDir, state: ClusterState, results: dict[str, CheckResult]) -> Path:
    index = build_index(state, results)
    write_atomic(outdir.root / "index.json", json.dumps(index, indent=2))
    write_atomic(outdir.root / "index.html", index_html(index))
    return outdir.root / "index.html"


def run_stories(
    inputs: Sequence[str | Path],
    outdir: Path,
    *,
    settings: Settings,
    engine: Engine,
    since: dt.date | None = None,
    check: bool = True,
    on_problem: Callable[[InputProblem], None] = lambda problem: None,
    progress: Callable[[str], None] = lambda message: None,
) -> RunSummary:
    """Group the articles of `inputs` into stories in `outdir`, check each story, write the index.

    Args:
        inputs: files, folders, WARC archives, feeds (paths or URLs), OPML lists.
        outdir: the output folder; a folder from an earlier run is updated.
        settings: all settings (the cluster section drives grouping).
        engine: maps signing and checking (serial, local processes or Spark).
        since: drop articles published before this date (undated ones are kept).
        check: check stories of two or more articles; False only groups them.
        on_problem: called once per skipped input, record, story or duplicate id.
        progress: called with short progress messages.

    Returns:
        The run's summary.

    Raises:
        ConfigError: SC131 when `outdir` holds a state this version cannot read.
    """
    with threadpool_limits(limits=1, user_api="blas"):  # one small mat-vec per article: threads cost more
        return _run_stories(
            inputs,
            outdir,
            settings=settings,
            engine=engine,
            since=since,
            check=check,
            on_problem=on_problem,
            progress=progress,
        )


def _run_stories(
    inputs: Sequence[str | Path],
    outdir: Path,
    *,
    settings: Settings,
    engine: Engine,
    since: dt.date | None,
    check: bool,
    on_problem: Callable[[InputProblem], None],
    progress: Callable[[str], None],
) -> RunSummary:
    folder = OutDir(outdir)
    folder.prepare()
    state = _load_state(folder)
    problems = _Problems(state, on_problem)
    sources, missing = expand_inputs(inputs)
    for problem in missing:
        problems.add(problem)
    assigner = _assigner(state, settings)
    progress(f"reading {len(sources)} inputs")
    every = CHECKPOINT_BATCHES * settings.cluster.batch_size
    _assign_all(engine.sign(sources, settings), assigner, problems, folder, since=since, every=every)
    results = _stored_results(folder, state)
    jobs = _jobs(folder, state, results) if check else []
    progress(f"{assigner.added} new articles in {len(state.stories)} stories; checking {len(jobs)}")
    for result in engine.check(jobs, settings):
        results[result.story_id] = result
        if result.problem is not None:
            problems.add(result.problem)
    folder.save_state(state)
    index = _write_index(folder, state, results)
    return RunSummary(assigner.added, len(state.stories), len(jobs), tuple(problems.seen.values()), index)
