"""compare: the pure pieces (quote fidelity, value classes, offices, places)."""

from __future__ import annotations

import pytest

from storycheck.model import RoleMention, Span
from storycheck.stages.compare.common import Item, conflicts, shorten, value_classes
from storycheck.stages.compare.people import comparable_office, is_single_office
from storycheck.stages.compare.places import Place, places_agree
from storycheck.stages.compare.quotes import fidelity, normalize_quote


def _item(article: str, value: int) -> Item[int]:
    return Item(article, value, str(value), str(value), Span(0, 1, "x"))


def _close(a: int, b: int) -> bool:
    return abs(a - b) <= 1


@pytest.mark.parametrize(
    ("reference", "variant", "level"),
    [
        ("We will rebuild the bridge by spring.", "We will rebuild the bridge by spring.", "exact"),
        ("We will rebuild the bridge by spring.", "we will rebuild the bridge by spring", "exact"),
        ("We will rebuild the bridge by spring.", "rebuild the bridge", "exact"),
        ("It’s a sad day for the town.", "It's a sad day for the town", "exact"),
        ("We do not think the crane failed.", "We don't think the crane failed.", "minor"),
        ("The risk remains ever present.", "The risk remains ever-present.", "exact"),
        ("We do not think the crane failed.", "We know the crane did not fail.", "altered"),
        ("Nobody was hurt in the blast.", "Several people were hurt in the blast.", "altered"),
    ],
)
def test_quote_fidelity_levels(reference: str, variant: str, level: str) -> None:
    assert fidelity(reference, variant) == level


def test_normalize_quote_unifies_marks_and_dashes() -> None:
    assert normalize_quote("“It’s—over,” she said.") == "it's over she said"


def test_conflicts_need_a_lonely_value_on_both_sides() -> None:
    left = [_item("a", 10)]
    assert conflicts(left, [_item("b", 11)], _close) == []
    assert conflicts(left, [_item("b", 11), _item("b", 50)], _close) == []
    assert [i.value for i in conflicts(left, [_item("b", 40)], _close)] == [10, 40]


def test_value_classes_group_mutually_agreeing_values() -> None:
    items = [_item("a", 10), _item("b", 11), _item("c", 40), _item("d", 41)]
    classes = value_classes(items, _close)
    assert [[i.article for i in c] for c in classes] == [["a", "b"], ["c", "d"]]


@pytest.mark.parametrize(
    ("role", "single"),
    [
        ("prime minister", True),
        ("mayor", True),
        ("harbour master", True),
        ("foreign minister", True),
        ("minister", False),
        ("deputy mayor", False),
        ("senator", False),
        ("spokesperson", False),
        ("coast guard captain", False),
    ],
)
def test_single_offices(role: str, single: bool) -> None:
    assert is_single_office(role) is single


@pytest.mark.parametrize(
    ("role", "office"),
    [
        ("president of the provincial electoral board", "provincial electoral board|president"),
        ("mayor", "|mayor"),
        ("former mayor", None),
        ("ex-minister", None),
        ("president-elect", None),
        ("acting director", None),
        ("official", None),
        ("colonel", None),
    ],
)
def test_comparable_office_skips_vague_temporal_and_rank_roles_by_whole_words(
    role: str, office: str | None
) -> None:
    mention = RoleMention(Span(0, 4, "Vera"), role, Span(5, 5 + len(role), role), None, 0)
    assert comparable_office(mention) == office


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short", 12) == "short"


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (Place("e1", "Gdansk"), Place("e2", "Poland"), True),
        (Place("e1", "Poland"), Place("e2", "Gdansk"), True),
        (Place("e1", "Gdansk"), Place("e1", "Gdańsk"), True),
        (Place("e1", "Gdansk"), Place("e2", "Krakow"), False),
        (Place("e1", "Marseille"), Place("e2", "Poland"), False),
    ],
)
def test_places_agree_by_identity_spelling_or_containment(a: Place, b: Place, agree: bool) -> None:
    assert places_agree(a, b) is agree
