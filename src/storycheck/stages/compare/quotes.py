"""Quotes: the same words attributed to the same speaker, compared across articles.

Two quotes are one quote when they share a speaker (or either has none) and their words
overlap enough, or one is a fragment of the other. Fidelity against the reference wording
(the most widely carried one): `exact` after normalising case, quote marks, dashes and
spacing; `minor` when only punctuation, contractions or a word or two differ; `altered`
when the wording differs more. Altered quotes are discrepancies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ...model import (
    Discrepancy,
    EntityIndex,
    Evidence,
    Fidelity,
    QuoteComparison,
    QuoteVariant,
    Span,
    Story,
    Vector,
)
from ..resolve import person_key_tokens, same_person
from .common import Item, discrepancy

__all__ = ["compare_quotes", "fidelity", "normalize_quote"]

# Quotes whose words overlap this much (rapidfuzz token_set_ratio) are the same quote.
SAME_QUOTE = 72.0
# A fragment this similar to a stretch of a longer quote is a partial quote of it.
FRAGMENT = 90.0
# Sentences holding two short quotes of one speaker must be this similar (MiniLM cosine).
SHORT_QUOTE_CONTEXT = 0.6
# Character similarity of normalised wordings at or above which a change is minor.
MINOR_CHANGE = 92.0
CONTRACTIONS = {
    "don't": "do not", "doesn't": "does not", "didn't": "did not", "can't": "cannot",
    "won't": "will not", "isn't": "is not", "aren't": "are not", "wasn't": "was not",
    "weren't": "were not", "we're": "we are", "they're": "they are", "it's": "it is",
    "i'm": "i am", "we've": "we have", "i've": "i have", "you're": "you are",
    "haven't": "have not", "hasn't": "has not", "couldn't": "could not",
    "wouldn't": "would not", "shouldn't": "should not", "let's": "let us",
}  # fmt: skip


@dataclass(frozen=True)
class QuoteItem:
    article: str
    speaker: str | None
    text: str
    span: Span
    context: Vector | None = None  # embedding of the sentence holding the quote


def normalize_quote(text: str) -> str:
    """Lower case, one kind of apostrophe, no punctuation, hyphens as spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-–—…]", " ", text)
    text = re.sub(r"[^\w' ]", " ", text)
    return " ".join(text.split())


def _expand(text: str) -> str:
    return " ".join(CONTRACTIONS.get(word, word) for word in text.split())


def fidelity(reference: str, variant: str) -> Fidelity:
    """How faithfully `variant` renders `reference` (either may be a fragment of the other)."""
    ref, var = normalize_quote(reference), normalize_quote(variant)
    if ref == var or (len(var) < len(ref) and var in ref) or (len(ref) < len(var) and ref in var):
        return "exact"
    ref_x, var_x = _expand(ref), _expand(var)
    if ref_x == var_x or var_x in ref_x or ref_x in var_x:
        return "minor"
    if fuzz.ratio(ref_x, var_x) >= MINOR_CHANGE or fuzz.partial_ratio(var_x, ref_x) >= MINOR_CHANGE + 4:
        return "minor"
    return "altered"


def _same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    ta, tb = person_key_tokens(a), person_key_tokens(b)
    return same_person(ta, tb) or bool(set(ta) & set(tb))


def _same_quote(a: QuoteItem, b: QuoteItem) -> bool:
    if not _same_speaker(a.speaker, b.speaker):
        return False
    na, nb = _expand(normalize_quote(a.text)), _expand(normalize_quote(b.text))
    shorter, longer = sorted((na, nb), key=len)
    if len(shorter.split()) < 3:
        return _same_short_quote(a, b, na, nb)
    if len(shorter.split()) >= 3 and fuzz.partial_ratio(shorter, longer) >= FRAGMENT:
        return True
    return (
        len(shorter.split()) >= 4 and fuzz.token_set_ratio(na, nb) >= SAME_QUOTE and fuzz.ratio(na, nb) >= 50
    )


