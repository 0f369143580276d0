"""Terminal view of a StoryReport, drawn with rich and returned as a string.

Every piece of article text goes in as a `rich.text.Text`, never as console markup, so a
bracket in an article cannot restyle the output.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

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

# Colour of each severity and fidelity, when colours are on.
SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "cyan"}
FIDELITY_STYLES = {"exact": "green", "minor": "cyan", "altered": "bold red", "unverified": "yellow"}
Labels = Mapping[str, str]  # article id -> short label
# Style of section headings.
HEADING = "bold"


def render_text(
    report: StoryReport, *, width: int = 100, color: bool = False, texts: Mapping[str, str] | None = None
) -> str:
    """The report as terminal text; ANSI colours only when `color` is true.

    Articles are named by short labels (outlet, else a short id) with a legend on top;
    with `texts` each disputed span is shown inside its sentence.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    for block in text_blocks(report, short_labels(report), texts or {}, color):
        console.print(block)
    return buffer.getvalue()


def text_blocks(
    report: StoryReport, labels: Labels, texts: Mapping[str, str], color: bool = False
) -> Iterable[RenderableType]:
    """The sections in reading order."""
    yield from header_blocks(report)
    yield from section("Sources", [legend_table(report)])
    yield from section("Brief", [Text(relabel_citations(report.story.summary, labels))])
    panels = [discrepancy_panel(d, labels, texts, color) for d in report.discrepancies]
    yield from section("Discrepancies", panels, empty="No discrepancy between the articles was found.")
    if report.unresolved:
        yield from section("Unresolved differences", unresolved_blocks(report, labels))
    yield from section(
        "Single-source claims", single_blocks(report, labels), empty="Every claim has a second source."
    )
    yield from section(
        "Quotes", [quote_table(q, labels) for q in report.quotes], empty="No quote to compare."
    )
    yield from section("Provenance", provenance_blocks(report, labels))
    yield from section("Scorecards", [scorecard_table(report, labels)])
    timeline = [timeline_table(report, labels)] if report.timeline else []
    yield from section("Timeline", timeline, empty="No dated event.")
    if report.skipped:
        lines = [Text(f"{p.location}: {p.code} {p.message}") for p in report.skipped]
        yield from section("Skipped inputs", lines)


def section(title: str, blocks: Iterable[RenderableType], *, empty: str = "") -> Iterable[RenderableType]:
    """A heading rule, then the blocks (or a line saying there are none)."""
    yield Text("")
    yield Rule(Text(title, style=HEADING), align="left")
    items = list(blocks)
    if not items and empty:
        yield Text(empty, style="dim")
    yield from items


def header_blocks(report: StoryReport) -> Iterable[RenderableType]:
    """Headline, when/where, reference date and counts."""
    header = report.story
    lines = [Text(header.headline, style="bold")]
    for line in (when_where(header), reference_note(header), counts_line(report)):
        if line:
            lines.append(Text(line, style="dim"))
    yield Panel(Group(*lines), box=box.HEAVY, padding=(0, 1))


def legend_table(report: StoryReport) -> Table:
    """Label, full id, outlet and title of each article, the original first."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("Label", no_wrap=True, style="bold")
    table.add_column("Article", ratio=1, overflow="fold")
    table.add_column("Title", ratio=3)
    original = report.provenance.original
    for label, article_id, outlet, title in legend_rows(report):
        name = Text(article_id)
        if article_id == original:
            name.append(" (original)", style="green")
        detail = " · ".join(part for part in (outlet, title) if part) or "—"
        table.add_row(Text(label), name, Text(detail))
    return table


def span_text(evidence: Evidence, labels: Labels, texts: Mapping[str, str], color: bool) -> Text:
    """ "label: “…before »span« after…”", the span in bold (between » « without colours)."""
    before, span, after = in_context(evidence, texts)
    line = Text(f"{labels.get(evidence.article, evidence.article)}: ", style="dim")
    line.append(f"“{before}")
    if (before or after) and not color:
        span = f"»{span}«"
    line.append(span, style="bold")
    line.append(f"{after}”")
    return line


def discrepancy_panel(
    discrepancy: Discrepancy, labels: Labels, texts: Mapping[str, str], color: bool
) -> Panel:
    """One discrepancy: subject and explanation, then each version with one span per article."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("Version", ratio=1)
    table.add_column("Articles", ratio=1)
    table.add_column("What they wrote", ratio=4)
    for value in discrepancy.values:
        spans = Text("\n").join(span_text(evidence, labels, texts, color) for evidence in value.evidence)
        version = Text(version_label(value), style="bold")
        read_as = reading(discrepancy.kind, value)
        if read_as:
            version.append(f"\n= {read_as}", style="dim")
        table.add_row(version, Text(join_ids(value.articles, labels)), spans)
    style = SEVERITY_STYLES.get(discrepancy.severity, "")
    title = Text.assemble(
        (f"{discrepancy.id} · {KIND_LABELS.get(discrepancy.kind, discrepancy.kind)} · ", ""),
        (discrepancy.severity.upper(), style),
        (f" · {discrepancy.subject}", "bold"),
    )
    body = Group(Text(discrepancy.explanation, style="italic"), table)
    return Panel(body, title=title, title_align="left", border_style=style or "none")


