"""benchmarks/scoring.py: how a report's discrepancies are matched to a gold file (pure, no models)."""

from __future__ import annotations

from typing import Any

import pytest
from benchmarks.scoring import (
    find_term,
    flags_look_alike,
    matches_gold,
    points_at,
    score_story,
    single_source_found,
)

Json = dict[str, Any]

TEXTS = {
    "wire": "Another 14 people were injured, four of them seriously. Harbour master Rui Valadares spoke. "
    "Ana-Maria Sousa, president of the port authority, said the channel reopens on Friday.",
    "daily": "Authorities said 41 people were injured. Harbour master Paulo Mendes spoke. "
    "Setubal's deputy mayor, Ana Maria Sousa, said the channel reopens on March 22.",
    "post": "Some 14 people were hurt. Rui Valadares, the harbour master, said the capabilities were gone.",
}


def ev(article: str, snippet: str, nth: int = 0) -> Json:
    """An evidence span for the nth occurrence of `snippet` in the article."""
    text = TEXTS[article]
    start = -1
    for _ in range(nth + 1):
        start = text.index(snippet, start + 1)
    return {"article": article, "start": start, "end": start + len(snippet), "text": snippet}


def value(text: str, *evidence: Json) -> Json:
    return {"value": text, "articles": sorted({e["article"] for e in evidence}), "evidence": list(evidence)}


def disc(kind: str, *values: Json, ident: str = "d1") -> Json:
    return {"id": ident, "kind": kind, "subject": "s", "severity": "medium", "values": list(values)}


INJURED = {
    "id": "g1",
    "kind": "number",
    "subject": "injured",
    "odd": ["daily"],
    "terms": {"wire": "14", "daily": "41"},
}
HARBOUR_MASTER = {
    "id": "g2",
    "kind": "name",
    "subject": "harbour master",
    "odd": ["daily"],
    "terms": {"wire": "Valadares", "daily": ["Paulo Mendes", "Mendes"]},
}


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("Mr Abe said", "abe", [(3, 6)]),
        ("capabilities", "abe", []),
        ("I don’t think", "don't", [(2, 7)]),
        ("a  quiet\nperiod", "quiet period", [(3, 15)]),
        ("ever-present", "ever‑present", [(0, 12)]),
        ("Setúbal", "Setubal", []),
    ],
)
def test_find_term_is_case_blind_word_bounded_and_typography_tolerant(
    text: str, term: str, expected: list[tuple[int, int]]
) -> None:
    assert find_term(text, term) == expected


def test_points_at_accepts_a_token_inside_the_term() -> None:
    assert points_at(ev("wire", "Valadares"), "harbour master Rui Valadares", TEXTS)


def test_points_at_accepts_a_sentence_around_the_term() -> None:
    assert points_at(ev("daily", "Authorities said 41 people were injured."), "41", TEXTS)


def test_points_at_bridges_an_apposition_comma() -> None:
    assert points_at(ev("wire", "Ana-Maria Sousa"), "president of the port authority", TEXTS)


def test_points_at_rejects_another_number_in_the_same_sentence() -> None:
    assert not points_at(ev("wire", "four"), "14", TEXTS)


def test_points_at_falls_back_to_the_evidence_text_without_the_article() -> None:
    assert points_at({"article": "gone", "start": 0, "end": 9, "text": "41 people"}, "41", TEXTS)


def test_a_gold_discrepancy_is_found_with_the_odd_and_another_article() -> None:
    report = disc("number", value("14", ev("wire", "14")), value("41", ev("daily", "41")))
    assert matches_gold(INJURED, report, TEXTS)


def test_a_gold_discrepancy_needs_the_odd_article() -> None:
    report = disc("number", value("14", ev("wire", "14")), value("four", ev("wire", "four")))
    assert not matches_gold(INJURED, report, TEXTS)


def test_a_gold_discrepancy_needs_both_sides_in_different_values() -> None:
    report = disc(
        "number", value("14 or 41", ev("wire", "14"), ev("daily", "41")), value("x", ev("post", "14"))
    )
    assert matches_gold(INJURED, report, TEXTS)
    lone = disc(
        "number", value("14 or 41", ev("wire", "14"), ev("daily", "41")), value("four", ev("wire", "four"))
    )
    assert not matches_gold(INJURED, lone, TEXTS)


def test_a_gold_discrepancy_needs_a_compatible_kind() -> None:
    report = disc("date", value("14", ev("wire", "14")), value("41", ev("daily", "41")))
    assert not matches_gold(INJURED, report, TEXTS)


def test_a_name_discrepancy_may_be_reported_as_a_role() -> None:
    report = disc(
        "role", value("Rui Valadares", ev("wire", "Valadares")), value("Mendes", ev("daily", "Mendes"))
    )
    assert matches_gold(HARBOUR_MASTER, report, TEXTS)


