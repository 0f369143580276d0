"""`storycheck verify`: check a rewrite, summary or translation against its source.

Loaded lazily by cli.py. Exit codes as for every command: 0 ok, 1 an input could not be
read, 2 usage, 3 internal error.
"""

from __future__ import annotations

import dataclasses
import sys

import click

from ..config import IngestSettings
from ..errors import InputError, StorycheckError
from ..model import Article
from ..verify import DERIVED_MIN_WORDS
from . import (
    EXIT_INPUT,
    EXIT_OK,
    _fail,
    _progress,
    _report_problem,
    _settings,
    _write,
    format_option,
    output_option,
    published_option,
    quiet_option,
)


def _read_all(paths: tuple[str, ...], settings: IngestSettings) -> tuple[list[Article], bool]:
    """Every article at `paths` and whether any input was skipped (each says why on stderr)."""
    from ..stages.ingest import load_articles

    articles, problems = load_articles(list(paths), settings)
    for problem in problems:
        _report_problem(problem)
    return list(articles), bool(problems)


def _without(source: Article, derived: list[Article]) -> list[Article]:
    """The derived texts but SOURCE itself (a story folder given as DERIVED holds it),
    unless it is the only one."""
    others = [item for item in derived if item.text.strip() != source.text.strip()]
    return others or derived


def _read_one(path: str, settings: IngestSettings) -> Article | None:
    """The first article at `path`, or None after printing why there is none."""
    articles, skipped = _read_all((path,), settings)
    if not articles:
        if not skipped:
            click.echo(InputError("SC106", subject=path).line(), err=True)
        return None
    return articles[0]


@click.command("verify")
@click.argument("source", type=click.Path())
@click.argument("derived", nargs=-1, required=True, type=click.Path())
@format_option(("text", "json", "html"), "Output")
@output_option("result")
@published_option
@quiet_option
@click.pass_context
def verify_cmd(
    ctx: click.Context,
    source: str,
    derived: tuple[str, ...],
    fmt: str,
    output: str | None,
    published: str | None,
) -> None:
    """Check DERIVED (a rewrite, summary or translation) against its SOURCE.

    Every sentence of DERIVED is labelled supported, contradicted or unsupported, with
    the evidence in SOURCE and any typed conflict (name, role, number, date, place,
    quote, claim); the consistency score in [0, 1] estimates the probability that the
    derived text holds no factual error against the source.

    DERIVED may be several files or directories: each text in them is checked against
    SOURCE, which is read once. JSON output is then an array, one object per text;
    a text that cannot be read is reported and skipped (exit 1 after the others).

    Example: storycheck verify wire.txt rewrite.txt --format html -o verify.html
    """
    quiet = bool(ctx.obj.get("quiet")) if ctx.obj else False
    try:
        settings = _settings(ctx, published)
        source_article = _read_one(source, settings.ingest)
        derived_settings = dataclasses.replace(settings.ingest, min_words=DERIVED_MIN_WORDS)
        derived_articles, skipped = _read_all(derived, derived_settings)
        if source_article is not None:
            derived_articles = _without(source_article, derived_articles)
        if source_article is None or not derived_articles:
            if source_article is not None and not skipped:
                click.echo(InputError("SC106", subject=" ".join(derived)).line(), err=True)
            sys.exit(EXIT_INPUT)
        if settings.published is not None:
            source_article = dataclasses.replace(source_article, published=settings.published)
        _progress(quiet)("verifying")
        from ..verify.check import verify_many
        from ..verify.render import render_verify

        results = verify_many(source_article, derived_articles, settings.analyze)
        text = render_verify(results, fmt)
    except StorycheckError as err:
        _fail(err)
    _write(text, output)
    sys.exit(EXIT_INPUT if skipped else EXIT_OK)
