"""align: group claims from different articles that are about the same thing.

Score of a pair of claims from two articles = cosine of their MiniLM embeddings, plus a
bonus for the resolved entities they share (Jaccard). Each claim links to its best match in
every other article when the score clears the bar; a link is kept when it is mutual, or
when it clears a higher bar one-sidedly (a long sentence summarised by a short one).

Links are merged into groups strongest first (constrained average-linkage clustering): two
groups join only when they hold no article in common, so a group never holds two claims of
one article, and when their members still agree on average. Plain union-find would chain
A~B~C into one group even when A and C are about different things.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..config import AlignSettings
from ..model import AnalyzedArticle, ClaimGroup, ClaimRef, EntityIndex, MentionRef, Story, Vector

__all__ = ["align_claims", "claim_entities", "pair_scores"]

# One-sided best matches need this much more than the bar to be trusted.
ONE_SIDED_MARGIN = 0.1
# A merged group's members may agree a little less on average than a single link must.
GROUP_SLACK = 0.05


def align_claims(story: Story, entities: EntityIndex, settings: AlignSettings) -> tuple[ClaimGroup, ...]:
    """Group the story's claims across articles; claims no other article makes stay alone."""
    refs = [ClaimRef(a.id, i) for a in story.articles for i in range(len(a.claims))]
    scores: dict[tuple[str, str], Vector] = {}
    links: list[tuple[float, ClaimRef, ClaimRef]] = []
    for left, right in _article_pairs(story):
        matrix = pair_scores(left, right, entities, settings.entity_bonus)
        scores[left.id, right.id] = matrix
        links.extend(
            (float(matrix[a, b]), ClaimRef(left.id, a), ClaimRef(right.id, b))
            for a, b in _links(matrix, settings)
        )
    group_of: dict[ClaimRef, int] = {ref: number for number, ref in enumerate(refs)}
    members: dict[int, list[ClaimRef]] = {number: [ref] for number, ref in enumerate(refs)}
    for _, a, b in sorted(links, key=lambda link: (-link[0], _order(link[1]), _order(link[2]))):
        ga, gb = group_of[a], group_of[b]
        if ga == gb or not _can_merge(members[ga], members[gb], scores, settings):
            continue
        for ref in members[gb]:
            group_of[ref] = ga
        members[ga].extend(members.pop(gb))
    groups = [tuple(sorted(group, key=_order)) for group in members.values()]
    groups.sort(key=lambda group: (-len({ref.article for ref in group}), group[0].article, group[0].index))
    return tuple(
        ClaimGroup(id=f"g{number}", members=group, similarity=_mean_similarity(story, group))
        for number, group in enumerate(groups, start=1)
    )


def _can_merge(
    a: list[ClaimRef],
    b: list[ClaimRef],
    scores: dict[tuple[str, str], Vector],
    settings: AlignSettings,
) -> bool:
    """No article twice in one group, and the two groups agree on average."""
    if {ref.article for ref in a} & {ref.article for ref in b}:
        return False
    pair_values = [_score(scores, x, y) for x in a for y in b]
    return sum(pair_values) / len(pair_values) >= settings.min_similarity - GROUP_SLACK


def _score(scores: dict[tuple[str, str], Vector], x: ClaimRef, y: ClaimRef) -> float:
    if (x.article, y.article) in scores:
        return float(scores[x.article, y.article][x.index, y.index])
    return float(scores[y.article, x.article][y.index, x.index])


def claim_entities(analyzed: AnalyzedArticle, claim_index: int, entities: EntityIndex) -> frozenset[str]:
    """The resolved entity ids a claim mentions."""
    claim = analyzed.claims[claim_index]
    return frozenset(
        entities.by_mention[ref]
        for ref in (MentionRef(analyzed.id, i) for i in claim.mentions)
        if ref in entities.by_mention
    )


def pair_scores(left: AnalyzedArticle, right: AnalyzedArticle, entities: EntityIndex, bonus: float) -> Vector:
    """Claim-by-claim alignment scores between two articles (rows: left's claims)."""
    if not left.claims or not right.claims:
        return np.zeros((len(left.claims), len(right.claims)), dtype=np.float32)
    scores: Vector = (left.embeddings @ right.embeddings.T).astype(np.float32)
    left_sets = [claim_entities(left, i, entities) for i in range(len(left.claims))]
    right_sets = [claim_entities(right, j, entities) for j in range(len(right.claims))]
    for i, a in enumerate(left_sets):
        for j, b in enumerate(right_sets):
            if a and b:
                scores[i, j] += bonus * len(a & b) / len(a | b)
    return scores


def _article_pairs(story: Story) -> Iterator[tuple[AnalyzedArticle, AnalyzedArticle]]:
    articles = story.articles
    for i, left in enumerate(articles):
        for right in articles[i + 1 :]:
            yield left, right


def _links(scores: Vector, settings: AlignSettings) -> Iterator[tuple[int, int]]:
    """(left claim, right claim) pairs that are mutual best matches, or strong one-sided ones."""
    if scores.size == 0:
        return
    best_right = scores.argmax(axis=1)
    best_left = scores.argmax(axis=0)
    for i, j in enumerate(best_right):
        score = float(scores[i, j])
        mutual = best_left[j] == i
        if score >= settings.min_similarity and (
            mutual or score >= settings.min_similarity + ONE_SIDED_MARGIN
        ):
            yield i, int(j)
    for j, i in enumerate(best_left):
        score = float(scores[i, j])
        if best_right[i] != j and score >= settings.min_similarity + ONE_SIDED_MARGIN:
            yield int(i), j


def _order(ref: ClaimRef) -> tuple[str, int]:
    return (ref.article, ref.index)


def _mean_similarity(story: Story, group: tuple[ClaimRef, ...]) -> float:
    if len(group) < 2:
        return 1.0
    vectors = np.stack([story.by_id(ref.article).embeddings[ref.index] for ref in group])
    sims = vectors @ vectors.T
    count = len(group)
    return round(float((sims.sum() - count) / (count * (count - 1))), 3)
