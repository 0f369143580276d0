"""Edited copies: one outlet's sentence is another's with a few words changed.

Rewrites of a wire story keep its sentences and change a word here and there. When two
articles' sentences match word for word over at least EDIT_RATIO of their tokens (difflib's
longest-matching-blocks ratio), each changed stretch of at most MAX_EDIT_TOKENS words is read
on its own, without the named-entity tagger:

- figures on both sides that differ ("14" / "41", "seven" / "nine") -> number;
- a weekday or month on both sides that differ -> date;
- capitalised words on both sides -> place when the gazetteer knows both, else name;
- "not", "never", "no" added or removed, or a word swapped for its opposite -> claim.

Any other change is a paraphrase and is left alone. Every finding cites the changed words
of both sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ... import gazetteer
from ...model import ClaimRef, Discrepancy, DiscrepancyKind, Severity, Span, Story
from ..analyze.datelines import dateline_end
from ..analyze.number_words import parse_number
from ..resolve import name_key, person_key_tokens, same_person
from .agreement import NEGATION_WORDS
from .claims import OPPOSITE_OF
from .common import Item, discrepancy, shorten, similar_claim_pairs
from .dates import SPOKEN_ON
from .places import nested, place_role
from .restated import STOPWORDS

__all__ = ["edited_copy_discrepancies"]

# Sentences this alike in meaning are compared word by word (MiniLM cosine): a changed name or
# figure lowers the cosine of two otherwise equal sentences.
EDIT_COSINE = 0.5
# Share of the two sentences' tokens in matching blocks for them to be one sentence edited.
EDIT_RATIO = 0.7
# Longest changed stretch read as one edit; longer ones are rewording.
MAX_EDIT_TOKENS = 3
# Most changed stretches in one pair: an edited copy changes a word or two; more is rewriting.
MAX_EDITS = 2
# Fewest tokens a sentence needs: a heading or a caption is not compared.
MIN_TOKENS = 8
NEGATIONS = NEGATION_WORDS | {"n't"}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
SEVERITY: dict[DiscrepancyKind, Severity] = {
    "number": "high",
    "claim": "high",
    "name": "high",
    "date": "medium",
    "place": "medium",
}
EXPLANATIONS: dict[DiscrepancyKind, str] = {
    "number": "One outlet's sentence is another's with a different figure.",
    "date": "One outlet's sentence is another's with a different date.",
    "name": "One outlet's sentence is another's with a different name.",
    "place": "One outlet's sentence is another's with a different place.",
    "claim": "One outlet's sentence is another's negated or turned into its opposite.",
}
# Words that open sentences capitalised without naming anyone or anything.
FUNCTION_WORDS = STOPWORDS | frozenset("about around nearly some another more less almost".split())
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|n't|[^\w\s]")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.lower()


def edited_copy_discrepancies(story: Story) -> list[Discrepancy]:
    """Discrepancies between sentences of two articles that are one sentence edited."""
    tokens = {analyzed.id: [_tokens(claim.span) for claim in analyzed.claims] for analyzed in story.articles}
    counts = {
        article: [Counter(t.key for t in claim) for claim in claims] for article, claims in tokens.items()
    }
    found = []
    for left, right in similar_claim_pairs(story, EDIT_COSINE):
        mine, theirs = tokens[left.article][left.index], tokens[right.article][right.index]
        left_counts, right_counts = counts[left.article][left.index], counts[right.article][right.index]
        if min(len(mine), len(theirs)) < MIN_TOKENS or not _may_match(left_counts, right_counts):
            continue
        matcher = SequenceMatcher(None, [t.key for t in mine], [t.key for t in theirs], autojunk=False)
        opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        if matcher.ratio() < EDIT_RATIO or len(opcodes) > MAX_EDITS:
            continue
        subject = shorten(story.by_id(left.article).claims[left.index].span.text)
        for _tag, a0, a1, b0, b1 in opcodes:
            if max(a1 - a0, b1 - b0) > MAX_EDIT_TOKENS:
                continue
            kind = _read_edit(story, (left, mine, a0, a1), (right, theirs, b0, b1))
            if kind is None:
                continue
            classes = [_side(story, kind, left, mine, (a0, a1)), _side(story, kind, right, theirs, (b0, b1))]
            explanation = EXPLANATIONS[kind]
            found.append(
                discrepancy(kind, subject, classes, severity=SEVERITY[kind], explanation=explanation)
            )
    return found


def _may_match(mine: Counter[str], theirs: Counter[str]) -> bool:
    """A cheap bound before difflib: its ratio is at most the tokens the two share (as
    multisets) over their mean length, so a pair below EDIT_RATIO by that bound is skipped."""
    shared = sum((mine & theirs).values())
    return 2 * shared >= EDIT_RATIO * (mine.total() + theirs.total())


def _tokens(span: Span) -> list[_Token]:
    return [
        _Token(match.group(), span.start + match.start(), span.start + match.end())
        for match in _TOKEN.finditer(span.text)
    ]


def _edit_kind(mine: Sequence[_Token], theirs: Sequence[_Token]) -> DiscrepancyKind | None:
    """What one changed stretch changes, or None for a paraphrase."""
    words = {t.key for t in (*mine, *theirs)}
    if (not mine or not theirs) and words and words <= NEGATIONS:
        return "claim"
    if not mine or not theirs:
        return None
    if len(mine) == 1 and len(theirs) == 1 and OPPOSITE_OF.get(mine[0].key) == theirs[0].key:
        return "claim"
    left, right = _number(mine), _number(theirs)
    if left is not None and right is not None:
        return "number" if left != right else None
    if _is_date(mine) and _is_date(theirs):
        return "date"
    if _capitalised(mine) and _capitalised(theirs) and name_key(_text(mine)) != name_key(_text(theirs)):
        places = gazetteer.lookup(_text(mine)) is not None and gazetteer.lookup(_text(theirs)) is not None
        return "place" if places else "name"
    return None


def _number(tokens: Sequence[_Token]) -> float | None:
    text = " ".join(t.text for t in tokens)
    if not any(ch.isdigit() for ch in text) and parse_number(text) is None:
        return None
    return parse_number(text)


def _is_date(tokens: Sequence[_Token]) -> bool:
    return any(t.key.rstrip(".") in WEEKDAYS | MONTHS for t in tokens)


def _capitalised(tokens: Sequence[_Token]) -> bool:
    """Capitalised words that are not a sentence-opening function word ("The", "About")."""
    return all(t.text[:1].isupper() and t.text[:1].isalpha() and t.key not in FUNCTION_WORDS for t in tokens)


def _text(tokens: Sequence[_Token]) -> str:
    return " ".join(t.text for t in tokens)


Side = tuple[ClaimRef, Sequence["_Token"], int, int]


def _read_edit(story: Story, mine: Side, theirs: Side) -> DiscrepancyKind | None:
    """What one changed stretch changes, leaving out the day something was said, the
    dateline's date, a name written two ways and a place inside the other."""
    left, left_tokens, a0, a1 = mine
    right, right_tokens, b0, b1 = theirs
    kind = _edit_kind(left_tokens[a0:a1], right_tokens[b0:b1])
    if kind in ("name", "place") and 0 in (a0, b0):
        return None  # a capitalised first word is no name: "Rescue crews" / "Emergency crews"
    if kind == "name" and _located(story, left, left_tokens, a0) and _located(story, right, right_tokens, b0):
        kind = "place"  # "in X", "the town of X": a place the gazetteer does not know
    if kind == "date" and (
        _said_on(story, left, left_tokens[a0:a1]) or _said_on(story, right, right_tokens[b0:b1])
    ):
        return None
    if kind in ("name", "place") and _same_name(_run(left_tokens, a0, a1), _run(right_tokens, b0, b1)):
        return None
    return kind


