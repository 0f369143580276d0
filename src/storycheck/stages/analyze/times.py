"""Date expressions in a parsed article, normalised to closed date intervals.

Candidates are DATE entities and `date_patterns` matches; each is read by
`time_rules.normalize_time` against the reference date, with the tense of the verb that
governs it (a bare "Oct. 1" after "will" is the next one, after "said" the last one).

Span convention: a TimeExpr's span never starts with a preposition or article ("on", "in",
"since", "from", "between", "the", ...) and never ends with a possessive "'s": "on Oct. 1"
gives "Oct. 1", "from 1910 to 1945" gives "1910 to 1945", "the summer of 2023" gives
"summer of 2023". Words that change the meaning stay in: "last year", "earlier this year".

Expressions that cannot be placed on the calendar ("recent years", "for decades", "six-day",
ages, durations) are never emitted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...model import Span, TimeExpr
from .date_patterns import PATTERNS, scanner
from .reference import infer_reference_date
from .spans import doc_entities, doc_text, make_span, sentence_index
from .time_rules import LEADING_WORDS, normalize_time

__all__ = ["extract_times", "infer_reference_date", "normalize_time"]

# Auxiliaries that put a verb in the future ("wo" is the first half of "won't").
# "would" is the future of reported speech: "said the channel would reopen on Friday".
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "going", "would"})
# Verbs that announce a scheduled event when in the present: "is set for Oct. 1", "plans to meet".
SCHEDULE_VERBS = frozenset({"schedule", "set", "due", "expect", "plan", "slate", "intend"})
# The last two match anywhere only after a preposition; elsewhere only inside DATE entities.
CONTEXT_ONLY = {"month", "year"}
CONTEXT = r"(?i:\b(?:in|since|during|from|of)\s+)"
_SCANNERS = [
    (name, scanner((CONTEXT if name in CONTEXT_ONLY else "") + pattern)) for name, pattern in PATTERNS
]


def extract_times(doc: Doc, reference: dt.date, sentence_starts: Sequence[int]) -> list[TimeExpr]:
    """Find and normalise the date expressions of a parsed article.

    Args:
        doc: the spaCy Doc of the article text (offsets index the article).
        reference: the article's publication (or the story's inferred) date.
        sentence_starts: sorted character offsets where the article's sentences start.

    Returns:
        Non-overlapping TimeExprs in text order; the longest expression wins an overlap.
    """
    found: list[TimeExpr] = []
    for start, end in _candidates(doc):
        time = _time_expr(doc, start, end, reference, sentence_starts)
        if time is not None:
            found.append(time)
    chosen: list[TimeExpr] = []
    for time in sorted(found, key=lambda item: (item.span.start - item.span.end, item.span.start)):
        if all(time.span.end <= other.span.start or time.span.start >= other.span.end for other in chosen):
            chosen.append(time)
    return sorted(chosen, key=lambda item: item.span.start)


def _candidates(doc: Doc) -> set[tuple[int, int]]:
    """Character ranges that may hold a date: DATE entities and pattern matches."""
    spans = {(ent.start_char, ent.end_char) for ent in doc_entities(doc) if ent.label_ == "DATE"}
    for _name, pattern in _SCANNERS:
        spans.update((match.start(), match.end()) for match in pattern.finditer(doc_text(doc)))
    return spans


def _time_expr(
    doc: Doc, start: int, end: int, reference: dt.date, sentence_starts: Sequence[int]
) -> TimeExpr | None:
    text = doc_text(doc)[start:end]
    normalized = normalize_time(text, reference, tense=_tense(doc, start, end))
    if normalized is None:
        return None
    span = _trimmed_span(doc_text(doc), start, end)
    first, last, granularity, relative = normalized
    return TimeExpr(span, first, last, granularity, relative, sentence_index(sentence_starts, span.start))


def _trimmed_span(text: str, start: int, end: int) -> Span:
    """The span without leading prepositions/articles and a trailing possessive or comma."""
    while True:
        word = re.match(r"\s*(\w+)\s+", text[start:end])
        if not word or word.group(1).lower() not in LEADING_WORDS:
            break
        start += word.end()
    tail = re.search(r"(?:'s|’s|[,;:])$", text[start:end])
    if tail:
        end -= len(tail.group(0))
    if text[start:end].count(")") > text[start:end].count("("):
        end = text.rindex(")", start, end)
    return make_span(text, start, end)


def _tense(doc: Doc, start: int, end: int) -> str:
    """'past', 'future' or '' for the verb that governs the expression at [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    token = span.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    own_auxiliaries = any(child.dep_ in ("aux", "auxpass") for child in token.children)
    if (
        _is_future(token)
        or (token.dep_ == "xcomp" and _is_future(token.head))
        or (token.dep_ == "conj" and not own_auxiliaries and _is_future(token.head))  # "would X and Y"
    ):
        return "future"
    auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    if token.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    present_passive = any(child.tag_ in ("VBZ", "VBP") and child.lemma_ == "be" for child in auxiliaries)
    if token.tag_ == "VBN" and not present_passive:
        return "past"  # "has met", "the accord signed on Friday"
    return ""


def _is_future(verb: Token) -> bool:
    """A verb with a future auxiliary ("will meet") or a schedule verb in the present ("is due")."""
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if (auxiliaries | {verb.lower_}) & FUTURE_AUXILIARIES:
        return True
    return (
        verb.lemma_.lower() in SCHEDULE_VERBS
        and verb.tag_ in ("VBZ", "VBP", "VBN", "VBG")
        and not ({child.tag_ for child in verb.children if child.dep_ in ("aux", "auxpass")} & {"VBD"})
    )
