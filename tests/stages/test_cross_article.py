"""align, compare and provenance on small invented stories, with the real models.

Each story is written for one behaviour: a conflict that must be found, or a look-alike
that must not be. The texts are invented; no outlet or event here is real.
"""

from __future__ import annotations

import datetime as dt

import pytest

from storycheck.config import Settings
from storycheck.model import Article, Comparison, Discrepancy, Story
from storycheck.stages import align, analyze, compare, provenance, resolve

pytestmark = pytest.mark.slow

REFERENCE = dt.date(2031, 6, 20)


def _story(texts: dict[str, str]) -> Story:
    articles = [Article(id=name, text=text) for name, text in texts.items()]
    return analyze.analyze_story(articles, Settings().analyze, published=REFERENCE)


def _compare(texts: dict[str, str]) -> Comparison:
    story = _story(texts)
    entities = resolve.resolve_entities(story)
    groups = align.align_claims(story, entities, Settings().align)
    return compare.compare_claims(story, entities, groups)


def _of_kind(comparison: Comparison, kind: str) -> list[Discrepancy]:
    return [d for d in comparison.discrepancies if d.kind == kind]


def _odd(discrepancy: Discrepancy) -> set[str]:
    return {article for value in discrepancy.values[1:] for article in value.articles}


# An earlier meeting of the same three leaders, mentioned in passing, put somewhere else by
# one outlet: its sentence is about the new meeting, so it never aligns as a whole.
EARLIER_MEETING = {
    "north": (
        "Chancellor Mira Holt of Norland hosted Premier Anton Vasko of Estria and President "
        "Lucia Brandt of Vestria on Friday in Tallinn.\n"
        "The three leaders first met at Lake Orrin in Canada in 2029, where Holt, Vasko and "
        "Brandt agreed a fishing accord.\n"
        "The talks focused on shared fishing quotas in the northern sea."
    ),
    "east": (
        "Chancellor Mira Holt welcomed Premier Anton Vasko and President Lucia Brandt to "
        "Tallinn on Friday for talks on fishing quotas.\n"
        "Their partnership began at a 2029 meeting between Holt, Vasko and Brandt at Lake Orrin, "
        "Canada.\n"
        "Officials said the talks would last two days."
    ),
    "west": (
        "Leaders of three northern states gathered in Tallinn on Friday.\n"
        "After a first meeting held at Fort Dunmore in Ireland in the summer of 2029 between "
        "Norland, Estria and Vestria leaders Mira Holt, Anton Vasko and Lucia Brandt, the three met "
        "again to "
        "discuss fishing quotas and coastal patrols.\n"
        "Officials said the talks would last two days."
    ),
}


def test_one_outlet_placing_an_earlier_meeting_elsewhere_is_a_place_discrepancy() -> None:
    places = _of_kind(_compare(EARLIER_MEETING), "place")
    texts = [" ".join(e.text for v in d.values for e in v.evidence) for d in places]
    assert any("Lake Orrin" in t and "Fort Dunmore" in t for t in texts), [d.subject for d in places]


def test_a_city_and_its_country_are_not_a_place_discrepancy() -> None:
    texts = {
        "a": "The summit opened in Lisbon on Monday with delegates from forty countries.",
        "b": "The summit opened in Portugal on Monday with delegates from forty countries.",
    }
    assert not _of_kind(_compare(texts), "place")


# The start of one office dated differently: the articles even disagree on who holds it.
TOOK_OFFICE = {
    "one": (
        "Norland's Chancellor Mira Holt, who took office on March 3, met union leaders on Friday.\n"
        "Holt promised a new housing plan."
    ),
    "two": (
        "Chancellor Mira Holt, who was sworn in in March, met union leaders on Friday.\n"
        "The chancellor promised a new housing plan."
    ),
    "three": (
        "Norland's new Chancellor Petra Lund, who defeated her rival on May 28 to become "
        "chancellor, met union leaders on Friday.\n"
        "Lund promised a new housing plan."
    ),
}


def test_dates_an_office_began_that_cannot_both_be_right_are_a_date_discrepancy() -> None:
    comparison = _compare(TOOK_OFFICE)
    dates = [d for d in _of_kind(comparison, "date") if "took office" in d.subject]
    assert dates, [d.subject for d in comparison.discrepancies]
    assert _odd(dates[0]) == {"three"}
    names = _of_kind(comparison, "name")
    assert names and _odd(names[0]) == {"three"}


def test_aligned_groups_never_hold_two_claims_of_one_article() -> None:
    story = _story(EARLIER_MEETING)
    entities = resolve.resolve_entities(story)
    for group in align.align_claims(story, entities, Settings().align):
        articles = [ref.article for ref in group.members]
        assert len(articles) == len(set(articles)), group


WIRE = (
    "Flood waters rose across the Varna valley on Tuesday after three days of heavy rain, "
    "forcing about 2,400 residents from their homes. The regional governor said rescue teams "
    "had reached every village by nightfall and that no deaths had been reported. Engineers "
    "warned that the old dam above the town of Selo could fail if the rain continued."
)
LOCAL = (
    "In Selo the river burst its banks near the market square, and shopkeepers spent the night "
    "carrying stock to upper floors. The mayor opened two schools as shelters and asked "
    "volunteers with boats to report to the fire station. Farmers on the eastern bank said "
    "their fields had been under water since Sunday evening."
)


def test_an_article_drawing_on_two_sources_does_not_merge_them_into_one() -> None:
    mixed = WIRE.split(". ")[0] + ". " + LOCAL.split(". ")[0] + ". " + WIRE.split(". ")[1] + "."
    story = _story({"wire": WIRE, "local": LOCAL, "mixed": mixed})
    trace = provenance.trace_provenance(story, Settings().provenance)
    assert provenance.independent_sources(trace, ["wire", "local"]) == 2
    assert provenance.independent_sources(trace, ["wire", "local", "mixed"]) == 2


def test_a_story_that_gains_an_article_reads_only_the_new_one() -> None:
    first = _story({"wire": WIRE, "local": LOCAL})
    grown = _story({"wire": WIRE, "local": LOCAL, "third": WIRE.replace("Tuesday", "Wednesday")})
    assert grown.by_id("wire") is first.by_id("wire")
    assert grown.by_id("local") is first.by_id("local")
