"""storycheck verify on FRANK: balanced accuracy, ROC AUC, contradiction precision, speed.

Reads the analyses cached by `benchmarks/frank/cache.py` (spaCy + MiniLM, the slow part;
each pickle records the seconds its analysis took), computes the verify features and
scores every summary with the shipped scorer (`storycheck/data/verify/model.json`,
trained on FRANK validation only by `benchmarks/frank/train.py`). The threshold is the
one stored with the model (tuned on validation). Reports, for `--split` (default test):

- balanced accuracy and AUC overall and per source (CNN/DM, XSum), next to the anchors;
- per error category: AUC and balanced accuracy of the consistent summaries against the
  summaries with that error, and the share of those flagged;
- precision of "contradicted": of the summaries with a contradicted sentence, the share
  that FRANK judges inconsistent (overall and per conflict kind);
- throughput: summaries per second counting each article's analysis once, each summary's
  analysis and the verify step (as timed on this machine while the cache was built).

    .venv/bin/python benchmarks/frank/cache.py valid test   # once, about 5 min on 2 cores
    .venv/bin/python benchmarks/frank_bench.py [--split test] [--live 60 [--workers 2]]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent / "frank"))

from frank_data import cached, featurize, records
from metrics import auc, balanced_accuracy

from storycheck.verify.scoring import load_scorer

OUT = Path(__file__).resolve().parents[1] / "bench-out" / "frank_bench.json"
ANCHORS = {
    "BERTScore-F1": (75.7, 83.0),
    "FactCC": (74.2, 77.5),
    "QAGS": (72.3, 76.9),
    "DAE": (58.1, 60.7),
    "SummaC-Conv (SummaC labels)": (81.6, 88.4),
}
# FRANK's own outputs of the anchor metrics (baseline_factuality_metrics_outputs.json keys).
BASELINE_KEYS = {"BERTScore-F1": "BertScore F1 Art", "FactCC": "FactCC", "QAGS": "QAGS", "DAE": "Dep Entail"}
CATEGORIES = ("RelE", "EntE", "CircE", "CorefE", "LinkE", "OutE", "GramE", "Other")


def _figures(labels: np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, float]:
    return {
        "n": len(labels),
        "balanced_accuracy": round(100 * balanced_accuracy(labels, scores >= threshold), 1),
        "auc": round(100 * auc(labels, scores), 1),
    }


def _per_category(
    rows: list[dict[str, Any]], labels: np.ndarray, scores: np.ndarray, threshold: float
) -> dict[str, Any]:
    result = {}
    for category in CATEGORIES:
        has_error = np.array([r["error_scores"].get(category, 1.0) < 1.0 for r in rows])
        keep = (labels == 1) | has_error
        if has_error.sum() < 5:
            continue
        figures = _figures(labels[keep], scores[keep], threshold)
        figures["with_error"] = int(has_error.sum())
        figures["flagged"] = round(100 * float((scores[has_error] < threshold).mean()), 1)
        result[category] = figures
    return result


def _contradicted(rows: list[dict[str, Any]], labels: np.ndarray) -> dict[str, Any]:
    flagged = Counter[str]()
    right = Counter[str]()
    for row, label in zip(rows, labels, strict=True):
        kinds = {c.kind for item in row["evidence"] for c in item.findings.conflicts}
        for kind in kinds | ({"any"} if kinds else set()):
            flagged[kind] += 1
            right[kind] += int(label == 0)
    return {
        kind: {"summaries": flagged[kind], "precision": round(100 * right[kind] / flagged[kind], 1)}
        for kind in sorted(flagged)
    }


def _throughput(rows: list[dict[str, Any]], verify_seconds: float) -> dict[str, float]:
    articles = sum(cached(h)[1] for h in {r["hash"] for r in rows})
    summaries = sum(cached(r["id"])[1] for r in rows)
    total = articles + summaries + verify_seconds
    return {
        "summaries": len(rows),
        "article_analysis_s": round(articles, 1),
        "summary_analysis_s": round(summaries, 1),
        "verify_s": round(verify_seconds, 1),
        "summaries_per_s": round(len(rows) / total, 2),
    }


def _anchors_per_source(split: str) -> dict[str, dict[str, Any]]:
    """The anchors recomputed per source from FRANK's baseline outputs, threshold tuned on valid."""
    from metrics import best_threshold

    tuned = list(records("valid", with_baselines=True))
    rows = list(records(split, with_baselines=True))
    result: dict[str, dict[str, Any]] = {}
    for name, key in BASELINE_KEYS.items():
        scored = [r for r in tuned if r["baselines"].get(key) is not None]
        threshold = best_threshold(
            np.array([r["label"] for r in scored]), np.array([r["baselines"][key] for r in scored])
        )
        result[name] = {}
        for origin in ("all", "cnndm", "xsum"):
            kept = [r for r in rows if r["baselines"].get(key) is not None and origin in ("all", r["origin"])]
            labels = np.array([r["label"] for r in kept])
            result[name][origin] = _figures(labels, np.array([r["baselines"][key] for r in kept]), threshold)
    return result


