"""Who said a quote: the named person or organisation a speech verb's subject stands for.

A subject that is a name is read with its title words dropped ("Prime Minister A B" -> "A B");
a pronoun ("he", "she") is the last person named before it (in the quote's line, then the
PRONOUN_LINES lines before; never a person an honorific gives the other gender); "it" and
organisation nouns ("the company said") are the last organisation named before. A common noun
names no one: the speaker stays unnamed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ... import gazetteer
from ...model import Span
from .spans import doc_entities, doc_text, make_span
from .titles import TITLE_HEADS, TITLE_MODIFIERS

# Subject dependencies that name who speaks.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# The gender a pronoun and an honorific give a person.
PRONOUN_GENDER = {"he": "m", "she": "f"}


HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}


# Lines before a quote searched for the person a pronoun stands for.
PRONOUN_LINES = 3


# Entity labels a speaker can have: a person, or an organisation that issues statements.
SPEAKER_LABELS = frozenset({"PERSON", "ORG"})


# Title words dropped from the front of a speaker's name ("Prime Minister A B" -> "A B").
TITLE_PREFIXES = (
    TITLE_HEADS
    | TITLE_MODIFIERS
    | frozenset("dr mr mrs ms mx prof professor rev father sister sir dame lord lady".split())
)


@dataclass(frozen=True)
class _Speaker:
    name: str
    span: Span


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    paragraphs = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((start, start + len(line)))
        start += len(line) + 1
    return paragraphs


def _named(doc: Doc, subject: Token) -> _Speaker | None:
    """The named person or organisation at `subject`, title words dropped."""
    after_title = _name_after_abbreviation(doc, subject)
    if after_title is not None:
        return after_title
    entity = next(
        (
            ent
            for ent in doc_entities(doc)
            if ent.start <= subject.i < ent.end and ent.label_ in SPEAKER_LABELS
        ),
        None,
    )
    chain = _name_chain(subject)
    is_person = entity is None or entity.label_ == "PERSON" or _titled_name(list(entity))
    if entity is not None and len(entity) >= len(chain):
        tokens = list(entity)
    elif chain:
        tokens = chain
    else:
        is_person = False
        appos = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None:
            return _named(doc, appos)
        return None  # a common noun ("officials", "a man") names no one: an unnamed source
    while is_person and len(tokens) > 1 and tokens[0].lower_.rstrip(".") in TITLE_PREFIXES:
        tokens = tokens[1:]
    if not tokens:
        return None
    span = make_span(doc_text(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    for suffix in ("’s", "'s"):
        if span.text.endswith(suffix):
            span = make_span(doc_text(doc), span.start, span.end - len(suffix))
    return _Speaker(name=span.text, span=span)


def _name_after_abbreviation(doc: Doc, subject: Token) -> _Speaker | None:
    """ "said Brig. A B": spaCy may end the sentence at the abbreviation's dot; the name follows."""
    start = subject.i + 1
    if subject.lower_.rstrip(".") not in TITLE_PREFIXES or start >= len(doc):
        return None
    start += 1 if doc[start].text == "." else 0
    end = start
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    if end == start:
        return None
    span = make_span(doc_text(doc), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    return _Speaker(name=span.text, span=span)


def _titled_name(tokens: Sequence[Token]) -> bool:
    """An ORG entity that is really a titled person: a title word, then a two-word name or more."""
    return (
        len(tokens) >= 3
        and tokens[0].lower_.rstrip(".") in TITLE_PREFIXES
        and all(token.pos_ == "PROPN" for token in tokens[1:])
    )


def _name_chain(subject: Token) -> list[Token]:
    """The proper-noun words ending at `subject` ("Mayor Ana Costa")."""
    if subject.pos_ != "PROPN":
        return []
    tokens = [subject]
    for token in reversed(list(subject.doc[subject.left_edge.i : subject.i])):
        if token.pos_ != "PROPN" or token.dep_ not in {"compound", "flat", "nmod"}:
            break
        tokens.insert(0, token)
    return tokens


def _last_person_before(
    doc: Doc, offset: int, quote: tuple[int, int], *, start: int = 0, pronoun: str = ""
) -> _Speaker | None:
    """The person a pronoun at `offset` stands for, searched from character `start` on, by
    tiers: the last proper-noun subject (a person, or a name spaCy mistook for an organisation),
    else the last PERSON named at all. Never a common noun, a known place, a word inside the
    quote itself, or a person an honorific gives the other gender than `pronoun` ("he" is no
    "Mrs Lund")."""

    def usable(token: Token) -> bool:
        inside_quote = quote[0] <= token.idx <= quote[1]
        in_range = start <= token.idx < offset and not inside_quote
        return in_range and _gender_fits(doc, token.text, pronoun)

    named_subjects = [
        token
        for token in doc
        if token.dep_ in SUBJECT_DEPS
        and token.pos_ == "PROPN"
        and token.ent_type_ in {"", "PERSON", "ORG"}
        and gazetteer.lookup(token.text) is None
    ]
    people = [
        ent.root for ent in doc_entities(doc) if ent.label_ == "PERSON" and gazetteer.lookup(ent.text) is None
    ]
    for tier in (named_subjects, people):
        found = [token for token in tier if usable(token)]
        if found:
            return _named(doc, max(found, key=lambda token: token.idx))
    return None


def _gender_fits(doc: Doc, name: str, pronoun: str) -> bool:
    """False when an honorific in the text gives `name` the other gender than the pronoun."""
    wanted = PRONOUN_GENDER.get(pronoun)
    if wanted is None or not name[:1].isupper():
        return True
    titles = re.findall(rf"\b(Mrs|Ms|Miss|Mr)\.?\s+(?:[A-Z][\w'’-]+\s+)?{re.escape(name)}\b", doc_text(doc))
    genders = {HONORIFIC_GENDER[title] for title in titles}
    return not genders or wanted in genders


def _last_named_subject(
    doc: Doc, offset: int, quote: tuple[int, int], line_start: int, pronoun: str = ""
) -> _Speaker | None:
    """The last named person in the PRONOUN_LINES lines before the quote's line."""
    earlier = [line for line in _paragraphs(doc_text(doc)) if line[1] <= line_start]
    if not earlier:
        return None
    start = earlier[-PRONOUN_LINES:][0][0]
    return _last_person_before(doc, offset, quote, start=start, pronoun=pronoun)


def _last_organisation_before(doc: Doc, offset: int) -> _Speaker | None:
    """The organisation an "it" at `offset` stands for: the last ORG named before it."""
    found = [ent for ent in doc_entities(doc) if ent.label_ == "ORG" and ent.end_char <= offset]
    if not found:
        return None
    ent = found[-1]
    return _Speaker(name=ent.text, span=make_span(doc_text(doc), ent.start_char, ent.end_char))
