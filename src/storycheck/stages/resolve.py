"""resolve: group the mentions of a story into entities, and record who holds which role.

Two person mentions are one entity when their names are equal after normalisation
(case, diacritics, hyphens, titles, possessives: "Lee Jae-myung" = "Lee Jae Myung"), when
one is a one-word mention of a family or given name of a fuller name in the story
("Moreau" -> the full name), or when they are near-identical spellings. Places are
canonicalised through the gazetteer, so "U.S." = "United States", and a demonym names its
country.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from .. import gazetteer
from ..model import Entity, EntityIndex, EntityLabel, MentionRef, RoleHolding, Story

__all__ = ["name_key", "person_key_tokens", "resolve_entities", "role_key", "same_person"]

# Honorifics and titles that may precede a name and are not part of it.
TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady president prime minister pm gen general "
    "capt captain sen senator rep representative gov governor sgt lt col adm admiral "
    "king queen prince princess pope rev judge justice chancellor mayor secretary".split()
)
# Two full names with the same number of parts are spelling variants ("Zelensky"/"Zelenskyy",
# "Gaddafi"/"Qaddafi") when each part differs by at most one edit and the name by at most two;
# "Nowakowska"/"Nowakowski" (two edits in one part) are two people.
MAX_TOKEN_EDITS = 1
# Family names that change with gender in Slavic and Baltic languages.
GENDERED_SURNAME_ENDINGS = (("ska", "ski"), ("cka", "cki"), ("ova", "ov"), ("eva", "ev"), ("ina", "in"))
MAX_NAME_EDITS = 2
# A one-word name joins the most-mentioned full name holding it when that name has this many
# times the mentions of the next ("Moreau" -> "Anne Moreau", not a misparsed "Moreau Says").
DOMINANT_NAME = 2
# "<office> of <organisation>": the organisation qualifies the office.
ROLE_OF = re.compile(r"([a-z -]+?) of (?:the )?(.{3,80})")
# Titles of an organisation's top post, one office whatever the organisation calls it.
ORGANISATION_HEADS = frozenset({"president", "head", "chair", "chief", "commander", "director", "leader"})
PLACE_LABELS: frozenset[EntityLabel] = frozenset({"GPE", "LOC", "FAC"})


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Normalise a name: ASCII, lower case, no punctuation, hyphens and line breaks as spaces."""
    text = unidecode(text).lower().replace("’", "'")
    text = re.sub(r"\s", " ", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[-‐‑–]", " ", text)
    text = re.sub(r"[^a-z0-9 ]", "", text)
    return " ".join(text.split())


def person_key_tokens(text: str) -> tuple[str, ...]:
    """The tokens of a person's name without leading titles."""
    tokens = name_key(text).split()
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens = tokens[1:]
    return tuple(tokens)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two normalised names can denote one person (variants, not partial names)."""
    if a == b or "".join(a) == "".join(b):
        return True
    if len(a) == len(b) and len(a) > 1:
        if _gendered_pair(a[-1], b[-1]):
            return False
        edits = [Levenshtein.distance(x, y) for x, y in zip(a, b, strict=True)]
        return max(edits) <= MAX_TOKEN_EDITS and sum(edits) <= MAX_NAME_EDITS
    return False


def _gendered_pair(a: str, b: str) -> bool:
    """Feminine and masculine forms of one family name ("-ska"/"-ski", "-ova"/"-ov"): two people."""
    for feminine, masculine in GENDERED_SURNAME_ENDINGS:
        for x, y in ((a, b), (b, a)):
            if x.endswith(feminine) and y.endswith(masculine) and x[: -len(feminine)] == y[: -len(masculine)]:
                return True
    return False


def role_key(qualifier: str | None, role: str) -> str | None:
    """The key of an office ("japan|prime minister"), None when the office is unqualified.

    "president of the electoral board" is read as the office "president" of the qualifier
    "electoral board"; the top post of an organisation (not a country) is one office however
    it is titled: "president", "head", "chair" or "chief" of it are all "head".
    """
    match = ROLE_OF.fullmatch(role)
    if not qualifier and match:
        role, qualifier = match.group(1), match.group(2)
    if not qualifier:
        return None
    if role in ORGANISATION_HEADS and not gazetteer.lookup(qualifier):
        role = "head"
    return f"{name_key(qualifier)}|{role}"


def resolve_entities(story: Story) -> EntityIndex:
    """Resolve every mention of the story into entities and list the role holdings."""
    clusters: dict[str, list[MentionRef]] = defaultdict(list)
    labels: dict[str, Counter[EntityLabel]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    persons = _person_clusters(story)
    name_parts = _name_parts(persons.values())
    for analyzed in story.articles:
        for index, mention in enumerate(analyzed.mentions):
            ref = MentionRef(analyzed.id, index)
            key = (
                persons.get(ref)
                or _mislabelled_person(mention.span.text, mention.label, name_parts)
                or _entity_key(mention.span.text, mention.label)
            )
            clusters[key].append(ref)
            labels[key][mention.label] += 1
            names[key][mention.span.text] += 1
    entities, by_mention = _build_entities(clusters, labels, names)
    holdings = _role_holdings(story, persons_by_name=_person_lookup(entities))
    return EntityIndex(entities=tuple(entities), by_mention=by_mention, holdings=tuple(holdings))


def _name_parts(person_keys: Iterable[str]) -> dict[str, set[str]]:
    """First and last word of each multi-word person name -> the person keys holding it."""
    parts: dict[str, set[str]] = defaultdict(set)
    for key in set(person_keys):
        words = key.removeprefix("person:").split()
        if len(words) > 1:
            parts[words[0]].add(key)
            parts[words[-1]].add(key)
    return parts


def _mislabelled_person(text: str, label: EntityLabel, name_parts: dict[str, set[str]]) -> str | None:
    """A one-word ORG or unknown place that is the name of exactly one person in the story
    (small NER models often tag a bare family name as an organisation or a place)."""
    words = name_key(text).split()
    if label not in ("ORG", "GPE") or len(words) != 1 or len(name_parts.get(words[0], ())) != 1:
        return None
    if label == "GPE" and (gazetteer.canonical_place(text) or gazetteer.country_of(text)):
        return None
    return next(iter(name_parts[words[0]]))


def _entity_key(text: str, label: EntityLabel) -> str:
    if label in PLACE_LABELS - {"FAC"} or label == "NORP":
        place = gazetteer.canonical_place(text) or gazetteer.country_of(text)
        if place:
            return f"place:{name_key(place)}"
    return f"{label.lower()}:{name_key(text)}"


def _person_clusters(story: Story) -> dict[MentionRef, str]:
    """Cluster PERSON mentions story-wide: full names first, then one-word mentions."""
    full: dict[tuple[str, ...], str] = {}
    result: dict[MentionRef, str] = {}
    short: list[tuple[MentionRef, str, tuple[str, ...]]] = []
    long: list[tuple[MentionRef, tuple[str, ...]]] = []
    for analyzed in story.articles:
        for index, mention in enumerate(analyzed.mentions):
            if mention.label != "PERSON":
                continue
            tokens = person_key_tokens(mention.span.text)
            ref = MentionRef(analyzed.id, index)
            if len(tokens) < 2:
                short.append((ref, analyzed.id, tokens))
            else:
                long.append((ref, tokens))
    # Longest names first, so a truncated "A B" joins "A B C" rather than founding its own entity.
    for ref, tokens in sorted(long, key=lambda item: -len(item[1])):
        key = next((k for names, k in full.items() if _same_or_truncated(names, tokens)), None)
        full.setdefault(tokens, key or "person:" + " ".join(tokens))
        result[ref] = full[tokens]
    for ref, article_id, tokens in short:
        result[ref] = _short_name_key(tokens, article_id, full, result, story)
    return result


def _same_or_truncated(longer: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    """`tokens` names the same person as `longer`, or is its first or last words (a mention
    clipped by the tagger: "Park Ji" of "Park Ji Hoon", "Maria Sousa" of "Ana Maria Sousa")."""
    if same_person(longer, tokens):
        return True
    size = len(tokens)
    return size < len(longer) and (longer[:size] == tokens or longer[-size:] == tokens)


def _short_name_key(
    tokens: tuple[str, ...],
    article_id: str,
    full: dict[tuple[str, ...], str],
    resolved: dict[MentionRef, str],
    story: Story,
) -> str:
    """A one-word name joins the full name holding it: same article first, else story-wide if unique."""
    if not tokens:
        return "person:"
    word = tokens[0]
    support = Counter(resolved.values())
    in_article = {key for ref, key in resolved.items() if ref.article == article_id}
    candidates = {key for names, key in full.items() if word in (names[0], names[-1])}
    for pool in (candidates & in_article, candidates):
        ranked = sorted(pool, key=lambda key: -support[key])
        if len(ranked) == 1 or (ranked and support[ranked[0]] >= DOMINANT_NAME * support[ranked[1]]):
            return ranked[0]
    return f"person:{word}"


def _build_entities(
    clusters: dict[str, list[MentionRef]],
    labels: dict[str, Counter[EntityLabel]],
    names: dict[str, Counter[str]],
) -> tuple[list[Entity], dict[MentionRef, str]]:
    entities, by_mention = [], {}
    for number, key in enumerate(sorted(clusters), start=1):
        entity_id = f"e{number}"
        label: EntityLabel = "PERSON" if key.startswith("person:") else labels[key].most_common(1)[0][0]
        aliases = tuple(sorted(names[key]))
        name = _canonical_name(key, names[key])
        country = gazetteer.country_of(name) if label in PLACE_LABELS or label == "NORP" else None
        entities.append(Entity(entity_id, name, label, aliases, tuple(clusters[key]), country=country))
        by_mention.update({ref: entity_id for ref in clusters[key]})
    return entities, by_mention


def _canonical_name(key: str, surface: Counter[str]) -> str:
    """The longest of the most frequent surface forms (a place: its gazetteer name)."""
    if key.startswith("place:"):
        place = gazetteer.canonical_place(next(iter(surface))) or gazetteer.country_of(next(iter(surface)))
        if place:
            return place
    return max(surface, key=lambda text: (len(person_key_tokens(text)), surface[text], len(text)))


def _person_lookup(entities: Iterable[Entity]) -> dict[tuple[str, ...], str]:
    lookup: dict[tuple[str, ...], str] = {}
    for entity in entities:
        if entity.label == "PERSON":
            for alias in entity.aliases:
                lookup.setdefault(person_key_tokens(alias), entity.id)
    return lookup


def _role_holdings(story: Story, *, persons_by_name: dict[tuple[str, ...], str]) -> list[RoleHolding]:
    holdings = []
    for analyzed in story.articles:
        for index, role in enumerate(analyzed.roles):
            key = role_key(role.qualifier, role.role)
            entity = _find_person(person_key_tokens(role.person.text), persons_by_name)
            if key and entity:
                holdings.append(RoleHolding(role_key=key, entity=entity, article=analyzed.id, role=index))
    return holdings


def _find_person(tokens: tuple[str, ...], lookup: dict[tuple[str, ...], str]) -> str | None:
    if tokens in lookup:
        return lookup[tokens]
    for names, entity_id in lookup.items():
        if same_person(names, tokens):
            return entity_id
    if len(tokens) == 1:
        matches = {eid for names, eid in lookup.items() if tokens[0] in (names[0], names[-1])}
        if len(matches) == 1:
            return matches.pop()
    return None
