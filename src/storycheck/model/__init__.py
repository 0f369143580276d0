"""The typed data model every stage shares.

Everything here is a frozen dataclass: a stage takes some of these and returns new ones,
never mutating its inputs. Character offsets (`start`, `end`) always index the text of
the `Article` they belong to, exactly as it was read, so any span can be shown to a user
by slicing `article.text[start:end]`.

Flow: Article -> AnalyzedArticle -> Story -> (EntityIndex, ClaimGroup, Comparison,
Provenance) -> StoryReport.

The classes live in `kinds.py` (schema vocabulary), `article.py` (one article, read and
analysed), `story.py` (resolution and alignment across articles) and `report.py` (findings,
mirroring report.schema.json); import them from here. Imports nothing of the project.
"""

from __future__ import annotations

from .article import (
    AnalyzedArticle,
    Article,
    Claim,
    InputProblem,
    Mention,
    Quantity,
    Quote,
    RoleMention,
    Span,
    Story,
    TimeExpr,
)
from .kinds import (
    SCHEMA_VERSION,
    DiscrepancyKind,
    EdgeKind,
    EntityLabel,
    Fidelity,
    Granularity,
    Severity,
    Vector,
)
from .report import (
    ArticleInfo,
    Comparison,
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    Fact,
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
from .story import ClaimGroup, ClaimRef, Entity, EntityIndex, MentionRef, RoleHolding

__all__ = [
    "SCHEMA_VERSION",
    "AnalyzedArticle",
    "Article",
    "ArticleInfo",
    "Claim",
    "ClaimGroup",
    "ClaimRef",
    "Comparison",
    "Discrepancy",
    "DiscrepancyKind",
    "DiscrepancyValue",
    "EdgeKind",
    "Entity",
    "EntityIndex",
    "EntityLabel",
    "Evidence",
    "Fact",
    "Fidelity",
    "Granularity",
    "InputProblem",
    "Mention",
    "MentionRef",
    "Provenance",
    "ProvenanceEdge",
    "Quantity",
    "Quote",
    "QuoteComparison",
    "QuoteVariant",
    "RoleHolding",
    "RoleMention",
    "Scorecard",
    "Severity",
    "SingleSourceClaim",
    "Span",
    "Story",
    "StoryHeader",
    "StoryReport",
    "TimeExpr",
    "TimelineEvent",
    "TimelineVersion",
    "UnresolvedDifference",
    "Vector",
]
