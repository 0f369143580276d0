"""`storycheck serve` and `storycheck watch`: the web app and the feed poller over one SQLite store."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..errors import ConfigError, StorycheckError
from . import EXIT_INPUT, EXIT_OK, _fail, _settings

# `--every` values: a number and a unit, e.g. 90s, 10m, 1h.
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")
_UNIT_S = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}
# Shortest polling interval: politer than that to a feed server is hammering it.
MIN_EVERY_S = 10.0


def parse_every(text: str) -> float:
    """`10m` -> 600.0 seconds.

    Raises:
        ConfigError: SC202 for a malformed or too short interval.
    """
    match = _DURATION.match(text)
    if match is None:
        raise ConfigError("SC202", name="--every", value=text, reason="use e.g. 90s, 10m or 1h")
    seconds = float(match.group(1)) * _UNIT_S[match.group(2)]
    if seconds < MIN_EVERY_S:
        raise ConfigError("SC202", name="--every", value=text, reason=f"at least {MIN_EVERY_S:.0f}s")
    return seconds


@click.command("serve")
@click.option(
    "--db", default="storycheck.db", show_default=True, type=click.Path(dir_okay=False), help="SQLite file."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; others than loopback need --token.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option(
    "--token", envvar="STORYCHECK_TOKEN", help="Access token every client must send (env STORYCHECK_TOKEN)."
)
@click.pass_context
def serve_cmd(ctx: click.Context, db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web app and HTTP API over a SQLite store.

    Example: storycheck serve --db newsroom.db, then open http://127.0.0.1:8000/
    """
    from ..server.app import is_loopback, serve

    try:
        settings = _settings(ctx, None)
        if not is_loopback(host) and not token:
            raise ConfigError("SC407", host=host)  # before saying it serves
        click.echo(f"storycheck: serving {db} on http://{host}:{port}/ (API reference at /docs)", err=True)
        serve(Path(db), host=host, port=port, token=token, settings=settings)
    except StorycheckError as err:
        _fail(err)
    sys.exit(EXIT_OK)


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@click.option(
    "--db", default="storycheck.db", show_default=True, type=click.Path(dir_okay=False), help="SQLite file."
)
@click.option("--every", default="10m", show_default=True, help="Polling interval (e.g. 90s, 10m, 1h).")
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@click.option(
    "--allow-private", is_flag=True, help="Allow feeds on loopback and private addresses (off: refused)."
)
@click.pass_context
def watch_cmd(
    ctx: click.Context, feeds: tuple[str, ...], db: str, every: str, once: bool, allow_private: bool
) -> None:
    """Poll RSS/Atom FEEDS (http or https URLs) and add new entries to the store.

    Example: storycheck watch https://example.org/news.rss --db newsroom.db --every 10m
    """
    from ..server.watch import PollResult, watch
    from ..store import Store, default_engine

    quiet = bool(ctx.obj.get("quiet")) if ctx.obj else False
    failed = False

    def show(result: PollResult) -> None:
        nonlocal failed
        if result.error:
            failed = True
            click.echo(result.error, err=True)
        elif not quiet:
            state = (
                "not modified"
                if result.not_modified
                else (f"{result.added} new, {result.duplicates} known, {result.skipped} skipped")
            )
            click.echo(f"storycheck: {result.url}: {state}", err=True)

    try:
        every_s = parse_every(every)
        settings = _settings(ctx, None)
        store = Store(Path(db), engine=default_engine(settings), background=False)
    except StorycheckError as err:
        _fail(err)
    try:
        watch(
            store,
            feeds,
            settings.ingest,
            every_s=every_s,
            rounds=1 if once else None,
            allow_private=allow_private,
            report=show,
        )
    except KeyboardInterrupt:
        click.echo("storycheck: stopped", err=True)
    finally:
        store.close()
    sys.exit(EXIT_INPUT if failed else EXIT_OK)
