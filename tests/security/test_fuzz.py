"""Issue 11: fuzzing. Any bytes given to ingest become an article or one coded error; any
body posted to the API gets a coded answer, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storycheck.config import IngestSettings
from storycheck.errors import StorycheckError
from storycheck.model import Article
from storycheck.server.submit import Meta, article_from_upload

# Bytes that look like the start of real inputs, so the fuzzer reaches past the first check.
SEEDS = [
    b"<html><body><p>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x1f\x8b\x08",
    b"The council said ",
    b'{"text": ',
]
bodies = st.one_of(
    st.binary(max_size=3000), st.builds(lambda a, b: a + b, st.sampled_from(SEEDS), st.binary(max_size=2000))
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=bodies, suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".pdf", ""]))
def test_any_upload_is_an_article_or_one_coded_error(data: bytes, suffix: str) -> None:
    try:
        article = article_from_upload(f"f{suffix}", data, Meta(), IngestSettings())
    except StorycheckError as err:
        assert err.code.startswith("SC1")
    else:
        assert isinstance(article, Article) and article.text.strip()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from storycheck.config import Settings
    from storycheck.server.app import create_app

    app = create_app(tmp_path_factory.mktemp("db") / "s.db", settings=Settings(), background=False)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
api_bodies = st.one_of(
    st.binary(max_size=500),
    st.dictionaries(st.sampled_from(["text", "title", "outlet", "published", "url", "id", "x"]), json_values),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=api_bodies, path=st.sampled_from(["/api/articles", "/api/verify"]))
def test_no_api_body_gets_a_500(client: Any, body: Any, path: str) -> None:
    if isinstance(body, bytes):
        response = client.post(path, content=body, headers={"Content-Type": "application/json"})
    else:
        response = client.post(path, json=body)
    assert response.status_code < 500, response.text[:300]
