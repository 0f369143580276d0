"""Negation flips: a derived sentence that repeats its source sentence but says the opposite.

"The council approved the plan" against "The council has not approved the plan": the
sentence reuses most of the source sentence's words, and a word one of them negates the
other states plainly. Comparisons ("no more than 40") and adverbs ("has not yet signed")
are read as such; stems are crude, enough for "voted" and "vote".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import AnalyzedArticle
from .align import STOPWORDS, Alignment
from .result import Conflict

__all__ = ["negation_conflicts"]

NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor"})
# A derived sentence must reuse this share of its aligned source sentence's content words
# for a negation flip to count: otherwise it says something else, not the opposite.
NEGATION_LEXICAL = 0.7
# Words after "no" / "not" that make a comparison, not a negation ("no more than 40").
NOT_NEGATING = frozenset({"more", "less", "fewer", "longer", "only", "doubt", "later", "sooner"})
# Adverbs between a negation and the word it negates ("has not yet signed").
ADVERBS = frozenset({"yet", "ever", "even", "always", "really", "only", "fully", "quite", "already"})
# Crude stemming, enough to match "voted" with "vote" and "signing" with "signed".
STEM_SUFFIXES = ("ing", "ed", "es", "s", "e", "d")
# Tokens after a negation within which the negated word is looked for ("did not yet sign").
NEGATION_SCOPE = 4
# An aligned source sentence must be at least this close (cosine) for a negation flip to count.
NEGATION_SIMILARITY = 0.6


def _negation_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w']+", text.lower().replace("n’t", " n't").replace("n't", " n't")) if t]


def _negation_at(tokens: list[str], index: int) -> bool:
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return tokens[index] in NEGATIONS and following not in NOT_NEGATING


def _stem(word: str) -> str:
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _scoped_words(tokens: list[str]) -> tuple[set[str], set[str]]:
    """Stems of the words negations govern ("has not yet been approached": approach), and of the rest."""
    negated: set[str] = set()
    governed: set[int] = set()
    for index in range(len(tokens)):
        if not _negation_at(tokens, index):
            continue
        window = range(index + 1, min(len(tokens), index + 1 + NEGATION_SCOPE))
        target = next((i for i in window if tokens[i] not in STOPWORDS and tokens[i] not in ADVERBS), None)
        if target is not None:
            negated.add(_stem(tokens[target]))
            governed.add(target)
    plain = {
        _stem(token)
        for index, token in enumerate(tokens)
        if index not in governed and token not in STOPWORDS and token not in NEGATIONS
    }
    return negated, plain


def _flipped(negating: list[str], plain: list[str]) -> str | None:
    """A word the first text negates and the second states plainly, and never the other way."""
    negated_a, plain_a = _scoped_words(negating)
    negated_b, plain_b = _scoped_words(plain)
    flipped = (negated_a - negated_b - plain_a) & (plain_b - negated_b)
    return next((token for token in plain if _stem(token) in flipped), None)


def negation_conflicts(
    source: AnalyzedArticle, derived: AnalyzedArticle, sentence: int, alignment: Alignment
) -> Iterator[Conflict]:
    """A derived sentence that reuses its source sentence's words but flips its negation."""
    if not alignment.sentences or alignment.similarity < NEGATION_SIMILARITY:
        return
    if alignment.lexical < NEGATION_LEXICAL:
        return
    mine = derived.sentences[sentence]
    other = source.sentences[alignment.sentences[0]]
    mine_tokens, other_tokens = _negation_tokens(mine.text), _negation_tokens(other.text)
    if word := _flipped(other_tokens, mine_tokens):
        yield Conflict("claim", mine, other, f"the source says not '{word}'")
    elif word := _flipped(mine_tokens, other_tokens):
        yield Conflict("claim", mine, other, f"the source affirms '{word}'")
