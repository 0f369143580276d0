"""Findings and the StoryReport (they mirror report.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass

from .article import InputProblem, Span
from .kinds import DiscrepancyKind, EdgeKind, Fidelity, Severity


@dataclass(frozen=True)
class Evidence:
    article: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: str, span: Span) -> Evidence:
        return cls(article=article, start=span.start, end=span.end, text=span.text)


@dataclass(frozen=True)
class Fact:
    id: str
    statement: str
    kind: str
    support: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    independent_sources: int = 0  # filled in by report, from provenance
    confidence: float = 0.0


@dataclass(frozen=True)
class DiscrepancyValue:
    value: str
    normalized: str | None
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Discrepancy:
    id: str
    kind: DiscrepancyKind
    subject: str
    severity: Severity
    values: tuple[DiscrepancyValue, ...]
    explanation: str


@dataclass(frozen=True)
class SingleSourceClaim:
    article: str
    statement: str
    kind: str
    evidence: Evidence


@dataclass(frozen=True)
class QuoteVariant:
    text: str
    articles: tuple[str, ...]
    fidelity: Fidelity
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class QuoteComparison:
    speaker: str | None
    text: str  # the reference wording (most common / from the original)
    variants: tuple[QuoteVariant, ...]


@dataclass(frozen=True)
class UnresolvedDifference:
    """Aligned sentences that differ on a number, person, date or place, where the engine
    cannot tell whether they speak of the same thing: shown side by side, confirmed by none."""

    id: str
    kinds: tuple[DiscrepancyKind, ...]
    subject: str
    statements: tuple[Evidence, ...]  # one sentence per article
    values: tuple[Evidence, ...]  # the values that differ, inside those sentences


@dataclass(frozen=True)
class Comparison:
    """What compare found across a story's articles."""

    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...]
    single_source: tuple[SingleSourceClaim, ...]
    quotes: tuple[QuoteComparison, ...]
    unresolved: tuple[UnresolvedDifference, ...] = ()


@dataclass(frozen=True)
class ProvenanceEdge:
    source: str
    derived: str
    reuse: float  # 0..1 share of `derived` that comes from `source`
    kind: EdgeKind


@dataclass(frozen=True)
class Provenance:
    original: str | None
    edges: tuple[ProvenanceEdge, ...]
    groups: tuple[tuple[str, ...], ...]  # articles that count as one independent source
    reasons: tuple[str, ...] = ()  # why `original` was chosen, for the reader


@dataclass(frozen=True)
class Scorecard:
    article: str
    corroborated: int
    contradicted: int
    single_source: int
    originality: float


@dataclass(frozen=True)
class TimelineVersion:
    """One article's (or several articles') version of a disputed timeline event."""

    date: str
    event: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    event: str
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    background: bool = False  # a date well before the story's own events (context)
    disputed: bool = False  # its articles disagree on it, or others date it differently
    versions: tuple[TimelineVersion, ...] = ()  # each version, when disputed


@dataclass(frozen=True)
class StoryHeader:
    headline: str
    summary: str
    when: str | None
    where: str | None
    reference_date: str | None = None
    reference_inferred: bool = False


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    words: int
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    location: str | None = None
    text: str = ""  # the text every evidence span's start/end index, as read
    url: str | None = None  # where the article was published, when known


@dataclass(frozen=True)
class StoryReport:
    """The result of `check`: serialises to the JSON of report.schema.json."""

    story: StoryHeader
    articles: tuple[ArticleInfo, ...]
    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...]
    single_source: tuple[SingleSourceClaim, ...]
    quotes: tuple[QuoteComparison, ...]
    provenance: Provenance
    scorecards: tuple[Scorecard, ...]
    timeline: tuple[TimelineEvent, ...]
    skipped: tuple[InputProblem, ...] = ()
    tool_version: str = ""
    unresolved: tuple[UnresolvedDifference, ...] = ()
