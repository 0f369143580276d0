"""GitHub Markdown view of a StoryReport.

All report text (much of it copied from articles) passes through `escape_md`, so an
article cannot inject links, HTML, emphasis or table cells into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Discrepancy, QuoteComparison, StoryReport
from .render_common import (
    FIDELITY_LABELS,
    KIND_LABELS,
    article_label,
    articles_by_id,
    counts_line,
    edge_sentence,
    join_ids,
    original_sentence,
    percent,
    reference_note,
    single_by_article,
    when_where,
)

# Characters with a meaning anywhere in a GitHub Markdown line (emphasis, code, links,
# HTML and entities, table cells, strikethrough), escaped with a backslash.
MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What makes a line a heading, list item, quote or rule when it starts the text.
MD_LINE_START = re.compile(r"^(\s*\d*)([#>+\-=]|(?<=\d)[.)])")


def escape_md(text: str) -> str:
    """Plain text made inert in Markdown: specials backslash-escaped, line breaks as spaces."""
    flat = MD_INLINE.sub(r"\\\1", " ".join(text.split()))
    return MD_LINE_START.sub(lambda match: match.group(1) + "\\" + match.group(2), flat)


def render_markdown(report: StoryReport) -> str:
    """The report as GitHub Markdown."""
    return "\n".join(markdown_lines(report)).rstrip() + "\n"


def markdown_lines(report: StoryReport) -> Iterable[str]:
    """Every line of the document, sections in reading order."""
    yield from header_lines(report)
    yield from section("Brief", [escape_md(report.story.summary)])
    yield from section("Discrepancies", [line for d in report.discrepancies for line in discrepancy_lines(report, d)],
                       empty="No discrepancy between the articles was found.")
    yield from section("Single-source claims", single_lines(report), empty="Every claim has a second source.")
    yield from section("Quotes", [line for q in report.quotes for line in quote_lines(q)],
                       empty="No quote to compare.")
    yield from section("Provenance", provenance_lines(report))
    yield from section("Scorecards", scorecard_lines(report))
    yield from section("Timeline", timeline_lines(report), empty="No dated event.")
    if report.skipped:
        problems = [f"- {escape_md(p.location)}: {p.code} {escape_md(p.message)}" for p in report.skipped]
        yield from section("Skipped inputs", problems)


def section(title: str, lines: Sequence[str], *, empty: str = "") -> Iterable[str]:
    """A level-2 heading, then the lines (or a line saying there are none)."""
    yield f"## {title}"
    yield ""
    if not lines and empty:
        yield f"_{empty}_"
    yield from lines
    yield ""


def header_lines(report: StoryReport) -> Iterable[str]:
    yield f"# {escape_md(report.story.headline)}"
    yield ""
    for line in (when_where(report.story), reference_note(report.story), counts_line(report)):
        if line:
            yield f"{escape_md(line)}  "
    yield ""


def blockquote(text: str) -> str:
    """Escaped text as a one-line blockquote."""
    return f"> {escape_md(text)}"


def discrepancy_lines(report: StoryReport, discrepancy: Discrepancy) -> list[str]:
    """A level-3 heading, the explanation, then each version with its spans quoted."""
    kind = KIND_LABELS.get(discrepancy.kind, discrepancy.kind)
    lines = [
        f"### {discrepancy.id} · {kind} · {discrepancy.severity.upper()}: {escape_md(discrepancy.subject)}",
        "",
        f"_{escape_md(discrepancy.explanation)}_",
        "",
    ]
    for value in discrepancy.values:
        labels = ", ".join(escape_md(article_label(report, a)) for a in value.articles)
        lines += [f"- **{escape_md(value.value)}** — {labels}", ""]
        for evidence in value.evidence:
            lines += [f"  > **{escape_md(evidence.article)}:** {escape_md(evidence.text)}", ""]
    return lines


def single_lines(report: StoryReport) -> list[str]:
    """Claims grouped under a bold article label."""
    lines: list[str] = []
    for article_id, claims in single_by_article(report):
        lines += [f"**{escape_md(article_label(report, article_id))}**", ""]
        lines += [f"- {escape_md(claim.statement)}" for claim in claims]
        lines.append("")
    return lines


def quote_lines(quote: QuoteComparison) -> list[str]:
    """The speaker and reference wording, then a table of variants."""
    speaker = escape_md(quote.speaker or "Unattributed")
    lines = [f"**{speaker}**", "", blockquote(quote.text), "", "| Wording | Articles | Fidelity |", "|---|---|---|"]
    for variant in quote.variants:
        fidelity = FIDELITY_LABELS.get(variant.fidelity, variant.fidelity)
        lines.append(f"| {escape_md(variant.text)} | {escape_md(join_ids(variant.articles))} | {fidelity} |")
    return [*lines, ""]


def provenance_lines(report: StoryReport) -> list[str]:
    """Original, edges as a list, independent groups, reasons."""
    provenance = report.provenance
    lines = [escape_md(original_sentence(report)), ""]
    lines += [f"- {escape_md(edge_sentence(edge))}" for edge in provenance.edges]
    if provenance.groups:
        groups = "; ".join(escape_md(join_ids(group)) for group in provenance.groups)
        lines += ["", f"Counted as one source each: {groups}"]
    if provenance.reasons:
        lines += ["", *[f"- _{escape_md(reason)}_" for reason in provenance.reasons]]
    return lines


def scorecard_lines(report: StoryReport) -> list[str]:
    """A table, one row per article."""
    outlets = articles_by_id(report)
    lines = [
        "| Article | Outlet | Corroborated | Contradicted | Single-source | Originality |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for card in report.scorecards:
        info = outlets.get(card.article)
        outlet = escape_md((info.outlet if info else None) or "—")
        lines.append(
            f"| {escape_md(card.article)} | {outlet} | {card.corroborated} | {card.contradicted} "
            f"| {card.single_source} | {percent(card.originality)} |"
        )
    return lines


def timeline_lines(report: StoryReport) -> list[str]:
    """A table of dated events."""
    if not report.timeline:
        return []
    lines = ["| Date | Event | Articles |", "|---|---|---|"]
    for event in report.timeline:
        lines.append(f"| {escape_md(event.date)} | {escape_md(event.event)} | {escape_md(join_ids(event.articles))} |")
    return lines
