"""Lexical reuse between two texts: word n-gram containment weighted by shared runs.

`text_reuse(source, derived)` is the share of the derived text found in the source, on
normalised words (lower case, accents, punctuation and quote style dropped); n-grams inside
long shared runs count fully and isolated common phrases count for less.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence

# Words in a shared run for its n-grams to count fully: about one news clause. A shorter
# run (a name, a stock phrase) counts in proportion to its length.
LONG_RUN = 12
# Decimals kept in reuse values: enough to compare, short enough to read.
DECIMALS = 3
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
# A direct quotation on one line, curly or straight; longer ones are not quotations.
_QUOTATION = re.compile(r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"")
_WORD = re.compile(r"\w+")


def _words(text: str, *, quotes: bool = True) -> list[str]:
    """Lower-case words of `text` with accents, apostrophes, quotes and punctuation dropped.

    Args:
        text: any text.
        quotes: keep the words of direct quotations; when False they are left out.

    Returns:
        The normalised words in order.
    """
    if not quotes:
        text = _QUOTATION.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(_APOSTROPHES.sub("", plain.lower()))


def _ngrams(words: Sequence[str], ngram: int) -> list[tuple[str, ...]]:
    """The word n-grams of `words` in order; the whole text when it is shorter than n."""
    size = min(ngram, len(words))
    if size == 0:
        return []
    return [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]


def _run_weights(matched: Sequence[bool], size: int, total_words: int) -> list[float]:
    """Weight of each matched n-gram: the length of its shared run over `LONG_RUN`, at most 1.

    Args:
        matched: for each n-gram position of the derived text, whether the source has it.
        size: the n-gram size used.
        total_words: words in the derived text (a text shorter than a long run that is
            copied whole still counts fully).

    Returns:
        One weight per matched position, in position order.
    """
    full = max(1, min(LONG_RUN, total_words))
    weights: list[float] = []
    for is_match, group in itertools.groupby(matched):
        if is_match:
            count = len(list(group))
            run_words = count + size - 1
            weights.extend([min(1.0, run_words / full)] * count)
    return weights


def _reuse_of_words(source_words: Sequence[str], derived_words: Sequence[str], ngram: int) -> float:
    """`text_reuse` on texts already split into normalised words."""
    grams = _ngrams(derived_words, ngram)
    if not grams:
        return 0.0
    size = len(grams[0])
    source_grams = set(_ngrams(source_words, size))
    matched = [gram in source_grams for gram in grams]
    weights = _run_weights(matched, size, len(derived_words))
    return round(min(1.0, sum(weights) / len(grams)), DECIMALS)


def text_reuse(source: str, derived: str, *, ngram: int = 5, quotes: bool = True) -> float:
    """Share of `derived`'s word n-grams that are found in `source`, long runs weighted up.

    Words are normalised (lower case, accents, punctuation and curly or straight quotes
    dropped). A matched n-gram counts fully inside a shared run of `LONG_RUN` words or
    more and in proportion to the run's length below that, so scattered stock phrases
    weigh less than copied sentences.

    Args:
        source: the text that may have been copied from.
        derived: the text that may be a copy.
        ngram: n-gram size in words.
        quotes: count the words of direct quotations; False leaves them out, since
            independent reporters quote a speaker word for word too.

    Returns:
        Reuse in [0, 1], rounded to 3 decimals; 0.0 when `derived` has no words.
    """
    return _reuse_of_words(_words(source, quotes=quotes), _words(derived, quotes=quotes), ngram)