def _same_short_quote(a: QuoteItem, b: QuoteItem, na: str, nb: str) -> bool:
    """Two- or three-word quotes ("coordinated action") are one quote only when one named
    speaker says them in sentences about the same thing, and they share a word."""
    if not (a.speaker and b.speaker) or a.context is None or b.context is None:
        return False
    if not set(na.split()) & set(nb.split()):
        return False
    return float(a.context @ b.context) >= SHORT_QUOTE_CONTEXT


def _items(story: Story) -> list[QuoteItem]:
    items = []
    for analyzed in story.articles:
        context = {claim.sentence: analyzed.embeddings[i] for i, claim in enumerate(analyzed.claims)}
        for quote in analyzed.quotes:
            words = len(quote.span.text.split())
            if words >= 3 or (words == 2 and quote.speaker):
                items.append(
                    QuoteItem(
                        analyzed.id, quote.speaker, quote.span.text, quote.span, context.get(quote.sentence)
                    )
                )
    return items


def _cluster(items: Sequence[QuoteItem]) -> list[list[QuoteItem]]:
    clusters: list[list[QuoteItem]] = []
    for item in items:
        home = next((c for c in clusters if any(_same_quote(item, other) for other in c)), None)
        if home is None:
            clusters.append([item])
        else:
            home.append(item)
    return clusters


def compare_quotes(story: Story, entities: EntityIndex) -> tuple[list[QuoteComparison], list[Discrepancy]]:
    """Quote comparisons for every quote, and a discrepancy per quote altered somewhere."""
    comparisons, found = [], []
    for cluster in _cluster(_items(story)):
        comparison = _compare(cluster)
        comparisons.append(comparison)
        altered = [v for v in comparison.variants if v.fidelity == "altered"]
        if altered:
            found.append(_quote_discrepancy(comparison, cluster))
    return comparisons, found


def _reference(cluster: Sequence[QuoteItem]) -> QuoteItem:
    """The wording most articles carry (ties: the longest)."""

    def support(item: QuoteItem) -> int:
        return len({o.article for o in cluster if fidelity(item.text, o.text) == "exact"})

    return max(cluster, key=lambda item: (support(item), len(item.text)))


def _compare(cluster: Sequence[QuoteItem]) -> QuoteComparison:
    reference = _reference(cluster)
    speaker = max((i.speaker for i in cluster if i.speaker), key=len, default=None)
    articles = {item.article for item in cluster}
    variants: dict[tuple[str, Fidelity], list[QuoteItem]] = {}
    for item in cluster:
        level: Fidelity = "unverified" if len(articles) < 2 else fidelity(reference.text, item.text)
        variants.setdefault((normalize_quote(item.text), level), []).append(item)
    return QuoteComparison(
        speaker=speaker,
        text=reference.text,
        variants=tuple(
            QuoteVariant(
                text=items[0].text,
                articles=tuple(sorted({i.article for i in items})),
                fidelity=level,
                evidence=tuple(Evidence.of(i.article, i.span) for i in items),
            )
            for (_, level), items in variants.items()
        ),
    )


def _quote_discrepancy(comparison: QuoteComparison, cluster: Sequence[QuoteItem]) -> Discrepancy:
    groups: dict[str, list[Item[str]]] = {}
    for variant in comparison.variants:
        key = "reference" if variant.fidelity in ("exact", "minor") else variant.text
        for evidence in variant.evidence:
            span = Span(evidence.start, evidence.end, evidence.text)
            label = comparison.text if key == "reference" else variant.text
            groups.setdefault(key, []).append(
                Item(evidence.article, key, label, normalize_quote(label), span)
            )
    classes = sorted(groups.values(), key=lambda c: c[0].value != "reference")
    speaker = comparison.speaker or "an unnamed speaker"
    return discrepancy(
        "quote",
        f"what {speaker} said",
        classes,
        severity="medium",
        explanation="The same quote is worded differently enough to change what was said "
        "(beyond punctuation, contractions or a dropped word).",
    )
