"""Wording shared by every rendering of a StoryReport (terminal, Markdown, HTML).

Pure helpers: they turn report values into the short phrases a reader sees, so that the
three formats say the same thing the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ...model import (
    ArticleInfo,
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    ProvenanceEdge,
    SingleSourceClaim,
    StoryHeader,
    StoryReport,
)

# Citations in the brief: "[w01, c02]".
CITATION = re.compile(r"\[([^\[\]]+)\]")
# How each derivation kind reads in a sentence: "c02 copies w01".
EDGE_VERBS = {
    "copy": "copies",
    "rewrite": "rewrites",
    "translation": "translates",
    "independent": "is independent of",
}
# What each quote fidelity means to a reader.
FIDELITY_LABELS = {
    "exact": "exact",
    "minor": "minor changes",
    "altered": "altered",
    "unverified": "unverified",
}
# Discrepancy kinds as a reader names them.
# Said when no article gives its publication date and the user gave none.
NO_REFERENCE_NOTE = (
    'No article gives its publication date: relative dates ("Friday", "last year") are '
    "compared only with each other, as written. Run again with --published YYYY-MM-DD to read "
    "them against a date."
)
# Said above every list of unresolved differences, in every format.
UNRESOLVED_NOTE = (
    "Aligned sentences that differ on a number, person, date or place, where the engine cannot "
    "tell whether they speak of the same thing. Neither version is confirmed."
)
KIND_LABELS = {
    "name": "Name",
    "role": "Role",
    "number": "Number",
    "date": "Date",
    "place": "Place",
    "quote": "Quote",
    "claim": "Claim",
}


def articles_by_id(report: StoryReport) -> dict[str, ArticleInfo]:
    """Article id -> ArticleInfo."""
    return {info.id: info for info in report.articles}


def article_label(report: StoryReport, article_id: str) -> str:
    """The article's short label (see `short_labels`), or its id when the report lacks it."""
    return short_labels(report).get(article_id, article_id)


def percent(share: float) -> str:
    """0.457 -> "46%"."""
    return f"{round(share * 100)}%"


def when_where(header: StoryHeader) -> str:
    """ "When: 2031-03-11 · Where: Port Kessel", or "" when neither is known."""
    parts = []
    if header.when:
        parts.append(f"When: {header.when}")
    if header.where:
        parts.append(f"Where: {header.where}")
    return " · ".join(parts)


def reference_note(header: StoryHeader) -> str:
    """How relative dates ("Friday") were resolved, or why they were not."""
    if header.reference_inferred or not header.reference_date:
        return NO_REFERENCE_NOTE
    return f"Relative dates read against {header.reference_date} (publication date)."


def counts_line(report: StoryReport) -> str:
    """ "4 articles · 3 facts · 2 discrepancies · 2 single-source claims"."""
    parts = [
        plural(len(report.articles), "article"),
        plural(len(report.facts), "corroborated fact"),
        plural(len(report.discrepancies), "discrepancy", "discrepancies"),
        plural(len(report.single_source), "single-source claim"),
    ]
    return " · ".join(parts)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 fact", "2 facts"."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def edge_sentence(edge: ProvenanceEdge, labels: Mapping[str, str] | None = None) -> str:
    """ "c02 copies w01 (97% reused)", articles named by their labels when given."""
    verb = EDGE_VERBS.get(edge.kind, edge.kind)
    names = labels or {}
    derived, source = names.get(edge.derived, edge.derived), names.get(edge.source, edge.source)
    return f"{derived} {verb} {source} ({percent(edge.reuse)} reused)"


def involved(discrepancy: Discrepancy) -> list[str]:
    """Articles that take a side, in order of first appearance."""
    return list(dict.fromkeys(a for value in discrepancy.values for a in value.articles))


def single_by_article(report: StoryReport) -> list[tuple[str, list[SingleSourceClaim]]]:
    """Single-source claims grouped by article, articles in report order."""
    order = [info.id for info in report.articles]
    groups: dict[str, list[SingleSourceClaim]] = {}
    for claim in report.single_source:
        groups.setdefault(claim.article, []).append(claim)
    known = [article_id for article_id in order if article_id in groups]
    extra = sorted(article_id for article_id in groups if article_id not in order)
    return [(article_id, groups[article_id]) for article_id in known + extra]


def join_ids(ids: Sequence[str], labels: Mapping[str, str] | None = None) -> str:
    """ "w01, c02", each id written as its label when `labels` has one."""
    names = labels or {}
    return ", ".join(names.get(article_id, article_id) for article_id in ids)


def original_sentence(report: StoryReport) -> str:
    """Who the original is, in words."""
    original = report.provenance.original
    if original is None:
        return "No article was identified as the original."
    label = article_label(report, original)
    return f"Original: {label}." if label == original else f"Original: {label} ({original})."


def timeline_tag(background: bool) -> str:
    """How a timeline row is marked: "background" for context, "" for the story's events."""
    return "background" if background else ""


# ---------------------------------------------------------------- short labels and context

# Longest label shown for an article in tables and citations: an outlet name, not a title.
LABEL_CHARS = 22
# An id made of a short key and a long tail ("007_9f2c41d0..."): the key is label enough.
ID_KEY = re.compile(r"^([^\W_]{1,8})[_\-.](?=[\w-]*\d)[\w-]{8,}$")
# Characters of context shown on each side of a span (cut at a sentence or word boundary).
CONTEXT_CHARS = 70
# Where a sentence ends, for cutting context.
SENTENCE_BREAK = re.compile(r"[.!?]['\"”’]?\s|\n")


