"""Terminal view of a StoryReport, drawn with rich and returned as a string.

Every piece of article text goes in as a `rich.text.Text`, never as console markup, so a
bracket in an article cannot restyle the output.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

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

# Colour of each severity and fidelity, when colours are on.
SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "cyan"}
FIDELITY_STYLES = {"exact": "green", "minor": "cyan", "altered": "bold red", "unverified": "yellow"}
# Style of section headings.
HEADING = "bold"


def render_text(report: StoryReport, *, width: int = 100, color: bool = False) -> str:
    """The report as terminal text; ANSI colours only when `color` is true."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    for block in text_blocks(report):
        console.print(block)
    return buffer.getvalue()


def text_blocks(report: StoryReport) -> Iterable[RenderableType]:
    """The sections in reading order."""
    yield from header_blocks(report)
    yield from section("Brief", [Text(report.story.summary)])
    yield from section("Discrepancies", [discrepancy_panel(report, d) for d in report.discrepancies],
                       empty="No discrepancy between the articles was found.")
    yield from section("Single-source claims", single_blocks(report), empty="Every claim has a second source.")
    yield from section("Quotes", [quote_table(report, q) for q in report.quotes], empty="No quote to compare.")
    yield from section("Provenance", provenance_blocks(report))
    yield from section("Scorecards", [scorecard_table(report)])
    yield from section("Timeline", [timeline_table(report)] if report.timeline else [],
                       empty="No dated event.")
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


def discrepancy_panel(report: StoryReport, discrepancy: Discrepancy) -> Panel:
    """One discrepancy: subject and explanation, then each version with its spans."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("Version", ratio=1)
    table.add_column("Articles", ratio=1)
    table.add_column("What they wrote", ratio=3)
    for value in discrepancy.values:
        spans = Text()
        for number, evidence in enumerate(value.evidence):
            if number:
                spans.append("\n")
            spans.append(f"{evidence.article}: ", style="dim")
            spans.append(f"“{' '.join(evidence.text.split())}”")
        labels = "\n".join(article_label(report, a) for a in value.articles)
        table.add_row(Text(value.value, style="bold"), Text(labels), spans)
    style = SEVERITY_STYLES.get(discrepancy.severity, "")
    title = Text.assemble(
        (f"{discrepancy.id} · {KIND_LABELS.get(discrepancy.kind, discrepancy.kind)} · ", ""),
        (discrepancy.severity.upper(), style),
        (f" · {discrepancy.subject}", "bold"),
    )
    body = Group(Text(discrepancy.explanation, style="italic"), table)
    return Panel(body, title=title, title_align="left", border_style=style or "none")


def single_blocks(report: StoryReport) -> list[RenderableType]:
    """Single-source claims, grouped under their article."""
    blocks: list[RenderableType] = []
    for article_id, claims in single_by_article(report):
        lines = Text(article_label(report, article_id), style="bold")
        for claim in claims:
            lines.append("\n  • ")
            lines.append(" ".join(claim.statement.split()))
        blocks.append(lines)
    return blocks


def quote_table(report: StoryReport, quote: QuoteComparison) -> Table:
    """One quote: the reference wording, then each variant with its fidelity."""
    speaker = quote.speaker or "Unattributed"
    table = Table(title=Text(f"{speaker}: “{quote.text}”", style="bold"), title_justify="left",
                  box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Wording", ratio=3)
    table.add_column("Articles", ratio=1)
    table.add_column("Fidelity", ratio=1)
    for variant in quote.variants:
        fidelity = Text(FIDELITY_LABELS.get(variant.fidelity, variant.fidelity),
                        style=FIDELITY_STYLES.get(variant.fidelity, ""))
        table.add_row(Text(f"“{variant.text}”"), Text(join_ids(variant.articles)), fidelity)
    return table


def provenance_blocks(report: StoryReport) -> list[RenderableType]:
    """Original, derivation edges, independent groups and the reasons given."""
    provenance = report.provenance
    lines = Text(original_sentence(report), style="bold")
    for edge in provenance.edges:
        lines.append(f"\n  {edge_sentence(edge)}")
    if provenance.groups:
        groups = "; ".join("[" + join_ids(group) + "]" for group in provenance.groups)
        lines.append(f"\nCounted as one source each: {groups}")
    for reason in provenance.reasons:
        lines.append(f"\n  – {reason}", style="dim")
    return [lines]


def scorecard_table(report: StoryReport) -> Table:
    """One row per article."""
    outlets = articles_by_id(report)
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    for name in ("Article", "Outlet", "Corroborated", "Contradicted", "Single-source", "Originality"):
        table.add_column(name, justify="left" if name in ("Article", "Outlet") else "right")
    for card in report.scorecards:
        info = outlets.get(card.article)
        table.add_row(
            Text(card.article),
            Text((info.outlet if info else None) or "—"),
            str(card.corroborated),
            Text(str(card.contradicted), style="red" if card.contradicted else ""),
            str(card.single_source),
            percent(card.originality),
        )
    return table


def timeline_table(report: StoryReport) -> Table:
    """Dated events in order."""
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=4)
    table.add_column("Articles", ratio=1)
    for event in report.timeline:
        table.add_row(Text(event.date), Text(event.event), Text(join_ids(event.articles)))
    return table
