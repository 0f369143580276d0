"""The explainable first line: typed slot checks of one derived sentence against the source.

A slot (name, role, number, date, place, quote) of the derived sentence is *found* when the
source anywhere says the same thing (normalized: number ranges overlap, date intervals
overlap, names share their words, places are one place). A slot not found is *novel*; it
is a *conflict* only when a source sentence aligned with the derived sentence fills the
same slot differently: a number of the same count, a date of the same event and
granularity, the one name the new one has replaced, another holder of the same single
office, another office for the same person, or altered quote words (negation flips:
`negation.py`). Precision matters more than recall here: every conflict is shown to a
reader as an error, and a novel slot that replaces nothing is only unsupported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from .. import gazetteer
from ..model import AnalyzedArticle, Mention, Quantity, Span, TimeExpr
from ..stages.analyze.quantities import overlaps
from ..stages.compare.numbers import counted, same_thing
from ..stages.compare.people import comparable_office, is_single_office, same_office
from ..stages.compare.quotes import fidelity, normalize_quote
from ..stages.resolve import name_key, person_key_tokens, same_person
from .align import Alignment, SourceIndex, words
from .mentions import PLACE_LABELS, UNKNOWN_TOKENS, _described
from .negation import negation_conflicts
from .result import Conflict
from .swaps import _swap_conflicts

__all__ = ["SlotFindings", "check_sentence"]

# Share of a derived sentence's content words its aligned source sentence must hold for a
# new name there to have replaced one of the source's, not to belong to another statement.
NAME_LEXICAL = 0.3
# Share of a derived sentence's content words its aligned source sentence must hold for a
# new date there to be the same event dated otherwise, not another event.
DATE_LEXICAL = 0.4
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "EVENT", "GPE", "LOC"})
# Quotes whose words overlap this much (rapidfuzz token_set_ratio) render the same quote.
SAME_QUOTE = 72.0


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
    names = [
        m
        for m in derived.mentions
        if m.sentence == sentence and m.label in NAME_LABELS and not _described(derived.article.text, m)
    ]
    numbers = [q for q in derived.quantities if q.sentence == sentence and q.modifier != "ordinal"]
    dates = [t for t in derived.times if t.sentence == sentence]
    novel_names = [m for m in names if not _name_found(source, m)]
    novel_numbers = [q for q in numbers if not _number_found(source, q)]
    novel_dates = [t for t in dates if not _date_found(source, t)]
    conflicts = [
        *_name_conflicts(source, derived.sentences[sentence].text, novel_names, alignment),
        *_number_conflicts(source.analyzed, derived.article.text, novel_numbers, aligned),
        *_date_conflicts(source, novel_dates, alignment),
        *_role_conflicts(source.analyzed, derived, sentence),
        *_office_conflicts(source.analyzed, derived, sentence),
        *_quote_conflicts(source.analyzed, derived, sentence),
        *negation_conflicts(source.analyzed, derived, sentence, alignment),
    ]
    flagged = {(c.derived.start, c.derived.end) for c in conflicts}
    swaps = _swap_conflicts(source, derived, sentence, alignment)
    conflicts += [c for c in swaps if (c.derived.start, c.derived.end) not in flagged]
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
    key = " ".join(t for t in name_key(mention.span.text).split() if t not in UNKNOWN_TOKENS)
    if not key or f" {key} " in source.names_text:
        return True
    if mention.label in PLACE_LABELS:
        return _place_found(source.analyzed, mention.span.text)
    return False


def _surname_found(source: SourceIndex, text: str) -> bool:
    tokens = [t for t in person_key_tokens(text) if t not in UNKNOWN_TOKENS]
    return not tokens or f" {tokens[-1]} " in source.names_text


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


def _date_found(source: SourceIndex, time: TimeExpr) -> bool:
    """The source dates an event at a time that overlaps this one, or uses the same words
    ("Wednesday" read against another week only because the two sentences differ in
    tense). The dateline's date dates the report, not an event: it supports nothing."""
    words_of = name_key(time.span.text)
    return any(
        (time.start <= other.end and other.start <= time.end) or name_key(other.span.text) == words_of
        for other in source.event_dates
    )


def _name_conflicts(
    source: SourceIndex, sentence_text: str, novel: list[Mention], alignment: Alignment
) -> Iterator[Conflict]:
    """One new person or place for the one name of that kind in the best-aligned source
    sentence that the derived sentence leaves out: the new name has taken its place. A
    sentence that keeps the source's names beside the new one ("Lund met Okafor" against
    "Lund met Brandt" keeps Lund), or could trade several names for several, shows no
    replacement; nor does a sentence that shares few words with it (another person's
    statement). Its new names are then only unsupported."""
    if not alignment.sentences or alignment.lexical < NAME_LEXICAL:
        return
    here = f" {name_key(sentence_text)} "
    best = alignment.sentences[0]
    for mention in novel:
        if mention.label == "PERSON" and _surname_found(source, mention.span.text):
            continue
        if sum(1 for m in novel if m.label == mention.label) > 1:
            continue
        mine = set(name_key(mention.span.text).split())
        left_out = {
            key: other
            for other in source.analyzed.mentions
            if other.sentence == best
            and other.label == mention.label
            and (key := name_key(other.span.text))
            and f" {key} " not in here
        }
        if len(left_out) != 1:
            continue
        key, other = next(iter(left_out.items()))
        if mine & set(key.split()):
            continue
        if mention.label in PLACE_LABELS and _different_places(mention.span.text, other.span.text):
            yield Conflict("place", mention.span, other.span, f"source says {other.span.text}")
        elif mention.label == "PERSON" and _different_people(mention.span.text, other.span.text):
            yield Conflict("name", mention.span, other.span, f"source names {other.span.text}")


