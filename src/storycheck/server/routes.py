"""The HTTP API under /api: add an article, list stories, read a story's report.

Handlers parse the request, call the store, and return plain data. Models here exist
for the OpenAPI document; the report itself follows ../shared/report.schema.json.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse

from ..errors import InputError
from ..model import Article
from ..store import Added, StorySummary
from .state import state_of
from .submit import Meta, article_from_paste, article_from_upload, meta_from_fields

router = APIRouter(prefix="/api", tags=["api"])

# Stories listed per request at most: the list is for browsing, not for export.
MAX_LIST = 500


class ArticleIn(BaseModel):
    """One article as JSON; only `text` is required."""

    text: str = Field(description="The article body (plain text or Markdown).")
    id: str | None = Field(None, description="Stable id (1-80 of A-Z a-z 0-9 . _ -); generated when absent.")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(None, description="The article's http(s) URL.")
    byline: str | None = None


class ArticleAdded(BaseModel):
    """Where an article was stored."""

    ok: bool = True
    article: str = Field(description="The stored article's id.")
    story: str = Field(description="The id of the story it was assigned to.")
    duplicate: bool = Field(description="True when the same text was already stored (nothing changed).")


class StoryOut(BaseModel):
    """One line of the story list; counts are null until the story's report is computed."""

    id: str
    headline: str
    articles: int
    outlets: list[str]
    independent_sources: int | None
    discrepancies: int | None
    current: bool = Field(description="The counts come from a report covering every article.")
    updated_at: str
    error: str | None = None


class StoryList(BaseModel):
    ok: bool = True
    stories: list[StoryOut]


class ErrorOut(BaseModel):
    """The one error shape of the API."""

    ok: bool = False
    error: str
    code: str = Field(description="Stable code, listed in storycheck/errors.py.")
    status: int
    hint: str


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (401, "missing or wrong token"),
        (403, "cross-site request or unexpected Host"),
        (404, "no such story"),
        (409, "article id already used by a different text"),
        (413, "request or article too large"),
        (415, "unsupported upload type"),
        (422, "unusable article (empty, too short, not English) or bad field"),
    )
}

ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticleIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": ".txt, .md or .html"},
                        "text": {"type": "string"},
                        **{
                            name: {"type": "string"} for name in ("id", "title", "outlet", "published", "url")
                        },
                    },
                }
            },
        },
    }
}


@router.post(
    "/articles",
    response_model=ArticleAdded,
    status_code=201,
    responses={200: {"model": ArticleAdded, "description": "already stored"}, **ERRORS},
    openapi_extra=ARTICLE_BODY,
    summary="Add an article (JSON or a file upload); it is assigned to a story",
)
async def post_article(request: Request) -> JSONResponse:
    """Store one article and answer with its id and its story's id."""
    article = await article_from_request(request)
    added = await run_in_threadpool(state_of(request).store.add, article)
    return JSONResponse(added_body(added), status_code=200 if added.duplicate else 201)


@router.get("/stories", response_model=StoryList, responses=ERRORS, summary="List stories")
def get_stories(
    request: Request,
    limit: int = Query(100, ge=1, le=MAX_LIST),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    """Stories, most recently updated first, with counts from their latest reports."""
    stories = state_of(request).store.stories(limit=limit, offset=offset)
    return {"ok": True, "stories": [summary_dict(story) for story in stories]}


@router.get(
    "/stories/{story_id}",
    responses={
        200: {
            "description": "The StoryReport JSON (report.schema.json), as `storycheck check --format json`"
        },
        **ERRORS,
    },
    summary="A story's report",
)
def get_story(request: Request, story_id: str) -> JSONResponse:
    """The story's StoryReport, computed now when articles arrived since the last one."""
    return JSONResponse(state_of(request).store.report(story_id))


def added_body(added: Added) -> dict[str, Any]:
    """The JSON answer to an added article."""
    return {"ok": True, "article": added.article, "story": added.story, "duplicate": added.duplicate}


def summary_dict(story: StorySummary) -> dict[str, Any]:
    """A StorySummary as JSON."""
    return {
        "id": story.id,
        "headline": story.headline,
        "articles": story.articles,
        "outlets": list(story.outlets),
        "independent_sources": story.independent_sources,
        "discrepancies": story.discrepancies,
        "current": story.current,
        "updated_at": story.updated_at,
        "error": story.error,
    }


async def article_from_request(request: Request) -> Article:
    """Read the article of a JSON or multipart request.

    Raises:
        InputError: SC405 bad body or field, SC109 unsupported upload, and ingest's codes.
    """
    settings = state_of(request).ingest
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        fields = json_fields(await request.body())
        return article_from_paste(text_field(fields), meta_from_fields(fields), settings)
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await article_from_form(request)
    raise InputError("SC405", reason=f"unsupported Content-Type '{kind or '(none)'}'")


async def article_from_form(request: Request) -> Article:
    """Read the article of a form: an uploaded `file`, else a `text` field.

    Raises:
        InputError: SC405 unreadable form or bad field, SC109 unsupported upload, ingest's codes.
    """
    settings = state_of(request).ingest
    try:
        async with request.form() as form:
            fields = {key: value for key, value in form.items() if isinstance(value, str)}
            meta: Meta = meta_from_fields(fields)
            upload = form.get("file")
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read()
                return article_from_upload(upload.filename, data, meta, settings)
    except (ValueError, AssertionError) as err:
        raise InputError("SC405", reason=f"unreadable form: {err}") from err
    return article_from_paste(text_field(fields), meta, settings)


# Deepest JSON nesting accepted: an article is a flat object; Python's parser recurses per level.
MAX_JSON_DEPTH = 32


def json_depth(body: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings not counted);
    read in one linear pass, before the recursive parser sees it."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
            continue
        if byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def json_fields(body: bytes) -> dict[str, Any]:
    """The JSON object of a request body.

    Raises:
        InputError: SC405 when the body is not a JSON object.
    """
    if json_depth(body) > MAX_JSON_DEPTH:
        raise InputError("SC405", reason=f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        fields = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as err:
        raise InputError("SC405", reason=f"body is not JSON: {err}") from err
    if not isinstance(fields, dict):
        raise InputError("SC405", reason="body must be a JSON object")
    return fields


def text_field(fields: dict[str, Any]) -> str:
    """The `text` field, which must be a non-empty string.

    Raises:
        InputError: SC405 when missing or not a string, SC101 when blank.
    """
    text = fields.get("text")
    if text is None:
        raise InputError("SC405", reason="'text' is required (or upload a file)")
    if not isinstance(text, str):
        raise InputError("SC405", reason="'text' must be a string")
    if not text.strip():
        raise InputError("SC101", subject="text")
    return text
