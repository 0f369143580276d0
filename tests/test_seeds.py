"""The real seed story (../shared/seeds): the quality bar of issue 2, end to end.

The seeds are five outlets' versions of one event. These tests state what a journalist
must see in the report, and what must not be split into false discrepancies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storycheck.pipeline import CheckResult, run_check
from storycheck.serialize import report_to_dict

pytestmark = [pytest.mark.slow, pytest.mark.seeds]

WIRE_ORIGINAL = "001_ea1236b998e6c3ab"
ODD_OUTLET = "004_02c3db86a8b19fde"


@pytest.fixture(scope="module")
def result(seeds_dir: Path) -> CheckResult:
    return run_check([seeds_dir])


@pytest.fixture(scope="module")
def data(result: CheckResult) -> dict[str, Any]:
    return report_to_dict(result.report)


def _values_text(discrepancy: dict[str, Any]) -> list[str]:
    return [
        " ".join([value["value"], *(e["text"] for e in value["evidence"])]).lower()
        for value in discrepancy["values"]
    ]


def _odd_value(discrepancy: dict[str, Any]) -> dict[str, Any] | None:
    return next((v for v in discrepancy["values"] if v["articles"] == [ODD_OUTLET]), None)


def test_report_validates_against_the_schema(data: dict[str, Any], schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(data)))


def test_every_evidence_span_is_the_article_text(result: CheckResult, data: dict[str, Any]) -> None:
    texts = result.texts
    spans = [e for d in data["discrepancies"] for v in d["values"] for e in v["evidence"]]
    spans += [e for f in data["facts"] for e in f["evidence"]]
    spans += [s["evidence"] for s in data["single_source"]]
    assert spans
    assert all(texts[e["article"]][e["start"] : e["end"]] == e["text"] for e in spans)


def test_the_odd_outlet_names_a_different_prime_minister(data: dict[str, Any]) -> None:
    names = [d for d in data["discrepancies"] if d["kind"] in ("name", "role")]
    hits = [d for d in names if (odd := _odd_value(d)) and "abe" in odd["value"].lower()]
    assert hits, [d["subject"] for d in names]
    others = [v for v in hits[0]["values"] if v["articles"] != [ODD_OUTLET]]
    assert any("ishiba" in v["value"].lower() and len(v["articles"]) >= 3 for v in others)


def test_the_odd_outlet_places_the_earlier_summit_elsewhere(data: dict[str, Any]) -> None:
    places = [d for d in data["discrepancies"] if d["kind"] == "place"]
    assert any(
        any("davos" in text for text in _values_text(d))
        and any("camp david" in text for text in _values_text(d))
        for d in places
    ), [d["subject"] for d in places]


def test_a_quote_is_worded_differently_between_outlets(data: dict[str, Any]) -> None:
    fidelities = {variant["fidelity"] for quote in data["quotes"] for variant in quote["variants"]}
    assert "altered" in fidelities or "minor" in fidelities


def test_claims_only_one_outlet_makes_are_listed(data: dict[str, Any]) -> None:
    outlets = {claim["article"] for claim in data["single_source"]}
    assert len(outlets) >= 3


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("name", "yoon suk yeol", "yoon suk-yeol"),
        ("number", "up to 12,000", "approximately 12,000"),
        ("number", "as many as 12,000", "up to 12,000"),
        ("place", "lima", "peru"),
    ],
)
def test_look_alikes_are_not_split_into_discrepancies(
    data: dict[str, Any], kind: str, a: str, b: str
) -> None:
    for discrepancy in data["discrepancies"]:
        texts = _values_text(discrepancy)
        with_a = {i for i, t in enumerate(texts) if a in t}
        with_b = {i for i, t in enumerate(texts) if b in t}
        assert not (with_a and with_b and with_a.isdisjoint(with_b)), discrepancy


def test_the_wire_original_is_named(data: dict[str, Any]) -> None:
    assert data["provenance"]["original"] == WIRE_ORIGINAL
