"""The report stage's presentational choices: where, when, brief, spans, subjects, timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from storycheck.model import Comparison, Discrepancy, DiscrepancyValue, Evidence, StoryReport
from storycheck.stages.render.common import short_labels
from storycheck.stages.report import build_report
from storycheck.stages.report.findings import short_subject, tidy_discrepancy
from storycheck.stages.report.setting import main_date, main_place
from tests.factories import (
    REFERENCE,
    analyzed_article,
    make_fact,
    make_provenance,
    make_story,
    no_entities,
)

OLD = ("June 2", dt.date(2030, 6, 2), "day")
EVENT_DAY = ("March 12", dt.date(2031, 3, 12), "day")
PLACES = ("Velmora", "Dunhaven", "Ostrik")

# Ostrik is named most often, but the event happens in Dunhaven (dateline, "held in").
FIRST = (
    "DUNHAVEN, Ostrik (Coastline Wire) — Ostrik hosted the fisheries summit held in Dunhaven on March 12. "
    "Ostrik and Velmora disagree. Ostrik has argued since June 2 that Velmora overfishes. "
    "Ostrik wants quotas."
)
SECOND = (
    "Ministers met at the fisheries summit in Dunhaven on March 12. "
    "Ostrik and Velmora signed nothing. Ostrik said so. Ostrik first complained on June 2."
)


@pytest.fixture(scope="module")
def summit() -> StoryReport:
    story = make_story(
        analyzed_article("a1", FIRST, places=PLACES, dates=(OLD, EVENT_DAY)),  # type: ignore[arg-type]
        analyzed_article("b2", SECOND, places=PLACES, dates=(OLD, EVENT_DAY)),  # type: ignore[arg-type]
    )
    fact = make_fact(
        story,
        "Ostrik has argued since June 2 that Velmora overfishes.",
        {
            "a1": "Ostrik has argued since June 2 that Velmora overfishes.",
            "b2": "Ostrik first complained on June 2.",
        },
    )
    lead = make_fact(
        story,
        "Ministers met at the fisheries summit in Dunhaven on March 12.",
        {
            "a1": "the fisheries summit held in Dunhaven on March 12",
            "b2": "Ministers met at the fisheries summit",
        },
    )
    quote = make_fact(
        story, '"Ostrik wants quotas," he said.', {"a1": "Ostrik wants quotas.", "b2": "Ostrik said so."}
    )
    comparison = Comparison(facts=(fact, quote, lead), discrepancies=(), single_source=(), quotes=())
    return build_report(story, no_entities(), comparison, make_provenance("a1", (), [("a1",), ("b2",)]))


def test_where_comes_from_dateline_and_event_phrase_not_frequency(summit: StoryReport) -> None:
    assert summit.story.where == "Dunhaven"


def test_when_is_the_event_day_near_the_reference_not_background(summit: StoryReport) -> None:
    assert summit.story.when == "2031-03-12"


def test_brief_opens_with_the_lead_fact_and_skips_quotes(summit: StoryReport) -> None:
    assert summit.story.summary.startswith(
        "Ministers met at the fisheries summit in Dunhaven on March 12. [a1, b2]"
    )
    assert "quotas" not in summit.story.summary
    assert summit.story.summary.endswith("The 2 articles amount to 2 independent sources.")


def test_timeline_has_one_row_per_date_with_background_marked(summit: StoryReport) -> None:
    rows = [(event.date, event.background, event.articles) for event in summit.timeline]
    assert rows == [("2030-06-02", True, ("a1", "b2")), ("2031-03-12", False, ("a1", "b2"))]
    assert all(len({ev.article for ev in event.evidence}) == len(event.evidence) for event in summit.timeline)


def test_place_and_date_are_none_without_evidence() -> None:
    story = make_story(analyzed_article("a1", "Nothing happened. Nobody came.", published=REFERENCE))
    assert main_place(story, no_entities()) is None
    assert main_date(story) is None


def _ev(article: str, start: int, text: str) -> Evidence:
    return Evidence(article, start, start + len(text), text)


def test_discrepancy_keeps_one_best_span_per_article_and_value() -> None:
    long = _ev("a1", 0, "Prime Minister Ann Vale said")
    repeated = DiscrepancyValue(
        "Ann Vale",
        None,
        ("a1", "a1", "b2"),
        (long, long, _ev("a1", 40, "Ann Vale"), _ev("b2", 3, "Vale"), _ev("b2", 3, "Vale")),
    )
    other = DiscrepancyValue("Bo Lind", None, ("c3",), (_ev("c3", 9, "Bo Lind"),))
    item = Discrepancy("", "name", "who leads", "high", (repeated, other), "")
    tidy = tidy_discrepancy(item)
    first = tidy.values[0]
    assert first.articles == ("a1", "b2")
    assert [(ev.article, ev.text) for ev in first.evidence] == [("a1", "Ann Vale"), ("b2", "Vale")]


def test_discrepancy_values_read_alike_are_merged() -> None:
    item = Discrepancy(
        "",
        "date",
        "when",
        "low",
        (
            DiscrepancyValue("Friday", "2031-03-14", ("a1",), (_ev("a1", 0, "Friday"),)),
            DiscrepancyValue("Friday", "2031-03-14", ("b2",), (_ev("b2", 5, "Friday"),)),
            DiscrepancyValue("Friday", "2031-03-21", ("c3",), (_ev("c3", 5, "Friday"),)),
        ),
        "",
    )
    values = tidy_discrepancy(item).values
    assert [(value.normalized, value.articles) for value in values] == [
        ("2031-03-14", ("a1", "b2")),
        ("2031-03-21", ("c3",)),
    ]


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("who is the prime minister", "who is the prime minister"),
        (
            "where: - Harbour Works: the council plans to dredge the channel next spring",
            "where: Harbour Works",
        ),
        (
            "when: The council said on Tuesday that the new terminal would open after a long delay",
            "when: The council said on Tuesday that the new terminal would…",
        ),
    ],
)
def test_subjects_are_short(subject: str, expected: str) -> None:
    assert short_subject(subject) == expected


def test_hash_like_ids_get_short_unique_labels(report: StoryReport) -> None:
    from dataclasses import replace

    from storycheck.model import ArticleInfo

    infos = (
        ArticleInfo("007_9f2c41d0aa11", 10),
        ArticleInfo("008_1b2c41d0aa11", 10),
        ArticleInfo("w01", 10, outlet="Wire"),
    )
    labels = short_labels(
        replace(report, articles=infos, facts=(), discrepancies=(), single_source=(), scorecards=())
    )
    assert labels["007_9f2c41d0aa11"] == "007"
    assert labels["008_1b2c41d0aa11"] == "008"
    assert labels["w01"] == "Wire"
