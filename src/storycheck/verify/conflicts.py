"""The explainable first line: typed slot checks of one derived sentence against the source.

A slot (name, role, number, date, place, quote) of the derived sentence is *found* when the
source anywhere says the same thing (normalized: number ranges overlap, date intervals
overlap, names share their words, places are one place). A slot not found is *novel*; it
is a *conflict* only when a source sentence aligned with the derived sentence fills the
same slot differently: a number of the same unit, a date of the same granularity, another
place, another person, another holder of the same single office, or altered quote words.
Precision matters more than recall here: every conflict is shown to a reader as an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from .. import gazetteer
from ..model import AnalyzedArticle, Mention, Quantity, Span, TimeExpr
from ..stages.analyze.quantities import overlaps
from ..stages.compare.people import is_single_office
from ..stages.compare.quotes import fidelity, normalize_quote
from ..stages.resolve import name_key, person_key_tokens, same_person
from .align import Alignment, SourceIndex, words
from .result import Conflict

__all__ = ["SlotFindings", "check_sentence"]

PLACE_LABELS = frozenset({"GPE", "LOC"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "EVENT", "GPE", "LOC"})
# Quotes whose words overlap this much (rapidfuzz token_set_ratio) render the same quote.
SAME_QUOTE = 72.0
# An aligned source sentence must be at least this close (cosine) for a negation flip to count.
NEGATION_SIMILARITY = 0.75


@dataclass(frozen=True)
class SlotFindings:
    """Conflicts and novel slots of one derived sentence, and how many slots it has."""

    conflicts: tuple[Conflict, ...]
    novel: tuple[Span, ...]
    novel_names: int
    novel_numbers: int
    novel_dates: int
    names: int
    numbers: int
    dates: int


def check_sentence(
    source: SourceIndex, derived: AnalyzedArticle, sentence: int, alignment: Alignment
) -> SlotFindings:
    """Check the slots of `derived.sentences[sentence]` against the source."""
    aligned = set(alignment.sentences)
    names = [m for m in derived.mentions if m.sentence == sentence and m.label in NAME_LABELS]
    numbers = [q for q in derived.quantities if q.sentence == sentence and q.modifier != "ordinal"]
    dates = [t for t in derived.times if t.sentence == sentence]
    novel_names = [m for m in names if not _name_found(source, m)]
    novel_numbers = [q for q in numbers if not _number_found(source, q)]
    novel_dates = [t for t in dates if not _date_found(source.analyzed, t)]
    conflicts = [
        *_name_conflicts(source.analyzed, novel_names, aligned),
        *_number_conflicts(source.analyzed, novel_numbers, aligned),
        *_date_conflicts(source.analyzed, novel_dates, aligned),
        *_role_conflicts(source.analyzed, derived, sentence),
        *_quote_conflicts(source.analyzed, derived, sentence),
        *_negation_conflicts(source.analyzed, derived, sentence, alignment),
    ]
    novel = [m.span for m in novel_names] + [q.span for q in novel_numbers] + [t.span for t in novel_dates]
    return SlotFindings(
        conflicts=tuple(conflicts),
        novel=tuple(sorted(novel, key=lambda span: span.start)),
        novel_names=len(novel_names),
        novel_numbers=len(novel_numbers),
        novel_dates=len(novel_dates),
        names=len(names),
        numbers=len(numbers),
        dates=len(dates),
    )


def _name_found(source: SourceIndex, mention: Mention) -> bool:
    tokens = (
        person_key_tokens(mention.span.text)
        if mention.label == "PERSON"
        else name_key(mention.span.text).split()
    )
    if all(token in source.vocab for token in tokens):
        return True
    if mention.label in PLACE_LABELS:
        return _place_found(source.analyzed, mention.span.text)
    return False


def _place_found(analyzed: AnalyzedArticle, text: str) -> bool:
    canonical = gazetteer.canonical_place(text)
    if canonical is None:
        return False
    return any(
        gazetteer.canonical_place(m.span.text) == canonical
        for m in analyzed.mentions
        if m.label in PLACE_LABELS
    )


def _number_found(source: SourceIndex, quantity: Quantity) -> bool:
    if all(token in source.vocab for token in words(quantity.span.text)):
        return True
    return any(_same_number(quantity, other) for other in source.analyzed.quantities)


def _same_number(a: Quantity, b: Quantity) -> bool:
    return (not a.unit or not b.unit or a.unit == b.unit) and overlaps(a, b)


def _date_found(analyzed: AnalyzedArticle, time: TimeExpr) -> bool:
    return any(time.start <= other.end and other.start <= time.end for other in analyzed.times)


def _name_conflicts(source: AnalyzedArticle, novel: list[Mention], aligned: set[int]) -> Iterator[Conflict]:
    for mention in novel:
        for other in source.mentions:
            if other.sentence not in aligned or other.label != mention.label:
                continue
            if mention.label in PLACE_LABELS and _different_places(mention.span.text, other.span.text):
                yield Conflict("place", mention.span, other.span, f"source says {other.span.text}")
                break
            if mention.label == "PERSON" and _different_people(mention.span.text, other.span.text):
                yield Conflict("name", mention.span, other.span, f"source names {other.span.text}")
                break


def _different_places(derived: str, source: str) -> bool:
    inside = gazetteer.contains(source, derived)
    outside = gazetteer.contains(derived, source)
    return inside is False and outside is False


def _different_people(derived: str, source: str) -> bool:
    a, b = person_key_tokens(derived), person_key_tokens(source)
    return bool(a and b) and a[-1] != b[-1] and not same_person(a, b)


def _number_conflicts(
    source: AnalyzedArticle, novel: list[Quantity], aligned: set[int]
) -> Iterator[Conflict]:
    for quantity in novel:
        for other in source.quantities:
            if other.sentence in aligned and other.unit == quantity.unit and other.modifier != "ordinal":
                yield Conflict("number", quantity.span, other.span, f"source says {other.span.text}")
                break


def _date_conflicts(source: AnalyzedArticle, novel: list[TimeExpr], aligned: set[int]) -> Iterator[Conflict]:
    for time in novel:
        for other in source.times:
            if other.sentence in aligned and other.granularity == time.granularity:
                yield Conflict("date", time.span, other.span, f"source says {other.span.text} ({other.iso})")
                break


def _role_conflicts(source: AnalyzedArticle, derived: AnalyzedArticle, sentence: int) -> Iterator[Conflict]:
    for role in (r for r in derived.roles if r.sentence == sentence and is_single_office(r.role)):
        holders = [r for r in source.roles if r.role == role.role and r.qualifier == role.qualifier]
        person = person_key_tokens(role.person.text)
        if holders and not any(same_person(person, person_key_tokens(h.person.text)) for h in holders):
            other = holders[0]
            yield Conflict(
                "role", role.person, other.person, f"source names {other.person.text} {other.role}"
            )


def _quote_conflicts(source: AnalyzedArticle, derived: AnalyzedArticle, sentence: int) -> Iterator[Conflict]:
    text = normalize_quote(source.article.text)
    for quote in (q for q in derived.quotes if q.sentence == sentence):
        if normalize_quote(quote.span.text) in text:
            continue
        similar = [
            q for q in source.quotes if fuzz.token_set_ratio(q.span.text, quote.span.text) >= SAME_QUOTE
        ]
        altered = [q for q in similar if fidelity(q.span.text, quote.span.text) == "altered"]
        if altered and len(altered) == len(similar):
            yield Conflict("quote", quote.span, altered[0].span, "the source's words differ")


def _negation_conflicts(
    source: AnalyzedArticle, derived: AnalyzedArticle, sentence: int, alignment: Alignment
) -> Iterator[Conflict]:
    claim = next((c for c in derived.claims if c.sentence == sentence), None)
    best = alignment.sentences[0] if alignment.sentences else None
    other = next((c for c in source.claims if c.sentence == best), None)
    if claim is None or other is None or alignment.similarity < NEGATION_SIMILARITY:
        return
    if claim.negated != other.negated:
        said = "negates" if other.negated else "affirms"
        yield Conflict("claim", claim.span, other.span, f"the source {said} it")
