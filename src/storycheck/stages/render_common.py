"""Wording shared by every rendering of a StoryReport (terminal, Markdown, HTML).

Pure helpers: they turn report values into the short phrases a reader sees, so that the
three formats say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import (
    ArticleInfo,
    Discrepancy,
    ProvenanceEdge,
    SingleSourceClaim,
    StoryHeader,
    StoryReport,
)

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
    """ "w01 (Northline Wire)", or the bare id when the outlet is unknown."""
    info = articles_by_id(report).get(article_id)
    if info is None or not info.outlet:
        return article_id
    return f"{article_id} ({info.outlet})"


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
    """How relative dates ("Friday") were resolved."""
    if not header.reference_date:
        return ""
    how = "inferred from the articles" if header.reference_inferred else "given"
    return f"Relative dates read against {header.reference_date} ({how})."


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


def edge_sentence(edge: ProvenanceEdge) -> str:
    """ "c02 copies w01 (97% reused)"."""
    verb = EDGE_VERBS.get(edge.kind, edge.kind)
    return f"{edge.derived} {verb} {edge.source} ({percent(edge.reuse)} reused)"


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


def join_ids(ids: Sequence[str]) -> str:
    """ "w01, c02"."""
    return ", ".join(ids)


def original_sentence(report: StoryReport) -> str:
    """Who the original is, in words."""
    original = report.provenance.original
    if original is None:
        return "No article was identified as the original."
    return f"Original: {article_label(report, original)}."
