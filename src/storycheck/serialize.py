"""StoryReport <-> JSON-ready dict, the contract of `../shared/report.schema.json`.

`report_to_dict` and `report_from_dict` are exact inverses. Keys the schema does not name
(story.reference_date, story.reference_inferred, fact kind and confidence, quote variant
evidence, timeline background flags, provenance groups and reasons, skipped) are written
too: the schema allows them and they make the round trip lossless.
"""

from __future__ import annotations

import json
from typing import Any, cast

from .model import (
    SCHEMA_VERSION,
    ArticleInfo,
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    Fact,
    InputProblem,
    Provenance,
    ProvenanceEdge,
    QuoteComparison,
    QuoteVariant,
    Scorecard,
    SingleSourceClaim,
    StoryHeader,
    StoryReport,
    TimelineEvent,
    TimelineVersion,
    UnresolvedDifference,
)

# Name written in the report's "tool" object.
TOOL_NAME = "storycheck"
# JSON indentation: readable in a terminal and in a diff of golden files.
JSON_INDENT = 2

Json = dict[str, Any]


def report_to_json(report: StoryReport) -> str:
    """The report as JSON text: indented, UTF-8 characters kept, keys in a fixed order."""
    return json.dumps(report_to_dict(report), indent=JSON_INDENT, ensure_ascii=False)


