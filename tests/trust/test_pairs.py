"""Issue 9: differences between two outlets' versions of one sentence, on invented texts.

Each case is one story of two or three outlets; the odd one changes one thing. The twin
test (same texts, nothing changed) must report nothing of that kind.
"""

from __future__ import annotations

import datetime as dt

import pytest

from storycheck.config import Settings
from storycheck.model import Article, Comparison
from storycheck.stages import align, analyze, compare, resolve

pytestmark = pytest.mark.slow

BASE = (
    "Rescue crews pulled 23 miners from the flooded Korvak shaft near the town of Ellisborough "
    "on Tuesday after a night of pumping, the regional mining office said.\n"
    "The shaft had been closed for repairs since the spring, and the company has not explained "
    "why the miners were working underground."
)
OTHER = (
    "The regional mining office said rescue crews pulled 23 miners from the flooded Korvak shaft "
    "near the town of Ellisborough on Tuesday after a night of pumping.\n"
    "Company spokeswoman Ilka Marren said the shaft was closed for repairs."
)
EDITS = {
    "number": ("23 miners", "32 miners"),
    "date": ("on Tuesday after", "on Thursday after"),
    "place": ("town of Ellisborough", "town of Varnhem"),
    "claim": ("the company has not explained", "the company has explained"),
}


def _compare(texts: dict[str, str]) -> Comparison:
    articles = [Article(id=name, text=text) for name, text in texts.items()]
    story = analyze.analyze_story(articles, Settings().analyze, published=dt.date(2031, 6, 20))
    entities = resolve.resolve_entities(story)
    return compare.compare_claims(story, entities, align.align_claims(story, entities, Settings().align))


def _texts(kind: str | None) -> dict[str, str]:
    odd = BASE
    if kind is not None:
        old, new = EDITS[kind]
        odd = BASE.replace(old, new)
    return {
        "wire": BASE,
        "rewrite": BASE.replace("Rescue crews", "Emergency crews"),
        "odd": odd,
        "other": OTHER,
    }


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_one_changed_value_in_a_copied_sentence_is_a_discrepancy(kind: str) -> None:
    found = [d for d in _compare(_texts(kind)).discrepancies if d.kind == kind]
    assert any(
        any("odd" in value.articles for value in d.values)
        and any("wire" in value.articles for value in d.values)
        for d in found
    ), [(d.kind, d.subject) for d in found]


def test_unchanged_copies_report_no_discrepancy() -> None:
    assert _compare(_texts(None)).discrepancies == ()


def test_a_fact_never_cites_the_changed_copy() -> None:
    comparison = _compare(_texts("number"))
    for fact in comparison.facts:
        cited = {e.article for e in fact.evidence}
        assert not ({"odd", "wire"} <= cited and "23 miners" in fact.statement), fact.statement
