"""The provenance graph as inline SVG, laid out in Python (no script, no external file).

Articles are boxes; an arrow runs from a source to each article derived from it, labelled
with the kind and the share reused. Articles derived from nothing sit on the top row (the
original among them, highlighted); each derivation step is one row further down. Every
piece of text is escaped with markupsafe before it is placed in the markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ...model import ArticleInfo, ProvenanceEdge, StoryReport
from .common import percent

# Box of one article, in SVG user units (about pixels): fits an id and a short outlet.
NODE_W = 168
NODE_H = 46
# Space between boxes on a row, and between rows (room for an edge label).
GAP_X = 36
GAP_Y = 84
MARGIN = 16
# Longest outlet name shown inside a box before it is cut.
OUTLET_CHARS = 22
# Longest chain of derivations followed; deeper (or cyclic) chains stop here.
MAX_DEPTH = 8


@dataclass(frozen=True)
class Node:
    article: str
    outlet: str
    x: float
    y: float
    original: bool


def depths(articles: Sequence[str], edges: Sequence[ProvenanceEdge]) -> dict[str, int]:
    """Row of each article: 0 if derived from nothing, else one below its deepest source."""
    sources: dict[str, list[str]] = {}
    for edge in edges:
        if edge.kind != "independent" and edge.source != edge.derived:
            sources.setdefault(edge.derived, []).append(edge.source)
    depth = dict.fromkeys(articles, 0)
    for _ in range(MAX_DEPTH):
        changed = False
        for article, parents in sources.items():
            wanted = min(MAX_DEPTH, 1 + max(depth.get(parent, 0) for parent in parents))
            if depth.get(article, 0) < wanted:
                depth[article] = wanted
                changed = True
        if not changed:
            break
    return depth


def layout(report: StoryReport) -> list[Node]:
    """Boxes placed row by row, each row centred on the widest one."""
    infos = {info.id: info for info in report.articles}
    ids = list(infos)
    for edge in report.provenance.edges:
        ids += [article for article in (edge.source, edge.derived) if article not in ids]
    depth = depths(ids, report.provenance.edges)
    rows: dict[int, list[str]] = {}
    for article in ids:
        rows.setdefault(depth[article], []).append(article)
    widest = max((len(row) for row in rows.values()), default=1)
    nodes = []
    for level, row in sorted(rows.items()):
        offset = (widest - len(row)) * (NODE_W + GAP_X) / 2
        for column, article in enumerate(row):
            x = MARGIN + offset + column * (NODE_W + GAP_X)
            y = MARGIN + level * (NODE_H + GAP_Y)
            outlet = _outlet(infos.get(article))
            nodes.append(Node(article, outlet, x, y, article == report.provenance.original))
    return nodes


def _outlet(info: ArticleInfo | None) -> str:
    name = (info.outlet or "") if info else ""
    return name if len(name) <= OUTLET_CHARS else name[: OUTLET_CHARS - 1] + "…"


def node_svg(node: Node) -> Markup:
    """One article box, linking to the article in the page."""
    css = "node original" if node.original else "node"
    cx = node.x + NODE_W / 2
    label = " (original)" if node.original else ""
    return Markup(
        '<a href="#article-{id}"><g class="{css}"><title>{id}{label}</title>'
        '<rect x="{x:.0f}" y="{y:.0f}" width="{w}" height="{h}" rx="6"/>'
        '<text x="{cx:.0f}" y="{y1:.0f}" class="node-id">{id}</text>'
        '<text x="{cx:.0f}" y="{y2:.0f}" class="node-outlet">{outlet}</text></g></a>'
    ).format(
        id=node.article,
        css=css,
        label=label,
        x=node.x,
        y=node.y,
        w=NODE_W,
        h=NODE_H,
        cx=cx,
        y1=node.y + 19,
        y2=node.y + 36,
        outlet=node.outlet,
    )


def edge_svg(edge: ProvenanceEdge, nodes: dict[str, Node]) -> Markup:
    """One arrow from the source box to the derived box, labelled "kind NN%"."""
    source, derived = nodes[edge.source], nodes[edge.derived]
    x1, y1, x2, y2 = _ends(source, derived)
    css = "edge independent" if edge.kind == "independent" else f"edge {edge.kind}"
    marker = "" if edge.kind == "independent" else ' marker-end="url(#arrow)"'
    return Markup(
        '<g class="{css}"><line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"{marker}/>'
        '<text x="{mx:.0f}" y="{my:.0f}" class="edge-label">{kind} {reuse}</text></g>'
    ).format(
        css=css,
        x1=x1,
        y1=y1,
        x2=x2,
        y2=y2,
        marker=Markup(marker),
        mx=(x1 + x2) / 2,
        my=(y1 + y2) / 2 + 4,
        kind=edge.kind,
        reuse=percent(edge.reuse),
    )


def _ends(source: Node, derived: Node) -> tuple[float, float, float, float]:
    """Attach points: bottom of the upper box to top of the lower, or side to side."""
    if derived.y > source.y:
        return (source.x + NODE_W / 2, source.y + NODE_H, derived.x + NODE_W / 2, derived.y - 2)
    if derived.y < source.y:
        return (source.x + NODE_W / 2, source.y, derived.x + NODE_W / 2, derived.y + NODE_H + 2)
    left = derived.x > source.x
    x1 = source.x + NODE_W if left else source.x
    x2 = derived.x - 2 if left else derived.x + NODE_W + 2
    return (x1, source.y + NODE_H / 2, x2, derived.y + NODE_H / 2)


def provenance_svg(report: StoryReport) -> Markup:
    """The whole graph as one <svg> element (empty Markup when there are no articles)."""
    nodes = layout(report)
    if not nodes:
        return Markup("")
    by_id = {node.article: node for node in nodes}
    width = max(node.x for node in nodes) + NODE_W + MARGIN
    height = max(node.y for node in nodes) + NODE_H + MARGIN
    parts = [edge_svg(edge, by_id) for edge in report.provenance.edges]
    parts += [node_svg(node) for node in nodes]
    return Markup(
        '<svg class="provenance-graph" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" '
        'role="img" aria-label="Provenance graph"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" '
        'refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>{body}</svg>'
    ).format(w=width, h=height, body=Markup("").join(parts))