def report_to_dict(report: StoryReport) -> Json:
    """The report as a JSON-ready dict that validates against the report schema."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "story": _header_to_dict(report.story),
        "articles": [_article_to_dict(info) for info in report.articles],
        "facts": [_fact_to_dict(fact) for fact in report.facts],
        "discrepancies": [_discrepancy_to_dict(item) for item in report.discrepancies],
        "single_source": [_single_to_dict(claim) for claim in report.single_source],
        "quotes": [_quote_to_dict(quote) for quote in report.quotes],
        "provenance": _provenance_to_dict(report.provenance),
        "scorecards": [_scorecard_to_dict(card) for card in report.scorecards],
        "timeline": [_event_to_dict(event) for event in report.timeline],
        "skipped": [_problem_to_dict(problem) for problem in report.skipped],
        "unresolved": [_unresolved_to_dict(item) for item in report.unresolved],
    }


def report_from_dict(data: Json) -> StoryReport:
    """Rebuild the StoryReport that `report_to_dict` wrote.

    Raises:
        KeyError: a required key is missing.
    """
    tool = cast(Json, data.get("tool") or {})
    return StoryReport(
        story=_header_from_dict(data["story"]),
        articles=tuple(_article_from_dict(item) for item in data["articles"]),
        facts=tuple(_fact_from_dict(item) for item in data["facts"]),
        discrepancies=tuple(_discrepancy_from_dict(item) for item in data["discrepancies"]),
        single_source=tuple(_single_from_dict(item) for item in data["single_source"]),
        quotes=tuple(_quote_from_dict(item) for item in data["quotes"]),
        provenance=_provenance_from_dict(data["provenance"]),
        scorecards=tuple(_scorecard_from_dict(item) for item in data["scorecards"]),
        timeline=tuple(_event_from_dict(item) for item in data["timeline"]),
        skipped=tuple(_problem_from_dict(item) for item in data.get("skipped", ())),
        tool_version=str(tool.get("version", "")),
        unresolved=tuple(_unresolved_from_dict(item) for item in data.get("unresolved", ())),
    )


# ---------------------------------------------------------------- to dict


def _evidence_to_dict(evidence: Evidence) -> Json:
    return {"article": evidence.article, "start": evidence.start, "end": evidence.end, "text": evidence.text}


def _header_to_dict(header: StoryHeader) -> Json:
    return {
        "headline": header.headline,
        "summary": header.summary,
        "when": header.when,
        "where": header.where,
        "reference_date": header.reference_date,
        "reference_inferred": header.reference_inferred,
    }


def _article_to_dict(info: ArticleInfo) -> Json:
    return {
        "id": info.id,
        "title": info.title,
        "outlet": info.outlet,
        "byline": info.byline,
        "published": info.published,
        "language": info.language,
        "words": info.words,
        "location": info.location,
        "text": info.text,
        "url": info.url,
    }


def _fact_to_dict(fact: Fact) -> Json:
    return {
        "id": fact.id,
        "statement": fact.statement,
        "kind": fact.kind,
        "support": list(fact.support),
        "independent_sources": fact.independent_sources,
        "confidence": fact.confidence,
        "evidence": [_evidence_to_dict(evidence) for evidence in fact.evidence],
    }


def _unresolved_to_dict(item: UnresolvedDifference) -> Json:
    return {
        "id": item.id,
        "kinds": list(item.kinds),
        "subject": item.subject,
        "statements": [_evidence_to_dict(evidence) for evidence in item.statements],
        "values": [_evidence_to_dict(evidence) for evidence in item.values],
    }


def _unresolved_from_dict(data: Json) -> UnresolvedDifference:
    return UnresolvedDifference(
        id=data["id"],
        kinds=tuple(data["kinds"]),
        subject=data["subject"],
        statements=tuple(_evidence_from_dict(item) for item in data["statements"]),
        values=tuple(_evidence_from_dict(item) for item in data["values"]),
    )


def _discrepancy_to_dict(item: Discrepancy) -> Json:
    return {
        "id": item.id,
        "kind": item.kind,
        "subject": item.subject,
        "severity": item.severity,
        "values": [
            {
                "value": value.value,
                "normalized": value.normalized,
                "articles": list(value.articles),
                "evidence": [_evidence_to_dict(evidence) for evidence in value.evidence],
            }
            for value in item.values
        ],
        "explanation": item.explanation,
    }


def _single_to_dict(claim: SingleSourceClaim) -> Json:
    return {
        "article": claim.article,
        "statement": claim.statement,
        "kind": claim.kind,
        "evidence": _evidence_to_dict(claim.evidence),
    }


def _quote_to_dict(quote: QuoteComparison) -> Json:
    return {
        "speaker": quote.speaker,
        "text": quote.text,
        "variants": [
            {
                "text": variant.text,
                "articles": list(variant.articles),
                "fidelity": variant.fidelity,
                "evidence": [_evidence_to_dict(evidence) for evidence in variant.evidence],
            }
            for variant in quote.variants
        ],
    }


def _provenance_to_dict(provenance: Provenance) -> Json:
    return {
        "original": provenance.original,
        "edges": [
            {"source": edge.source, "derived": edge.derived, "reuse": edge.reuse, "kind": edge.kind}
            for edge in provenance.edges
        ],
        "groups": [list(group) for group in provenance.groups],
        "reasons": list(provenance.reasons),
    }


def _scorecard_to_dict(card: Scorecard) -> Json:
    return {
        "article": card.article,
        "corroborated": card.corroborated,
        "contradicted": card.contradicted,
        "single_source": card.single_source,
        "originality": card.originality,
    }


def _event_to_dict(event: TimelineEvent) -> Json:
    return {
        "date": event.date,
        "event": event.event,
        "articles": list(event.articles),
        "evidence": [_evidence_to_dict(evidence) for evidence in event.evidence],
        "background": event.background,
        "disputed": event.disputed,
        "versions": [
            {"date": version.date, "event": version.event, "articles": list(version.articles)}
            for version in event.versions
        ],
    }


def _problem_to_dict(problem: InputProblem) -> Json:
    return {"location": problem.location, "code": problem.code, "message": problem.message}


# ---------------------------------------------------------------- from dict


def _evidence_from_dict(data: Json) -> Evidence:
    return Evidence(
        article=data["article"], start=int(data["start"]), end=int(data["end"]), text=data["text"]
    )


def _evidences(items: Any) -> tuple[Evidence, ...]:
    return tuple(_evidence_from_dict(item) for item in items or ())


def _header_from_dict(data: Json) -> StoryHeader:
    return StoryHeader(
        headline=data["headline"],
        summary=data["summary"],
        when=data.get("when"),
        where=data.get("where"),
        reference_date=data.get("reference_date"),
        reference_inferred=bool(data.get("reference_inferred", False)),
    )


def _article_from_dict(data: Json) -> ArticleInfo:
    return ArticleInfo(
        id=data["id"],
        words=int(data["words"]),
        title=data.get("title"),
        outlet=data.get("outlet"),
        byline=data.get("byline"),
        published=data.get("published"),
        language=data.get("language"),
        location=data.get("location"),
        text=str(data.get("text", "")),
        url=data.get("url"),
    )


def _fact_from_dict(data: Json) -> Fact:
    return Fact(
        id=data["id"],
        statement=data["statement"],
        kind=data.get("kind", ""),
        support=tuple(data["support"]),
        evidence=_evidences(data["evidence"]),
        independent_sources=int(data["independent_sources"]),
        confidence=float(data.get("confidence", 0.0)),
    )


def _discrepancy_from_dict(data: Json) -> Discrepancy:
    values = tuple(
        DiscrepancyValue(
            value=value["value"],
            normalized=value.get("normalized"),
            articles=tuple(value["articles"]),
            evidence=_evidences(value["evidence"]),
        )
        for value in data["values"]
    )
    return Discrepancy(
        id=data["id"],
        kind=data["kind"],
        subject=data["subject"],
        severity=data["severity"],
        values=values,
        explanation=data["explanation"],
    )


def _single_from_dict(data: Json) -> SingleSourceClaim:
    return SingleSourceClaim(
        article=data["article"],
        statement=data["statement"],
        kind=data.get("kind", ""),
        evidence=_evidence_from_dict(data["evidence"]),
    )


def _quote_from_dict(data: Json) -> QuoteComparison:
    variants = tuple(
        QuoteVariant(
            text=variant["text"],
            articles=tuple(variant["articles"]),
            fidelity=variant["fidelity"],
            evidence=_evidences(variant.get("evidence")),
        )
        for variant in data["variants"]
    )
    return QuoteComparison(speaker=data.get("speaker"), text=data["text"], variants=variants)


def _provenance_from_dict(data: Json) -> Provenance:
    edges = tuple(
        ProvenanceEdge(
            source=edge["source"], derived=edge["derived"], reuse=float(edge["reuse"]), kind=edge["kind"]
        )
        for edge in data["edges"]
    )
    return Provenance(
        original=data.get("original"),
        edges=edges,
        groups=tuple(tuple(group) for group in data.get("groups", ())),
        reasons=tuple(data.get("reasons", ())),
    )


def _scorecard_from_dict(data: Json) -> Scorecard:
    return Scorecard(
        article=data["article"],
        corroborated=int(data["corroborated"]),
        contradicted=int(data["contradicted"]),
        single_source=int(data["single_source"]),
        originality=float(data["originality"]),
    )


def _event_from_dict(data: Json) -> TimelineEvent:
    return TimelineEvent(
        date=data["date"],
        event=data["event"],
        articles=tuple(data["articles"]),
        evidence=_evidences(data.get("evidence")),
        background=bool(data.get("background", False)),
        disputed=bool(data.get("disputed", False)),
        versions=tuple(
            TimelineVersion(item["date"], item["event"], tuple(item["articles"]))
            for item in data.get("versions", ())
        ),
    )


def _problem_from_dict(data: Json) -> InputProblem:
    return InputProblem(location=data["location"], code=data["code"], message=data["message"])
