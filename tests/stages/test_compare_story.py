"""compare on invented stories: what must be found, and the look-alikes that must not be.

Each story plants one kind of discrepancy next to something that resembles it. The texts
are invented; no outlet or event here is real.
"""

from __future__ import annotations

import pytest

from storycheck.model import Discrepancy
from storycheck.stages.ingest.wires import wire_credit

from .test_cross_article import _compare, _odd, _of_kind

pytestmark = pytest.mark.slow


def _texts(discrepancies: list[Discrepancy]) -> list[str]:
    return [" | ".join(e.text for v in d.values for e in v.evidence) for d in discrepancies]


COUNTS = {
    "wire": (
        "A gas explosion tore through a bakery in the town of Velmar on Monday, officials said.\n"
        "Two people died in the blast and 23 people were injured, three of them seriously.\n"
        "Firefighters searched the rubble until late in the evening."
    ),
    "daily": (
        "An explosion destroyed a bakery in Velmar on Monday.\n"
        "Officials said 32 people were injured when the gas pipe burst, and two people died.\n"
        "Firefighters searched the rubble until late in the evening."
    ),
    "courier": (
        "A bakery in Velmar was destroyed by a gas explosion on Monday.\n"
        "Two people died and 23 people were injured, officials said.\n"
        "Rescue teams worked through the night."
    ),
}


def test_counts_of_the_same_thing_that_differ_are_a_number_discrepancy() -> None:
    numbers = _of_kind(_compare(COUNTS), "number")
    assert numbers, "23 injured against 32 injured was not found"
    assert _odd(numbers[0]) == {"daily"}
    assert "injured" in numbers[0].subject


def test_counts_of_different_things_are_never_compared() -> None:
    # "two people died" against "23 people were injured" counts different things.
    for discrepancy in _of_kind(_compare(COUNTS), "number"):
        values = {value.value for value in discrepancy.values}
        assert not any(value.lower().startswith("two") for value in values), discrepancy


INSPECTION = {
    "agency": (
        "The Orsa footbridge collapsed on Tuesday, injuring four cyclists.\n"
        "The city said the footbridge passed its last safety inspection in June 2029."
    ),
    "gazette": (
        "Four cyclists were hurt when the Orsa footbridge fell on Tuesday.\n"
        "Records seen by the Gazette show the footbridge failed its last safety inspection in June 2029."
    ),
}


def test_opposite_outcomes_of_the_same_thing_are_a_claim_discrepancy() -> None:
    claims = _of_kind(_compare(INSPECTION), "claim")
    assert any("passed" in t and "failed" in t for t in _texts(claims)), [d.subject for d in claims]


ORIGIN = {
    "one": (
        "The cargo ship Marla Dawn, which had sailed from Hamburg, ran aground off the coast on Sunday.\n"
        "Nobody was hurt, the coast guard said."
    ),
    "two": (
        "The Marla Dawn, a cargo ship that had sailed from Hamburg, ran aground on Sunday.\n"
        "The coast guard said nobody was hurt."
    ),
    "three": (
        "The cargo ship Marla Dawn, which had set out from Gdansk, ran aground off the coast on Sunday.\n"
        "Nobody was hurt, according to the coast guard."
    ),
}


def test_a_different_port_of_origin_is_a_place_discrepancy() -> None:
    places = _of_kind(_compare(ORIGIN), "place")
    assert any("Hamburg" in t and "Gdansk" in t for t in _texts(places)), [d.subject for d in places]
    assert _odd(places[0]) == {"three"}


STATEMENT_DAYS = {
    "first": (
        "The ferry service to Lund Island will resume on Thursday, the operator said on Monday.\n"
        "Storm damage closed the pier for two weeks."
    ),
    "second": (
        "The ferry service to Lund Island will resume on Thursday, the operator told passengers on Tuesday.\n"
        "Storm damage had closed the pier for two weeks."
    ),
}


def test_the_day_something_was_said_is_not_a_date_discrepancy() -> None:
    assert not _of_kind(_compare(STATEMENT_DAYS), "date")


@pytest.mark.parametrize(
    ("text", "byline", "wire"),
    [
        ("ORVEL, Norland, May 3 (Baltic Wire) — Flood waters rose on Monday.", None, "Baltic Wire"),
        ("Flood waters rose on Monday in Orvel.", "Ana Ruiz, Andean Press Agency", "Andean Press Agency"),
        ("Flood waters rose on Monday in Orvel, the Baltic Wire reported.", None, None),
    ],
)
def test_a_wire_named_in_a_byline_or_dateline_is_credited(
    text: str, byline: str | None, wire: str | None
) -> None:
    assert wire_credit(text, byline) == wire


SHORT_QUOTES = {
    "north": (
        "Minister Ivo Brandt said the two countries would respond to the border incident in a "
        "“measured way,” officials said.\n"
        "The talks resume next week."
    ),
    "south": (
        "Minister Ivo Brandt said the two countries would respond to the border incident in a "
        "“measured way.”\n"
        "The talks resume next week."
    ),
    "west": (
        "Minister Ivo Brandt mentioned that the two countries would respond to the border incident "
        "with “measured force.”\n"
        "The talks resume next week."
    ),
}


def test_a_reworded_two_word_quote_of_one_speaker_is_a_quote_discrepancy() -> None:
    quotes = _of_kind(_compare(SHORT_QUOTES), "quote")
    assert any("measured way" in t and "measured force" in t for t in _texts(quotes)), [
        d.subject for d in quotes
    ]


OFFICES = {
    "wire": (
        "Brig. Tomas Reyl, commander of the Vale fire service, said the blaze was under control on Friday.\n"
        "Lena Ostrova, the mill's managing director, said the company would pay for the clean-up."
    ),
    "local": (
        "Fire commander Tomas Reyl said on Friday that the blaze was under control.\n"
        "Lena Ostrova, a spokeswoman for the mill, said the company would pay for the clean-up."
    ),
    "digest": (
        "Tomas Reyl, the regional fire commander, said the blaze was under control on Friday.\n"
        "The mill's managing director, Lena Ostrova, said the company would pay for the clean-up."
    ),
}


def test_one_person_given_different_offices_is_a_role_discrepancy_and_a_rank_is_not() -> None:
    roles = _of_kind(_compare(OFFICES), "role")
    subjects = [d.subject for d in roles]
    assert any("Ostrova" in subject for subject in subjects), subjects
    assert not any("Reyl" in subject for subject in subjects), subjects
