"""Real-news benchmark: `storycheck check` on 40 real events (ECB+), scored against hand gold.

The stories are built by `build.py` (dev: ECB+ train/dev topics; test: ECB+ test topics);
the gold in `gold/<split>/<story>.json` was written from the texts before the tool was run.
For each split it prints (issue 9's targets in brackets):

- hard disagreements found [>= 85%] (and how many of the rest the report lists as an
  unresolved difference), optional ones found;
- reported discrepancies that are real, i.e. match a gold disagreement [>= 85%]; the rest
  split into look-alikes the gold says must not be flagged, different things compared, and
  unmatched (neither);
- facts, brief sentences and timeline events that cite both sides of a gold disagreement [0];
- quote speakers right, over the gold quotes the report holds [>= 95%], and how many it holds;
- single-source claims: precision over those the gold decides (a gold single-source claim vs
  a claim the gold lists as stated by several articles in other words) [>= 90%], and recall.

Misses are listed for dev only (`--show`): test figures are reported, never read to write a
rule.

    python benchmarks/realnews/run.py [--split dev test] [--show] [--json bench-out/realnews.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from scoring import cites_both_sides, flags_look_alike, matches_gold, points_at  # noqa: E402

from storycheck.config import Settings  # noqa: E402
from storycheck.pipeline import run_check  # noqa: E402
from storycheck.serialize import report_to_dict  # noqa: E402

Json = dict[str, Any]
Texts = Mapping[str, str]
ROOT = HERE.parents[1]
STORIES = ROOT / "bench-out" / "realnews"
GOLD = HERE / "gold"
OUT = ROOT / "bench-out" / "realnews.json"


@dataclass
class Tally:
    """Counts summed over the stories of one split."""

    stories: int = 0
    hard: int = 0
    hard_found: int = 0
    hard_unresolved: int = 0
    optional: int = 0
    optional_found: int = 0
    reported: int = 0
    real: int = 0
    look_alike: int = 0
    different_things: int = 0
    unmatched: int = 0
    facts_both_sides: int = 0
    brief_both_sides: int = 0
    timeline_both_sides: int = 0
    quotes_gold: int = 0
    quotes_held: int = 0
    speakers_right: int = 0
    single_reported: int = 0
    single_right: int = 0
    single_wrong: int = 0
    single_gold: int = 0
    single_gold_found: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if name == "misses":
                self.misses.extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a (0/0)"


def _different_things_flagged(item: Json, discrepancy: Json, texts: Texts) -> bool:
    """A discrepancy whose values point at two of a `different_things` pair's terms."""
    terms = item["terms"]
    hit = set()
    for value in discrepancy["values"]:
        for evidence in value.get("evidence", []):
            term = terms.get(evidence["article"])
            if term and points_at(evidence, term, texts):
                hit.add(evidence["article"])
    return len(hit) >= 2


def _speaker_matches(gold_speaker: str | None, reported: str | None) -> bool:
    said = (reported or "").strip().lower()
    if gold_speaker is None:
        return said in ("", "unknown", "unattributed")
    if not said:
        return False
    gold_words = set(re.findall(r"[\w'-]+", gold_speaker.lower()))
    said_words = set(re.findall(r"[\w'-]+", said))
    return bool(gold_words & said_words) or gold_speaker.lower() in said or said in gold_speaker.lower()


def _quote_speaker(report: Json, article: str, contains: str, texts: Texts) -> tuple[bool, str | None]:
    """(whether the report holds this quote, the speaker it gives)."""
    for quote in report["quotes"]:
        for variant in quote["variants"]:
            for evidence in variant.get("evidence", []):
                if evidence["article"] == article and points_at(evidence, contains, texts):
                    return True, quote.get("speaker")
    return False, None


def _single_verdict(claim: Json, gold: Json, texts: Texts) -> str:
    evidence = claim["evidence"]
    evidence = evidence if isinstance(evidence, list) else [evidence]
    article = claim["article"]
    for item in gold.get("single_source", []):
        if item["article"] == article and any(points_at(e, item["contains"], texts) for e in evidence):
            return "right"
    for item in gold.get("shared", []):
        term = item["articles"].get(article)
        if term and any(points_at(e, term, texts) for e in evidence):
            return "wrong"
    return "undecided"


