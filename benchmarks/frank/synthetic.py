"""Synthetic verify pairs from FRANK validation articles (FactCC's recipe, Kryscinski et al. 2020).

From each article, sentences of 8-40 words are taken as derived texts of one sentence:
- consistent: the sentence as written, or with a parenthesis or trailing clause dropped;
- inconsistent: the sentence with one number, date, person, place or organisation swapped
  for a different one of the same kind from the same article, or with its first auxiliary
  verb negated ("was" -> "was not").
Every pair is analyzed like a real derived text (cached under bench-out/) and featurized.
Only validation articles are used: the test split is never read.

    .venv/bin/python benchmarks/frank/synthetic.py   # prints counts per transformation
"""

from __future__ import annotations

import pickle
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

from frank_data import cached, records

from storycheck.config import Settings
from storycheck.model import AnalyzedArticle, Article, Span
from storycheck.verify.align import index_source
from storycheck.verify.features import document_features, sentence_evidence
from storycheck.verify.prepare import analyze_derived

CACHE = Path(__file__).resolve().parents[2] / "bench-out" / "frank" / "synthetic.pkl"
SENTENCES_PER_ARTICLE = 4
AUXILIARIES = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should)\b (?!not\b)")
SWAP_LABELS = ("PERSON", "GPE", "ORG")


def _replace(text: str, span: Span, offset: int, new: str) -> str:
    start, end = span.start - offset, span.end - offset
    return text[:start] + new + text[end:]


def _swaps(analyzed: AnalyzedArticle, index: int, rng: random.Random) -> list[tuple[str, str]]:
    """(transformation, text) pairs made from sentence `index`."""
    sentence = analyzed.sentences[index]
    text, offset = sentence.text, sentence.start
    made = [("copy", text)]
    shorter = re.sub(r"\s*\([^)]*\)", "", text)
    if shorter != text:
        made.append(("drop-parenthesis", shorter))
    numbers = [q for q in analyzed.quantities if q.sentence == index and q.modifier != "ordinal"]
    if numbers:
        quantity = rng.choice(numbers)
        factor = rng.choice((2, 3, 5, 10))
        value = quantity.value * factor if rng.random() < 0.5 else quantity.value + factor
        made.append(("number", _replace(text, quantity.span, offset, f"{value:,.0f}")))
    dates = [t for t in analyzed.times if t.sentence == index]
    others = [t for t in analyzed.times if t.sentence != index]
    if dates and others:
        time = rng.choice(dates)
        different = [t for t in others if t.end < time.start or t.start > time.end]
        if different:
            made.append(("date", _replace(text, time.span, offset, rng.choice(different).span.text)))
    mentions = [m for m in analyzed.mentions if m.sentence == index and m.label in SWAP_LABELS]
    if mentions:
        mention = rng.choice(mentions)
        pool = {m.span.text for m in analyzed.mentions if m.label == mention.label}
        pool = {name for name in pool if name.lower() not in text.lower() and mention.span.text not in name}
        if pool:
            kind = {"PERSON": "name", "GPE": "place", "ORG": "org"}[mention.label]
            made.append((kind, _replace(text, mention.span, offset, rng.choice(sorted(pool)))))
    match = AUXILIARIES.search(text)
    if match:
        made.append(("negation", text[: match.end(1)] + " not" + text[match.end(1) :]))
    return made


def _pairs(seed: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    settings = Settings()
    hashes = sorted({r["hash"] for r in records("valid")})
    pairs = []
    for article_hash in hashes:
        analyzed = cached(article_hash)[0]
        usable = [i for i, s in enumerate(analyzed.sentences) if 8 <= len(s.text.split()) <= 40]
        for index in rng.sample(usable, min(SENTENCES_PER_ARTICLE, len(usable))):
            for kind, text in _swaps(analyzed, index, rng):
                derived = analyze_derived(Article(id="synthetic", text=text), analyzed, settings.analyze)
                label = 1 if kind in ("copy", "drop-parenthesis") else 0
                pairs.append({"hash": article_hash, "kind": kind, "label": label, "derived": derived})
    return pairs


def synthetic_pairs() -> list[dict[str, Any]]:
    """The synthetic pairs, analyzed once and cached."""
    if CACHE.exists():
        with CACHE.open("rb") as fh:
            pairs: list[dict[str, Any]] = pickle.load(fh)
            return pairs
    pairs = _pairs()
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with CACHE.open("wb") as fh:
        pickle.dump(pairs, fh)
    return pairs


def synthetic_features(split: str) -> tuple[list[dict[str, float]], list[int], list[str]]:
    """Features, labels and article hashes of the synthetic pairs (validation articles only)."""
    if split != "valid":
        raise ValueError("synthetic pairs are built from validation articles only")
    indexes: dict[str, Any] = {}
    features, labels, groups = [], [], []
    for pair in synthetic_pairs():
        if pair["hash"] not in indexes:
            indexes[pair["hash"]] = index_source(cached(pair["hash"])[0])
        source = indexes[pair["hash"]]
        evidence = sentence_evidence(source, pair["derived"])
        features.append(document_features([item.features for item in evidence], source))
        labels.append(pair["label"])
        groups.append(pair["hash"])
    return features, labels, groups


if __name__ == "__main__":
    print(Counter(pair["kind"] for pair in synthetic_pairs()))