def single_blocks(report: StoryReport, labels: Labels) -> list[RenderableType]:
    """Single-source claims, grouped under their article."""
    blocks: list[RenderableType] = []
    for article_id, claims in single_by_article(report):
        lines = Text(labels.get(article_id, article_id), style="bold")
        for claim in claims:
            lines.append("\n  • ")
            lines.append(" ".join(claim.statement.split()))
        blocks.append(lines)
    return blocks


def quote_table(quote: QuoteComparison, labels: Labels) -> Table:
    """One quote: the reference wording, then each variant with its fidelity."""
    speaker = quote.speaker or "Unattributed"
    table = Table(
        title=Text(f"{speaker}: “{quote.text}”", style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("Wording", ratio=3)
    table.add_column("Articles", ratio=1)
    table.add_column("Fidelity", ratio=1)
    for variant in quote.variants:
        fidelity = Text(
            FIDELITY_LABELS.get(variant.fidelity, variant.fidelity),
            style=FIDELITY_STYLES.get(variant.fidelity, ""),
        )
        table.add_row(Text(f"“{variant.text}”"), Text(join_ids(variant.articles, labels)), fidelity)
    return table


def provenance_blocks(report: StoryReport, labels: Labels) -> list[RenderableType]:
    """Original, derivation edges (independent pairs left to the count), groups and reasons."""
    provenance = report.provenance
    lines = Text(original_sentence(report), style="bold")
    for edge in provenance.edges:
        if edge.kind != "independent":
            lines.append(f"\n  {edge_sentence(edge, labels)}")
    if provenance.groups:
        groups = "; ".join("[" + join_ids(group, labels) + "]" for group in provenance.groups)
        lines.append(f"\nIndependent sources ({len(provenance.groups)}): {groups}")
    for reason in provenance.reasons:
        lines.append(f"\n  – {reason}", style="dim")
    return [lines]


def scorecard_table(report: StoryReport, labels: Labels) -> Table:
    """One row per article."""
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    for name in ("Article", "Corroborated", "Contradicted", "Single-source", "Originality"):
        table.add_column(name, justify="left" if name == "Article" else "right")
    for card in report.scorecards:
        table.add_row(
            Text(labels.get(card.article, card.article)),
            str(card.corroborated),
            Text(str(card.contradicted), style="red" if card.contradicted else ""),
            str(card.single_source),
            percent(card.originality),
        )
    return table


def unresolved_blocks(report: StoryReport, labels: Labels) -> list[RenderableType]:
    """Each unresolved difference: its sentences side by side and the values that differ."""
    blocks: list[RenderableType] = [Text(UNRESOLVED_NOTE, style="dim")]
    for item in report.unresolved:
        block = Text(f"{item.id} ", style="bold")
        block.append(f"({', '.join(item.kinds)}) {item.subject}")
        for evidence in item.statements:
            block.append(f"\n  {labels.get(evidence.article, evidence.article)}: ", style="bold")
            block.append(evidence.text)
        values = ", ".join(f"“{ev.text}” ({labels.get(ev.article, ev.article)})" for ev in item.values)
        block.append(f"\n  differing: {values}", style="yellow")
        blocks.append(block)
    return blocks


def timeline_table(report: StoryReport, labels: Labels) -> Table:
    """Dated events in order; background rows dimmed and tagged."""
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=4)
    table.add_column("Articles", ratio=1)
    for event in report.timeline:
        style = "dim" if event.background else ""
        text = Text(event.event, style=style)
        if event.background:
            text.append(f"  [{timeline_tag(True)}]", style="dim italic")
        if event.disputed:
            text.append("  [disputed]", style="bold yellow")
            for version in event.versions:
                text.append(f"\n  {version.date}: {version.event} ({join_ids(version.articles, labels)})")
        table.add_row(Text(event.date, style=style or "bold"), text, Text(join_ids(event.articles, labels)))
    return table
