"""The storycheck command line: a thin click app over the library.

Exit codes (all commands):
  0  success
  1  an input was missing or skipped (the report covers the rest), or none was usable
  2  usage or configuration error (bad flag, bad date, bad config file)
  3  internal error (a bug: please report it with the output of -v)

One module per command group: this one holds the group, the shared options and `check`;
`cluster.py` (cluster, batch), `verify.py`, `serve.py` (serve, watch) load lazily. The top
layer: may import anything in the package; nothing imports it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, NoReturn, TypeVar

import click

from ..config import Settings, load_settings, parse_date
from ..errors import ConfigError, NoArticlesError, StorycheckError
from ..model import InputProblem
from ..version import __version__

log = logging.getLogger("storycheck")

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FORMATS = ("text", "json", "markdown", "html")


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet or verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _fail(err: StorycheckError) -> NoReturn:
    """Stop with the error's one line; a usage or settings error also says what to do."""
    click.echo(f"{err.line()} ({err.hint})" if isinstance(err, ConfigError) else err.line(), err=True)
    sys.exit(EXIT_USAGE if isinstance(err, ConfigError) else EXIT_INPUT)


def _settings(ctx: click.Context, published: str | None) -> Settings:
    config = ctx.obj.get("config") if ctx.obj else None
    return load_settings(
        Path(config) if config else None, published=parse_date(published) if published else None
    )


def _report_problem(problem: InputProblem) -> None:
    click.echo(f"error {problem.code} {problem.location}: {problem.message}", err=True)


def _progress(quiet: bool) -> Any:
    def show(message: str) -> None:
        if not quiet:
            click.echo(f"storycheck: {message}…", err=True)

    return show


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(dict)["quiet"] = True


# `-q` after the subcommand too ("storycheck check -q ..."), as well as before it.
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False, callback=_set_quiet, help="No progress messages."
)
F = TypeVar("F", bound=Callable[..., Any])
published_option = click.option(
    "--published", metavar="DATE", help="Reference date (YYYY-MM-DD) for relative dates like 'Friday'."
)


def format_option(choices: tuple[str, ...], what: str) -> Callable[[F], F]:
    """-f/--format: one of `choices`, text by default."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help=f"{what} format.",
    )


def _writable_output(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an -o the user cannot write before any work is done (not after the analysis)."""
    if value is None or value == "-":
        return None
    path = Path(value)
    folder = path.parent if str(path.parent) else Path(".")
    if (path.exists() and not os.access(path, os.W_OK)) or not (
        folder.is_dir() and os.access(folder, os.W_OK)
    ):
        raise click.BadParameter(f"cannot write {value} (SC112: check the folder exists and is writable)")
    return value


def output_option(what: str) -> Callable[[F], F]:
    """-o/--output FILE instead of stdout."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, allow_dash=True),
        callback=_writable_output,
        help=f"Write the {what} to FILE instead of stdout ('-' for stdout).",
    )


class LazyGroup(click.Group):
    """A click group whose heavier subcommands are imported only when used (click's documented
    lazy-loading pattern), so `storycheck check` never pays for the web or Spark stacks."""

    LAZY: ClassVar[dict[str, str]] = {
        "cluster": "storycheck.cli.cluster:cluster_cmd",
        "batch": "storycheck.cli.cluster:batch_cmd",
        "serve": "storycheck.cli.serve:serve_cmd",
        "watch": "storycheck.cli.serve:watch_cmd",
        "verify": "storycheck.cli.verify:verify_cmd",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            import importlib

            module_name, attr = self.LAZY[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module_name), attr)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storycheck")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="TOML settings file (sections: ingest, analyze, align, provenance).",
)
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int, quiet: bool) -> None:
    """Cross-check how different outlets report the same news story."""
    _configure_logging(verbose, quiet)
    ctx.obj = {"config": config, "verbose": verbose, "quiet": quiet}


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option(FORMATS, "Report")
@output_option("report")
@published_option
@quiet_option
@click.pass_context
def check_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    published: str | None,
) -> None:
    """Cross-check the articles of one story.

    PATHS are files (.txt, .md, .html, .jsonl) or directories, read recursively.

    Example: storycheck check examples/harbor-bridge --format html -o report.html
    """
    from ..pipeline import run_check
    from ..serialize import report_to_json
    from ..stages.render import render

    quiet = bool(ctx.obj.get("quiet"))
    problems: list[InputProblem] = []

    def on_problem(problem: InputProblem) -> None:
        problems.append(problem)
        _report_problem(problem)

    try:
        settings = _settings(ctx, published)
        result = run_check(list(paths), settings=settings, progress=_progress(quiet), on_problem=on_problem)
        report = result.report
        text = (
            report_to_json(report)
            if fmt == "json"
            else render(report, fmt, texts=result.texts, color=_color(output))
        )
    except StorycheckError as err:
        _fail(err)
    _write(text, output)
    sys.exit(EXIT_INPUT if problems else EXIT_OK)


def _color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty()


def _write(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text)
        return
    try:
        Path(output).write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    except OSError as err:
        click.echo(f"error SC112 {output}: cannot write: {err.strerror}", err=True)
        sys.exit(EXIT_INPUT)


def main() -> None:
    """Entry point: run the CLI; never show a traceback for expected errors."""
    try:
        cli(standalone_mode=True)
    except NoArticlesError as err:
        click.echo(err.line(), err=True)
        sys.exit(EXIT_INPUT)
    except StorycheckError as err:
        _fail(err)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as err:
        log.debug("internal error", exc_info=True)
        click.echo(
            f"error SC999 internal error: {type(err).__name__}: {err} (run with -vv for details)", err=True
        )
        sys.exit(EXIT_INTERNAL)
