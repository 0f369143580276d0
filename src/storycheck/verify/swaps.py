"""Swapped slots: a derived sentence that keeps the source's names, numbers or dates but puts
them in each other's places ("A beat B" for "B beat A"), read from the words around each."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import AnalyzedArticle, Mention, Quantity, Span, TimeExpr
from ..stages.analyze.quantities import overlaps
from ..stages.resolve import name_key
from .align import Alignment, SourceIndex, event_dates, words
from .mentions import PLACE_LABELS, UNKNOWN_TOKENS, _described
from .result import Conflict, ConflictKind

# Entity kinds checked for swaps inside a closely aligned sentence.
SWAP_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG"})
# Share of a derived sentence's content words its source sentence must hold for a slot
# that differs between the two to count as swapped.
SWAP_LEXICAL = 0.75
# Words each side of a name that must match for it to have replaced another ("said [X] on").
CONTEXT_WORDS = 2


def _swap_conflicts(
    source: SourceIndex, derived: AnalyzedArticle, sentence: int, alignment: Alignment
) -> Iterator[Conflict]:
    """Slots swapped within a sentence that otherwise repeats its source sentence.

    The derived value may occur elsewhere in the source ("the 2019 report" for "the 2021
    report"): what counts is that the closely aligned source sentence fills the slot with
    a value the derived sentence lacks, and lacks the derived sentence's value.
    """
    if not alignment.sentences or alignment.lexical < SWAP_LEXICAL:
        return
    best = alignment.sentences[0]
    mine = _Slots.of(derived, sentence, event_dates(derived))
    theirs = _Slots.of(source.analyzed, best, source.event_dates)
    for mention in mine.names:
        other = next((o for o in theirs.names if _swapped_name(mention, o, mine, theirs)), None)
        if other is not None:
            kind: ConflictKind = "place" if mention.label in PLACE_LABELS else "name"
            yield Conflict(kind, mention.span, other.span, f"source sentence says {other.span.text}")
    for quantity in mine.numbers:
        found = next((o for o in theirs.numbers if _swapped_number(quantity, o, mine, theirs)), None)
        if found is not None:
            yield Conflict("number", quantity.span, found.span, f"source sentence says {found.span.text}")
    for time in mine.dates:
        when = next((o for o in theirs.dates if _swapped_date(time, o, mine, theirs)), None)
        if when is not None:
            yield Conflict(
                "date", time.span, when.span, f"source sentence says {when.span.text} ({when.iso})"
            )


@dataclass(frozen=True)
class _Slots:
    text: str  # name key of the sentence, padded with spaces
    source_text: str  # the whole text the spans index
    names: list[Mention]
    numbers: list[Quantity]
    dates: list[TimeExpr]

    @classmethod
    def of(cls, analyzed: AnalyzedArticle, sentence: int, dates: Sequence[TimeExpr]) -> _Slots:
        return cls(
            text=f" {name_key(analyzed.sentences[sentence].text)} ",
            source_text=analyzed.article.text,
            names=[
                m
                for m in analyzed.mentions
                if m.sentence == sentence
                and m.label in SWAP_LABELS
                and not _described(analyzed.article.text, m)
            ],
            numbers=[q for q in analyzed.quantities if q.sentence == sentence and q.modifier != "ordinal"],
            dates=[t for t in dates if t.sentence == sentence],
        )


def _swapped_name(mention: Mention, other: Mention, mine: _Slots, theirs: _Slots) -> bool:
    key, other_key = name_key(mention.span.text), name_key(other.span.text)
    if not key or not other_key or other.label != mention.label or key in other_key or other_key in key:
        return False
    if UNKNOWN_TOKENS.intersection(key.split()):
        return False
    if f" {key} " in theirs.text or f" {other_key} " in mine.text:
        return False
    return _same_context(mine.source_text, mention.span, theirs.source_text, other.span)


def _same_context(text: str, span: Span, other_text: str, other: Span) -> bool:
    """Whether two spans stand between the same words ("said [X] on"), so one replaced the other."""
    before = words(text[: span.start])[-CONTEXT_WORDS:]
    after = words(text[span.end :])[:CONTEXT_WORDS]
    other_before = words(other_text[: other.start])[-CONTEXT_WORDS:]
    other_after = words(other_text[other.end :])[:CONTEXT_WORDS]
    left = len(before) == CONTEXT_WORDS and before == other_before
    right = len(after) == CONTEXT_WORDS and after == other_after
    return left or right


def _swapped_number(quantity: Quantity, other: Quantity, mine: _Slots, theirs: _Slots) -> bool:
    if other.unit != quantity.unit or overlaps(quantity, other):
        return False
    return not any(overlaps(quantity, o) for o in theirs.numbers) and not any(
        overlaps(other, q) for q in mine.numbers
    )


def _swapped_date(time: TimeExpr, other: TimeExpr, mine: _Slots, theirs: _Slots) -> bool:
    if other.granularity != time.granularity or (other.relative and not time.relative):
        return False
    if name_key(time.span.text) in {name_key(t.span.text) for t in theirs.dates}:
        return False  # the source's own words, read against another week only by tense
    return not any(_intersect(time, o) for o in theirs.dates) and not any(
        _intersect(other, t) for t in mine.dates
    )


def _intersect(a: TimeExpr, b: TimeExpr) -> bool:
    return a.start <= b.end and b.start <= a.end
