"""When an office-holder took office: one office, dates that cannot both be right.

"X, who took office on <date>" and "Y, who was sworn in on <date>" speak of the same event
when X and Y hold the same single office in the story (by any article's account), even
when the articles disagree on who that is. Dates that do not overlap are a date discrepancy
about the start of that office.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ...model import AnalyzedArticle, Discrepancy, EntityIndex, MentionRef, Span, Story, TimeExpr
from .common import Item, discrepancy, value_classes
from .dates import dates_agree
from .people import VAGUE_ROLES, is_single_office

__all__ = ["tenure_discrepancies"]

# Phrases that say a person entered an office.
TOOK_OFFICE = re.compile(
    r"\b(?:took office|assumed office|assumed the post|was sworn in|were sworn in|sworn in|"
    r"took power|came to power|was inaugurated|was elected|was appointed|to become|became)\b",
    re.IGNORECASE,
)
# A relative clause about the person just named.
RELATIVE_WHO = re.compile(r",\s+who\b")
# How far (characters) a date may follow the phrase and the holder may precede it.
DATE_WINDOW = 80
HOLDER_WINDOW = 160


def tenure_discrepancies(story: Story, entities: EntityIndex) -> list[Discrepancy]:
    """Date discrepancies about when the holder of one office took it."""
    offices = _offices_by_person(entities)
    by_office: dict[str, list[Item[TimeExpr]]] = defaultdict(list)
    for analyzed in story.articles:
        for office, item in _starts(analyzed, entities, offices):
            by_office[office].append(item)
    found = []
    for office, items in sorted(by_office.items()):
        if len({item.article for item in items}) < 2:
            continue
        classes = value_classes(items, dates_agree)
        if len(classes) < 2 or _one_article_gives_all(classes):
            continue
        found.append(
            discrepancy(
                "date",
                f"when {_office_name(story, entities, office)} took office",
                classes,
                severity="high",
                explanation="The articles date the start of one office to periods that do not overlap.",
            )
        )
    return found


def _office_name(story: Story, entities: EntityIndex, office: str) -> str:
    """ "the prime minister of Japan", "the head of the Vale water board": as an article wrote it."""
    role = office.split("|", 1)[1]
    holding = next(h for h in entities.holdings if h.role_key == office)
    mention = story.by_id(holding.article).roles[holding.role]
    qualifier = mention.qualifier or office.split("|", 1)[0]
    return f"the {role} of {qualifier}"


def _offices_by_person(entities: EntityIndex) -> dict[str, set[str]]:
    offices: dict[str, set[str]] = defaultdict(set)
    for holding in entities.holdings:
        role = holding.role_key.split("|", 1)[1]
        if is_single_office(role) and role.split()[-1] not in VAGUE_ROLES:
            offices[holding.entity].add(holding.role_key)
    return offices


def _starts(
    analyzed: AnalyzedArticle, entities: EntityIndex, offices: dict[str, set[str]]
) -> list[tuple[str, Item[TimeExpr]]]:
    """(office, date item) for each "<holder>, who ... took office <date>" in the article."""
    text = analyzed.article.text
    found = []
    for sentence in analyzed.sentences:
        for match in TOOK_OFFICE.finditer(text, sentence.start, sentence.end):
            holder = _holder_before(analyzed, entities, match.start(), sentence)
            if holder is None:
                continue
            time = _date_near(analyzed.times, holder[1].end, match.end(), sentence)
            if time is None:
                continue
            item = Item(analyzed.id, time, time.span.text, time.iso, _evidence(text, holder[1], time.span))
            found += [(office, item) for office in sorted(offices.get(holder[0], ()))]
    return found


def _date_near(
    times: Sequence[TimeExpr], holder_end: int, phrase_end: int, sentence: Span
) -> TimeExpr | None:
    """The first date after the phrase, else the last one between the holder and the phrase."""
    after = [t for t in times if phrase_end <= t.span.start <= min(sentence.end, phrase_end + DATE_WINDOW)]
    if after:
        return min(after, key=lambda t: t.span.start)
    between = [t for t in times if holder_end <= t.span.start and t.span.end <= phrase_end]
    return max(between, key=lambda t: t.span.start, default=None)


def _holder_before(
    analyzed: AnalyzedArticle, entities: EntityIndex, offset: int, sentence: Span
) -> tuple[str, Span] | None:
    """The person the phrase is about: the one a ", who" clause hangs on, else the nearest before."""
    text = analyzed.article.text
    window_start = max(sentence.start, offset - HOLDER_WINDOW)
    people = []
    for index, mention in enumerate(analyzed.mentions):
        entity = entities.by_mention.get(MentionRef(analyzed.id, index))
        if entity is None or not (window_start <= mention.span.start and mention.span.end <= offset):
            continue
        if entities.entity(entity).label == "PERSON":
            people.append((entity, mention.span))
    relative = [p for p in people if RELATIVE_WHO.match(text, p[1].end)]
    chosen = relative or people
    return chosen[-1] if chosen else None


def _evidence(text: str, holder: Span, time: Span) -> Span:
    return Span(holder.start, time.end, text[holder.start : time.end])


def _one_article_gives_all(classes: list[list[Item[TimeExpr]]]) -> bool:
    per_class = [{item.article for item in c} for c in classes]
    return bool(set.intersection(*per_class))
