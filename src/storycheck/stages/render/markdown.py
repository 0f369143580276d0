"""GitHub Markdown view of a StoryReport.

All report text (much of it copied from articles) passes through `escape_md`, so an
article cannot inject links, HTML, emphasis or table cells into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ...model import Discrepancy, Evidence, QuoteComparison, StoryReport
from .common import (
    FIDELITY_LABELS,
    KIND_LABELS,
    UNRESOLVED_NOTE,
    counts_line,
    edge_sentence,
    in_context,
    join_ids,
    legend_rows,
    original_sentence,
    percent,
    reading,
    reference_note,
    relabel_citations,
    short_labels,
    single_by_article,
    timeline_tag,
    version_label,
    when_where,
)

Labels = Mapping[str, str]  # article id -> short label

# Characters with a meaning anywhere in a GitHub Markdown line (emphasis, code, links,
# HTML and entities, table cells, strikethrough), escaped with a backslash.
MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What makes a line a heading, list item, quote or rule when it starts the text.
MD_LINE_START = re.compile(r"^(\s*\d*)([#>+\-=]|(?<=\d)[.)])")


def escape_md(text: str) -> str:
    """Plain text made inert in Markdown: specials backslash-escaped, line breaks as spaces."""
    flat = MD_INLINE.sub(r"\\\1", " ".join(text.split()))
    return MD_LINE_START.sub(lambda match: match.group(1) + "\\" + match.group(2), flat)


def escape_cell(text: str) -> str:
    """Escaped text for the inside of a line or table cell (no line-start escapes needed there).

    Runs of blanks fold to one space; a blank at either end is kept as one space.
    """
    core = MD_INLINE.sub(r"\\\1", " ".join(text.split()))
    if not core:
        return ""
    return (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() else "")


def render_markdown(report: StoryReport, *, texts: Mapping[str, str] | None = None) -> str:
    """The report as GitHub Markdown; with `texts`, disputed spans are quoted in their sentence."""
    return "\n".join(markdown_lines(report, short_labels(report), texts or {})).rstrip() + "\n"


def markdown_lines(report: StoryReport, labels: Labels, texts: Mapping[str, str]) -> Iterable[str]:
    """Every line of the document, sections in reading order."""
    yield from header_lines(report)
    yield from section("Sources", legend_lines(report))
    yield from section("Brief", [escape_md(relabel_citations(report.story.summary, labels))])
    cards = [line for d in report.discrepancies for line in discrepancy_lines(d, labels, texts)]
    yield from section("Discrepancies", cards, empty="No discrepancy between the articles was found.")
    if report.unresolved:
        yield from section("Unresolved differences", unresolved_lines(report, labels))
    yield from section(
        "Single-source claims", single_lines(report, labels), empty="Every claim has a second source."
    )
    quotes = [line for q in report.quotes for line in quote_lines(q, labels)]
    yield from section("Quotes", quotes, empty="No quote to compare.")
    yield from section("Provenance", provenance_lines(report, labels))
    yield from section("Scorecards", scorecard_lines(report, labels))
    yield from section("Timeline", timeline_lines(report, labels), empty="No dated event.")
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


def legend_lines(report: StoryReport) -> list[str]:
    """A table: the label each article goes by, its id, outlet and title (original first)."""
    original = report.provenance.original
    lines = ["| Label | Article | Outlet | Title |", "|---|---|---|---|"]
    for label, article_id, outlet, title in legend_rows(report):
        mark = " (original)" if article_id == original else ""
        lines.append(
            f"| **{escape_cell(label)}** | {escape_cell(article_id)}{mark} | {escape_cell(outlet) or '—'} "
            f"| {escape_cell(title) or '—'} |"
        )
    return lines


def span_line(evidence: Evidence, labels: Labels, texts: Mapping[str, str]) -> str:
    """ "> **label:** …before **span** after…" (all escaped)."""
    before, span, after = in_context(evidence, texts)
    label = escape_md(labels.get(evidence.article, evidence.article))
    body = f"{escape_cell(before)}**{escape_cell(span)}**{escape_cell(after)}"
    return f"  > **{label}:** {body}"


def discrepancy_lines(discrepancy: Discrepancy, labels: Labels, texts: Mapping[str, str]) -> list[str]:
    """A level-3 heading, the explanation, then each version with one span per article."""
    kind = KIND_LABELS.get(discrepancy.kind, discrepancy.kind)
    lines = [
        f"### {discrepancy.id} · {kind} · {discrepancy.severity.upper()}: {escape_cell(discrepancy.subject)}",
        "",
        f"_{escape_cell(discrepancy.explanation)}_",
        "",
    ]
    for value in discrepancy.values:
        who = escape_cell(join_ids(value.articles, labels))
        read_as = reading(discrepancy.kind, value)
        read = f" (read as {escape_cell(read_as)})" if read_as else ""
        lines += [f"- **{escape_cell(version_label(value))}**{read} — {who}", ""]
        for evidence in value.evidence:
            lines += [span_line(evidence, labels, texts), ""]
    return lines


def single_lines(report: StoryReport, labels: Labels) -> list[str]:
    """Claims grouped under a bold article label."""
    lines: list[str] = []
    for article_id, claims in single_by_article(report):
        lines += [f"**{escape_md(labels.get(article_id, article_id))}**", ""]
        lines += [f"- {escape_cell(claim.statement)}" for claim in claims]
        lines.append("")
    return lines


def quote_lines(quote: QuoteComparison, labels: Labels) -> list[str]:
    """The speaker and reference wording, then a table of variants."""
    speaker = escape_md(quote.speaker or "Unattributed")
    lines = [
        f"**{speaker}**",
        "",
        f"> {escape_cell(quote.text)}",
        "",
        "| Wording | Articles | Fidelity |",
        "|---|---|---|",
    ]
    for variant in quote.variants:
        fidelity = FIDELITY_LABELS.get(variant.fidelity, variant.fidelity)
        who = escape_cell(join_ids(variant.articles, labels))
        lines.append(f"| {escape_cell(variant.text)} | {who} | {fidelity} |")
    return [*lines, ""]


def provenance_lines(report: StoryReport, labels: Labels) -> list[str]:
    """Original, derivation edges as a list (independent pairs left out), groups, reasons."""
    provenance = report.provenance
    lines = [escape_md(original_sentence(report)), ""]
    lines += [
        f"- {escape_cell(edge_sentence(edge, labels))}"
        for edge in provenance.edges
        if edge.kind != "independent"
    ]
    if provenance.groups:
        groups = "; ".join(escape_cell(join_ids(group, labels)) for group in provenance.groups)
        lines += ["", f"Independent sources ({len(provenance.groups)}): {groups}"]
    if provenance.reasons:
        lines += ["", *[f"- _{escape_cell(reason)}_" for reason in provenance.reasons]]
    return lines


def scorecard_lines(report: StoryReport, labels: Labels) -> list[str]:
    """A table, one row per article."""
    lines = [
        "| Article | Corroborated | Contradicted | Single-source | Originality |",
        "|---|--:|--:|--:|--:|",
    ]
    for card in report.scorecards:
        label = escape_cell(labels.get(card.article, card.article))
        lines.append(
            f"| {label} | {card.corroborated} | {card.contradicted} | {card.single_source} "
            f"| {percent(card.originality)} |"
        )
    return lines


def unresolved_lines(report: StoryReport, labels: Labels) -> list[str]:
    """Each unresolved difference: its sentences side by side and the values that differ."""
    lines = [f"_{UNRESOLVED_NOTE}_", ""]
    for item in report.unresolved:
        kinds = ", ".join(item.kinds)
        lines.append(f"- **{item.id}** ({kinds}) {escape_md(item.subject)}")
        for evidence in item.statements:
            label = escape_md(labels.get(evidence.article, evidence.article))
            lines.append(f"  - {label}: {escape_md(evidence.text)}")
        values = ", ".join(
            f"“{escape_md(ev.text)}” ({escape_md(labels.get(ev.article, ev.article))})" for ev in item.values
        )
        lines.append(f"  - differing: {values}")
    return lines


def timeline_lines(report: StoryReport, labels: Labels) -> list[str]:
    """A table of dated events; background rows in italics and tagged."""
    if not report.timeline:
        return []
    lines = ["| Date | Event | Articles |", "|---|---|---|"]
    for event in report.timeline:
        text = escape_cell(event.event)
        if event.background:
            text = f"_{timeline_tag(True)}:_ {text}"
        if event.disputed:
            versions = "; ".join(
                f"{escape_cell(v.date)}: {escape_cell(v.event)} ({escape_cell(join_ids(v.articles, labels))})"
                for v in event.versions
            )
            text = f"**disputed:** {text} (versions: {versions})"
        lines.append(
            f"| {escape_cell(event.date)} | {text} | {escape_cell(join_ids(event.articles, labels))} |"
        )
    return lines
