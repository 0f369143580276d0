"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FLOOD, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A live server whose store holds the three flood articles, report computed."""
    from fastapi.testclient import TestClient

    from storycheck.config import Settings
    from storycheck.server.app import create_app

    db_path = tmp_path_factory.mktemp("ui") / "ui.db"
    with TestClient(create_app(db_path, settings=Settings(), background=False)) as client:
        stories = {client.post("/api/articles", json=body).json()["story"] for body in FLOOD[1:]}
        client.get(f"/api/stories/{stories.pop()}")
    with LiveServer(create_app(db_path, settings=Settings(), background=False)) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if shutil.which(CHROMIUM) is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield opened
    context.close()
    assert errors == []


def test_paste_an_article_and_land_on_its_story(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/")
    page.fill("input[name=outlet]", FLOOD[0]["outlet"])
    page.fill("input[name=published]", FLOOD[0]["published"])
    page.fill("textarea[name=text]", FLOOD[0]["text"])
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/stories/s-" in url, timeout=60_000)
    assert "was filed under this story" in page.text_content("#added-notice")
    assert page.locator("article.source").count() == 3
    assert page.locator("#article-" + page.url.split("added=")[1]).count() == 1


def test_clicking_a_discrepancy_highlights_its_spans_in_every_article(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/stories")
    page.click("table.stories a")
    cards = page.locator("article.discrepancy")
    assert cards.count() > 0
    card = cards.first
    card.click()
    assert "selected" in (card.get_attribute("class") or "")
    active = page.locator("mark.active")
    assert active.count() >= 2
    articles = {active.nth(i).evaluate("m => m.closest('article.source').id") for i in range(active.count())}
    assert len(articles) >= 2
    card.click()
    assert page.locator("mark.active").count() == 0


def test_filters_hide_discrepancies_of_other_kinds_and_severities(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/stories")
    page.click("table.stories a")
    kinds = page.locator("#filter-kind option").all_inner_texts()
    assert kinds[0] == "all" and len(kinds) >= 2
    page.select_option("#filter-kind", index=1)
    chosen = page.eval_on_selector("#filter-kind", "s => s.value")
    shown = page.locator("article.discrepancy:not([hidden])")
    assert shown.count() >= 1
    assert {shown.nth(i).get_attribute("data-kind") for i in range(shown.count())} == {chosen}
    page.select_option("#filter-kind", "")
    for severity in ("high", "medium", "low"):
        page.select_option("#filter-severity", severity)
        visible = page.locator("article.discrepancy:not([hidden])")
        assert all(visible.nth(i).get_attribute("data-severity") == severity for i in range(visible.count()))


def test_story_page_shows_brief_graph_and_timeline(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/stories")
    page.click("table.stories a")
    assert page.locator("#brief .brief").inner_text().strip()
    assert page.locator("#provenance svg").count() == 1
    assert page.locator("#timeline").count() == 1
    assert page.locator(".cites a").count() >= 1


def test_hostile_article_text_stays_text(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/")
    hostile = (
        FLOOD[2]["text"] + ' A reader wrote <img src=x onerror="alert(1)"><script>alert(2)</script> here.'
    )
    page.fill("textarea[name=text]", hostile)
    page.fill("input[name=title]", "<b>bold</b> claim")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/stories/s-" in url, timeout=60_000)
    assert page.locator("article.source img, article.source script, article.source b").count() == 0
    assert "<script>alert(2)</script>" in page.locator("article.source .text").all_inner_texts()[-1] or any(
        "<script>alert(2)</script>" in text for text in page.locator("article.source .text").all_inner_texts()
    )


def test_form_shows_a_clear_error_for_an_unusable_article(page: Any, live: LiveServer) -> None:
    page.goto(live.url + "/")
    page.fill("textarea[name=text]", "Far too short.")
    page.click("button[type=submit]")
    assert "SC111" in page.text_content("#form-error")
    assert page.input_value("textarea[name=text]") == "Far too short."


def test_pages_load_their_styles(page: Any, live: LiveServer, tmp_path: Path) -> None:
    page.goto(live.url + "/stories")
    background = page.eval_on_selector(".appbar", "e => getComputedStyle(e).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)"
