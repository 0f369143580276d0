"""The report's brief: a few short, cited sentences of the best-corroborated facts.

Part of the report stage (see report.py). A journalist reads the brief first, so it
prefers what a news lead says: the facts found in the opening sentences of the original
and of the independent articles, backed by the most independent sources, told in the
order the articles tell them. Quotes, list items, background and sentences that lean on
an earlier one ("He said...") are left to the sections below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Discrepancy, Evidence, Fact, Story
from ..analyze.datelines import find_dateline
from .setting import is_background

# Sentences in the brief: three say what happened, four is still a short paragraph.
BRIEF_MIN = 3
BRIEF_MAX = 4
# Opening sentences of an article that count as its lead.
LEAD_SENTENCES = 3
# A lead sentence shorter than this is a heading or a fragment.
MIN_LEAD_WORDS = 8
# A brief sentence longer than this many words reads as a paragraph, not a fact.
MAX_WORDS = 45
# Two statements sharing this share of their words say the same thing once.
DUPLICATE_OVERLAP = 0.6
# Openers that make a sentence lean on the one before it, or mark it as not a fact.
DEPENDENT_OPENERS = frozenset(
    "he she it they this that these those his her its their him them but and also however "
    "meanwhile still yet so then there indeed".split()
)
# Quote marks: a sentence carrying a quotation belongs to the quotes section.
QUOTE_MARKS = ('"', "“", "”", "«", "»")
# List bullets and similar furniture that start a line of an article.
BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d+[.)])\s")
# Sentence-final characters; a statement without one gets a full stop.
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")


@dataclass(frozen=True)
class Candidate:
    """A fact that may open the brief, with what its rank rests on."""

    fact: Fact
    lead: int  # 2: in the original's lead, 1: in another article's lead, 0: neither
    background: bool  # every date it gives lies well before the story's reference date
    position: float  # mean relative position of its evidence in the articles (0 = top)


def write_brief(
    story: Story,
    facts: Sequence[Fact],
    discrepancies: Sequence[Discrepancy],
    original: str | None,
    sources: int,
) -> str:
    """The cited brief, closed by one sentence on how many independent sources there are."""
    chosen = choose_facts(story, facts, discrepancies, original)
    sentences = [cite(candidate.fact) for candidate in sorted(chosen, key=lambda item: item.position)]
    if original is not None and not any(candidate.lead == 2 for candidate in chosen):
        opening = disputed_lead(story, original, discrepancies)
        if opening:
            sentences.insert(0, opening)
    if not sentences:
        sentences.append("No uncontested fact is reported by more than one article.")
    sentences.append(sources_sentence(len(story.articles), sources))
    return " ".join(sentences)


def disputed_lead(story: Story, original: str, discrepancies: Sequence[Discrepancy]) -> str | None:
    """The original's lead sentence when no agreed fact covers it, with what is disputed in it.

    A story's main event is often told with a detail the outlets disagree on (the day, the
    toll), which keeps it out of the agreed facts; the brief still opens with it, cited to
    the original, and says which discrepancies concern it.
    """
    try:
        analyzed = story.by_id(original)
    except KeyError:
        return None
    text = analyzed.article.text
    for span in [span for span in analyzed.sentences if span.text.strip()][:LEAD_SENTENCES]:
        dateline = find_dateline(text)
        start = dateline.end() if dateline and span.start <= dateline.end() < span.end else span.start
        sentence = clean(text[start : span.end])
        if (
            len(sentence.split()) < MIN_LEAD_WORDS
            or not sentence.endswith(SENTENCE_END)
            or not briefable(sentence)
        ):
            continue
        lead = Evidence(original, start, span.end, text[start : span.end])
        disputed = sorted(
            {
                item.id
                for item in discrepancies
                for value in item.values
                for ev in value.evidence
                if overlaps(ev, lead)
            },
            key=lambda ref: int(ref[1:]) if ref[1:].isdigit() else 0,
        )
        note = f" The articles disagree on parts of this: see {', '.join(disputed)}." if disputed else ""
        return f"{sentence} [{original}]{note}"
    return None


def choose_facts(
    story: Story, facts: Sequence[Fact], discrepancies: Sequence[Discrepancy], original: str | None
) -> list[Candidate]:
    """Up to BRIEF_MAX uncontested, brief-worthy facts: independent-backed first, leads first."""
    disputed = [ev for item in discrepancies for value in item.values for ev in value.evidence]
    pool = [
        candidate(story, fact, original)
        for fact in facts
        if briefable(fact.statement)
        and not any(overlaps(mine, other) for mine in fact.evidence for other in disputed)
    ]
    pool.sort(
        key=lambda item: (
            -min(item.fact.independent_sources, 2),
            item.background,
            -item.lead,
            -item.fact.independent_sources,
            -len(item.fact.support),
            item.position,
        )
    )
    chosen: list[Candidate] = []
    for item in pool:
        if item.fact.independent_sources < 2 and len(chosen) >= BRIEF_MIN:
            break
        if not any(same_statement(item.fact.statement, other.fact.statement) for other in chosen):
            chosen.append(item)
        if len(chosen) == BRIEF_MAX:
            break
    return chosen


def candidate(story: Story, fact: Fact, original: str | None) -> Candidate:
    """Rank data of one fact: whether it sits in a lead, and where it sits on average."""
    leads = [evidence.article for evidence in fact.evidence if in_lead(story, evidence)]
    lead = 2 if original in leads else 1 if leads else 0
    places = [relative_position(story, evidence) for evidence in fact.evidence]
    position = sum(places) / len(places) if places else 1.0
    return Candidate(fact, lead, background(story, fact), position)


def background(story: Story, fact: Fact) -> bool:
    """True when the fact's evidence carries dates and every one is background."""
    times = [
        time
        for evidence in fact.evidence
        if evidence.article in {analyzed.id for analyzed in story.articles}
        for time in story.by_id(evidence.article).times
        if evidence.start <= time.span.start < evidence.end
    ]
    return bool(times) and all(is_background(time, story.reference_date) for time in times)


