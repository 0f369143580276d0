"""`make bench`: quality and speed of `storycheck check` on the stories with a gold file.

For each story (every `examples/*/gold.json`, and `benchmarks/gold/seeds.json` when
`../shared/seeds` is present) the stages of `storycheck.pipeline.check_articles` run
in-process, one after the other, each timed with its peak RSS; the report is scored
against the gold file (see `scoring.py`). Then:

- cold process: `storycheck check ../shared/seeds --format json` in a fresh process,
  wall time and peak RSS (targets: under 5 s and 1.5 GB);
- throughput: 200 articles made by varying the examples (ids renamed, numbers shifted),
  checked as 40 stories of 5 articles, models already loaded.

Prints tables and writes `bench-out/bench.json` (and each story's report under
`bench-out/reports/`, to read beside the misses).

    python benchmarks/run.py [--stories NAME ...] [--articles 200] [--no-cold] [--no-throughput]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from scoring import Json, StoryScore, score_story

from storycheck import nlp
from storycheck.config import Settings
from storycheck.model import Article
from storycheck.serialize import report_to_dict
from storycheck.stages import align, analyze, compare, ingest, provenance, report, resolve

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS_GOLD = ROOT / "benchmarks" / "gold" / "seeds.json"
OUT = ROOT / "bench-out" / "bench.json"
# Issue 2's budget for the seeds from a cold process on 2 cores.
COLD_WALL_TARGET_S = 5.0
COLD_RSS_TARGET_MB = 1536.0
# Throughput batch: issue 2 asks for 200 articles; 5 per story is the size of the seed story.
THROUGHPUT_ARTICLES = 200
THROUGHPUT_STORY_SIZE = 5
T = TypeVar("T")


@dataclass(frozen=True)
class StageRun:
    stage: str
    seconds: float
    peak_rss_mb: float


@dataclass(frozen=True)
class StoryRun:
    score: StoryScore
    stages: tuple[StageRun, ...]
    articles: int
    words: int
    schema_ok: bool
    spans_ok: bool
    report: Json


def _reset_peak_rss() -> None:
    """Reset the kernel's peak-RSS counter (VmHWM) so the next reading is per stage."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return


def _peak_rss_mb() -> float:
    try:
        match = re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())
    except OSError:
        match = None
    if match:
        return int(match.group(1)) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(stages: list[StageRun], name: str, call: Callable[[], T]) -> T:
    _reset_peak_rss()
    start = time.perf_counter()
    result = call()
    stages.append(StageRun(name, time.perf_counter() - start, _peak_rss_mb()))
    return result


def load_models() -> StageRun:
    """Load both models once, so that model loading is its own line in the table."""
    stages: list[StageRun] = []
    _timed(stages, "load models", lambda: (nlp.spacy_model(), nlp.embedder()))
    return stages[0]


def run_stages(articles: Sequence[Article], settings: Settings) -> tuple[Json, list[StageRun]]:
    """The stages of `pipeline.check_articles`, in its order, each timed."""
    stages: list[StageRun] = []
    story = _timed(
        stages,
        "analyze",
        lambda: analyze.analyze_story(articles, settings.analyze, published=settings.published),
    )
    entities = _timed(stages, "resolve", lambda: resolve.resolve_entities(story))
    groups = _timed(stages, "align", lambda: align.align_claims(story, entities, settings.align))
    comparison = _timed(stages, "compare", lambda: compare.compare_claims(story, entities, groups))
    trace = _timed(stages, "provenance", lambda: provenance.trace_provenance(story, settings.provenance))
    built = _timed(stages, "report", lambda: report.build_report(story, entities, comparison, trace))
    data = _timed(stages, "serialize", lambda: report_to_dict(built))
    return data, stages


def story_paths(gold_file: Path, gold: Json) -> list[Path]:
    """Where a story's articles are: the gold file's `path` (relative to the repo), or its folder."""
    if "path" in gold:
        return [(ROOT / gold["path"]).resolve()]
    return [gold_file.parent]


def gold_files(names: Sequence[str]) -> list[Path]:
    files = sorted(EXAMPLES.glob("*/gold.json"))
    if SEEDS_GOLD.is_file():
        files.append(SEEDS_GOLD)
    return [f for f in files if not names or json.loads(f.read_text())["story"] in names]


