"""The HTML page: self-contained, escaped, one card per discrepancy with a span per article."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from storycheck.model import StoryReport
from storycheck.stages.render import render
from storycheck.stages.render.common import CITATION
from tests.factories import EVIL_ID, hostile_story, texts_of


class Page(HTMLParser):
    """Collects the tags, attributes and script bodies of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "link", "br", "input", "img", "path", "rect", "line"}:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)
        self.text.append((tuple(name for name, _ in self.stack), data))

    def classes(self, css: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if css in (attrs.get("class") or "").split()]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def page(report: StoryReport, texts: dict[str, str]) -> Page:
    return parse(render(report, "html", texts=texts))


@pytest.fixture(scope="module")
def evil_html(evil_report: StoryReport) -> str:
    return render(evil_report, "html", texts=texts_of(hostile_story()))


def test_html_has_one_card_per_discrepancy(page: Page, report: StoryReport) -> None:
    cards = page.classes("discrepancy")
    assert [card["id"] for card in cards] == [item.id for item in report.discrepancies]
    assert {card["data-kind"] for card in cards} == {item.kind for item in report.discrepancies}


def test_html_card_shows_a_span_for_each_article_of_each_value(page: Page, report: StoryReport) -> None:
    spans = page.classes("span")
    for item in report.discrepancies:
        wanted = {article for value in item.values for article in value.articles}
        marks = [attrs for attrs in page.classes("disputed") if attrs.get("data-ref") == item.id]
        assert len(marks) >= 2 * len(wanted)  # once in the card, once in the article text
        assert wanted <= {attrs["data-article"] for attrs in spans}


def test_html_articles_are_shown_in_full_with_anchors(page: Page, report: StoryReport) -> None:
    anchors = {attrs.get("id") for _, attrs in page.tags}
    assert {f"article-{info.id}" for info in report.articles} <= anchors


def test_html_is_self_contained(page: Page) -> None:
    external = [
        attrs
        for tag, attrs in page.tags
        if (tag in {"script", "img", "iframe"} and attrs.get("src")) or (tag == "link" and attrs.get("href"))
    ]
    assert external == []
    assert any(tag == "svg" for tag, _ in page.tags)
    assert any(tag == "style" for tag, _ in page.tags)


def test_html_brief_cites_articles_with_links(page: Page, report: StoryReport) -> None:
    cited = {
        a.strip() for match in CITATION.finditer(report.story.summary) for a in match.group(1).split(",")
    }
    assert cited
    assert {attrs.get("href") for attrs in page.classes("cite")} == {f"#article-{a}" for a in cited}


def test_html_timeline_marks_background_rows(page: Page, report: StoryReport) -> None:
    rows = [
        attrs for tag, attrs in page.tags if tag == "li" and attrs.get("class") in {"background", "story"}
    ]
    assert [attrs["class"] == "background" for attrs in rows] == [
        event.background for event in report.timeline
    ]


def test_html_escapes_article_text_ids_titles_and_outlets(evil_html: str) -> None:
    page = parse(evil_html)
    assert len(page.scripts) == 1  # the page's own script and nothing else
    assert "alert" not in page.scripts[0]
    assert not any(tag in {"img", "b", "i"} for tag, _ in page.tags)
    assert "<script>alert" not in evil_html


def test_html_keeps_hostile_text_readable(evil_html: str) -> None:
    page = parse(evil_html)
    shown = "".join(data for _, data in page.text)
    assert "<script>alert('text')</script>" in shown
    assert '"A&B <b>bold</b> & co"' in shown
    assert EVIL_ID in shown
