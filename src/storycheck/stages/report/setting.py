"""Where and when the story happens, for the report header.

Part of the report stage (see report.py). A place merely mentioned often (a country the
story is about) is not where it happens: the place comes from datelines ("CITY, Region
(Wire) —") and from event phrases ("the summit in X", "held in X", "struck ... in X"),
weighted up when they sit in an article's lead. The date is the main event's: a day close
to the reference date, told in the leads and beside an event word, never an old
background date.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable
from typing import cast

from ...model import AnalyzedArticle, EntityIndex, Mention, MentionRef, Story, TimeExpr
from ..analyze.datelines import find_dateline

# Entity labels that name a place.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Opening sentences of an article that count as its lead.
LEAD_SENTENCES = 3
# Words that make a sentence report the event itself rather than its background.
EVENT_WORDS = re.compile(
    r"\b(?:summit|meeting|met|meets?|talks|conference|held|hosts?|hosted|took place|taking place|"
    r"conven\w*|gather\w*|visit\w*|struck|strikes?|hit|collaps\w*|crash\w*|explo\w*|fire|killed|died|"
    r"attack\w*|elect\w*|vot\w*|signed|announc\w*|happened|occurred|erupt\w*|arrest\w*|ceremony)\b",
    re.IGNORECASE,
)
# A place right after a locating preposition: "in X", "at the X", "in the port city of X".
LOCATING = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:(?:city|capital|town|village|district|province|region|state|port)\s+of\s+)?$",
    re.IGNORECASE,
)
# A line that gives the article's own date ("Published: ...") rather than the event's.
METADATA_LINE = re.compile(r"\s*(?:first\s+)?(?:published|updated|posted|last updated|date)\b", re.IGNORECASE)
# How much each kind of evidence weighs for `where`: a dateline is the outlet saying it.
DATELINE_WEIGHT = 3.0
LEAD_EVENT_WEIGHT = 2.0
EVENT_WEIGHT = 1.0
# How far from the reference date the main event may lie (a week back, a week ahead).
EVENT_WINDOW_DAYS = 8
# Weights of a date by where it is written: lead and event word, lead, event word, elsewhere.
DATE_WEIGHTS = {(True, True): 3.0, (True, False): 2.0, (False, True): 1.5, (False, False): 1.0}

Contains = Callable[[str, str], "bool | None"]


# ---------------------------------------------------------------- where


def main_place(story: Story, entities: EntityIndex) -> str | None:
    """Where the story happens, "City, Country" when the country is known; None when unclear."""
    scores: dict[str, float] = {}
    for analyzed in story.articles:
        for name, weight in article_places(analyzed, entities).items():
            scores[name] = scores.get(name, 0.0) + weight
    if not scores:
        return None
    best = max(scores, key=lambda name: (scores[name], name))
    return with_country(narrow(best, scores))


def article_places(analyzed: AnalyzedArticle, entities: EntityIndex) -> dict[str, float]:
    """Place -> weight in one article (each place counted once, at its best weight)."""
    found: dict[str, float] = {}
    dateline = dateline_place(analyzed)
    if dateline:
        found[canonical(dateline)] = DATELINE_WEIGHT
    lead_end = lead_end_offset(analyzed)
    for index, mention in enumerate(analyzed.mentions):
        weight = event_place_weight(analyzed, mention, lead_end)
        if weight:
            name = canonical(place_name(analyzed.id, index, mention.span.text, entities))
            found[name] = max(found.get(name, 0.0), weight)
    return found


def event_place_weight(analyzed: AnalyzedArticle, mention: Mention, lead_end: int) -> float:
    """Weight of a place mention that follows an event phrase ("summit in X"), else 0."""
    if mention.label not in PLACE_LABELS or not 0 <= mention.sentence < len(analyzed.sentences):
        return 0.0
    sentence = analyzed.sentences[mention.sentence]
    before = analyzed.article.text[sentence.start : mention.span.start]
    if not LOCATING.search(before) or not EVENT_WORDS.search(before):
        return 0.0
    return LEAD_EVENT_WEIGHT if mention.span.start < lead_end else EVENT_WEIGHT


def dateline_place(analyzed: AnalyzedArticle) -> str | None:
    """The city of the article's dateline, in title case ("SETTLEVILLE" -> "Settleville")."""
    text = analyzed.dateline
    if not text:
        match = find_dateline(analyzed.article.text)
        text = match.group("city") if match else None
    if not text:
        return None
    city = text.split(",")[0].strip(" .-")
    return city.title() if city.isupper() else city or None


