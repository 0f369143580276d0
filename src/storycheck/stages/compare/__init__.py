"""compare: aligned claims -> facts, discrepancies, single-source claims and quote comparisons.

- a group of claims from two or more articles with no disputed slot is a fact;
- numbers (as ranges), dates (as intervals), places (with containment), people in an office,
  offices of a person, quotes and contradicting claims are checked for discrepancies;
- a claim no other article makes, carrying something checkable (a name, number, date or
  quote), is single-source.

One module per kind of slot; `common.py` holds what they share. May import `model`,
`config`, `analyze` (its readers) and `resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ...model import (
    AnalyzedArticle,
    Claim,
    ClaimGroup,
    ClaimRef,
    Comparison,
    Discrepancy,
    EntityIndex,
    Evidence,
    Fact,
    SingleSourceClaim,
    Story,
    UnresolvedDifference,
)
from .agreement import partition_group
from .claims import claim_discrepancies
from .common import dedupe, without_restatements
from .edits import edited_copy_discrepancies
from .events import event_place_discrepancies
from .minimal_pairs import counted_in_context, minimal_pair_discrepancies
from .people import name_discrepancies, role_discrepancies
from .quotes import compare_quotes
from .restated import restated_elsewhere
from .slots import slot_discrepancies
from .tenure import tenure_discrepancies

__all__ = ["claim_kind", "compare_claims"]

# How a sentence ends; a line without one is a heading, a caption or a label.
SENTENCE_ENDINGS = (".", "!", "?", '"', "”", "’", "'", ")", "…")
# Credit lines at the end of an article.
TAGLINE = re.compile(
    r"\b(?:writes? for|wrote for|contributed to this (?:report|story)|reporting by|editing by|"
    r"additional reporting)\b",
    re.IGNORECASE,
)
# Severity order for sorting.
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def compare_claims(story: Story, entities: EntityIndex, groups: Sequence[ClaimGroup]) -> Comparison:
    """Compare the aligned claims of a story."""
    quotes, quote_found = compare_quotes(story, entities)
    found = [
        *name_discrepancies(story, entities, groups),
        *role_discrepancies(story, entities),
        *slot_discrepancies(story, groups, entities.by_mention),
        *event_place_discrepancies(story, entities, groups),
        *tenure_discrepancies(story, entities),
        *quote_found,
        *claim_discrepancies(story, groups),
        *minimal_pair_discrepancies(story, entities),
        *counted_in_context(story),
        *edited_copy_discrepancies(story),
    ]
    discrepancies = _numbered(without_restatements(dedupe(found)))
    disputed = _disputed_spans(discrepancies)
    facts, unresolved = _facts(story, entities, groups, disputed)
    return Comparison(
        facts=tuple(facts),
        discrepancies=tuple(discrepancies),
        single_source=tuple(_single_source(story, groups)),
        quotes=tuple(quotes),
        unresolved=tuple(unresolved),
    )


def claim_kind(claim: Claim) -> str:
    """What a claim mostly asserts: a quote, a number, a date, a name, or an event."""
    if claim.quotes:
        return "quote"
    if claim.quantities:
        return "number"
    if claim.times:
        return "date"
    if claim.roles or claim.mentions:
        return "entity"
    return "event"


def _numbered(found: list[Discrepancy]) -> list[Discrepancy]:
    ordered = sorted(found, key=lambda d: (SEVERITY_RANK[d.severity], -_article_count(d), d.kind, d.subject))
    return [replace(d, id=f"d{number}") for number, d in enumerate(ordered, start=1)]


def _article_count(discrepancy: Discrepancy) -> int:
    return len({a for value in discrepancy.values for a in value.articles})


def _disputed_spans(discrepancies: Sequence[Discrepancy]) -> set[tuple[str, int, int]]:
    return {(e.article, e.start, e.end) for d in discrepancies for value in d.values for e in value.evidence}


def _is_disputed(story: Story, ref: ClaimRef, disputed: set[tuple[str, int, int]]) -> bool:
    span = story.by_id(ref.article).claims[ref.index].span
    return any(a == ref.article and span.start <= s and e <= span.end for a, s, e in disputed)


def _facts(
    story: Story, entities: EntityIndex, groups: Sequence[ClaimGroup], disputed: set[tuple[str, int, int]]
) -> tuple[list[Fact], list[UnresolvedDifference]]:
    """Facts from the groups no discrepancy touches, each citing only the members that agree
    on every number, person, date and place (see agreement.py); the members left out of a
    fact make an unresolved difference."""
    facts: list[Fact] = []
    unresolved: list[UnresolvedDifference] = []
    for group in groups:
        if len(group.articles) < 2 or any(_is_disputed(story, ref, disputed) for ref in group.members):
            continue
        central = _central_member(story, group)
        split = partition_group(story, entities, group.members, central)
        if split.unresolved is not None:
            unresolved.append(replace(split.unresolved, id=f"u{len(unresolved) + 1}"))
        support = tuple(dict.fromkeys(ref.article for ref in split.agreeing))
        if len(support) < 2:
            continue
        claim = story.by_id(central.article).claims[central.index]
        facts.append(
            Fact(
                id=f"f{len(facts) + 1}",
                statement=claim.span.text,
                kind=claim_kind(claim),
                support=tuple(a for a in group.articles if a in support),
                evidence=tuple(_evidence(story, ref) for ref in split.agreeing),
            )
        )
    return facts, unresolved


def _central_member(story: Story, group: ClaimGroup) -> ClaimRef:
    """The member closest to all others: the best single wording of the group."""
    vectors = np.stack([story.by_id(ref.article).embeddings[ref.index] for ref in group.members])
    scores = (vectors @ vectors.T).sum(axis=1)
    return group.members[int(scores.argmax())]


def _evidence(story: Story, ref: ClaimRef) -> Evidence:
    return Evidence.of(ref.article, story.by_id(ref.article).claims[ref.index].span)


def _single_source(story: Story, groups: Sequence[ClaimGroup]) -> list[SingleSourceClaim]:
    if len(story.articles) < 2:
        return []
    found = []
    for group in groups:
        if len(group.articles) != 1:
            continue
        for ref in group.members:
            analyzed = story.by_id(ref.article)
            claim = analyzed.claims[ref.index]
            if _checkable(analyzed, claim) and not restated_elsewhere(story, ref):
                found.append(
                    SingleSourceClaim(ref.article, claim.span.text, claim_kind(claim), _evidence(story, ref))
                )
    return sorted(found, key=lambda c: (c.article, c.evidence.start))


def _checkable(analyzed: AnalyzedArticle, claim: Claim) -> bool:
    """A claim a fact-checker could verify: a sentence (not a heading) that names someone or
    something, or gives a number, a date or a quote."""
    if not claim.span.text.rstrip().endswith(SENTENCE_ENDINGS):
        return False  # a heading or a caption states nothing on its own
    if TAGLINE.search(claim.span.text):
        return False  # "X writes for the Y", "Z contributed to this report": credits, not claims
    return bool(claim.quotes or claim.quantities or claim.times or claim.roles or claim.mentions)
