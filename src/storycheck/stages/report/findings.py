"""Discrepancies made readable: short subjects, one best span per article per value.

Part of the report stage (see report.py). Compare may hand over a value with the same
passage several times, or several passages of one article; a reader needs, for each
version, the articles that give it and the one passage of each that shows it best.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model import Discrepancy, DiscrepancyValue, Evidence

# Longest subject shown as a card title: a label, not a sentence.
SUBJECT_CHARS = 64
# A "what: ..." prefix this short is kept whole in front of the shortened rest.
PREFIX_CHARS = 24
# List bullets and similar furniture at the start of a subject.
BULLET = re.compile(r"^\s*(?:[-–—•*·]+|\d+[.)])\s*")


def tidy_discrepancy(item: Discrepancy) -> Discrepancy:
    """The discrepancy with a short subject and each value's spans deduplicated."""
    return Discrepancy(
        id=item.id,
        kind=item.kind,
        subject=short_subject(item.subject),
        severity=item.severity,
        values=merge_values(tuple(tidy_value(value) for value in item.values)),
        explanation=item.explanation,
    )


def tidy_value(value: DiscrepancyValue) -> DiscrepancyValue:
    """One value: each article once (in order), with the one span that shows the value best."""
    articles = list(dict.fromkeys(value.articles))
    articles += [ev.article for ev in value.evidence if ev.article not in articles]
    articles = list(dict.fromkeys(articles))
    chosen = [best_span(value.value, [ev for ev in value.evidence if ev.article == a]) for a in articles]
    return DiscrepancyValue(
        value=value.value,
        normalized=value.normalized,
        articles=tuple(articles),
        evidence=tuple(ev for ev in chosen if ev is not None),
    )


def merge_values(values: Sequence[DiscrepancyValue]) -> tuple[DiscrepancyValue, ...]:
    """Values written and read the same way joined into one (articles and spans united)."""
    merged: dict[tuple[str, str | None], DiscrepancyValue] = {}
    for value in values:
        key = (value.value, value.normalized)
        known = merged.get(key)
        if known is None:
            merged[key] = value
            continue
        extra = [a for a in value.articles if a not in known.articles]
        spans = [ev for ev in value.evidence if ev.article in extra]
        merged[key] = DiscrepancyValue(
            known.value, known.normalized, known.articles + tuple(extra), known.evidence + tuple(spans)
        )
    return tuple(merged.values())


def best_span(value: str, spans: Sequence[Evidence]) -> Evidence | None:
    """The span that shows `value` best: one that contains it (or it them), closest in length."""
    wanted = _fold(value)

    def key(evidence: Evidence) -> tuple[bool, int, int]:
        text = _fold(evidence.text)
        shows = bool(wanted) and (wanted in text or text in wanted)
        return (not shows, abs(len(text) - len(wanted)), evidence.start)

    return min(spans, key=key) if spans else None


def short_subject(subject: str) -> str:
    """A card title: a bullet dropped, a short "what:" prefix kept, the rest cut to fit."""
    text = " ".join(subject.split())
    prefix, sep, rest = text.partition(": ")
    if not sep or len(prefix) > PREFIX_CHARS:
        prefix, rest = "", text
    else:
        prefix += ": "
    rest = BULLET.sub("", rest)
    heading, colon, _ = rest.partition(": ")
    if colon and len(heading) <= SUBJECT_CHARS // 2:
        rest = heading
    return prefix + trim(rest, max(SUBJECT_CHARS - len(prefix), PREFIX_CHARS))


def trim(text: str, limit: int) -> str:
    """Cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _fold(text: str) -> str:
    return " ".join(text.lower().split())
