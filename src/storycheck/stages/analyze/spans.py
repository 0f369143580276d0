"""Small helpers for character spans shared by the analyze modules."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ...model import Span


def make_span(text: str, start: int, end: int) -> Span:
    """The Span of `text[start:end]`, trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, text=text[start:end])


def sentence_index(sentence_starts: Sequence[int], offset: int) -> int:
    """Index of the sentence holding character `offset`, given sorted sentence starts."""
    return max(0, bisect.bisect_right(sentence_starts, offset) - 1)


def doc_sentences(doc: Doc) -> list[SpacySpan]:
    """`doc.sents` as a list, built once per document (spaCy rebuilds it on every access)."""
    if "storycheck.sents" not in doc.user_data:
        doc.user_data["storycheck.sents"] = list(doc.sents)
    cached: list[SpacySpan] = doc.user_data["storycheck.sents"]
    return cached


def doc_entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """`doc.ents`, built once per document."""
    if "storycheck.ents" not in doc.user_data:
        doc.user_data["storycheck.ents"] = tuple(doc.ents)
    cached: tuple[SpacySpan, ...] = doc.user_data["storycheck.ents"]
    return cached


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per document (spaCy joins every token on each access)."""
    if "storycheck.text" not in doc.user_data:
        doc.user_data["storycheck.text"] = doc.text
    text: str = doc.user_data["storycheck.text"]
    return text
