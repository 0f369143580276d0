"""Read the two texts of a verify run: recase an all-lower-case derived text, analyze both.

The derived text is analyzed against the source's reference date, so "Friday" means the
same day in both. Claims are not embedded: alignment embeds only the sentences it
compares. Recasing changes case only, never length, so every offset into the recased text
is an offset into the text as read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..config import AnalyzeSettings
from ..model import AnalyzedArticle, Article
from ..stages.analyze import analyze_story

__all__ = ["analyze_derived", "analyze_derived_texts", "analyze_source", "recase"]

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A sentence starts at the beginning of the text or after . ! ? and spaces.
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([^\W\d_])", re.UNICODE)


def recase(text: str, source: str) -> str:
    """Give an all-lower-case `text` the casing its words have in `source`.

    Machine summaries and some pipelines lower-case everything, which blinds the entity
    recogniser. Each word takes its most frequent casing in the source; sentence starts
    and a lone "i" are capitalised. Text that already has capitals is returned as is.
    """
    if any(ch.isupper() for ch in text):
        return text
    forms: dict[str, Counter[str]] = {}
    for match in WORD.finditer(source):
        word = match.group(0)
        forms.setdefault(word.lower(), Counter())[word] += 1
    chars = list(text)
    for match in WORD.finditer(text):
        word = match.group(0)
        form = _casing(word, forms.get(word, Counter()))
        if len(form) == len(word):
            chars[match.start() : match.end()] = list(form)
    for match in SENTENCE_START.finditer(text):
        index = match.start(1)
        if len(chars[index].upper()) == 1:
            chars[index] = chars[index].upper()
    return "".join(chars)


def _casing(word: str, counts: Counter[str]) -> str:
    if word == "i":
        return "I"
    if not counts:
        return word
    form, _ = counts.most_common(1)[0]
    return form


def analyze_source(source: Article, settings: AnalyzeSettings) -> AnalyzedArticle:
    """Analyze the source on its own (its reference date from its date or its text)."""
    return analyze_story([source], settings, embed_claims=False).articles[0]


def analyze_derived(derived: Article, source: AnalyzedArticle, settings: AnalyzeSettings) -> AnalyzedArticle:
    """Analyze the derived text, recased from the source, against the source's reference date."""
    return analyze_derived_texts([derived], source, settings)[0]


def analyze_derived_texts(
    derived: Sequence[Article], source: AnalyzedArticle, settings: AnalyzeSettings
) -> tuple[AnalyzedArticle, ...]:
    """Analyze several derived texts of one source in one batch (one spaCy pass)."""
    recased = [replace(item, text=recase(item.text, source.article.text)) for item in derived]
    return analyze_story(recased, settings, published=source.reference_date, embed_claims=False).articles
