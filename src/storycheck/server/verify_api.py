"""POST /api/verify: check derived texts against a source, as `storycheck verify` does.

Nothing is stored: the texts are read, checked and answered. The answer holds one result
per derived text, each shaped as `storycheck verify --format json` prints it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from ..config import IngestSettings
from ..errors import InputError
from ..model import Article
from ..verify import DERIVED_MIN_WORDS
from .routes import ERRORS, ArticleIn, json_fields, text_field
from .state import state_of
from .submit import article_from_paste, meta_from_fields

router = APIRouter(prefix="/api", tags=["api"])

# Derived texts per request at most: each costs a model pass, and a request holds a worker.
MAX_DERIVED = 20


class VerifyIn(BaseModel):
    """A source and the texts to check against it."""

    source: ArticleIn
    derived: list[ArticleIn] = Field(min_length=1, max_length=MAX_DERIVED)


class VerifyOut(BaseModel):
    ok: bool = True
    results: list[dict[str, Any]] = Field(
        description="One per derived text, in order: labels, evidence spans, conflicts, consistency."
    )


@router.post(
    "/verify",
    response_model=VerifyOut,
    responses=ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": VerifyIn.model_json_schema()}},
        }
    },
    summary="Check rewrites, summaries or translations against their source (nothing is stored)",
)
async def post_verify(request: Request) -> JSONResponse:
    """Label every sentence of each derived text supported, contradicted or unsupported."""
    from ..verify.check import verify_many
    from ..verify.render import to_dict

    state = state_of(request)
    source, derived = _texts(json_fields(await request.body()), state.ingest)
    results = await run_in_threadpool(verify_many, source, derived, state.settings.analyze)
    return JSONResponse({"ok": True, "results": [to_dict(result) for result in results]})


def _texts(fields: dict[str, Any], settings: IngestSettings) -> tuple[Article, list[Article]]:
    """The source and derived articles of a verify request.

    Raises:
        InputError: SC405 for a missing or malformed field, and ingest's codes for a text.
    """
    source = fields.get("source")
    derived = fields.get("derived")
    if not isinstance(source, dict):
        raise InputError("SC405", reason="'source' must be an object with a 'text'")
    if isinstance(derived, dict):
        derived = [derived]
    if not isinstance(derived, list) or not derived or not all(isinstance(item, dict) for item in derived):
        raise InputError("SC405", reason="'derived' must be an object or a list of objects with a 'text'")
    if len(derived) > MAX_DERIVED:
        raise InputError("SC405", reason=f"at most {MAX_DERIVED} derived texts per request")
    short = dataclasses.replace(settings, min_words=DERIVED_MIN_WORDS)
    return (
        article_from_paste(text_field(source), meta_from_fields(source), settings),
        [article_from_paste(text_field(item), meta_from_fields(item), short) for item in derived],
    )
