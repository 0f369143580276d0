"""POST /api/verify over the real engine: results as the CLI's JSON, one error shape, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import FLOOD

pytestmark = pytest.mark.slow

SOURCE = {"id": "wire", "text": FLOOD[0]["text"]}
WRONG_COUNT = {
    "id": "rewrite",
    "text": "The River Orrin flooded 14 homes in Brackwater on Tuesday, the council said.",
}
FAITHFUL = {"text": "Mayor Idris Fenwick said 120 residents spent the night in the community hall."}


def test_verify_answers_one_result_per_derived_text_and_stores_nothing(client: Any) -> None:
    response = client.post("/api/verify", json={"source": SOURCE, "derived": [WRONG_COUNT, FAITHFUL]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["source"] for r in results] == ["wire", "wire"]
    assert results[0]["derived"] == "rewrite"
    (sentence,) = results[0]["sentences"]
    assert sentence["label"] == "contradicted"
    conflict = sentence["conflicts"][0]
    assert (conflict["kind"], conflict["derived"]["text"], conflict["source"]["text"]) == (
        "number",
        "14",
        "40",
    )
    evidence = sentence["evidence"]
    assert FLOOD[0]["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    assert results[1]["counts"]["contradicted"] == 0
    assert client.get("/api/stories").json()["stories"] == []


def test_a_single_derived_object_is_accepted(client: Any) -> None:
    response = client.post("/api/verify", json={"source": SOURCE, "derived": WRONG_COUNT})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"derived": [WRONG_COUNT]}, "SC405"),
        ({"source": SOURCE, "derived": []}, "SC405"),
        ({"source": SOURCE, "derived": [WRONG_COUNT] * 21}, "SC405"),
        ({"source": SOURCE, "derived": ["just a string"]}, "SC405"),
        ({"source": SOURCE, "derived": [{"text": "   "}]}, "SC101"),
        ({"source": {"text": "Too short."}, "derived": [WRONG_COUNT]}, "SC111"),
    ],
    ids=["no-source", "no-derived", "too-many", "not-an-object", "blank-derived", "short-source"],
)
def test_bad_verify_requests_answer_one_error_shape(client: Any, body: dict[str, Any], code: str) -> None:
    response = client.post("/api/verify", json=body)
    assert response.status_code == 422
    assert response.json()["code"] == code


def test_openapi_documents_verify(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "application/json" in paths["/api/verify"]["post"]["requestBody"]["content"]
