"""Small helpers for character spans shared by the analyze modules."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

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
