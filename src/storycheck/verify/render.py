"""Render VerifyResults as JSON, plain text or one self-contained HTML page.

Several results (derived texts checked against one source) render together: a JSON
array, one text block after another, one page with a section each.

Article text is hostile input: the HTML page escapes every slice of it with
`markupsafe.escape` before any tag is put around it, and loads nothing from outside.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..model import Span
from .result import Conflict, SentenceVerdict, VerifyResult

__all__ = ["render_verify", "to_dict"]

FORMATS = ("text", "json", "html")
MARKS = {"supported": "✓", "contradicted": "✗", "unsupported": "?"}
SCORE_NOTE = (
    "consistency: estimated probability that a careful reader finds no factual error in the "
    "derived text against the source (calibrated on FRANK validation)"
)
STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
.s{border-left:4px solid #999;padding:.3rem .8rem;margin:.8rem 0}
.supported{border-color:#2a8a3a}.contradicted{border-color:#c0392b;background:#fdf0ee}
.unsupported{border-color:#d89b00;background:#fffaf0}
.ev{color:#555;font-size:90%}.c{color:#c0392b}.tag{font-weight:600;text-transform:uppercase;font-size:80%}
"""


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {
        "kind": conflict.kind,
        "derived": _span(conflict.derived),
        "source": _span(conflict.source),
        "explanation": conflict.explanation,
    }


def _sentence(verdict: SentenceVerdict) -> dict[str, Any]:
    return {
        "sentence": _span(verdict.sentence),
        "label": verdict.label,
        "score": round(verdict.score, 4),
        "similarity": round(verdict.similarity, 4),
        "evidence": _span(verdict.evidence),
        "conflicts": [_conflict(c) for c in verdict.conflicts],
        "novel": [_span(s) for s in verdict.novel],
    }


def to_dict(result: VerifyResult) -> dict[str, Any]:
    """The result as plain JSON-ready data; spans index the source and derived texts as read."""
    return {
        "source": result.source_id,
        "derived": result.derived_id,
        "consistency": round(result.consistency, 4),
        "threshold": round(result.threshold, 4),
        "consistent": result.consistent,
        "score_meaning": SCORE_NOTE,
        "counts": {label: result.count(label) for label in MARKS},  # type: ignore[arg-type]
        "sentences": [_sentence(v) for v in result.sentences],
    }


def render_verify(results: VerifyResult | Sequence[VerifyResult], fmt: str) -> str:
    """Render as `json`, `text` or `html`; one result as one JSON object, several as an array."""
    many = [results] if isinstance(results, VerifyResult) else list(results)
    if fmt == "json":
        data = [to_dict(result) for result in many]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)
    if fmt == "html":
        return _html(many)
    return "\n\n".join(_text(result) for result in many)


def _summary_line(result: VerifyResult) -> str:
    verdict = "consistent" if result.consistent else "likely inconsistent"
    counts = ", ".join(f"{result.count(label)} {label}" for label in MARKS)  # type: ignore[arg-type]
    score = f"consistency {result.consistency:.2f} ({verdict})"
    return f"{result.derived_id} vs {result.source_id}: {score}; {counts}"


def _text(result: VerifyResult) -> str:
    lines = [_summary_line(result), f"({SCORE_NOTE}; threshold {result.threshold:.2f})", ""]
    for verdict in result.sentences:
        lines.append(f"{MARKS[verdict.label]} {verdict.label:<12} {verdict.sentence.text}")
        for conflict in verdict.conflicts:
            lines.append(f"    {conflict.kind} conflict: '{conflict.derived.text}' — {conflict.explanation}")
        if verdict.novel and not verdict.conflicts:
            lines.append("    not in source: " + ", ".join(f"'{s.text}'" for s in verdict.novel))
        if verdict.evidence is not None:
            where = f"[{verdict.evidence.start}:{verdict.evidence.end}]"
            lines.append(f"    source {where}: {verdict.evidence.text}")
    return "\n".join(lines)


def _html_sentence(verdict: SentenceVerdict) -> Markup:
    parts = [
        Markup('<div class="s {}"><span class="tag">{}</span> {} <small>({:.2f})</small>').format(
            verdict.label, verdict.label, verdict.sentence.text, verdict.score
        )
    ]
    for conflict in verdict.conflicts:
        parts.append(
            Markup('<div class="c">{} conflict: “{}” — {}</div>').format(
                conflict.kind, conflict.derived.text, conflict.explanation
            )
        )
    if verdict.novel and not verdict.conflicts:
        novel = ", ".join(s.text for s in verdict.novel)
        parts.append(Markup('<div class="c">not in source: {}</div>').format(novel))
    if verdict.evidence is not None:
        parts.append(Markup('<div class="ev">source: {}</div>').format(verdict.evidence.text))
    parts.append(Markup("</div>"))
    return Markup("").join(parts)


def _html_result(result: VerifyResult, heading: bool) -> Markup:
    body = Markup("").join(_html_sentence(v) for v in result.sentences)
    title = Markup("<h2>{}</h2>").format(result.derived_id) if heading else Markup("")
    return Markup("<section>{}<p><strong>{}</strong></p>{}</section>").format(
        title, _summary_line(result), body
    )


def _html(results: list[VerifyResult]) -> str:
    several = len(results) > 1
    title = f"{len(results)} texts vs {results[0].source_id}" if several else results[0].derived_id
    sections = Markup("").join(_html_result(result, several) for result in results)
    page = Markup(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<title>storycheck verify: {}</title><style>{}</style></head><body>"
        "<h1>storycheck verify</h1><p><small>{}; threshold {:.2f}</small></p>"
        "{}</body></html>"
    ).format(title, Markup(STYLE), SCORE_NOTE, results[0].threshold, sections)
    return str(page)
