"""Score a StoryReport (its JSON dict) against a gold file: pure functions, no models.

A gold file lists the discrepancies planted in (or found by hand in) one story, the
look-alikes that must not be flagged, the claims only one article makes and the original.
Gold terms are pieces of article text. An evidence span *points at* a term when the span
overlaps an occurrence of the term in that article (or sits within `SLACK` characters of
it), so an engine may cite a single token ("41") or a whole sentence.

- A gold discrepancy is found when one report discrepancy of a compatible kind has a value
  whose evidence points at the odd article's term, and another value whose evidence points
  at the term of some article that is not odd.
- A report discrepancy flags a must-not-flag item when two of its values point at the
  item's terms and the sets of terms they point at differ (variants of one thing split
  into different values). A discrepancy that reports a gold one is not checked: a real
  disagreement about a person naturally shows that person's spellings on both sides.
- A report discrepancy that matches no gold discrepancy and flags no look-alike is
  "unmatched": a false discrepancy the gold file did not foresee, or a real one it lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]
Texts = Mapping[str, str]

# Characters allowed between a term and an evidence span: ", " in "Sousa, president of ...".
SLACK = 3
# Kinds an engine may reasonably use for one planted discrepancy: a role held by two names
# can be reported as a name or a role; an altered quote can be reported as a claim.
# A look-alike is flagged by a discrepancy of its own kind: a role discrepancy about one
# person quotes that person's name (in any spelling) in every value, and splits nothing.
LOOK_ALIKE_KINDS: dict[str, frozenset[str]] = {"quote": frozenset({"quote", "claim"})}
COMPATIBLE_KINDS: dict[str, frozenset[str]] = {
    "name": frozenset({"name", "role"}),
    "role": frozenset({"role", "name"}),
    "number": frozenset({"number"}),
    "date": frozenset({"date"}),
    "place": frozenset({"place"}),
    "quote": frozenset({"quote", "claim"}),
    "claim": frozenset({"claim", "quote"}),
}
# Typographic variants a term written with plain ASCII punctuation also matches.
_PUNCT_GROUPS = ("'’‘", '"“”', "-‐‑–")
_PUNCT_CLASSES = {char: "[" + re.escape(group) + "]" for group in _PUNCT_GROUPS for char in group}


@dataclass(frozen=True)
class StoryScore:
    """How one report compares with its gold file."""

    story: str
    found: tuple[str, ...]
    missed: tuple[Json, ...]
    optional_found: tuple[str, ...]
    optional_total: int
    false_flags: tuple[Json, ...]
    unmatched: tuple[Json, ...]
    reported: int
    single_source_found: int
    single_source_missed: tuple[Json, ...]
    original_expected: str | None
    original_reported: str | None
    derived_found: int
    derived_total: int
    notes: tuple[str, ...] = field(default=())

    @property
    def required(self) -> int:
        return len(self.found) + len(self.missed)

    @property
    def recall(self) -> float:
        return len(self.found) / self.required if self.required else 1.0

    @property
    def single_source_total(self) -> int:
        return self.single_source_found + len(self.single_source_missed)

    @property
    def single_source_recall(self) -> float:
        total = self.single_source_total
        return self.single_source_found / total if total else 1.0

    @property
    def original_ok(self) -> bool:
        return self.original_expected == self.original_reported

    def to_dict(self) -> Json:
        return {
            "story": self.story,
            "recall": round(self.recall, 3),
            "found": list(self.found),
            "missed": list(self.missed),
            "optional_found": list(self.optional_found),
            "optional_total": self.optional_total,
            "reported": self.reported,
            "false_flags": list(self.false_flags),
            "unmatched": list(self.unmatched),
            "single_source_recall": round(self.single_source_recall, 3),
            "single_source_found": self.single_source_found,
            "single_source_total": self.single_source_total,
            "single_source_missed": list(self.single_source_missed),
            "original_expected": self.original_expected,
            "original_reported": self.original_reported,
            "original_ok": self.original_ok,
            "derived_found": self.derived_found,
            "derived_total": self.derived_total,
        }


def term_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive pattern for `term`: any run of spaces, typographic quotes and
    dashes match their plain forms, and a term that starts or ends with a word character
    must start or end on a word boundary ("Abe" does not match "capabilities")."""
    parts = []
    for char in term.strip():
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(_PUNCT_CLASSES.get(char, re.escape(char)))
    body = "".join(parts)
    start = r"(?<!\w)" if term.strip()[:1].isalnum() else ""
    end = r"(?!\w)" if term.strip()[-1:].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


