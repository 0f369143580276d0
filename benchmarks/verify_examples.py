"""storycheck verify on the bundled examples and the seeds: every article against the original.

Each gold file (examples/*/gold.json, benchmarks/gold/seeds.json) names the story's original
and its planted discrepancies, each with the articles that disagree (`odd`) and the words
each article uses. Here every other article is verified against the original, as a desk
checks rewrites against the wire copy, and each conflict is judged:

- *right* when its span in the article points (`scoring.points_at`) at that article's
  words in a gold discrepancy of a compatible kind that names the article odd;
- *false* otherwise: a conflict a reader would be shown and that no gold item explains.

A planted discrepancy is *found* when one of its odd articles has a right conflict for it
(optional ones and those where the original itself is odd are left out).

    .venv/bin/python benchmarks/verify_examples.py [--no-seeds]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scoring import COMPATIBLE_KINDS, as_terms, points_at
from storycheck.config import Settings
from storycheck.stages.ingest import load_articles
from storycheck.verify.check import verify_many
from storycheck.verify.result import Conflict

ROOT = Path(__file__).resolve().parents[1]
Json = dict[str, Any]


def gold_files(seeds: bool = True) -> list[tuple[Path, Json]]:
    """(story folder, gold) for every example, and the seeds when they are beside the repo."""
    found = []
    for path in sorted((ROOT / "examples").glob("*/gold.json")):
        found.append((path.parent, json.loads(path.read_text(encoding="utf-8"))))
    seeds_gold = ROOT / "benchmarks" / "gold" / "seeds.json"
    gold = json.loads(seeds_gold.read_text(encoding="utf-8"))
    folder = (seeds_gold.parent / gold["path"]).resolve() if "path" in gold else None
    if seeds and folder is not None and not folder.is_dir():
        folder = (ROOT / gold["path"]).resolve()
    if seeds and folder is not None and folder.is_dir():
        found.append((folder, gold))
    return found


def verify_story(folder: Path, gold: Json) -> tuple[dict[str, list[Conflict]], dict[str, str]]:
    """Conflicts of every article against the story's original, and the texts as read."""
    settings = Settings()
    articles, _ = load_articles([folder], settings.ingest)
    original = next(a for a in articles if a.id == gold["original"])
    derived = [a for a in articles if a.id != original.id]
    results = verify_many(original, derived, settings.analyze)
    conflicts = {r.derived_id: [c for v in r.sentences for c in v.conflicts] for r in results}
    return conflicts, {a.id: a.text for a in derived}


def _right(conflict: Conflict, article: str, item: Json, texts: Mapping[str, str]) -> bool:
    if conflict.kind not in COMPATIBLE_KINDS.get(item["kind"], frozenset({item["kind"]})):
        return False
    if article not in item.get("odd", []):
        return False
    span = {"article": article, "start": conflict.derived.start, "end": conflict.derived.end}
    return any(points_at(span, term, texts) for term in as_terms(item["terms"].get(article)))


def score(gold: Json, conflicts: Mapping[str, list[Conflict]], texts: Mapping[str, str]) -> Json:
    """Planted discrepancies found and false conflicts of one story."""
    planted = [
        item
        for item in gold["discrepancies"]
        if not item.get("optional") and gold["original"] not in item.get("odd", [])
    ]
    found: set[str] = set()
    false: list[str] = []
    for article, items in conflicts.items():
        for conflict in items:
            explained = [item for item in gold["discrepancies"] if _right(conflict, article, item, texts)]
            found.update(item["id"] for item in explained)
            if not explained:
                false.append(f"{article}: {conflict.kind} '{conflict.derived.text}' — {conflict.explanation}")
    return {
        "planted": len(planted),
        "found": sorted(found & {item["id"] for item in planted}),
        "missed": sorted({item["id"] for item in planted} - found),
        "conflicts": sum(len(items) for items in conflicts.values()),
        "false": false,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-seeds", action="store_true", help="the bundled examples only")
    args = parser.parse_args()
    totals = {"planted": 0, "found": 0, "conflicts": 0, "false": 0}
    for folder, gold in gold_files(seeds=not args.no_seeds):
        result = score(gold, *verify_story(folder, gold))
        for key in totals:
            value = result[key]
            totals[key] += value if isinstance(value, int) else len(value)
        print(
            f"{gold['story'][:40]:<40} planted found {len(result['found'])}/{result['planted']}"
            f"  conflicts {result['conflicts']}, false {len(result['false'])}"
            f"  missed {', '.join(result['missed']) or '-'}"
        )
        for line in result["false"]:
            print(f"    FALSE {line}")
    right = totals["conflicts"] - totals["false"]
    print(
        f"all: planted found {totals['found']}/{totals['planted']}; conflicts {totals['conflicts']},"
        f" right {right} ({100 * right / max(1, totals['conflicts']):.0f}%)"
    )


if __name__ == "__main__":
    main()
