"""Whether another article states a claim in other words: the test a single-source claim must pass.

Sentence alignment groups near-paraphrases; a claim it leaves alone may still be stated by
another article inside a longer sentence or in other words ("declined to provide the value"
/ "the dollar amount was unspecified"). A claim counts as restated when some sentence of
another article is both close in meaning (MiniLM cosine at least RESTATED_COSINE) and shares
at least RESTATED_WORDS content words, covering RESTATED_SHARE of the shorter sentence.
The thresholds were chosen on the real-news dev split (benchmarks/realnews).
"""

from __future__ import annotations

import re

import numpy as np

from ...model import ClaimRef, Story

__all__ = ["restated_elsewhere"]

RESTATED_COSINE = 0.5
RESTATED_SHARE = 0.5
RESTATED_WORDS = 3
# Word stems this long compare inflections ("injured"/"injuries" -> "injur").
STEM_CHARS = 5
STOPWORDS = frozenset(
    "the a an of to in on at for from by with and or but as is was were are be been has have had "
    "will would could should that this these those it its their they he she his her said says also "
    "not no than more most after before about over into which who whom what when where while there "
    "here then some any all one two three".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def content_stems(text: str) -> frozenset[str]:
    """The stems of a text's content words."""
    return frozenset(
        word[:STEM_CHARS] for word in _WORD.findall(text.lower()) if len(word) > 2 and word not in STOPWORDS
    )


def restated_elsewhere(story: Story, ref: ClaimRef) -> bool:
    """Whether an article other than the claim's own states it (see the module docstring)."""
    analyzed = story.by_id(ref.article)
    if analyzed.embeddings.ndim != 2 or ref.index >= len(analyzed.embeddings):
        return False
    vector = analyzed.embeddings[ref.index]
    stems = content_stems(analyzed.claims[ref.index].span.text)
    for other in story.articles:
        if other.id == ref.article or other.embeddings.ndim != 2 or not len(other.embeddings):
            continue
        close = np.flatnonzero(other.embeddings @ vector >= RESTATED_COSINE)
        for index in close:
            other_stems = content_stems(other.claims[int(index)].span.text)
            shared = stems & other_stems
            smaller = min(len(stems), len(other_stems)) or 1
            if len(shared) >= RESTATED_WORDS and len(shared) / smaller >= RESTATED_SHARE:
                return True
    return False