def lead_end_offset(analyzed: AnalyzedArticle) -> int:
    """Offset where the article's lead (its first LEAD_SENTENCES sentences) ends."""
    lead = [span for span in analyzed.sentences if span.text.strip()][:LEAD_SENTENCES]
    return lead[-1].end if lead else 0


def place_name(article_id: str, index: int, surface: str, entities: EntityIndex) -> str:
    """The resolved entity's name for a mention, else its text as written."""
    entity_id = entities.by_mention.get(MentionRef(article_id, index))
    if entity_id is not None:
        try:
            return entities.entity(entity_id).name
        except KeyError:
            pass
    return " ".join(surface.split())


def narrow(best: str, scores: dict[str, float]) -> str:
    """Follow containment down: the best-scored candidate place inside `best`, and so on."""
    contains = _gazetteer("contains")
    if contains is None:
        return best
    visited = {best}
    while True:
        inner = [name for name in scores if name not in visited and contains(best, name)]
        if not inner:
            return best
        best = max(inner, key=lambda name: (scores[name], name))
        visited.add(best)


def with_country(place: str) -> str:
    """ "City, Country" when the gazetteer knows the country and the name does not say it."""
    country_of = _gazetteer("country_of")
    country = country_of(place) if country_of else None
    if not isinstance(country, str) or not country or country.lower() in place.lower():
        return place
    return f"{place}, {country}"


def canonical(name: str) -> str:
    """The gazetteer's name for a place ("the U.S." -> "United States"), else the name."""
    canonical_place = _gazetteer("canonical_place")
    found = canonical_place(name) if canonical_place else None
    return found if isinstance(found, str) and found else name


def _gazetteer(name: str) -> Callable[..., object] | None:
    """A function of `storycheck.gazetteer`, when that module provides it."""
    try:
        module = importlib.import_module("storycheck.gazetteer")
    except ImportError:
        return None
    function = getattr(module, name, None)
    return cast(Callable[..., object], function) if callable(function) else None


# ---------------------------------------------------------------- when


def main_date(story: Story) -> str | None:
    """ISO date of the main event: the best-placed day (else month) near the reference date.
    Without a known reference date only dates written in full (with a year) are placed."""
    for granularity in ("day", "month"):
        scores: dict[str, float] = {}
        for analyzed in story.articles:
            dates = article_dates(analyzed, granularity, placed_only=story.reference_inferred)
            for iso, weight in dates.items():
                scores[iso] = scores.get(iso, 0.0) + weight
        if scores:
            return max(scores, key=lambda iso: (scores[iso], iso))
    return None


def article_dates(
    analyzed: AnalyzedArticle, granularity: str, *, placed_only: bool = False
) -> dict[str, float]:
    """ISO date -> weight in one article, for its dates near the reference date (only its
    absolute dates with `placed_only`)."""
    found: dict[str, float] = {}
    lead_end = lead_end_offset(analyzed)
    skip = dateline_end(analyzed)
    for time in analyzed.times:
        if time.granularity != granularity or time.span.start < skip or (placed_only and time.relative):
            continue
        if in_metadata_line(analyzed.article.text, time.span.start):
            continue
        if not near(time, analyzed.reference_date):
            continue
        sentence = _sentence_text(analyzed, time.sentence)
        weight = DATE_WEIGHTS[(time.span.start < lead_end, bool(EVENT_WORDS.search(sentence)))]
        found[time.iso] = max(found.get(time.iso, 0.0), weight)
    return found


def near(time: TimeExpr, reference: dt.date) -> bool:
    """True when the time interval comes within EVENT_WINDOW_DAYS of the reference date."""
    window = dt.timedelta(days=EVENT_WINDOW_DAYS)
    return time.start <= reference + window and time.end >= reference - window


def is_background(time: TimeExpr, reference: dt.date) -> bool:
    """True for a date well before the story's reference date (context, not the event)."""
    return not near(time, reference) and time.end < reference


def dateline_end(analyzed: AnalyzedArticle) -> int:
    """Offset where the article's dateline ends (0 when it has none): its date is not the event's."""
    match = find_dateline(analyzed.article.text)
    return match.end() if match else 0


def in_metadata_line(text: str, offset: int) -> bool:
    """True when the line holding `offset` starts like "Published:" (the article's own date)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return bool(METADATA_LINE.match(text, line_start, offset))


def _sentence_text(analyzed: AnalyzedArticle, index: int) -> str:
    if 0 <= index < len(analyzed.sentences):
        return analyzed.sentences[index].text
    return ""