def _spans_ok(data: Json, texts: dict[str, str]) -> bool:
    spans = [e for d in data["discrepancies"] for v in d["values"] for e in v["evidence"]]
    spans += [e for f in data["facts"] for e in f["evidence"]]
    spans += [s["evidence"] for s in data["single_source"]]
    return all(texts.get(e["article"], "")[e["start"] : e["end"]] == e["text"] for e in spans)


def _schema_ok(data: Json) -> bool:
    schema_file = ROOT.parent / "shared" / "report.schema.json"
    try:
        import jsonschema
    except ImportError:
        return True
    if not schema_file.is_file():
        return True
    validator = jsonschema.Draft202012Validator(json.loads(schema_file.read_text()))
    return validator.is_valid(json.loads(json.dumps(data)))


def run_story(gold_file: Path, settings: Settings) -> StoryRun | None:
    gold = json.loads(gold_file.read_text())
    paths = story_paths(gold_file, gold)
    if not all(path.exists() for path in paths):
        print(f"skipped {gold['story']}: {', '.join(map(str, paths))} not found", file=sys.stderr)
        return None
    stages: list[StageRun] = []
    articles, _ = _timed(stages, "ingest", lambda: ingest.load_articles(paths, settings.ingest))
    data, rest = run_stages(articles, settings)
    texts = {article.id: article.text for article in articles}
    return StoryRun(
        score=score_story(gold, data, texts),
        stages=(*stages, *rest),
        articles=len(articles),
        words=sum(len(article.text.split()) for article in articles),
        schema_ok=_schema_ok(data),
        spans_ok=_spans_ok(data, texts),
        report=data,
    )


def cold_seeds() -> Json | None:
    """`storycheck check ../shared/seeds --format json` in a fresh process: wall time, peak RSS."""
    seeds = ROOT.parent / "shared" / "seeds"
    exe = Path(sys.executable).parent / "storycheck"
    command = str(exe) if exe.exists() else shutil.which("storycheck")
    if not seeds.is_dir() or command is None:
        return None
    argv = [command, "check", "../shared/seeds", "--format", "json"]
    start = time.perf_counter()
    with subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    rss_mb = usage.ru_maxrss / 1024
    return {
        "command": "storycheck " + " ".join(argv[1:]),
        "exit_code": process.returncode,
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(rss_mb, 1),
        "wall_ok": wall < COLD_WALL_TARGET_S,
        "rss_ok": rss_mb < COLD_RSS_TARGET_MB,
        "stderr_tail": stderr.decode(errors="replace")[-300:],
    }


def _shift_numbers(text: str, offset: int) -> str:
    """Add `offset` to every integer of three or more digits (years included)."""
    return re.sub(r"\b\d{3,}\b", lambda m: str(int(m.group()) + offset), text)


def varied_stories(count: int, size: int, settings: Settings) -> list[list[Article]]:
    """`count` stories of `size` articles, made from the examples by renaming and shifting numbers."""
    sources = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        articles, _ = ingest.load_articles([folder], settings.ingest)
        if len(articles) >= size:
            sources.append(articles[:size])
    stories = []
    for k in range(count):
        base = sources[k % len(sources)]
        stories.append(
            [
                replace(article, id=f"{article.id}-v{k}", text=_shift_numbers(article.text, k + 1))
                for article in base
            ]
        )
    return stories


def throughput(total: int, settings: Settings) -> Json:
    from storycheck.pipeline import check_articles

    count = max(1, total // THROUGHPUT_STORY_SIZE)
    stories = varied_stories(count, THROUGHPUT_STORY_SIZE, settings)
    start = time.perf_counter()
    for articles in stories:
        check_articles(articles, settings=settings)
    seconds = time.perf_counter() - start
    articles_done = sum(len(story) for story in stories)
    words = sum(len(article.text.split()) for story in stories for article in story)
    return {
        "articles": articles_done,
        "stories": len(stories),
        "articles_per_story": THROUGHPUT_STORY_SIZE,
        "mode": f"{len(stories)} separate checks of {THROUGHPUT_STORY_SIZE} articles, models loaded",
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles_done / seconds, 2),
        "words_per_s": round(words / seconds, 1),
    }


