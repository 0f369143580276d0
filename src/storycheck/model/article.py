"""One article: as read (Article, Span) and as analysed (mentions, quantities, dates, quotes,
claims), and a Story of analysed articles."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from .kinds import EntityLabel, Granularity, Vector

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
        """The analyzed article with this id (a dict lookup: called per claim pair).

        Raises:
            KeyError: no article has this id.
        """
        return self._by_id[article_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, AnalyzedArticle]:
        return {analyzed.id: analyzed for analyzed in self.articles}