def _live(split: str, articles: int, workers: int = 1) -> dict[str, float]:
    """End to end, uncached, models warm, as `storycheck verify SOURCE DERIVED...` runs:
    each article read once, then all its summaries analyzed in one batch and verified.

    With `workers` > 1 the articles are shared among that many processes, each pinned to
    its own core (one spaCy and one onnxruntime thread each) and warmed up before the clock
    starts: what the cores of this machine give together.
    """
    rows = list(records(split))
    hashes = list(dict.fromkeys(r["hash"] for r in rows))[:articles]
    groups = [[r for r in rows if r["hash"] == article_hash] for article_hash in hashes]
    jobs = [(group[0]["article"], [row["summary"] for row in group]) for group in groups]
    summaries = sum(len(summaries) for _, summaries in jobs)
    if workers <= 1:
        _warm(rows[-1]["article"])
        start = time.perf_counter()
        article_seconds = sum(_verify_group(job) for job in jobs)
        seconds = time.perf_counter() - start
    else:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        context = get_context("spawn")
        cores = sorted(os.sched_getaffinity(0))
        shared = (context.Value("i", 0), context.Barrier(workers))
        setup = (cores, *shared, rows[-1]["article"])
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_pin_and_warm, initargs=setup
        ) as pool:
            list(pool.map(_all_warm, range(workers)))  # each worker holds one until all have started
            start = time.perf_counter()
            article_seconds = sum(pool.map(_verify_group, jobs))
            seconds = time.perf_counter() - start
    return {
        "articles": len(jobs),
        "summaries": summaries,
        "workers": workers,
        "seconds": round(seconds, 1),
        "summaries_per_s": round(summaries / seconds, 2),
        "article_s_each": round(article_seconds / len(jobs), 3),
        "summary_s_each": round((seconds * workers - article_seconds) / summaries, 3),
    }


def _warm(article: str) -> None:
    from storycheck.config import Settings
    from storycheck.model import Article
    from storycheck.verify.check import verify_many

    verify_many(Article(id="s", text=article), [Article(id="d", text="A warm-up.")], Settings().analyze)


_WORKER: dict[str, Any] = {}


def _pin_and_warm(cores: list[int], slots: Any, barrier: Any, article: str) -> None:
    """Worker start: take the next core, load the models."""
    with slots.get_lock():
        slot = slots.value
        slots.value += 1
    os.sched_setaffinity(0, {cores[slot % len(cores)]})
    _warm(article)
    _WORKER["barrier"] = barrier


def _all_warm(_: int) -> None:
    _WORKER["barrier"].wait()


