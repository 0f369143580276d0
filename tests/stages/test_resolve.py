"""resolve: names normalise, variants of one name join, different people stay apart."""

from __future__ import annotations

import pytest

from storycheck.stages.resolve import name_key, person_key_tokens, role_key, same_person


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Anne-Marie Duval", "anne marie duval"),
        ("José Ortega’s", "jose ortega"),
        ("O'Neill", "oneill"),
        ("  Dr.  Lena   Voss ", "dr lena voss"),
        ("in May 2021.\n\nLena Voss\tsaid", "in may 2021 lena voss said"),
    ],
)
def test_name_key_normalises_case_diacritics_hyphens_possessives(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Park Min-jun", "Park Min Jun", True),
        ("Park Min-jun", "Park Minjun", True),
        ("José Ortega", "Jose Ortega", True),
        ("President Lena Voss", "Lena Voss", True),
        ("Katarzyna Nowakowska", "Katarzyna Nowakowska", True),
        ("Katarzyna Nowakowska", "Katarzyna Nowakowski", False),
        ("Tomas Berg", "Tobias Berg", False),
        ("Lena Voss", "Voss", False),
    ],
)
def test_same_person_joins_spelling_variants_only(a: str, b: str, same: bool) -> None:
    assert same_person(person_key_tokens(a), person_key_tokens(b)) is same


def test_person_key_drops_leading_titles_but_keeps_the_name() -> None:
    assert person_key_tokens("Prime Minister Ada Lind") == ("ada", "lind")
    assert person_key_tokens("President") == ("president",)


@pytest.mark.parametrize(
    ("qualifier", "role", "key"),
    [("Japan", "prime minister", "japan|prime minister"), (None, "mayor", None), ("", "mayor", None)],
)
def test_role_key_needs_a_qualifier(qualifier: str | None, role: str, key: str | None) -> None:
    assert role_key(qualifier, role) == key


@pytest.mark.parametrize(
    ("qualifier", "role", "key"),
    [
        ("Norland", "prime minister", "norland|prime minister"),
        (None, "president of the Orvel water board", "orvel water board|head"),
        ("Orvel water board", "chair", "orvel water board|head"),
        (None, "commander of the Vale fire service", "vale fire service|head"),
        ("France", "president", "france|president"),
        (None, "mayor", None),
    ],
)
def test_role_keys_name_one_office_however_it_is_titled(
    qualifier: str | None, role: str, key: str | None
) -> None:
    assert role_key(qualifier, role) == key
