"""Stories at scale: clustering quality on ECB+ and throughput on a generated corpus.

    .venv/bin/python benchmarks/cluster_bench.py                 # everything
    .venv/bin/python benchmarks/cluster_bench.py --articles 10000 --engines serial local spark
    .venv/bin/python benchmarks/cluster_bench.py --articles 2500 10000 20000 --engines serial local

Quality: B-cubed precision/recall/F1 of the story grouping of the ECB+ test split
(../shared/data/ecbplus, gold story = `subtopic`). Throughput: articles/s for
ingest + dedupe + clustering (`--no-check`) on a generated corpus of invented council,
weather and market stories (5 versions each over three days, 1 in 10 a verbatim copy,
STORIES_PER_DAY new stories a day; `--undated` leaves the dates out), per engine and corpus
size, each in a fresh process so its peak RSS (self + children) is its own. With two sizes
or more, a last line gives each engine's memory growth per article between the two largest
corpora: about zero when memory is flat (once the corpus spans more than the time window).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"
# New stories a day in the generated stream (about 275 articles): a mid-sized feed reader's
# day, so that 10,000 articles span five windows (window_days + late_days = 14 days).
STORIES_PER_DAY = 50
START = dt.date(2031, 1, 1)
SYLLABLES = "ka lo mer vin tash ol bre dun sa fel ori pim zu har quen tor ul vex".split()
EVENTS = [
    "the {place} council approved a budget of {n} crowns for new bridges and schools",
    "a storm flooded the lower streets of {place} and {n} residents left their homes",
    "shares of {org} rose {n} percent after the company agreed to buy a rival in {place}",
    "police in {place} arrested {n} people after a protest against the new tax on fuel",
]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def _story(rng: random.Random, number: int, dated: bool) -> list[dict[str, str]]:
    """Five versions of one invented story with its own names and topic words, 1 in 10 copied."""
    person, place, org = f"{_name(rng)} {_name(rng, 3)}", _name(rng), f"{_name(rng)} Group"
    event = rng.choice(EVENTS).format(place=place, org=org, n=rng.randint(3, 900))
    topic = [_word(rng) for _ in range(40)]
    articles = []
    for version in range(5):
        words = " ".join(rng.choice(topic) for _ in range(60))
        text = (
            f"On Monday {event}, officials said. {person} of {place} spoke about {words}. "
            f"Critics in {place} asked {person} and {org} for details."
        )
        article = {"id": f"st{number}-v{version}", "title": f"{place}: {' '.join(topic[:5])}", "text": text}
        if dated:
            day = START + dt.timedelta(days=number // STORIES_PER_DAY + min(version, 2))
            article["published"] = day.isoformat()
        articles.append(article)
    if number % 10 == 0:
        articles.append({**articles[0], "id": f"st{number}-copy"})
    return articles


def generate(folder: Path, count: int, per_file: int = 500, *, dated: bool = True) -> int:
    """Write about `count` articles as JSONL files under `folder`; returns the exact count."""
    rng, rows, number = random.Random(7), [], 0
    while len(rows) < count:
        rows.extend(_story(rng, number, dated))
        number += 1
    for start in range(0, len(rows), per_file):
        lines = "\n".join(json.dumps(row) for row in rows[start : start + per_file])
        (folder / f"part{start // per_file:04d}.jsonl").write_text(lines + "\n")
    return len(rows)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    pred_sizes, gold_sizes = Counter(predicted.values()), Counter(gold.values())
    both = Counter((predicted[key], gold[key]) for key in gold)
    precision = sum(both[(predicted[k], gold[k])] / pred_sizes[predicted[k]] for k in gold) / len(gold)
    recall = sum(both[(predicted[k], gold[k])] / gold_sizes[gold[k]] for k in gold) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def ecb_quality(split: str, signature: str) -> None:
    import dataclasses

    from storycheck.config import ClusterSettings
    from storycheck.model import Article
    from storycheck.stories.cluster import StoryIndex, add_to_story, new_story, sign_articles

    sys.path.insert(0, str(ECB))
    from load import load  # type: ignore[import-not-found]

    docs = list(load(split))
    articles = []
    for doc in docs:
        first, _, rest = doc["text"].partition("\n")
        articles.append(Article(id=doc["doc_id"], title=first, text=rest))
    settings = ClusterSettings(signature=signature)
    if signature == "neural":
        settings = dataclasses.replace(settings, min_score=0.65, entity_weight=0.35)
    index, predicted = StoryIndex(settings), {}
    for signature_ in sign_articles(articles, settings):
        story_id = index.assign(signature_)
        if story_id is None:
            story_id = f"s{len(index)}"
            index.put(new_story(signature_, story_id))
        else:
            index.put(add_to_story(index.get(story_id), signature_))
        predicted[signature_.article_id] = story_id
    gold = {doc["doc_id"]: doc["subtopic"] for doc in docs}
    p, r, f = bcubed(predicted, gold)
    print(
        f"ECB+ {split} ({len(docs)} docs, {len(set(gold.values()))} gold stories), signature={signature}: "
        f"B3 P={p:.3f} R={r:.3f} F1={f:.3f}, {len(index)} predicted stories"
    )


def run_engine(engine: str, corpus: Path, articles: int, workers: int, check: bool) -> None:
    """Child mode: one timed run, then one JSON line with the figures."""
    from storycheck.batch import make_engine, run_stories
    from storycheck.config import Settings

    with tempfile.TemporaryDirectory() as outdir:
        started = time.perf_counter()
        made = make_engine(engine, workers=workers)
        summary = run_stories([corpus], Path(outdir), settings=Settings(), engine=made, check=check)
        made.close()
        seconds = time.perf_counter() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = max(own.ru_maxrss, children.ru_maxrss)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    print(
        json.dumps(
            {
                "engine": engine,
                "articles": articles,
                "stories": summary.stories,
                "checked": summary.checked,
                "seconds": round(seconds, 1),
                "cpu_s": round(cpu, 1),
                "per_s": round(articles / seconds, 1),
                "peak_rss_mb": rss // 1024,
            }
        )
    )


def _child(engine: str, folder: str, total: int, workers: int, check: bool) -> dict[str, object] | None:
    """One engine's run in a fresh process: its JSON figures, or None (stderr printed)."""
    command = [sys.executable, __file__, "--child", engine, "--corpus", folder]
    command += ["--articles", str(total), "--workers", str(workers)] + ([] if check else ["--no-check"])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-2000:])
        return None
    line = done.stdout.strip().splitlines()[-1]
    print(line)
    return dict(json.loads(line))