def short_labels(report: StoryReport) -> dict[str, str]:
    """Article id -> a short, unique label: the outlet when known, else a short form of the id.

    Every rendering uses these labels in tables, citations and spans, with a legend
    (`legend_rows`) giving the full id, outlet and title behind each one.
    """
    ids = [info.id for info in report.articles]
    ids += [a for a in _mentioned_ids(report) if a not in ids]
    keys = {article_id: _id_key(article_id, ids) for article_id in ids}
    outlets = articles_by_id(report)
    labels: dict[str, str] = {}
    for article_id in ids:
        info = outlets.get(article_id)
        outlet = " ".join((info.outlet or "").split()) if info else ""
        labels[article_id] = _cut(outlet, LABEL_CHARS) if outlet else keys[article_id]
    counts = Counter(labels.values())
    return {a: label if counts[label] == 1 else f"{label} ({keys[a]})" for a, label in labels.items()}


def _mentioned_ids(report: StoryReport) -> list[str]:
    """Article ids the findings name, in order (normally all in report.articles)."""
    found = [a for fact in report.facts for a in fact.support]
    found += [a for item in report.discrepancies for value in item.values for a in value.articles]
    found += [claim.article for claim in report.single_source]
    found += [a for edge in report.provenance.edges for a in (edge.source, edge.derived)]
    return list(dict.fromkeys(found))


def _id_key(article_id: str, ids: Sequence[str]) -> str:
    """ "007" for "007_9f2c41d0..." when no other id shares that key; else the id, cut."""
    match = ID_KEY.match(article_id)
    if match:
        key = match.group(1)
        if sum(1 for other in ids if (found := ID_KEY.match(other)) and found.group(1) == key) == 1:
            return key
    return _cut(article_id, LABEL_CHARS) if _unique_cut(article_id, ids) else article_id


def _unique_cut(article_id: str, ids: Sequence[str]) -> bool:
    cut = _cut(article_id, LABEL_CHARS)
    return sum(1 for other in ids if _cut(other, LABEL_CHARS) == cut) == 1


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def legend_rows(report: StoryReport) -> list[tuple[str, str, str, str]]:
    """(label, id, outlet, title) per article, the original first."""
    labels = short_labels(report)
    original = report.provenance.original
    infos = sorted(report.articles, key=lambda info: info.id != original)
    return [
        (labels[info.id], info.id, info.outlet or "", " ".join((info.title or "").split())) for info in infos
    ]


def relabel_citations(summary: str, labels: Mapping[str, str]) -> str:
    """The brief with each "[id, id]" citation written with short labels."""

    def swap(match: re.Match[str]) -> str:
        ids = [item.strip() for item in match.group(1).split(",")]
        if not all(article_id in labels for article_id in ids):
            return match.group(0)
        return "[" + ", ".join(labels[article_id] for article_id in ids) + "]"

    return CITATION.sub(swap, summary)


def in_context(evidence: Evidence, texts: Mapping[str, str] | None) -> tuple[str, str, str]:
    """(before, span, after): the span with the rest of its sentence around it, when known.

    Without the article text, or when the offsets do not slice the span's text, the span
    comes alone. Context is cut at a sentence break, else at a word, within CONTEXT_CHARS.
    """
    text = (texts or {}).get(evidence.article)
    span = " ".join(evidence.text.split())
    if text is None or text[evidence.start : evidence.end] != evidence.text:
        return "", span, ""
    head = text[max(0, evidence.start - CONTEXT_CHARS) : evidence.start]
    tail = text[evidence.end : evidence.end + CONTEXT_CHARS]
    breaks = list(SENTENCE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end() :]
    elif evidence.start > CONTEXT_CHARS:
        head = "…" + head.split(" ", 1)[-1]
    stop = SENTENCE_BREAK.search(tail)
    if stop:
        tail = tail[: stop.start() + 1].rstrip()
    elif evidence.end + CONTEXT_CHARS < len(text):
        tail = tail.rsplit(" ", 1)[0] + "…"
    return (
        " ".join(head.split()) + (" " if head[-1:].isspace() else ""),
        span,
        ((" " if tail[:1].isspace() else "") + " ".join(tail.split())),
    )


# Kinds whose normalised reading tells the reader something ("about 4,500" read as 4050-4950).
READ_AS_KINDS = frozenset({"number", "date"})
# Longest version label before it is cut (the spans show the full wording).
VERSION_CHARS = 90


def reading(kind: str, value: DiscrepancyValue) -> str | None:
    """How storycheck read a value ("2024-10", "<=4500 troop"), when that adds something."""
    if kind not in READ_AS_KINDS or not value.normalized or value.normalized.lower() == value.value.lower():
        return None
    return value.normalized


def version_label(value: DiscrepancyValue) -> str:
    """A value as a short label: long quotes are cut at a word (the spans give them whole)."""
    text = " ".join(value.value.split())
    if len(text) <= VERSION_CHARS:
        return text
    return text[: VERSION_CHARS - 1].rsplit(" ", 1)[0] + "…"
