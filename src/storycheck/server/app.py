"""The storycheck web app: FastAPI over the SQLite store.

`create_app` builds the app (tests use it directly); `serve` runs it with uvicorn. Errors
leave in one shape: `{"ok": false, "error", "code", "status"}` under /api, an escaped
HTML page elsewhere. Binding anything but loopback needs a token.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import Response

from ..config import Settings
from ..errors import ConfigError, StorycheckError
from ..store import Engine, Store, default_engine
from ..version import __version__
from . import guard, pages, routes, verify_api
from .responses import error_response, internal_error
from .state import ServerState

log = logging.getLogger(__name__)

# One article is at most a few hundred kB; 2 MB leaves room for a large HTML page while
# keeping one request from tying up memory.
MAX_REQUEST_BYTES = 2_000_000
# Longest article text read: ten times a long feature, far below ingest's 5 MB file limit.
MAX_ARTICLE_BYTES = 1_000_000
# Host names a loopback-only server answers to; any other Host header is a DNS-rebinding
# attempt from a web page and is refused.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def create_app(
    db_path: Path | str,
    *,
    settings: Settings,
    token: str | None = None,
    engine: Engine | None = None,
    allowed_hosts: frozenset[str] | None = None,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    background: bool = True,
) -> FastAPI:
    """Build the web app over the database at `db_path` (created and migrated if new).

    Args:
        db_path: the SQLite file.
        settings: resolved settings; ingest limits and the engine's sections are used.
        token: when set, every request must carry it (Bearer header, ?token= or cookie).
        engine: story assignment and report building; the real pipeline when None.
        allowed_hosts: Host header names accepted; any when None.
        max_request_bytes: larger request bodies are refused with 413 (SC402).
        max_article_bytes: larger article texts are refused with 413 (SC103).
        background: recompute reports on a worker thread while the app runs; when False
            a report is computed when first read after its story changed.

    Raises:
        StoreError: the database cannot be opened or is too new.
    """
    store = Store(db_path, engine=engine or default_engine(settings), background=background)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        store.start()
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="storycheck",
        summary="Cross-check how different outlets report the same news story.",
        version=__version__,
        docs_url=None,  # the stock pages load scripts from a CDN; /docs is served by pages.py
        redoc_url=None,
        lifespan=lifespan,
    )
    ingest = replace(settings.ingest, max_bytes=min(settings.ingest.max_bytes, max_article_bytes))
    app.state.storycheck = ServerState(store=store, settings=settings, ingest=ingest, token=token)
    app.add_middleware(BaseHTTPMiddleware, dispatch=guard.Guard(token=token, allowed_hosts=allowed_hosts))
    app.add_middleware(guard.BodyLimit, limit=max_request_bytes)
    _add_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(verify_api.router)
    app.include_router(pages.router)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    async def coded(request: Request, err: Exception) -> Response:
        assert isinstance(err, StorycheckError)
        return error_response(request, err)

    async def http(request: Request, err: Exception) -> Response:
        assert isinstance(err, HTTPException)
        if err.status_code == 404:
            return error_response(request, StorycheckError("SC404", what="page", id=request.url.path))
        return error_response(
            request, StorycheckError("SC405", reason=str(err.detail)), status=err.status_code
        )

    async def invalid(request: Request, err: Exception) -> Response:
        assert isinstance(err, RequestValidationError)
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        return error_response(
            request, StorycheckError("SC405", reason=f"{where}: {first.get('msg', 'invalid')}")
        )

    async def crashed(request: Request, err: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=err)
        return internal_error(request)

    app.add_exception_handler(StorycheckError, coded)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, crashed)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    settings: Settings,
) -> None:
    """Run the web app with uvicorn until interrupted.

    Args:
        db_path: the SQLite file (created if missing).
        host: address to bind; anything but loopback needs `token`.
        port: TCP port.
        token: required from every client when set.
        settings: resolved settings.

    Raises:
        ConfigError: SC407 a non-loopback host without a token.
        StoreError: the database cannot be opened.
    """
    import uvicorn

    if not is_loopback(host) and not token:
        raise ConfigError("SC407", host=host)
    allowed = None if token else LOOPBACK_NAMES | {host.strip("[]")}
    app = create_app(db_path, settings=settings, token=token, allowed_hosts=allowed)
    uvicorn.run(app, host=host, port=port, log_config=None, server_header=False)
