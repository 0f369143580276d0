"""Roles: people named with a title, in every shape an outlet writes them, and title normalisation."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storycheck.stages.analyze.roles import extract_roles
from storycheck.stages.analyze.titles import normalize_role


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Prime Minister", "prime minister"),
        ("PM", "prime minister"),
        ("Capt.", "captain"),
        ("Gen.", "general"),
        ("Sen.", "senator"),
        ("national security advisor", "national security adviser"),
        ("Defence Minister", "defense minister"),
        ("spokeswoman", "spokesperson"),
        ("Chairman", "chair"),
        ("then-President", "president"),
        ("new Prime Minister", "prime minister"),
        ("President-elect", "president-elect"),
        ("Secretary - General", "secretary-general"),
        ("CEO", "chief executive"),
    ],
)
def test_normalize_role(text: str, normal: str) -> None:
    assert normalize_role(text) == normal


def _roles(nlp: Language, text: str) -> list[tuple[str, str, str, str | None]]:
    doc = nlp(text)
    return [(r.person.text, r.role, r.role_span.text, r.qualifier) for r in extract_roles(doc, [0])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norwegian Prime Minister Ingrid Solvang arrived in the capital on Monday.",
            [("Ingrid Solvang", "prime minister", "Norwegian Prime Minister", "Norway")],
        ),
        (
            "Chilean President Mateo Ruiz met Kenyan Foreign Minister Amina Odhiambo.",
            [
                ("Mateo Ruiz", "president", "Chilean President", "Chile"),
                ("Amina Odhiambo", "foreign minister", "Kenyan Foreign Minister", "Kenya"),
            ],
        ),
        (
            "Coast Guard Capt. Marcus Delacroix said the search would continue.",
            [("Marcus Delacroix", "captain", "Coast Guard Capt.", "Coast Guard")],
        ),
        (
            "Tomas Varga, who took office as prime minister in March, promised new elections.",
            [("Tomas Varga", "prime minister", "prime minister", None)],
        ),
        (
            "Prime Minister Tomas Varga, who took office on March 3, promised new elections.",
            [("Tomas Varga", "prime minister", "Prime Minister", None)],
        ),
        (
            "Oskar Lind became prime minister in 2019.",
            [("Oskar Lind", "prime minister", "prime minister", None)],
        ),
        (
            "Tomas Varga, Hungary's prime minister, promised new elections.",
            [("Tomas Varga", "prime minister", "Hungary's prime minister", "Hungary")],
        ),
        (
            "Tomas Varga, the prime minister of Hungary, promised new elections.",
            [("Tomas Varga", "prime minister", "prime minister of Hungary", "Hungary")],
        ),
        (
            "Helena Brandt, the company's chief executive, declined to comment.",
            [("Helena Brandt", "chief executive", "the company's chief executive", None)],
        ),
        (
            "The company's chief executive, Helena Brandt, declined to comment.",
            [("Helena Brandt", "chief executive", "The company's chief executive", None)],
        ),
        (
            "The meeting was chaired by Lena Kowalczyk, Poland's deputy finance minister.",
            [("Lena Kowalczyk", "deputy finance minister", "Poland's deputy finance minister", "Poland")],
        ),
        (
            "U.S. Secretary of State Julia Harcourt landed in Rome.",
            [("Julia Harcourt", "secretary of state", "U.S. Secretary of State", "United States")],
        ),
        (
            "Ecuador's interior minister, Lucia Paz, ordered an inquiry.",
            [("Lucia Paz", "interior minister", "Ecuador's interior minister", "Ecuador")],
        ),
        (
            "Greek Prime Minister Nikos Andreou and Dutch Prime Minister Sanne de Vries met in Athens.",
            [
                ("Nikos Andreou", "prime minister", "Greek Prime Minister", "Greece"),
                ("Sanne de Vries", "prime minister", "Dutch Prime Minister", "Netherlands"),
            ],
        ),
        (
            "National security adviser Priya Raman briefed the press.",
            [("Priya Raman", "national security adviser", "National security adviser", None)],
        ),
        (
            "Mayor-elect Jonas Petrauskas thanked voters.",
            [("Jonas Petrauskas", "mayor-elect", "Mayor-elect", None)],
        ),
        (
            "Sen. Laura Whitfield introduced the bill.",
            [("Laura Whitfield", "senator", "Sen.", None)],
        ),
    ],
)
def test_extract_roles(nlp: Language, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    assert _roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The president will travel to the coast next week.",
        "The ministry said the prime minister's office had not replied.",
        "Tomas Varga, who took office in March, promised new elections.",
    ],
)
def test_no_role_without_a_named_holder_or_title(nlp: Language, text: str) -> None:
    assert _roles(nlp, text) == []


def test_role_spans_index_the_text(nlp: Language) -> None:
    text = "Rain fell.\nKenyan Foreign Minister Amina Odhiambo spoke."
    doc = nlp(text)
    roles = extract_roles(doc, [0, text.index("Kenyan")])
    assert [(r.sentence, text[r.person.start : r.person.end]) for r in roles] == [(1, "Amina Odhiambo")]
    assert text[roles[0].role_span.start : roles[0].role_span.end] == "Kenyan Foreign Minister"


def test_a_harbour_master_is_an_office(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = extract_roles(nlp("Harbour master Ilse Brandt said the quay would stay closed."), [0])
    assert [(role.person.text, role.role) for role in roles] == [("Ilse Brandt", "harbour master")]


def test_a_name_that_is_also_a_town_is_not_a_qualifier_across_a_comma(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Sousa" is also a Brazilian town: it must not qualify the office after the comma.
    doc = nlp("Maria Sousa, president of the port authority, said the channel would reopen.")
    roles = extract_roles(doc, [0])
    assert [(role.person.text, role.qualifier) for role in roles][:1] == [("Maria Sousa", None)]


def test_a_name_after_its_own_title_in_an_appositive_holds_the_office(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The head of the regional water board, Judge Ona Varga, said the dam would hold.")
    roles = {(role.person.text, role.role) for role in extract_roles(doc, [0])}
    assert ("Ona Varga", "head of the regional water board") in roles