def in_lead(story: Story, evidence: Evidence) -> bool:
    """True when the evidence starts within the first LEAD_SENTENCES sentences of its article."""
    try:
        sentences = story.by_id(evidence.article).sentences
    except KeyError:
        return False
    lead = [span for span in sentences if span.text.strip()][:LEAD_SENTENCES]
    return bool(lead) and evidence.start < lead[-1].end


def relative_position(story: Story, evidence: Evidence) -> float:
    """Where the evidence starts, as a share of its article's length."""
    try:
        length = len(story.by_id(evidence.article).article.text)
    except KeyError:
        return 1.0
    return evidence.start / length if length else 1.0


def briefable(statement: str) -> bool:
    """A statement that can stand alone in a brief: no quote, bullet, leaning opener or sprawl."""
    text = clean(statement)
    words = text.split()
    if not words or len(words) > MAX_WORDS or BULLET.match(statement) or text.endswith("?"):
        return False
    if any(mark in text for mark in QUOTE_MARKS):
        return False
    opener = re.sub(r"\W", "", words[0].lower())
    return opener not in DEPENDENT_OPENERS


def overlaps(first: Evidence, second: Evidence) -> bool:
    """True when two evidence spans share characters of the same article."""
    return first.article == second.article and first.start < second.end and second.start < first.end


def same_statement(first: str, second: str) -> bool:
    """True when two statements share most of their words (Jaccard >= DUPLICATE_OVERLAP)."""
    mine, theirs = _words(first), _words(second)
    if not mine or not theirs:
        return mine == theirs
    return len(mine & theirs) / len(mine | theirs) >= DUPLICATE_OVERLAP


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def cite(fact: Fact) -> str:
    """The fact as a sentence followed by its citations: "Text. [001, 003]"."""
    sentence = clean(fact.statement)
    if not sentence.endswith(SENTENCE_END):
        sentence += "."
    return f"{sentence} [{', '.join(sorted(set(fact.support)))}]"


def sources_sentence(articles: int, sources: int) -> str:
    """ "The 5 articles amount to 2 independent sources." """
    if articles == 1:
        return "The story rests on a single article, one independent source."
    noun = "source" if sources == 1 else "sources"
    return f"The {articles} articles amount to {sources} independent {noun}."


def clean(text: str) -> str:
    """Whitespace runs folded to one space."""
    return " ".join(text.split())
