"""Responses shared by the API and the pages: the error shape, and templated HTML."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..errors import MESSAGES, StorycheckError

# The app's templates live beside the static report's, under templates/server/.
TEMPLATE_DIR = "server"

# HTTP status for each coded error; codes not listed answer 400 (input) or 500.
STATUS_BY_CODE: dict[str, int] = {
    "SC101": 422,
    "SC102": 422,
    "SC103": 413,
    "SC104": 422,
    "SC105": 422,
    "SC106": 422,
    "SC109": 415,
    "SC111": 422,
    "SC400": 500,
    "SC401": 409,
    "SC402": 413,
    "SC403": 401,
    "SC404": 404,
    "SC405": 422,
    "SC408": 403,
    "SC409": 500,
}
# Prefixes answered in JSON; every other path is a page for people.
JSON_PREFIXES = ("/api/", "/openapi.json")

_environment = Environment(
    loader=PackageLoader("storycheck", "templates"),
    autoescape=select_autoescape(["html", "svg"], default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def status_for(err: StorycheckError) -> int:
    """The HTTP status of a coded error."""
    return STATUS_BY_CODE.get(err.code, 400 if err.code.startswith("SC1") else 500)


def wants_json(request: Request) -> bool:
    """True for API paths (the error shape there is JSON)."""
    path = request.url.path
    return path == "/openapi.json" or path.startswith(JSON_PREFIXES)


def error_body(err: StorycheckError, status: int) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"ok": False, "error": err.detail, "code": err.code, "status": status, "hint": err.hint}


def error_response(request: Request, err: StorycheckError, *, status: int | None = None) -> Response:
    """`err` as JSON under /api, as an escaped HTML page elsewhere."""
    status = status or status_for(err)
    if wants_json(request):
        return JSONResponse(error_body(err, status), status_code=status)
    return page(request, "error.html", {"error": error_body(err, status)}, status=status)


def internal_error(request: Request) -> Response:
    """A 500 that says nothing about the internals."""
    body = {
        "ok": False,
        "error": "internal error",
        "code": "SC000",
        "status": 500,
        "hint": "see the server log",
    }
    if wants_json(request):
        return JSONResponse(body, status_code=500)
    return page(request, "error.html", {"error": body}, status=500)


def page(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    """Render one of the app's templates; every value is autoescaped."""
    template = _environment.get_template(f"{TEMPLATE_DIR}/{name}")
    html = template.render(**context, path=request.url.path)
    return HTMLResponse(html, status_code=status)


def known_codes() -> list[str]:
    """Every error code, for the API reference page."""
    return sorted(MESSAGES)