def _verify_group(job: tuple[str, list[str]]) -> float:
    """Verify one article's summaries; the seconds spent reading the article alone."""
    from storycheck.config import Settings
    from storycheck.model import Article
    from storycheck.stages.analyze import analyze_story
    from storycheck.verify.align import index_source
    from storycheck.verify.check import verify_many

    settings = Settings().analyze
    source = Article(id="s", text=job[0])
    begin = time.perf_counter()
    index_source(analyze_story([source], settings, embed_claims=False).articles[0])  # the article alone
    article_seconds = time.perf_counter() - begin
    verify_many(source, [Article(id=f"d{i}", text=text) for i, text in enumerate(job[1])], settings)
    return article_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("test", "valid"))
    parser.add_argument("--live", type=int, default=0, help="also time N articles end to end, uncached")
    parser.add_argument("--workers", type=int, default=1, help="processes for --live, one core each")
    args = parser.parse_args()
    scorer = load_scorer()
    rows, features, verify_seconds = featurize(args.split)
    scores = np.array([scorer.score(f) for f in features])
    labels = np.array([r["label"] for r in rows])
    origins = np.array([r["origin"] for r in rows])
    report: dict[str, Any] = {"split": args.split, "threshold": scorer.threshold}
    report["overall"] = _figures(labels, scores, scorer.threshold)
    report["per_source"] = {
        origin: _figures(labels[origins == origin], scores[origins == origin], scorer.threshold)
        for origin in ("cnndm", "xsum")
    }
    report["anchors_recomputed"] = _anchors_per_source(args.split)
    report["per_category"] = _per_category(rows, labels, scores, scorer.threshold)
    report["contradicted_precision"] = _contradicted(rows, labels)
    report["throughput"] = _throughput(rows, verify_seconds)
    if args.live:
        report["live"] = _live(args.split, args.live, args.workers)
    _print(report)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.with_name(f"frank_bench_{args.split}.json").write_text(json.dumps(report, indent=1) + "\n")


def _print(report: dict[str, Any]) -> None:
    overall = report["overall"]
    print(f"FRANK {report['split']} ({overall['n']} summaries), threshold {report['threshold']:.3f}")
    print(f"  storycheck verify      BAcc {overall['balanced_accuracy']:5.1f}  AUC {overall['auc']:5.1f}")
    print("  published anchors, FRANK test:")
    for name, (bacc, area) in ANCHORS.items():
        print(f"  {name:<22} BAcc {bacc:5.1f}  AUC {area:5.1f}")
    for origin, figures in report["per_source"].items():
        print(
            f"  {origin:<6} n={figures['n']:<5}",
            f"BAcc {figures['balanced_accuracy']:5.1f}  AUC {figures['auc']:5.1f}",
        )
    print("  anchors recomputed here from FRANK's baseline outputs (all / cnndm / xsum, BAcc AUC):")
    for name, figures in report["anchors_recomputed"].items():
        cells = "  ".join(
            f"{figures[o]['balanced_accuracy']:5.1f} {figures[o]['auc']:5.1f}"
            for o in ("all", "cnndm", "xsum")
        )
        print(f"    {name:<13} {cells}")
    print("  per error category (consistent vs. with that error):")
    for category, figures in report["per_category"].items():
        print(
            f"    {category:<7} n_err={figures['with_error']:<4} BAcc {figures['balanced_accuracy']:5.1f}"
            f"  AUC {figures['auc']:5.1f}  flagged {figures['flagged']:5.1f}%"
        )
    print("  contradicted -> inconsistent precision:")
    for kind, figures in report["contradicted_precision"].items():
        print(f"    {kind:<7} {figures['summaries']:4d} summaries  precision {figures['precision']:5.1f}")
    speed = report["throughput"]
    print(
        f"  throughput {speed['summaries_per_s']} summaries/s (articles {speed['article_analysis_s']} s, "
        f"summaries {speed['summary_analysis_s']} s, verify {speed['verify_s']} s)"
    )
    if "live" in report:
        live = report["live"]
        print(
            f"  live end to end: {live['summaries_per_s']} summaries/s over {live['summaries']} summaries"
            f" of {live['articles']} articles, {live['workers']} worker(s)"
            f" ({live['article_s_each']} s per article,"
            f" {live['summary_s_each']} s per summary)"
        )


if __name__ == "__main__":
    main()