def test_an_agreeing_article_without_its_own_term_uses_the_others_terms() -> None:
    report = disc(
        "name",
        value("Rui Valadares", ev("post", "Rui Valadares")),
        value("Mendes", ev("daily", "Paulo Mendes")),
    )
    assert matches_gold(HARBOUR_MASTER, report, TEXTS)


SOUSA = {"kind": "name", "terms": ["Ana-Maria Sousa", "Ana Maria Sousa"], "note": "hyphenation"}


def test_a_look_alike_split_into_two_values_is_flagged() -> None:
    report = disc(
        "name",
        value("Ana-Maria Sousa", ev("wire", "Ana-Maria Sousa")),
        value("Ana Maria", ev("daily", "Ana Maria Sousa")),
    )
    assert flags_look_alike(SOUSA, report, TEXTS)


def test_the_same_spelling_on_both_sides_is_not_a_look_alike() -> None:
    report = disc(
        "name", value("Rui Valadares", ev("wire", "Rui Valadares")), value("Rui", ev("post", "Rui Valadares"))
    )
    item = {"kind": "name", "terms": ["Rui Valadares", "Valadares"]}
    assert not flags_look_alike(item, report, TEXTS)


def test_a_look_alike_of_another_kind_is_not_flagged() -> None:
    report = disc(
        "quote", value("a", ev("wire", "Ana-Maria Sousa")), value("b", ev("daily", "Ana Maria Sousa"))
    )
    assert not flags_look_alike(SOUSA, report, TEXTS)


def test_a_look_alike_keyed_by_article() -> None:
    item = {"kind": "date", "terms": {"wire": "Friday", "daily": "March 22"}}
    report = disc("date", value("Friday", ev("wire", "Friday")), value("March 22", ev("daily", "March 22")))
    assert flags_look_alike(item, report, TEXTS)
    together = disc(
        "date", value("Friday", ev("wire", "Friday"), ev("daily", "March 22")), value("x", ev("post", "14"))
    )
    assert not flags_look_alike(item, together, TEXTS)


def test_a_single_source_claim_is_found_by_its_evidence_or_statement() -> None:
    claims = [
        {
            "article": "post",
            "statement": "capabilities were gone",
            "evidence": ev("post", "capabilities were gone"),
        },
        {"article": "daily", "statement": "Paulo Mendes spoke", "evidence": ev("daily", "Harbour master")},
    ]
    assert single_source_found({"article": "post", "contains": "capabilities"}, claims, TEXTS)
    assert single_source_found({"article": "daily", "contains": "Mendes"}, claims, TEXTS)
    assert not single_source_found({"article": "wire", "contains": "capabilities"}, claims, TEXTS)


def _report(*discrepancies: Json, original: str = "wire") -> Json:
    edges = [{"source": "wire", "derived": "daily", "reuse": 0.6, "kind": "rewrite"}]
    return {
        "discrepancies": list(discrepancies),
        "single_source": [],
        "provenance": {"original": original, "edges": edges},
    }


GOLD = {
    "story": "toy",
    "original": "wire",
    "derived": {"daily": "wire", "post": "wire"},
    "discrepancies": [INJURED, HARBOUR_MASTER, {**INJURED, "id": "g3", "optional": True, "kind": "date"}],
    "must_not_flag": [SOUSA],
    "single_source": [{"article": "post", "contains": "capabilities"}],
}


def test_score_story_counts_recall_false_flags_and_unmatched() -> None:
    found = disc("number", value("14", ev("wire", "14")), value("41", ev("daily", "41")), ident="d1")
    split = disc(
        "name",
        value("A", ev("wire", "Ana-Maria Sousa")),
        value("B", ev("daily", "Ana Maria Sousa")),
        ident="d2",
    )
    stray = disc("place", value("x", ev("wire", "four")), value("y", ev("post", "14")), ident="d3")
    score = score_story(GOLD, _report(found, split, stray), TEXTS)
    assert score.found == ("g1",)
    assert [m["id"] for m in score.missed] == ["g2"]
    assert score.recall == 0.5
    assert score.optional_total == 1
    assert [f["id"] for f in score.false_flags] == ["d2"]
    assert [u["id"] for u in score.unmatched] == ["d3"]
    assert score.single_source_found == 0
    assert score.original_ok
    assert (score.derived_found, score.derived_total) == (1, 2)


def test_a_discrepancy_that_reports_a_gold_one_is_not_a_false_flag() -> None:
    role = {**HARBOUR_MASTER, "terms": {"wire": "president of the port authority", "daily": "deputy mayor"}}
    gold = {**GOLD, "discrepancies": [role]}
    report = disc(
        "role",
        value("president", ev("wire", "Ana-Maria Sousa")),
        value("deputy mayor", ev("daily", "Ana Maria Sousa")),
    )
    score = score_story(gold, _report(report, original="daily"), TEXTS)
    assert score.recall == 1.0
    assert score.false_flags == ()
    assert not score.original_ok
