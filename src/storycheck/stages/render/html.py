"""One self-contained HTML page for a StoryReport: inline CSS and JS, no external URL.

Article text is hostile input. Jinja2 autoescape is on for the template; the few pieces
built here as Markup (highlighted article text, cited brief, provenance SVG) escape every
slice of text with `markupsafe.escape` before any tag is put around it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ...model import Evidence, StoryReport
from .common import (
    CITATION,
    FIDELITY_LABELS,
    KIND_LABELS,
    articles_by_id,
    counts_line,
    edge_sentence,
    in_context,
    involved,
    legend_rows,
    percent,
    reading,
    reference_note,
    short_labels,
    single_by_article,
    version_label,
    when_where,
)
from .svg import provenance_svg

# The page template and the assets inlined into it, in storycheck/templates/.
TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
SCRIPT = "report.js"


@dataclass(frozen=True)
class Highlight:
    """A span to mark in an article: its CSS class and the findings it belongs to."""

    start: int
    end: int
    css: str
    refs: tuple[str, ...]


@cache
def environment() -> Environment:
    """The Jinja2 environment (autoescape on for every template), built once."""
    return Environment(
        loader=PackageLoader("storycheck", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def asset(name: str) -> Markup:
    """A static file of the templates folder, inlined verbatim (trusted, not a template)."""
    env = environment()
    if env.loader is None:
        raise LookupError(name)
    source, _, _ = env.loader.get_source(env, name)
    return Markup(source)


def render_html(report: StoryReport, *, texts: Mapping[str, str] | None = None) -> str:
    """The report as one HTML page; `texts` (article id -> text) shows the articles marked up."""
    return environment().get_template(TEMPLATE).render(**page_context(report, texts or {}))


def page_context(report: StoryReport, texts: Mapping[str, str]) -> dict[str, Any]:
    """Everything the template needs: the report plus pre-built, escaped Markup."""
    ids = [info.id for info in report.articles]
    labels = short_labels(report)
    return {
        "labels": labels,
        "legend": legend_rows(report),
        "urls": {
            info.id: info.url
            for info in report.articles
            if info.url and info.url.startswith(("http://", "https://"))
        },
        "context": lambda evidence: in_context(evidence, texts),
        "report": report,
        "story": report.story,
        "counts": counts_line(report),
        "when_where": when_where(report.story),
        "reference": reference_note(report.story),
        "brief": cite_links(report.story.summary, labels),
        "kinds": sorted({item.kind for item in report.discrepancies}),
        "kind_labels": KIND_LABELS,
        "reading": reading,
        "version_label": version_label,
        "fidelity_labels": FIDELITY_LABELS,
        "label": lambda article_id: labels.get(article_id, article_id),
        "involved": involved,
        "percent": percent,
        "edge_sentence": lambda edge: edge_sentence(edge, labels),
        "single_groups": single_by_article(report),
        "articles": articles_by_id(report),
        "bodies": {
            article_id: highlight(texts[article_id], highlights(report, article_id, texts[article_id]))
            for article_id in ids
            if article_id in texts
        },
        "graph": provenance_svg(report),
        "css": asset(STYLESHEET),
        "js": asset(SCRIPT),
    }


def cite_links(summary: str, labels: Mapping[str, str]) -> Markup:
    """The brief, escaped, with each "[a, b]" citation turned into labelled links to the articles."""
    parts: list[Markup] = []
    position = 0
    for match in CITATION.finditer(summary):
        ids = [item.strip() for item in match.group(1).split(",")]
        if not ids or not all(article_id in labels for article_id in ids):
            continue
        parts.append(escape(summary[position : match.start()]))
        links = Markup(", ").join(
            Markup('<a class="cite" href="#article-{0}" title="{0}">{1}</a>').format(
                article_id, labels[article_id]
            )
            for article_id in ids
        )
        parts.append(Markup('<span class="cites">[{}]</span>').format(links))
        position = match.end()
    parts.append(escape(summary[position:]))
    return Markup("").join(parts)


def _valid(evidence: Evidence, article_id: str, text: str) -> bool:
    """Evidence of this article whose offsets slice exactly its quoted text."""
    return (
        evidence.article == article_id
        and 0 <= evidence.start < evidence.end <= len(text)
        and text[evidence.start : evidence.end] == evidence.text
    )


def highlights(report: StoryReport, article_id: str, text: str) -> list[Highlight]:
    """Disputed spans (by discrepancy id) and single-source spans of one article."""
    marks = [
        Highlight(ev.start, ev.end, "disputed", (item.id,))
        for item in report.discrepancies
        for value in item.values
        for ev in value.evidence
        if _valid(ev, article_id, text)
    ]
    marks += [
        Highlight(claim.evidence.start, claim.evidence.end, "single", (f"s{number}",))
        for number, claim in enumerate(report.single_source, start=1)
        if _valid(claim.evidence, article_id, text)
    ]
    return marks


def highlight(text: str, marks: Sequence[Highlight]) -> Markup:
    """The text, escaped slice by slice, with <mark> around every highlighted stretch.

    Overlapping spans are cut at every boundary, so marks never nest or cross: each
    stretch carries the classes and ids of all the spans that cover it.
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    parts: list[Markup] = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        piece = escape(text[start:end])
        if not covering:
            parts.append(piece)
            continue
        css = " ".join(sorted({m.css for m in covering}))
        refs = " ".join(sorted({ref for m in covering for ref in m.refs}))
        parts.append(Markup('<mark class="{}" data-ref="{}">{}</mark>').format(css, refs, piece))
    return Markup("").join(parts)
