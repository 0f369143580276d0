"""Datelines: the capitals city, optional region, date and wire, in any alphabet."""

from __future__ import annotations

import pytest

from storycheck.stages.analyze.datelines import find_dateline


@pytest.mark.parametrize(
    ("text", "city", "wire"),
    [
        ("ORVEL, Norland, March 19 (Baltic Wire) — A ferry sank.", "ORVEL", "Baltic Wire"),
        ("ŻAGAŃ, Poland, Sept. 19 (Central Desk) — Four workers died.", "ŻAGAŃ", "Central Desk"),
        ("SPRINGFIELD, Ill. — The council voted.", "SPRINGFIELD", None),
        ("Published: May 3, 2031\nQUITO, Ecuador (AP) — Voters went to the polls.", "QUITO", "AP"),
    ],
)
def test_a_dateline_gives_its_city_and_wire(text: str, city: str, wire: str | None) -> None:
    match = find_dateline(text)
    assert match is not None
    assert (match.group("city").strip(), match.group("wire")) == (city, wire)


@pytest.mark.parametrize(
    "text", ["The mayor (AP) — no dateline here.", "Rain fell — the match was called off."]
)
def test_ordinary_sentences_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None
