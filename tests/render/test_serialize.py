"""report_to_dict / report_from_dict: the schema contract and a lossless round trip."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from storycheck.model import StoryReport
from storycheck.serialize import report_from_dict, report_to_dict, report_to_json


@pytest.mark.parametrize("which", ["report", "evil_report"])
def test_json_validates_against_the_schema(
    which: str, request: pytest.FixtureRequest, schema: dict[str, Any]
) -> None:
    report: StoryReport = request.getfixturevalue(which)
    jsonschema.Draft202012Validator(schema).validate(json.loads(report_to_json(report)))


@pytest.mark.parametrize("which", ["report", "evil_report"])
def test_round_trip_is_lossless(which: str, request: pytest.FixtureRequest) -> None:
    report: StoryReport = request.getfixturevalue(which)
    assert report_from_dict(json.loads(json.dumps(report_to_dict(report)))) == report


def test_timeline_background_survives_the_round_trip(report: StoryReport) -> None:
    assert any(event.background for event in report.timeline)
    assert report_from_dict(report_to_dict(report)).timeline == report.timeline


def test_every_evidence_span_slices_its_article(report: StoryReport, texts: dict[str, str]) -> None:
    data = report_to_dict(report)
    spans = [ev for item in data["discrepancies"] for value in item["values"] for ev in value["evidence"]]
    spans += [ev for fact in data["facts"] for ev in fact["evidence"]]
    assert spans
    assert all(texts[ev["article"]][ev["start"] : ev["end"]] == ev["text"] for ev in spans)
