"""Markdown and terminal views: every discrepancy, span and citation, with short labels."""

from __future__ import annotations

import pytest

from storycheck.model import StoryReport
from storycheck.stages.render import render
from storycheck.stages.render.common import CITATION, short_labels
from storycheck.stages.render.markdown import escape_cell


def _flat(text: str) -> str:
    """Box drawing and line breaks removed, blanks folded: what a reader sees in a panel."""
    for char in "│╭╮╰╯─┃┏┓┗┛━":
        text = text.replace(char, " ")
    return " ".join(text.split())


@pytest.fixture(scope="module", params=["markdown", "text"])
def rendered(request: pytest.FixtureRequest, report: StoryReport, texts: dict[str, str]) -> tuple[str, str]:
    fmt = request.param
    return fmt, render(report, fmt, texts=texts, width=400)


def _show(fmt: str, text: str) -> str:
    return escape_cell(text).strip() if fmt == "markdown" else text


def test_every_discrepancy_is_shown_with_its_values(rendered: tuple[str, str], report: StoryReport) -> None:
    fmt, out = rendered
    for item in report.discrepancies:
        assert item.id in out
        assert _show(fmt, item.subject) in out
        for value in item.values:
            assert _show(fmt, value.value) in out


def test_every_span_is_shown_once_per_article(rendered: tuple[str, str], report: StoryReport) -> None:
    fmt, out = rendered
    labels = short_labels(report)
    for item in report.discrepancies:
        for value in item.values:
            for evidence in value.evidence:
                assert f"{labels[evidence.article]}:" in out
                assert _show(fmt, evidence.text) in _flat(out) or evidence.text in _flat(out)


def test_brief_citations_use_the_labels_of_the_legend(rendered: tuple[str, str], report: StoryReport) -> None:
    _, out = rendered
    labels = short_labels(report)
    for match in CITATION.finditer(report.story.summary):
        ids = [a.strip() for a in match.group(1).split(",")]
        assert ", ".join(labels[a] for a in ids) in out
    for article_id, label in labels.items():  # the legend names every label with its id
        assert article_id in out and label in out


def test_single_source_claims_are_listed(rendered: tuple[str, str], report: StoryReport) -> None:
    fmt, out = rendered
    for claim in report.single_source:
        assert _show(fmt, claim.statement) in _flat(out)


def test_markdown_escapes_article_markup(evil_report: StoryReport) -> None:
    out = render(evil_report, "markdown")
    assert "<script>" not in out
    assert "<b>" not in out
    assert "\\<script\\>" in out


def test_text_view_does_not_cut_ids_it_labels(report: StoryReport) -> None:
    out = render(report, "text", width=80)
    assert "…" not in "".join(line for line in out.splitlines() if "Corroborated" in line)
    for card in report.scorecards:
        assert short_labels(report)[card.article] in out
