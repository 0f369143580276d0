"""The HTTP API over a real store and the real engine (models loaded once per session)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import CHESS, FLOOD

pytestmark = pytest.mark.slow


def post_all(client: Any, articles: list[dict[str, str]]) -> list[dict[str, Any]]:
    return [client.post("/api/articles", json=article).json() for article in articles]


def test_post_article_answers_article_and_story(client: Any) -> None:
    response = client.post("/api/articles", json=FLOOD[0])
    assert response.status_code == 201
    body = response.json()
    assert body == {"ok": True, "article": "valley-wire", "story": body["story"], "duplicate": False}


def test_same_article_twice_is_stored_once(client: Any) -> None:
    first = client.post("/api/articles", json=FLOOD[0]).json()
    again = client.post("/api/articles", json={**FLOOD[0], "id": None, "text": FLOOD[0]["text"] + "\n\n"})
    assert again.status_code == 200
    assert again.json() == {**first, "duplicate": True}
    assert client.get("/api/stories").json()["stories"][0]["articles"] == 1


def test_versions_of_one_event_share_a_story_and_others_do_not(client: Any) -> None:
    stories = [body["story"] for body in post_all(client, [*FLOOD, CHESS])]
    assert len(set(stories[:3])) == 1
    assert stories[3] != stories[0]


def test_story_report_follows_the_schema_and_counts_update(client: Any, schema: dict[str, Any]) -> None:
    import jsonschema

    story = post_all(client, FLOOD[:2])[0]["story"]
    report = client.get(f"/api/stories/{story}").json()
    jsonschema.validate(report, schema)
    assert {article["id"] for article in report["articles"]} == {"valley-wire", "brackwater-echo"}
    client.post("/api/articles", json=FLOOD[2])
    listed = client.get("/api/stories").json()["stories"]
    assert listed[0]["current"] is False
    report = client.get(f"/api/stories/{story}").json()
    assert len(report["articles"]) == 3
    listed = client.get("/api/stories").json()["stories"][0]
    assert listed["current"] is True
    assert listed["articles"] == 3
    assert listed["discrepancies"] == len(report["discrepancies"]) > 0
    assert 1 <= listed["independent_sources"] <= 3


def test_multipart_upload_of_html_and_text(client: Any) -> None:
    page = f"<html><head><title>{CHESS['title']}</title></head><body><article><h1>{CHESS['title']}</h1>"
    page += "".join(f"<p>{part}.</p>" for part in CHESS["text"].split(". ")) + "</article></body></html>"
    html = client.post("/api/articles", files={"file": ("chess.html", page.encode(), "text/html")})
    text = client.post(
        "/api/articles",
        files={"file": ("flood.txt", FLOOD[0]["text"].encode(), "text/plain")},
        data={"outlet": "Valley Wire", "id": "flood-upload"},
    )
    assert (html.status_code, text.status_code) == (201, 201)
    assert text.json()["article"] == "flood-upload"


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        ({"json": {"title": "no text"}}, 422, "SC405"),
        ({"json": ["not", "an", "object"]}, 422, "SC405"),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422, "SC405"),
        ({"content": b"hello", "headers": {"Content-Type": "text/plain"}}, 422, "SC405"),
        ({"json": {"text": "   "}}, 422, "SC101"),
        ({"json": {"text": "Too short to compare."}}, 422, "SC111"),
        ({"json": {**FLOOD[0], "id": "../etc/passwd"}}, 422, "SC405"),
        ({"json": {**FLOOD[0], "published": "last week"}}, 422, "SC405"),
        ({"json": {**FLOOD[0], "url": "javascript:alert(1)"}}, 422, "SC405"),
        ({"json": {**FLOOD[0], "outlet": 7}}, 422, "SC405"),
        ({"files": {"file": ("a.pdf", b"%PDF-1.4", "application/pdf")}}, 415, "SC109"),
        ({"json": {"text": "word " * 300_000}}, 413, "SC103"),
        ({"content": b"x" * 2_100_000, "headers": {"Content-Type": "application/json"}}, 413, "SC402"),
    ],
    ids=[
        "missing-text",
        "not-object",
        "bad-json",
        "wrong-type",
        "blank",
        "too-short",
        "bad-id",
        "bad-date",
        "bad-url",
        "bad-field",
        "pdf",
        "article-too-large",
        "request-too-large",
    ],
)
def test_bad_posts_answer_one_error_shape(
    client: Any, request_kwargs: dict[str, Any], status: int, code: str
) -> None:
    response = client.post("/api/articles", **request_kwargs)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"ok", "error", "code", "status", "hint"}
    assert (body["ok"], body["code"], body["status"]) == (False, code, status)


def test_id_taken_by_another_text_is_a_conflict(client: Any) -> None:
    client.post("/api/articles", json=FLOOD[0])
    response = client.post("/api/articles", json={**FLOOD[1], "id": "valley-wire"})
    assert (response.status_code, response.json()["code"]) == (409, "SC401")


def test_unknown_story_and_path_answer_404_json(client: Any) -> None:
    assert client.get("/api/stories/s-nope").json()["code"] == "SC404"
    assert client.get("/api/nothing").status_code == 404
    assert client.get("/api/nothing").json()["ok"] is False


def test_unknown_page_is_an_escaped_html_page(client: Any) -> None:
    response = client.get("/stories/<script>x</script>")
    assert response.status_code == 404
    assert "<script>x" not in response.text
    assert "&lt;script&gt;" in response.text


def test_openapi_documents_the_api(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/stories", "/api/stories/{story_id}"} <= set(paths)
    body = paths["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_pages_escape_article_text(client: Any) -> None:
    hostile = {**FLOOD[0], "title": "<script>alert(1)</script>", "outlet": "<b>Wire</b>"}
    hostile["text"] = FLOOD[0]["text"] + " <img src=x onerror=alert(1)> was typed by a reader."
    story = client.post("/api/articles", json=hostile).json()["story"]
    pages = [client.get(path).text for path in ("/", "/stories", f"/stories/{story}")]
    for text in pages:
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "<b>Wire" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[2]


def test_pages_send_a_strict_content_security_policy(client: Any) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_form_post_redirects_to_the_story(client: Any) -> None:
    response = client.post("/submit", data=FLOOD[0], follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/stories/s-")


def test_form_error_keeps_what_was_typed(client: Any) -> None:
    response = client.post("/submit", data={"text": "Too short <here>.", "outlet": "Ledger"})
    assert response.status_code == 422
    assert "SC111" in response.text
    assert "Too short &lt;here&gt;." in response.text


def test_cross_site_post_is_refused(client: Any) -> None:
    response = client.post("/api/articles", json=FLOOD[0], headers={"Origin": "https://evil.example"})
    assert (response.status_code, response.json()["code"]) == (403, "SC408")


def test_token_is_required_when_set(db_path: Path, settings: Any) -> None:
    from fastapi.testclient import TestClient

    from storycheck.server.app import create_app

    app = create_app(db_path, settings=settings, token="s3cret", background=False)
    with TestClient(app) as client:
        assert client.get("/api/stories").status_code == 401
        assert client.get("/api/stories", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/stories", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert client.get("/?token=s3cret").status_code == 200
        assert client.get("/stories").status_code == 200  # the cookie set by ?token= carries on


def test_loopback_server_refuses_foreign_host_header(db_path: Path, settings: Any) -> None:
    from fastapi.testclient import TestClient

    from storycheck.server.app import LOOPBACK_NAMES, create_app

    app = create_app(db_path, settings=settings, allowed_hosts=LOOPBACK_NAMES, background=False)
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/stories").status_code == 200
        refused = client.get("/api/stories", headers={"Host": "rebind.example"})
        assert (refused.status_code, refused.json()["code"]) == (403, "SC408")


def test_serve_refuses_a_public_address_without_token(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storycheck.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "SC407" in result.output