def _different_places(derived: str, source: str) -> bool:
    inside = gazetteer.contains(source, derived)
    outside = gazetteer.contains(derived, source)
    return inside is False and outside is False


def _different_people(derived: str, source: str) -> bool:
    a, b = person_key_tokens(derived), person_key_tokens(source)
    return bool(a and b) and a[-1] != b[-1] and not same_person(a, b)


def _number_conflicts(
    source: AnalyzedArticle, derived_text: str, novel: list[Quantity], aligned: set[int]
) -> Iterator[Conflict]:
    """A new number against a source number of the same thing ("people injured", not "people
    died") in the sentences the derived one is aligned with."""
    for quantity in novel:
        mine = counted(derived_text, quantity)
        for other in source.quantities:
            if other.sentence not in aligned or other.modifier == "ordinal":
                continue
            theirs = counted(source.article.text, other)
            if mine.event and not theirs.event:
                continue  # "41 people were injured" is not checked against "killing three people"
            if other.unit == quantity.unit and same_thing(mine, theirs):
                yield Conflict("number", quantity.span, other.span, f"source says {other.span.text}")
                break


def _date_conflicts(source: SourceIndex, novel: list[TimeExpr], alignment: Alignment) -> Iterator[Conflict]:
    """A new date where the aligned source sentence, telling the same event (many shared
    words), dates it otherwise at the same granularity."""
    if alignment.lexical < DATE_LEXICAL:
        return
    aligned = set(alignment.sentences)
    for time in novel:
        for other in source.event_dates:
            if (
                other.sentence in aligned
                and other.granularity == time.granularity
                and (time.relative or not other.relative)
            ):
                yield Conflict("date", time.span, other.span, f"source says {other.span.text} ({other.iso})")
                break


def _role_conflicts(source: AnalyzedArticle, derived: AnalyzedArticle, sentence: int) -> Iterator[Conflict]:
    for role in (r for r in derived.roles if r.sentence == sentence and is_single_office(r.role)):
        holders = [r for r in source.roles if r.role == role.role and r.qualifier == role.qualifier]
        person = person_key_tokens(role.person.text)
        if holders and not any(_may_be(person, person_key_tokens(h.person.text)) for h in holders):
            other = holders[0]
            yield Conflict(
                "role", role.person, other.person, f"source names {other.person.text} {other.role}"
            )


def _may_be(person: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two names can be one person: variants, or one name the end of the other
    ("Mr Lund" and "Tomas Lund", "Maria Lund" and "Ana Maria Lund")."""
    if same_person(person, other):
        return True
    shorter, longer = sorted((person, other), key=len)
    return bool(shorter) and longer[len(longer) - len(shorter) :] == shorter


def _office_conflicts(source: AnalyzedArticle, derived: AnalyzedArticle, sentence: int) -> Iterator[Conflict]:
    """A person given an office the source never gives them, where the source gives them another."""
    for role in (r for r in derived.roles if r.sentence == sentence):
        office = comparable_office(role)
        if office is None:
            continue
        person = person_key_tokens(role.person.text)
        theirs = [
            (other, found)
            for other in source.roles
            if (found := comparable_office(other)) is not None
            and same_person(person, person_key_tokens(other.person.text))
        ]
        if theirs and not any(same_office(office, found) for _, found in theirs):
            other = theirs[0][0]
            yield Conflict(
                "role",
                role.role_span,
                other.role_span,
                f"source calls {other.person.text} {other.role_span.text}",
            )


def _quote_conflicts(source: AnalyzedArticle, derived: AnalyzedArticle, sentence: int) -> Iterator[Conflict]:
    text = normalize_quote(source.article.text)
    for quote in (q for q in derived.quotes if q.sentence == sentence):
        if normalize_quote(quote.span.text) in text:
            continue
        similar = [
            q for q in source.quotes if fuzz.token_set_ratio(q.span.text, quote.span.text) >= SAME_QUOTE
        ]
        altered = [
            q
            for q in similar
            if fidelity(q.span.text, quote.span.text) == "altered"
            and not _omits_only(q.span.text, quote.span.text)
        ]
        if altered and len(altered) == len(similar):
            yield Conflict("quote", quote.span, altered[0].span, "the source's words differ")


def _omits_only(source: str, derived: str) -> bool:
    """Whether the derived quote only leaves words out (an ellipsis, not an alteration)."""
    return set(words(derived)) <= set(words(source))