def throughput(
    counts: list[int], engines: list[str], workers: int, check: bool, *, dated: bool = True
) -> None:
    """Time each engine on a generated corpus of each size; with two sizes, the memory growth."""
    peaks: dict[str, list[tuple[int, int]]] = {}
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            total = generate(Path(folder), count, dated=dated)
            for engine in engines:
                figures = _child(engine, folder, total, workers, check)
                if figures is not None:
                    peaks.setdefault(engine, []).append((total, int(str(figures["peak_rss_mb"]))))
    for engine, sizes in peaks.items():
        if len(sizes) < 2:
            continue
        (small, small_mb), (large, large_mb) = sorted(sizes)[-2:]
        growth = (large_mb - small_mb) * 1024 / (large - small)
        print(
            f"memory {engine}: {small_mb} MB at {small} articles, {large_mb} MB at {large}: "
            f"{growth:.2f} KB per extra article"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 20_000])
    parser.add_argument("--undated", action="store_true", help="generate articles without dates")
    parser.add_argument("--engines", nargs="+", default=["serial", "local", "spark"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--split", default="test")
    parser.add_argument("--neural", action="store_true", help="also score the neural signature on ECB+")
    parser.add_argument("--full", type=int, default=0, help="also time the full pipeline on N articles")
    parser.add_argument("--child")
    parser.add_argument("--corpus")
    parser.add_argument("--no-check", action="store_true")
    args = parser.parse_args()
    if args.child:
        run_engine(args.child, Path(args.corpus), args.articles[0], args.workers, not args.no_check)
        return
    ecb_quality(args.split, "fast")
    if args.neural:
        ecb_quality(args.split, "neural")
    throughput(args.articles, args.engines, args.workers, check=False, dated=not args.undated)
    if args.full:
        throughput([args.full], ["serial"], args.workers, check=True, dated=not args.undated)


if __name__ == "__main__":
    main()
