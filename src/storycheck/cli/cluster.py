"""`storycheck cluster` and `storycheck batch`: find the stories in a pile of articles.

Loaded lazily by cli.py, so `storycheck check` never imports the batch engines.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from ..batch import make_engine, run_stories
from ..batch.run import RunSummary
from ..config import parse_date
from ..errors import StorycheckError
from ..model import InputProblem
from . import EXIT_INPUT, EXIT_OK, _fail, _progress, _report_problem, _settings, quiet_option


def _run(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output_dir: str,
    *,
    since: str | None,
    check: bool,
    engine_name: str,
    workers: int,
    master: str | None = None,
) -> None:
    """Shared body of both commands: run, print the summary, exit 1 when an input was skipped."""
    quiet = bool(ctx.obj.get("quiet")) if ctx.obj else False
    if not (ctx.obj or {}).get("verbose"):
        # trafilatura logs every page it cannot parse; the skipped input is named once anyway
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    problems: list[InputProblem] = []

    def on_problem(problem: InputProblem) -> None:
        problems.append(problem)
        _report_problem(problem)

    try:
        settings = _settings(ctx, None)
        since_date = parse_date(since) if since else None
        engine = make_engine(engine_name, workers=workers, master=master)
        try:
            summary = run_stories(
                list(inputs),
                Path(output_dir),
                settings=settings,
                engine=engine,
                since=since_date,
                check=check,
                on_problem=on_problem,
                progress=_progress(quiet),
            )
        finally:
            engine.close()
    except StorycheckError as err:
        _fail(err)
    click.echo(_summary_line(summary))
    sys.exit(EXIT_INPUT if problems else EXIT_OK)


def _summary_line(summary: RunSummary) -> str:
    return (
        f"{summary.articles} new articles, {summary.stories} stories, {summary.checked} checked, "
        f"{len(summary.problems)} skipped -> {summary.index}"
    )


_INPUTS = click.argument("inputs", nargs=-1, required=True, type=click.Path())
_OUTPUT = click.option(
    "-o",
    "--output-dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for reports and index.",
)
_SINCE = click.option("--since", metavar="DATE", help="Skip articles published before DATE (YYYY-MM-DD).")
_CHECK = click.option(
    "--check/--no-check", default=True, show_default=True, help="Cross-check each story of 2+ articles."
)


@click.command("cluster")
@_INPUTS
@_OUTPUT
@_SINCE
@_CHECK
@quiet_option
@click.pass_context
def cluster_cmd(
    ctx: click.Context, inputs: tuple[str, ...], output_dir: str, since: str | None, check: bool
) -> None:
    """Group articles into stories, check each story, write reports and an index.

    INPUTS are files, folders, .warc/.warc.gz archives, RSS/Atom feeds (files or URLs) and
    OPML lists. Re-running on the same OUTDIR adds the new articles to its stories.

    Example: storycheck cluster feeds.opml --since 2024-11-14 -o stories/
    """
    _run(ctx, inputs, output_dir, since=since, check=check, engine_name="serial", workers=1)


@click.command("batch")
@_INPUTS
@_OUTPUT
@_SINCE
@_CHECK
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: worker processes; spark: pyspark (needs the storycheck[spark] extra).",
)
@click.option("--master", metavar="URL", help="Spark master, e.g. local[2] or spark://host:7077.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="CPU count",
    help="Worker processes (local) or local[N] cores (spark without --master).",
)
@quiet_option
@click.pass_context
def batch_cmd(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output_dir: str,
    since: str | None,
    check: bool,
    engine: str,
    master: str | None,
    workers: int,
) -> None:
    """Like `cluster`, with the reading and checking spread over processes or a Spark cluster.

    Both engines give the same stories on the same input.

    Example: storycheck batch crawl/ -o stories/ --engine spark --master local[2]
    """
    _run(
        ctx, inputs, output_dir, since=since, check=check, engine_name=engine, workers=workers, master=master
    )