def _fmt_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def quality_table(runs: Sequence[StoryRun]) -> str:
    rows = []
    for run in runs:
        s = run.score
        rows.append(
            [
                s.story,
                run.articles,
                f"{len(s.found)}/{s.required} = {s.recall:.0%}",
                f"{len(s.optional_found)}/{s.optional_total}",
                len(s.false_flags),
                len(s.unmatched),
                s.reported,
                f"{s.single_source_found}/{s.single_source_total} = {s.single_source_recall:.0%}",
                "yes" if s.original_ok else f"no ({s.original_reported})",
                f"{s.derived_found}/{s.derived_total}",
                "ok" if run.schema_ok and run.spans_ok else f"schema={run.schema_ok} spans={run.spans_ok}",
            ]
        )
    header = ["story", "arts", "recall", "optional", "false", "unmatched", "reported", "single-src",
              "original", "derived", "contract"]  # fmt: skip
    return _fmt_table(header, rows)


def stage_table(load: StageRun, runs: Sequence[StoryRun]) -> str:
    names = [stage.stage for stage in runs[0].stages] if runs else []
    rows = [[load.stage, f"{load.seconds:.2f}", "", f"{load.peak_rss_mb:.0f}"]]
    for name in names:
        times = [stage.seconds for run in runs for stage in run.stages if stage.stage == name]
        peaks = [stage.peak_rss_mb for run in runs for stage in run.stages if stage.stage == name]
        rows.append([name, f"{sum(times):.2f}", f"{max(times):.2f}", f"{max(peaks):.0f}"])
    return _fmt_table(["stage", "total s (all stories)", "max s (one story)", "peak RSS MB"], rows)


def misses_text(runs: Sequence[StoryRun]) -> str:
    lines = []
    for run in runs:
        s = run.score
        optional = f"; optional found: {', '.join(s.optional_found)}" if s.optional_found else ""
        lines.append(f"[{s.story}] found: {', '.join(s.found) or 'none'}{optional}")
        lines += [f"  MISSED  {m['id']} {m['kind']}: {m['subject']}" for m in s.missed]
        lines += [
            f"  FALSE   {f['id']} {f['kind']}: {f['values']}  <- {f['look_alike']}" for f in s.false_flags
        ]
        lines += [f"  UNMATCH {u['id']} {u['kind']}: {u['subject']} {u['values']}" for u in s.unmatched]
        lines += [
            f"  SINGLE-SOURCE MISSED {m['article']}: {m.get('contains')}" for m in s.single_source_missed
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", nargs="*", default=[], help="story names (default: all with gold)")
    parser.add_argument("--articles", type=int, default=THROUGHPUT_ARTICLES, help="throughput batch size")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-process run on the seeds")
    parser.add_argument("--no-throughput", action="store_true", help="skip the throughput run")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    # The cold run goes first: a fresh process, before this one has loaded anything.
    cold = None if args.no_cold else cold_seeds()
    settings = Settings()
    load = load_models()
    runs = [run for f in gold_files(args.stories) if (run := run_story(f, settings)) is not None]
    speed = None if args.no_throughput else throughput(args.articles, settings)

    print("\nQuality (recall = required gold discrepancies found; false = look-alikes flagged)")
    print(quality_table(runs))
    print("\nStages (in-process; peak RSS is the process peak during that stage)")
    print(stage_table(load, runs))
    if cold:
        print(
            f"\nCold process: `{cold['command']}`  exit {cold['exit_code']}  wall {cold['wall_s']} s "
            f"(target < {COLD_WALL_TARGET_S:.0f} s: {'ok' if cold['wall_ok'] else 'MISSED'})  "
            f"cpu {cold['cpu_s']} s  peak RSS {cold['peak_rss_mb']} MB "
            f"(target < {COLD_RSS_TARGET_MB:.0f} MB: {'ok' if cold['rss_ok'] else 'MISSED'})"
        )
    if speed:
        print(
            f"Throughput: {speed['articles']} articles as {speed['mode']}: {speed['seconds']} s, "
            f"{speed['articles_per_s']} articles/s, {speed['words_per_s']} words/s"
        )
    print("\nMisses and false discrepancies\n" + misses_text(runs))

    result = {
        "stories": [
            {
                **run.score.to_dict(),
                "articles": run.articles,
                "words": run.words,
                "schema_ok": run.schema_ok,
                "spans_ok": run.spans_ok,
                "stages": [vars(stage) for stage in run.stages],
            }
            for run in runs
        ],
        "load_models": vars(load),
        "cold_seeds": cold,
        "throughput": speed,
        "cpu_count": os.cpu_count(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    reports = args.out.parent / "reports"
    reports.mkdir(exist_ok=True)
    for run in runs:
        (reports / f"{run.score.story}.json").write_text(json.dumps(run.report, indent=2, ensure_ascii=False))
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
