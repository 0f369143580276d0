"""The pages for people: add articles, browse stories, read one story's cross-check.

Pages render the same data the API returns. Article text reaches the templates only
through Jinja2's autoescape or `render_html.highlight`, which escapes slice by slice.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from ..errors import MESSAGES, StorycheckError
from ..serialize import report_from_dict
from ..stages.render.html import page_context
from .responses import error_body, page, status_for
from .routes import article_from_form, summary_dict
from .state import state_of

router = APIRouter(include_in_schema=False)

# Static files served at /static/NAME: the app's own, and the static report's stylesheet and script.
STATIC: dict[str, tuple[str, str]] = {
    "app.css": ("templates/server/app.css", "text/css; charset=utf-8"),
    "app.js": ("templates/server/app.js", "text/javascript; charset=utf-8"),
    "report.js": ("templates/report.js", "text/javascript; charset=utf-8"),
    "report.css": ("templates/report.css", "text/css; charset=utf-8"),
}
# Stories shown on the front page under the form.
RECENT_STORIES = 8
# Form fields echoed back when a submission fails, so nothing typed is lost.
FORM_FIELDS = ("text", "id", "title", "outlet", "published", "url")


@router.get("/")
def index(request: Request) -> Response:
    """The paste-or-upload form and the latest stories."""
    return page(request, "index.html", index_context(request, {}, None))


@router.post("/submit")
async def submit(request: Request) -> Response:
    """Store a pasted or uploaded article, then show its story (or the form with the error)."""
    try:
        article = await article_from_form(request)
        added = await run_in_threadpool(state_of(request).store.add, article)
    except StorycheckError as err:
        status = status_for(err)
        fields = await typed_fields(request)
        return page(
            request, "index.html", index_context(request, fields, error_body(err, status)), status=status
        )
    target = f"/stories/{added.story}?added={added.article}"
    return RedirectResponse(target, status_code=303)


async def typed_fields(request: Request) -> dict[str, str]:
    """The text fields of a submitted form, to refill it after an error (none if unreadable)."""
    try:
        form = await request.form()
    except (ValueError, AssertionError):
        return {}
    return {name: value for name in FORM_FIELDS if isinstance(value := form.get(name), str)}


def index_context(request: Request, fields: dict[str, str], error: dict[str, Any] | None) -> dict[str, Any]:
    """What the front page shows: the form (refilled after an error) and recent stories."""
    stories = state_of(request).store.stories(limit=RECENT_STORIES)
    return {"fields": fields, "error": error, "stories": [summary_dict(story) for story in stories]}


@router.get("/stories")
def stories(request: Request) -> Response:
    """Every story with its counts."""
    listed = state_of(request).store.stories(limit=500)
    return page(request, "stories.html", {"stories": [summary_dict(story) for story in listed]})


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str) -> Response:
    """One story's cross-check: brief, discrepancies, articles side by side."""
    store = state_of(request).store
    report = report_from_dict(store.report(story_id))
    texts = store.texts(story_id)
    context = page_context(report, texts)
    context.update(
        story_id=story_id, added=request.query_params.get("added"), pending=len(texts) - len(report.articles)
    )
    return page(request, "story.html", context)


@router.get("/docs")
def docs(request: Request) -> Response:
    """The API reference: endpoints from the OpenAPI document and every error code."""
    schema = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, "summary": operation.get("summary", "")}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    codes = [{"code": code, "message": text, "hint": hint} for code, (text, hint) in sorted(MESSAGES.items())]
    return page(request, "docs.html", {"endpoints": endpoints, "codes": codes})


@router.get("/static/{name}")
def static(name: str) -> Response:
    """One of the few static files (CSS, the page script)."""
    if name not in STATIC:
        raise StorycheckError("SC404", what="file", id=name)
    resource, media_type = STATIC[name]
    body = files("storycheck").joinpath(resource).read_bytes()
    return Response(body, media_type=media_type, headers={"Cache-Control": "max-age=300"})