def score(gold: Json, report: Json, texts: Texts, *, show: bool) -> Tally:
    tally = Tally(stories=1)
    story = gold["story"]
    discrepancies = report["discrepancies"]
    matched: set[str] = set()
    for item in gold["discrepancies"]:
        hits = {d["id"] for d in discrepancies if matches_gold(item, d, texts)}
        matched |= hits
        if item.get("optional"):
            tally.optional += 1
            tally.optional_found += bool(hits)
        else:
            tally.hard += 1
            tally.hard_found += bool(hits)
            listed = any(cites_both_sides(u["statements"], item, texts) for u in report.get("unresolved", []))
            tally.hard_unresolved += bool(not hits and listed)
            if not hits and show:
                tally.misses.append(f"{story} missed {item['kind']}: {item['subject']} ({item['note'][:90]})")
    tally.reported = len(discrepancies)
    for discrepancy in discrepancies:
        what = f"{discrepancy['kind']} {discrepancy['subject']}"
        if discrepancy["id"] in matched:
            tally.real += 1
        elif any(flags_look_alike(i, discrepancy, texts) for i in gold.get("must_not_flag", [])):
            tally.look_alike += 1
            if show:
                tally.misses.append(f"{story} look-alike flagged: {what}")
        elif any(_different_things_flagged(i, discrepancy, texts) for i in gold.get("different_things", [])):
            tally.different_things += 1
            if show:
                tally.misses.append(f"{story} different things compared: {what}")
        else:
            tally.unmatched += 1
            if show:
                values = " | ".join(str(v["value"])[:40] for v in discrepancy["values"])
                tally.misses.append(f"{story} unmatched {what} [{values}]")
    summary = report["story"].get("summary") or ""
    for item in gold["discrepancies"]:
        for fact in report["facts"]:
            if cites_both_sides(fact["evidence"], item, texts):
                tally.facts_both_sides += 1
                tally.brief_both_sides += fact["statement"] in summary
                if show:
                    tally.misses.append(f"{story} fact {fact['id']} cites both sides of {item['subject']}")
        for event in report["timeline"]:
            if cites_both_sides(event["evidence"], item, texts):
                tally.timeline_both_sides += 1
                if show:
                    tally.misses.append(f"{story} timeline event cites both sides of {item['subject']}")
    for quote in gold.get("quotes", []):
        tally.quotes_gold += 1
        held, speaker = _quote_speaker(report, quote["article"], quote["contains"], texts)
        if held:
            tally.quotes_held += 1
            right = _speaker_matches(quote["speaker"], speaker)
            tally.speakers_right += right
            if not right and show:
                tally.misses.append(
                    f"{story} quote '{quote['contains'][:40]}' by {quote['speaker']}, report says {speaker}"
                )
    for claim in report["single_source"]:
        tally.single_reported += 1
        verdict = _single_verdict(claim, gold, texts)
        tally.single_right += verdict == "right"
        tally.single_wrong += verdict == "wrong"
        if verdict == "wrong" and show:
            tally.misses.append(f"{story} single-source but shared: {claim['statement'][:80]}")
    for item in gold.get("single_source", []):
        tally.single_gold += 1
        tally.single_gold_found += any(
            c["article"] == item["article"]
            and _single_verdict(c, {"single_source": [item]}, texts) == "right"
            for c in report["single_source"]
        )
    return tally


def run_split(split: str, *, show: bool, settings: Settings) -> tuple[Tally, list[Json]]:
    total = Tally()
    rows = []
    for gold_path in sorted((GOLD / split).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        folder = STORIES / split / gold["story"]
        paths = sorted(str(p) for p in folder.glob("*.txt"))
        started = time.perf_counter()
        result = run_check(paths, settings=settings)
        seconds = time.perf_counter() - started
        report = report_to_dict(result.report)
        tally = score(gold, report, result.texts, show=show)
        tally.seconds = seconds
        total.add(tally)
        rows.append({"story": gold["story"], **{k: v for k, v in vars(tally).items() if k != "misses"}})
    return total, rows


def print_tally(split: str, tally: Tally) -> None:
    print(f"\n## {split}: {tally.stories} real events, {tally.seconds:.0f} s")
    lines = [
        ("hard disagreements found [>= 85%]", _pct(tally.hard_found, tally.hard)),
        ("  not found, but listed as an unresolved difference", str(tally.hard_unresolved)),
        ("optional disagreements found", _pct(tally.optional_found, tally.optional)),
        ("reported discrepancies that are real [>= 85%]", _pct(tally.real, tally.reported)),
        ("  look-alikes flagged", str(tally.look_alike)),
        ("  different things compared", str(tally.different_things)),
        ("  matching no gold item", str(tally.unmatched)),
        ("facts citing both sides of a gold disagreement [0]", str(tally.facts_both_sides)),
        ("brief sentences citing both sides [0]", str(tally.brief_both_sides)),
        ("timeline events citing both sides [0]", str(tally.timeline_both_sides)),
        ("quote speakers right [>= 95%]", _pct(tally.speakers_right, tally.quotes_held)),
        ("gold quotes the report holds", _pct(tally.quotes_held, tally.quotes_gold)),
        (
            "single-source precision, gold-decided [>= 90%]",
            _pct(tally.single_right, tally.single_right + tally.single_wrong),
        ),
        ("single-source claims reported", str(tally.single_reported)),
        ("gold single-source claims found", _pct(tally.single_gold_found, tally.single_gold)),
    ]
    for label, value in lines:
        print(f"| {label} | {value} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", nargs="+", default=["dev", "test"], choices=["dev", "test"])
    parser.add_argument("--show", action="store_true", help="list dev misses (never test's)")
    parser.add_argument("--json", type=Path, default=OUT)
    args = parser.parse_args()
    if not STORIES.exists():
        sys.exit(f"no stories in {STORIES}: run python benchmarks/realnews/build.py first")
    settings = Settings()
    results = {}
    for split in args.split:
        tally, rows = run_split(split, show=args.show and split == "dev", settings=settings)
        print_tally(split, tally)
        for miss in tally.misses:
            print("  -", miss)
        results[split] = {"total": {k: v for k, v in vars(tally).items() if k != "misses"}, "stories": rows}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
