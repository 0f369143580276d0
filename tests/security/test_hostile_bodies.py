"""Issue 11: hostile request bodies get a coded 4xx, never a 500 with a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storycheck.server.routes import MAX_JSON_DEPTH, json_depth


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from storycheck.config import Settings
    from storycheck.server.app import create_app

    app = create_app(tmp_path / "s.db", settings=Settings(), background=False)
    with TestClient(app) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("body", "depth"),
    [(b'{"text": "a"}', 1), (b'{"a": [[{"b": "]]]"}]]}', 4), (b'["\\\\", ["\\"["]]', 2), (b"[" * 500, 500)],
)
def test_json_depth_counts_brackets_outside_strings(body: bytes, depth: int) -> None:
    assert json_depth(body) == depth


def test_deeply_nested_json_is_422_not_500(client: Any) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    response = client.post("/api/articles", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["code"] == "SC405"
    assert str(MAX_JSON_DEPTH) in response.json()["error"]


def test_chunked_body_over_the_limit_is_413_not_500(client: Any) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(48):
            yield b"x" * 65_536  # 3 MB in all, no Content-Length

    response = client.post("/api/articles", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["code"] == "SC402"