def find_term(text: str, term: str) -> list[tuple[int, int]]:
    """Every (start, end) where `term` occurs in `text`."""
    return [match.span() for match in term_pattern(term).finditer(text)]


def as_terms(raw: str | Sequence[str] | None) -> list[str]:
    """A gold term entry (one string or a list of alternatives) as a list."""
    if raw is None:
        return []
    return [raw] if isinstance(raw, str) else [str(item) for item in raw]


def points_at(evidence: Json, term: str, texts: Texts, *, slack: int = SLACK) -> bool:
    """Whether an evidence span overlaps (within `slack`) an occurrence of `term`."""
    text = texts.get(evidence["article"])
    if text is None:
        return bool(term_pattern(term).search(str(evidence.get("text", ""))))
    start, end = int(evidence["start"]), int(evidence["end"])
    return any(a < end + slack and b > start - slack for a, b in find_term(text, term))


def _value_points_at(
    value: Json, terms_of: Mapping[str, list[str]], fallback: list[str], texts: Texts
) -> bool:
    for evidence in value.get("evidence", []):
        terms = terms_of.get(evidence["article"], fallback)
        if any(points_at(evidence, term, texts) for term in terms):
            return True
    return False


def _odd_and_other_terms(gold: Json) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str]]:
    odd = set(gold["odd"])
    terms = {article: as_terms(raw) for article, raw in gold["terms"].items()}
    odd_terms = {article: found for article, found in terms.items() if article in odd}
    other_terms = {article: found for article, found in terms.items() if article not in odd}
    fallback = [term for found in other_terms.values() for term in found]
    return odd_terms, other_terms, fallback


def matches_gold(gold: Json, discrepancy: Json, texts: Texts) -> bool:
    """Whether a report discrepancy reports the gold discrepancy (see the module docstring)."""
    if discrepancy["kind"] not in COMPATIBLE_KINDS.get(gold["kind"], frozenset({gold["kind"]})):
        return False
    odd_terms, other_terms, fallback = _odd_and_other_terms(gold)
    odd = set(gold["odd"])
    values = discrepancy["values"]
    odd_values = [i for i, value in enumerate(values) if _value_points_at(value, odd_terms, [], texts)]
    for i in odd_values:
        for j, value in enumerate(values):
            if j == i:
                continue
            others = {**value, "evidence": [e for e in value.get("evidence", []) if e["article"] not in odd]}
            if _value_points_at(others, other_terms, fallback, texts):
                return True
    return False


def _terms_pointed_at(value: Json, item: Json, texts: Texts) -> frozenset[str]:
    raw = item["terms"]
    hits: set[str] = set()
    for evidence in value.get("evidence", []):
        if isinstance(raw, Mapping):
            terms = [(evidence["article"], term) for term in as_terms(raw.get(evidence["article"]))]
        else:
            terms = [(term, term) for term in as_terms(raw)]
        hits.update(key for key, term in terms if points_at(evidence, term, texts))
    return frozenset(hits)


def flags_look_alike(item: Json, discrepancy: Json, texts: Texts) -> bool:
    """Whether a report discrepancy splits a must-not-flag item's variants into different values."""
    kind = item.get("kind")
    if kind and discrepancy["kind"] not in LOOK_ALIKE_KINDS.get(kind, frozenset({kind})):
        return False
    pointed = [hits for value in discrepancy["values"] if (hits := _terms_pointed_at(value, item, texts))]
    return any(a != b for a in pointed for b in pointed)


def single_source_found(item: Json, claims: Iterable[Json], texts: Texts) -> bool:
    """Whether the report lists the gold single-source claim for its article."""
    terms = as_terms(item.get("contains") or item.get("terms"))
    for claim in claims:
        if claim["article"] != item["article"]:
            continue
        statement = str(claim.get("statement", ""))
        for term in terms:
            if points_at(claim["evidence"], term, texts) or term_pattern(term).search(statement):
                return True
    return False