def _located(story: Story, ref: ClaimRef, tokens: Sequence[_Token], index: int) -> bool:
    text = story.by_id(ref.article).article.text
    at = tokens[min(index, len(tokens) - 1)].start
    return place_role(text[max(0, at - 40) : at]) is not None


def _run(tokens: Sequence[_Token], start: int, end: int) -> str:
    """The capitalised run the changed words sit in ("Mr Antunes" around "Mr")."""
    while start > 0 and tokens[start - 1].text[:1].isupper():
        start -= 1
    while end < len(tokens) and tokens[end].text[:1].isupper():
        end += 1
    return " ".join(t.text for t in tokens[start:end])


def _same_name(first: str, second: str) -> bool:
    """One person or place written two ways, or a place and a place inside it."""
    if same_person(person_key_tokens(first), person_key_tokens(second)):
        return True
    return nested(first, second)


def _said_on(story: Story, ref: ClaimRef, changed: Sequence[_Token]) -> bool:
    """Whether the changed date is the day something was said, or the dateline's date."""
    text = story.by_id(ref.article).article.text
    dates = [t for t in changed if t.key.rstrip(".") in WEEKDAYS | MONTHS]
    return any(
        t.start < dateline_end(text) or bool(SPOKEN_ON.search(text[max(0, t.start - 40) : t.start]))
        for t in dates
    )


def _side(
    story: Story, kind: DiscrepancyKind, ref: ClaimRef, tokens: Sequence[_Token], span_range: tuple[int, int]
) -> list[Item[str]]:
    """One side's evidence: the changed words (for a claim, the whole sentence; for an
    insertion or a deletion, the words next to the gap)."""
    analyzed = story.by_id(ref.article)
    if kind == "claim":
        span = analyzed.claims[ref.index].span
        return [Item(ref.article, span.text, span.text, span.text.lower(), span)]
    start, end = span_range
    if start == end:
        start, end = max(0, start - 1), min(len(tokens), end + 1)
    text = analyzed.article.text
    span = Span(tokens[start].start, tokens[end - 1].end, text[tokens[start].start : tokens[end - 1].end])
    return [Item(ref.article, span.text, span.text, name_key(span.text) or span.text.lower(), span)]
