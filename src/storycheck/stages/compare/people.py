"""People: one office held by different names (kind "name"), one person given different
offices (kind "role").

An office is a role with its qualifier ("japan|prime minister"). Offices that many people
hold at once (a senator, a spokesperson, an official) are never compared by holder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from ...model import ClaimGroup, Discrepancy, EntityIndex, MentionRef, RoleHolding, RoleMention, Span, Story
from ..resolve import ROLE_OF, name_key, person_key_tokens, same_person
from .common import Item, claim_pairs, discrepancy, value_classes

__all__ = ["comparable_office", "is_single_office", "name_discrepancies", "role_discrepancies", "same_office"]

# Offices several people hold at the same time: a different holder is no contradiction.
SHARED_OFFICES = frozenset(
    "official officials spokesperson spokesman spokeswoman senator representative lawmaker "
    "member minister adviser advisor analyst expert general admiral colonel captain officer "
    "lieutenant sergeant commander ambassador judge professor researcher reporter correspondent "
    "deputy aide diplomat envoy director manager lawyer attorney witness resident worker "
    "student teacher doctor nurse soldier police officer firefighter engineer".split()
)
# Titles that name a single office once a portfolio precedes them ("foreign minister").
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})
# Prefixes that make an office one of several ("deputy mayor", "assistant secretary").
JUNIOR_PREFIXES = frozenset({"deputy", "assistant", "junior", "vice", "associate", "state", "senior"})
# Military and police ranks: a person holds a rank and an office at once.
RANKS = frozenset(
    "general gen brigadier brig colonel col lieutenant lt captain capt major maj sergeant sgt "
    "corporal cpl admiral adm commodore marshal private".split()
)
# Role words that only say the person matters, not which office they hold.
VAGUE_ROLES = frozenset("leader head chief official figure boss".split())
# Role changes in time: these are separate offices, and a person may hold both in a story.
# Matched as whole words ("electoral" is no "elect"), or as the "ex-" / "-elect" of a word.
TEMPORAL_WORDS = frozenset({"former", "elect", "acting", "outgoing", "incoming", "late", "then"})
# Roles this similar (rapidfuzz token_set_ratio) are one office worded two ways.
SAME_ROLE_RATIO = 85.0


def is_single_office(role: str) -> bool:
    """Whether one person at a time holds this office ("prime minister" yes, "senator" no).

    A minister or secretary with a portfolio ("foreign minister") holds a single office;
    a deputy or junior one does not.
    """
    words = role.split()
    if not words or role in SHARED_OFFICES or words[0] in JUNIOR_PREFIXES:
        return False
    if words[-1] in PORTFOLIO_TITLES:
        return len(words) > 1
    return words[-1] not in SHARED_OFFICES


def name_discrepancies(
    story: Story, entities: EntityIndex, groups: Sequence[ClaimGroup]
) -> list[Discrepancy]:
    """Offices named with different people in different articles."""
    found = _qualified_office_conflicts(story, entities)
    found += _aligned_office_conflicts(story, entities, groups)
    return found


def _role_item(story: Story, article_id: str, role: RoleMention, entity: str) -> Item[str]:
    analyzed = story.by_id(article_id)
    start, end = min(role.role_span.start, role.person.start), max(role.role_span.end, role.person.end)
    text = analyzed.article.text
    span = Span(start, end, text[start:end]) if end - start < 160 else role.person
    return Item(article_id, entity, role.person.text, entity, span)


def _qualified_office_conflicts(story: Story, entities: EntityIndex) -> list[Discrepancy]:
    by_office: dict[str, list[RoleHolding]] = defaultdict(list)
    for holding in entities.holdings:
        office = holding.role_key.split("|", 1)[1]
        if office == "head" or (  # the top post of a named organisation
            is_single_office(office) and office.split()[-1] not in VAGUE_ROLES and not _temporal(office)
        ):
            by_office[holding.role_key].append(holding)
    found = []
    for key, holdings in sorted(by_office.items()):
        items = [
            _role_item(story, h.article, story.by_id(h.article).roles[h.role], h.entity) for h in holdings
        ]
        classes = value_classes(items, lambda a, b: a == b)
        if len(classes) > 1 and not _one_article_names_all(classes):
            office = key.split("|", 1)[1]
            first = story.by_id(holdings[0].article).roles[holdings[0].role]
            found.append(_name_discrepancy(entities, _office_subject(office, first), classes))
    return found


def _office_subject(office: str, role: RoleMention) -> str:
    """ "who is the prime minister (Japan)", "who heads the Vale fire service": as written."""
    qualifier = role.qualifier or (ROLE_OF.fullmatch(role.role) or [None, None, ""])[2]
    if office == "head":
        return f"who heads the {qualifier}"
    return f"who is the {office} ({qualifier})"


def _aligned_office_conflicts(
    story: Story, entities: EntityIndex, groups: Sequence[ClaimGroup]
) -> list[Discrepancy]:
    """Aligned claims that name different people in the same unqualified office."""
    found = []
    for group in groups:
        for left, right in claim_pairs(story, group):
            items = [
                *_claim_roles(story, left.article, left.index, entities),
                *_claim_roles(story, right.article, right.index, entities),
            ]
            by_role: dict[str, list[Item[str]]] = defaultdict(list)
            for role, item in items:
                by_role[role].append(item)
            for role, role_items in by_role.items():
                classes = value_classes(role_items, lambda a, b: a == b)
                if len(classes) > 1 and not _one_article_names_all(classes):
                    found.append(_name_discrepancy(entities, f"who is the {role}", classes))
    return found


def _claim_roles(
    story: Story, article_id: str, claim_index: int, entities: EntityIndex
) -> list[tuple[str, Item[str]]]:
    analyzed = story.by_id(article_id)
    result = []
    for index in analyzed.claims[claim_index].roles:
        role = analyzed.roles[index]
        if (
            role.qualifier
            or not is_single_office(role.role)
            or role.role in VAGUE_ROLES
            or _temporal(role.role)
        ):
            continue
        entity = _entity_of_span(analyzed.id, analyzed.mentions, role.person, entities)
        if entity:
            result.append((role.role, _role_item(story, article_id, role, entity)))
    return result


def _entity_of_span(
    article_id: str, mentions: Sequence[object], span: Span, entities: EntityIndex
) -> str | None:
    for index, mention in enumerate(mentions):
        mention_span = getattr(mention, "span")  # noqa: B009
        if mention_span.start < span.end and span.start < mention_span.end:
            return entities.by_mention.get(MentionRef(article_id, index))
    return None


def _one_article_names_all(classes: list[list[Item[str]]]) -> bool:
    """An article that itself names two holders is describing a succession, not disagreeing."""
    per_class = [{item.article for item in c} for c in classes]
    return bool(set.intersection(*per_class))


def _temporal(role: str) -> bool:
    """Whether a role is tied to a time ("former minister", "ex-mayor", "president-elect")."""
    return any(
        word in TEMPORAL_WORDS or word.startswith("ex-") or word.endswith("-elect") for word in role.split()
    )


def _name_discrepancy(entities: EntityIndex, subject: str, classes: list[list[Item[str]]]) -> Discrepancy:
    named = [list(c) for c in classes]
    for c in named:
        name = entities.entity(c[0].value).name
        c[0] = Item(c[0].article, c[0].value, name, name_key(name), c[0].span)
    return discrepancy(
        "name",
        subject,
        named,
        severity="high",
        explanation="The articles name different people for an office one person holds; "
        "spelling variants of one name are not counted.",
    )


def role_discrepancies(story: Story, entities: EntityIndex) -> list[Discrepancy]:
    """One person given incompatible offices by different articles."""
    by_person: dict[str, list[Item[str]]] = defaultdict(list)
    for analyzed in story.articles:
        for role in analyzed.roles:
            office = comparable_office(role)
            if office is None:
                continue
            entity = _entity_of_span(analyzed.id, analyzed.mentions, role.person, entities)
            if entity is None:
                continue
            item = _role_item(story, analyzed.id, role, office)
            by_person[entity].append(Item(item.article, office, role.role_span.text, office, item.span))
    found = []
    for entity_id, items in sorted(by_person.items()):
        classes = value_classes(items, same_office)
        if len(classes) > 1 and not _one_article_names_all(classes):
            name = entities.entity(entity_id).name
            found.append(
                discrepancy(
                    "role",
                    f"what office {name} holds",
                    classes,
                    severity="medium",
                    explanation="The articles give the same person different offices.",
                )
            )
    return found


def comparable_office(role: RoleMention) -> str | None:
    """The office as written ("qualifier|role"), or None for a role that is no office to
    compare: vague ("official"), temporal ("former minister") or a rank ("general")."""
    words = role.role.split()
    if words[-1] in VAGUE_ROLES or _temporal(role.role) or set(words) <= RANKS:
        return None
    return _office_as_written(role)


def _office_as_written(role: RoleMention) -> str:
    """ "qualifier|role" with the title as the article wrote it ("łódź fire service|commander")."""
    match = ROLE_OF.fullmatch(role.role)
    if not role.qualifier and match:
        return f"{name_key(match.group(2))}|{match.group(1)}"
    return f"{name_key(role.qualifier or '')}|{role.role}"


def same_office(a: str, b: str) -> bool:
    """Whether two offices as written ("qualifier|role") can be one office."""
    qual_a, role_a = a.split("|", 1)
    qual_b, role_b = b.split("|", 1)
    if (
        qual_a
        and qual_b
        and qual_a != qual_b
        and not same_person(person_key_tokens(qual_a), person_key_tokens(qual_b))
    ):
        return False
    return role_a in role_b or role_b in role_a or fuzz.token_set_ratio(role_a, role_b) >= SAME_ROLE_RATIO
