"""The typed result of a verify run: one verdict per derived sentence, and a document score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Span

Label = Literal["supported", "contradicted", "unsupported"]
ConflictKind = Literal["name", "role", "number", "date", "place", "quote", "claim"]


@dataclass(frozen=True)
class Conflict:
    """A typed disagreement between a derived sentence and its evidence in the source.

    `derived` indexes the derived text; `source` (when the source says something else)
    indexes the source text.
    """

    kind: ConflictKind
    derived: Span
    source: Span | None
    explanation: str


@dataclass(frozen=True)
class SentenceVerdict:
    """One sentence of the derived text, its label, its best evidence and its conflicts.

    `score` is the model's probability that the sentence is supported by the source;
    `evidence` is the best-aligned source sentence (None when nothing aligns).
    """

    sentence: Span
    label: Label
    score: float
    evidence: Span | None
    similarity: float
    conflicts: tuple[Conflict, ...] = ()
    novel: tuple[Span, ...] = ()  # names, numbers, dates the source never mentions


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on a derived text against its source.

    `consistency` in [0, 1] estimates the probability that a careful reader finds no
    factual error in the derived text against the source (calibrated on FRANK validation);
    `consistent` is `consistency >= threshold`.
    """

    source_id: str
    derived_id: str
    source_text: str
    derived_text: str
    consistency: float
    threshold: float
    sentences: tuple[SentenceVerdict, ...]

    @property
    def consistent(self) -> bool:
        return self.consistency >= self.threshold

    def count(self, label: Label) -> int:
        return sum(1 for verdict in self.sentences if verdict.label == label)
