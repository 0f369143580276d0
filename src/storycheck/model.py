"""The typed data model every stage shares.

Everything here is a frozen dataclass: a stage takes some of these and returns new ones,
never mutating its inputs. Character offsets (`start`, `end`) always index the text of
the `Article` they belong to, exactly as it was read, so any span can be shown to a user
by slicing `article.text[start:end]`.

Flow: Article -> AnalyzedArticle -> Story -> (EntityIndex, ClaimGroup, Comparison,
Provenance) -> StoryReport.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

SCHEMA_VERSION = "1"

DiscrepancyKind = Literal["name", "role", "number", "date", "place", "quote", "claim"]
Severity = Literal["high", "medium", "low"]
Fidelity = Literal["exact", "minor", "altered", "unverified"]
EdgeKind = Literal["copy", "rewrite", "translation", "independent"]
EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]
Granularity = Literal["day", "month", "year", "season", "range"]

Vector = npt.NDArray[np.float32]


# ---------------------------------------------------------------- input


@dataclass(frozen=True)
class Span:
    """A stretch of one article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article as read by ingest. `text` is the body the offsets refer to."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    url: str | None = None
    location: str | None = None  # path or URL it was read from
    language: str | None = "en"

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class InputProblem:
    """An input that was skipped, with the coded reason (see errors.py)."""

    location: str
    code: str
    message: str


# ---------------------------------------------------------------- analysis of one article


@dataclass(frozen=True)
class Mention:
    """A named entity in the text (spaCy label set reduced to EntityLabel)."""

    span: Span
    label: EntityLabel
    sentence: int  # index into AnalyzedArticle.sentences


@dataclass(frozen=True)
class RoleMention:
    """A person named with a role or title: "Japanese Prime Minister X", "X, who took office ...".

    `role` is normalized lower case ("prime minister", "national security adviser");
    `qualifier` is the country/organisation the role belongs to, normalized to a
    canonical place or org name when known ("Japan"), else None.
    """

    person: Span
    role: str
    role_span: Span
    qualifier: str | None
    sentence: int


@dataclass(frozen=True)
class Quantity:
    """A number with its modifier as a closed range [low, high] (None = unbounded).

    "up to 4,500 troops" -> low=None, high=4500; "about 4,500" -> 4500 +- 10%;
    "more than 7,000" -> low=7000, high=None; "4,500" -> low=high=4500. `value` is the number as written
    normalised to a float; `unit` is the lemma of the counted noun ("troop", "container",
    "percent", "usd") or "" when none.
    """

    span: Span
    value: float
    low: float | None
    high: float | None
    unit: str
    modifier: str  # "", "about", "up to", "more than", "at least", ...
    sentence: int


@dataclass(frozen=True)
class TimeExpr:
    """A date or time expression normalized to the closed interval [start, end]."""

    span: Span
    start: dt.date
    end: dt.date
    granularity: Granularity
    relative: bool  # resolved against the reference date ("Friday", "last year")
    sentence: int

    @property
    def iso(self) -> str:
        """Partial ISO form: "2024-11-15", "2024-10", "2023", or "start/end"."""
        if self.granularity == "day":
            return self.start.isoformat()
        if self.granularity == "month":
            return self.start.strftime("%Y-%m")
        if self.granularity == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class Quote:
    """Direct speech. `span` covers the words inside the quote marks."""

    span: Span
    speaker: str | None  # surface form of the speaker as resolved in this article
    speaker_span: Span | None
    sentence: int
    partial: bool = False  # a fragment inside reported speech


@dataclass(frozen=True)
class Claim:
    """A comparable unit (a sentence or clause) with the indexes of its slots.

    The tuples index into the AnalyzedArticle's `mentions`, `quantities`, `times`,
    `quotes` and `roles`.
    """

    span: Span
    sentence: int
    mentions: tuple[int, ...] = ()
    quantities: tuple[int, ...] = ()
    times: tuple[int, ...] = ()
    quotes: tuple[int, ...] = ()
    roles: tuple[int, ...] = ()
    negated: bool = False


@dataclass(frozen=True, eq=False)
class AnalyzedArticle:
    """An article with everything analyze extracted. `embeddings[i]` embeds `claims[i]`."""

    article: Article
    reference_date: dt.date
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[RoleMention, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[TimeExpr, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    embeddings: Vector = field(repr=False)  # (len(claims), dim), L2-normalised; (0, dim) unembedded
    dateline: str | None = None  # "QUITO, Ecuador (AP) —" style place, when present
    wire: str | None = None  # wire service credited in the byline or dateline

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, eq=False)
class Story:
    """The analyzed articles of one story and the reference date they were read against."""

    articles: tuple[AnalyzedArticle, ...]
    reference_date: dt.date
    reference_inferred: bool

    def by_id(self, article_id: str) -> AnalyzedArticle:
        for analyzed in self.articles:
            if analyzed.id == article_id:
                return analyzed
        raise KeyError(article_id)


# ---------------------------------------------------------------- across articles


@dataclass(frozen=True)
class MentionRef:
    """One mention in one article: (article id, index into that article's mentions)."""

    article: str
    index: int


@dataclass(frozen=True)
class Entity:
    """A real-world thing several mentions refer to, after resolution."""

    id: str
    name: str  # canonical (longest, most frequent full) name
    label: EntityLabel
    aliases: tuple[str, ...]
    mentions: tuple[MentionRef, ...]
    country: str | None = None  # for places: the country it lies in, when known


@dataclass(frozen=True)
class RoleHolding:
    """`entity` is said to hold `role` (key "japan|prime minister") in one article."""

    role_key: str
    entity: str  # Entity.id
    article: str
    role: int  # index into that article's roles


@dataclass(frozen=True)
class EntityIndex:
    entities: tuple[Entity, ...]
    by_mention: dict[MentionRef, str]  # mention -> Entity.id
    holdings: tuple[RoleHolding, ...]

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)


@dataclass(frozen=True)
class ClaimRef:
    article: str
    index: int  # into that article's claims


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from different articles about the same thing."""

    id: str
    members: tuple[ClaimRef, ...]
    similarity: float  # mean pairwise cosine of the members' embeddings

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({member.article for member in self.members}))


# ---------------------------------------------------------------- findings (mirror the schema)


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
class Comparison:
    """What compare found across a story's articles."""

    facts: tuple[Fact, ...]
    discrepancies: tuple[Discrepancy, ...]
    single_source: tuple[SingleSourceClaim, ...]
    quotes: tuple[QuoteComparison, ...]


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
class TimelineEvent:
    date: str
    event: str
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    background: bool = False  # a date well before the story's own events (context)


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