def summarize(discrepancy: Json) -> Json:
    """A short, readable form of a report discrepancy for bench output."""
    return {
        "id": discrepancy["id"],
        "kind": discrepancy["kind"],
        "subject": discrepancy["subject"][:90],
        "values": [
            f"{value['value'][:40]!r} {','.join(value['articles'])}" for value in discrepancy["values"]
        ],
    }


def _derived_found(gold: Json, report: Json) -> tuple[int, int]:
    derived = gold.get("derived") or {}
    edges = {
        (edge["source"], edge["derived"])
        for edge in report["provenance"]["edges"]
        if edge["kind"] != "independent"
    }
    found = sum(1 for article, source in derived.items() if (source, article) in edges)
    return found, len(derived)


def score_story(gold: Json, report: Json, texts: Texts) -> StoryScore:
    """Compare one report (the JSON dict) with its gold file."""
    discrepancies = report["discrepancies"]
    matched: set[str] = set()
    found, missed, optional_found = [], [], []
    optional_total = 0
    for item in gold["discrepancies"]:
        hits = [d["id"] for d in discrepancies if matches_gold(item, d, texts)]
        matched.update(hits)
        optional = bool(item.get("optional"))
        optional_total += optional
        if hits and optional:
            optional_found.append(item["id"])
        elif hits:
            found.append(item["id"])
        elif not optional:
            missed.append({"id": item["id"], "kind": item["kind"], "subject": item["subject"]})
    unexplained = [d for d in discrepancies if d["id"] not in matched]
    false_flags, flagged = _false_flags(gold, unexplained, texts)
    unmatched = [summarize(d) for d in discrepancies if d["id"] not in matched and d["id"] not in flagged]
    singles = gold.get("single_source", [])
    single_missed = [
        item for item in singles if not single_source_found(item, report["single_source"], texts)
    ]
    derived_found, derived_total = _derived_found(gold, report)
    return StoryScore(
        story=gold["story"],
        found=tuple(found),
        missed=tuple(missed),
        optional_found=tuple(optional_found),
        optional_total=optional_total,
        false_flags=tuple(false_flags),
        unmatched=tuple(unmatched),
        reported=len(discrepancies),
        single_source_found=len(singles) - len(single_missed),
        single_source_missed=tuple(single_missed),
        original_expected=gold.get("original"),
        original_reported=report["provenance"].get("original"),
        derived_found=derived_found,
        derived_total=derived_total,
    )


def _false_flags(gold: Json, discrepancies: Sequence[Json], texts: Texts) -> tuple[list[Json], set[str]]:
    flags: list[Json] = []
    flagged: set[str] = set()
    for discrepancy in discrepancies:
        notes = [
            item.get("note", "")
            for item in gold.get("must_not_flag", [])
            if flags_look_alike(item, discrepancy, texts)
        ]
        if notes:
            flagged.add(discrepancy["id"])
            flags.append({**summarize(discrepancy), "look_alike": "; ".join(notes)})
    return flags, flagged


def _sides(gold_item: Json) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    odd = set(gold_item["odd"])
    terms = {article: as_terms(raw) for article, raw in gold_item["terms"].items()}
    return (
        {a: t for a, t in terms.items() if a in odd},
        {a: t for a, t in terms.items() if a not in odd},
    )


def _evidence_points(evidence: Iterable[Json], side: Mapping[str, list[str]], texts: Texts) -> bool:
    return any(
        evidence_item["article"] in side
        and any(points_at(evidence_item, term, texts, slack=0) for term in side[evidence_item["article"]])
        for evidence_item in evidence
    )


def cites_both_sides(evidence: Sequence[Json], gold_item: Json, texts: Texts) -> bool:
    """Whether `evidence` holds a span on the odd side's term and one on the other side's (a
    span that truly overlaps the term: a sentence that starts after it does not cite it)."""
    odd, other = _sides(gold_item)
    return _evidence_points(evidence, odd, texts) and _evidence_points(evidence, other, texts)
