"""Planted differences on real text: recall per kind, false discrepancies per planted story.

From the real same-event stories that `build.py` writes (ECB+, dev or test split), each planted
story changes one outlet's text in one way, where that outlet and another state the same
thing (the sentences share at least SAME_FACT_SHARE of their content words):

- number: a count in digits or words changed ("20 women" -> "23 women", "seven" -> "nine");
- name: a person's full name (and surname) replaced by another name throughout the article;
- date: a weekday or a month-day date changed ("Tuesday" -> "Thursday", "Jan. 7" -> "Jan. 9");
- place: a place after "in"/"at"/"from" replaced by another place;
- quote: a word of a quotation both outlets carry changed into its opposite, or "not" added;
- claim: "not" added after the auxiliary of a sentence both outlets carry;
- single: a sentence several outlets carry removed from all of them but one.

The generator reads the texts with regular expressions only (no storycheck code), so the gold
does not share the engine's blind spots. Each planted story is checked and compared with the
report on the untouched story: recall is per kind; a false discrepancy is one the planted
report has, the untouched report lacks, and the plant does not explain.

    python benchmarks/realnews/planted.py [--split test] [--per-kind 3] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from scoring import matches_gold, points_at  # noqa: E402

from storycheck.config import Settings  # noqa: E402
from storycheck.model import Article  # noqa: E402
from storycheck.pipeline import check_articles  # noqa: E402
from storycheck.serialize import report_to_dict  # noqa: E402

Json = dict[str, Any]
STORIES = HERE.parents[1] / "bench-out" / "realnews"
OUT = HERE.parents[1] / "bench-out" / "planted.json"
KINDS = ("number", "name", "date", "place", "quote", "claim", "single")
# Two sentences state the same fact when they share this share of the shorter one's words.
SAME_FACT_SHARE = 0.4
# A sentence is carried by several outlets (for "single") when they share this much.
NEAR_COPY_SHARE = 0.7
STOP = frozenset(
    "the a an of to in on at for from by with and or but as is was were are be been has have had will "
    "would could should that this these those it its their they he she his her said says also not no "
    "than more most after before about over into which who what when where while there".split()
)
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
fifteen sixteen seventeen eighteen nineteen twenty".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
NAMES = [
    "Marta Okafor",
    "Dieter Vasquez",
    "Lena Haraldsen",
    "Tomas Wierzbicki",
    "Ines Carvalho",
    "Rafael Lindqvist",
]
# Capitalised words that start or end no person's name.
NOT_NAMES = frozenset(
    "The A An In On At For United States Party Commission Election Central Democratic Police "
    "Church Republican National Department Ministry University Street Avenue Road Fire Service "
    "News Times Post".split()
)
PLACES = ["Tampere", "Ghent", "Porto", "Bergen", "Lyon", "Graz", "Aarhus", "Kaunas", "Toledo", "Valparaiso"]
OPPOSITES = {
    "will": "will not",
    "can": "cannot",
    "is": "is not",
    "was": "was not",
    "are": "are not",
    "were": "were not",
    "has": "has not",
    "have": "have not",
    "did": "did not",
    "guilty": "innocent",
    "increase": "decrease",
    "more": "fewer",
    "support": "oppose",
    "accept": "reject",
    "good": "bad",
    "always": "never",
    "everything": "nothing",
}
AUXILIARIES = re.compile(r"\b(was|were|is|are|has|have|had|will|would|could)\b(?! not)")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Plant:
    """One planted story: the changed texts and the gold for the change."""

    story: str
    kind: str
    texts: dict[str, str]
    gold: Json


def stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in WORD.findall(text) if w.lower() not in STOP and len(w) > 2}


def same_fact(a: str, b: str, share: float = SAME_FACT_SHARE) -> bool:
    x, y = stems(a), stems(b)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= share


def sentences(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in SENTENCE.finditer(text) if len(m.group().split()) >= 5]


def _shared(texts: dict[str, str], pattern: re.Pattern[str]) -> Iterator[tuple[str, re.Match[str], str, str]]:
    """(odd article, match there, another article, its sentence) for each value `pattern` finds
    in two articles' sentences that state the same fact."""
    ids = sorted(texts)
    for odd in ids[1:]:
        for start, _end, sentence in sentences(texts[odd]):
            for match in pattern.finditer(sentence):
                for other in ids:
                    if other == odd:
                        continue
                    for _s, _e, other_sentence in sentences(texts[other]):
                        if match.group(0) in other_sentence and same_fact(sentence, other_sentence):
                            shifted = pattern.match(texts[odd], start + match.start())
                            if shifted is not None:
                                yield odd, shifted, other, match.group(0)
                            break
                    else:
                        continue
                    break


def _clip(text: str, words: int = 8) -> str:
    """The first words of a text, cut at a word boundary (a gold term must match whole words)."""
    return " ".join(re.findall(r"\S+", text)[:words]).rstrip(',;:.”"')


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _gold(kind: str, odd: str, new_term: str, other: str, old_term: str) -> Json:
    return {
        "id": "p1",
        "kind": kind,
        "subject": f"planted {kind}",
        "odd": [odd],
        "terms": {odd: new_term, other: old_term},
    }


def plant_numbers(texts: dict[str, str], rng: random.Random) -> Iterator[tuple[dict[str, str], Json]]:
    pattern = re.compile(
        rf"\b(\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}}|{'|'.join(NUMBER_WORDS[2:])})\s+[a-z]+(?:s|people|men|women|children)\b"
    )
    for odd, match, other, old in _shared(texts, pattern):
        number = match.group(1)
        value = NUMBER_WORDS.index(number) if number in NUMBER_WORDS else int(number.replace(",", ""))
        if 1900 <= value <= 2100:
            continue
        new_value = value + rng.choice([1, 2, 3, 5]) if value < 50 else int(value * rng.choice([0.8, 1.3]))
        written = (
            NUMBER_WORDS[new_value]
            if new_value < len(NUMBER_WORDS) and rng.random() < 0.5
            else f"{new_value:,}"
        )
        new_text = _replace(texts[odd], match.start(1), match.end(1), written)
        yield (
            {**texts, odd: new_text},
            _gold("number", odd, match.group(0).replace(number, written, 1), other, old),
        )


def plant_names(texts: dict[str, str], rng: random.Random) -> Iterator[tuple[dict[str, str], Json]]:
    pattern = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b")
    for odd, match, other, old in _shared(texts, pattern):
        if {match.group(1), match.group(2)} & (set(WEEKDAYS + MONTHS) | NOT_NAMES):
            continue
        if len(re.findall(rf"\b{match.group(2)}\b", texts[odd])) < 2:
            continue  # a person is named again by surname; "United States" is not
        new = rng.choice(NAMES)
        text = texts[odd].replace(match.group(0), new).replace(match.group(2), new.split()[1])
        yield {**texts, odd: text}, _gold("name", odd, new, other, old)


def plant_dates(texts: dict[str, str], rng: random.Random) -> Iterator[tuple[dict[str, str], Json]]:
    pattern = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b|\b({'|'.join(MONTHS)}) (\d{{1,2}})\b")
    for odd, match, other, old in _shared(texts, pattern):
        before = texts[odd][max(0, match.start() - 25) : match.start()]
        if re.search(r"\b(said|says|told|announced|reported)\s+(on\s+)?$", before):
            continue  # the day something was said: outlets date it freely, storycheck does not compare it
        if match.group(1):
            day = WEEKDAYS[(WEEKDAYS.index(match.group(1)) + rng.choice([2, 3])) % 7]
            new = day
        else:
            new = f"{match.group(2)} {min(28, int(match.group(3)) + rng.choice([2, 3]))}"
        yield (
            {**texts, odd: _replace(texts[odd], match.start(), match.end(), new)},
            _gold("date", odd, new, other, old),
        )


def plant_places(texts: dict[str, str], rng: random.Random) -> Iterator[tuple[dict[str, str], Json]]:
    pattern = re.compile(r"\b(?:in|at|from) ([A-Z][a-z]{3,})\b")
    for odd, match, other, _old in _shared(texts, pattern):
        old = match.group(1)
        if old in WEEKDAYS + MONTHS:
            continue
        new = rng.choice([p for p in PLACES if p != old])
        yield {**texts, odd: texts[odd].replace(old, new)}, _gold("place", odd, new, other, old)


def plant_quotes(texts: dict[str, str], rng: random.Random) -> Iterator[tuple[dict[str, str], Json]]:
    pattern = re.compile(r"“[^”]{20,300}”")
    for odd, match, other, old in _shared(texts, pattern):
        words = list(re.finditer(rf"\b({'|'.join(OPPOSITES)})\b", match.group(0)))
        if not words:
            continue
        word = rng.choice(words)
        start = match.start() + word.start()
        new_quote = _replace(match.group(0), word.start(), word.end(), OPPOSITES[word.group(1)])
        yield (
            {**texts, odd: _replace(texts[odd], start, start + len(word.group(0)), OPPOSITES[word.group(1)])},
            _gold("quote", odd, new_quote[1:40], other, old[1:40]),
        )


def plant_negations(texts: dict[str, str], rng: random.Random) -> Iterator[tuple[dict[str, str], Json]]:
    ids = sorted(texts)
    for odd in ids[1:]:
        for start, _end, sentence in sentences(texts[odd]):
            if "“" in sentence or '"' in sentence:
                continue
            aux = AUXILIARIES.search(sentence)
            if aux is None:
                continue
            for other in ids:
                match = next(
                    (
                        s
                        for _a, _b, s in sentences(texts[other])
                        if other != odd and same_fact(sentence, s, 0.6)
                    ),
                    None,
                )
                if match is None:
                    continue
                at = start + aux.end()
                new_text = texts[odd][:at] + " not" + texts[odd][at:]
                new_sentence = sentence[: aux.end()] + " not" + sentence[aux.end() :]
                yield (
                    {**texts, odd: new_text},
                    _gold("claim", odd, _clip(new_sentence), other, _clip(match)),
                )
                break


def plant_singles(texts: dict[str, str], rng: random.Random) -> Iterator[tuple[dict[str, str], Json]]:
    ids = sorted(texts)
    for keeper in ids:
        for _start, _end, sentence in sentences(texts[keeper]):
            if not re.search(r"\d|[A-Z][a-z]+ [A-Z][a-z]+", sentence[1:]):
                continue
            copies = {
                other: [s for _a, _b, s in sentences(texts[other]) if same_fact(sentence, s, NEAR_COPY_SHARE)]
                for other in ids
                if other != keeper
            }
            copies = {other: found for other, found in copies.items() if found}
            if not copies:
                continue
            changed = dict(texts)
            for other, found in copies.items():
                for copy in found:
                    changed[other] = changed[other].replace(copy, "")
            words = " ".join(sentence.split()[:6])
            yield changed, {"single_source": [{"article": keeper, "contains": words}]}


PLANTERS = {
    "number": plant_numbers,
    "name": plant_names,
    "date": plant_dates,
    "place": plant_places,
    "quote": plant_quotes,
    "claim": plant_negations,
    "single": plant_singles,
}


def read_story(folder: Path) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}


def plants(split: str, per_kind: int, seed: int) -> Iterator[Plant]:
    rng = random.Random(seed)
    for folder in sorted((STORIES / split).iterdir()):
        texts = read_story(folder)
        for kind, planter in PLANTERS.items():
            seen: set[str] = set()
            count = 0
            for changed, gold in planter(texts, rng):
                key = json.dumps(gold, sort_keys=True)
                if key in seen:
                    continue
                seen.add(key)
                yield Plant(folder.name, kind, changed, gold)
                count += 1
                if count >= per_kind:
                    break


def _articles(texts: dict[str, str]) -> list[Article]:
    return [Article(id=article_id, text=text) for article_id, text in texts.items()]


def _signature(discrepancy: Json) -> tuple[str, frozenset[str]]:
    texts = {e["text"] for value in discrepancy["values"] for e in value.get("evidence", [])}
    return discrepancy["kind"], frozenset(texts)


def found_plant(plant: Plant, report: Json) -> bool:
    if plant.kind == "single":
        item = plant.gold["single_source"][0]
        return any(
            claim["article"] == item["article"]
            and points_at(claim["evidence"], item["contains"], plant.texts)
            for claim in report["single_source"]
        )
    return any(matches_gold(plant.gold, d, plant.texts) for d in report["discrepancies"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=["dev", "test"])
    parser.add_argument("--per-kind", type=int, default=3, help="plants per kind per story")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true", help="list misses (dev only)")
    args = parser.parse_args()
    if not (STORIES / args.split).is_dir():
        sys.exit(f"no stories in {STORIES / args.split}: run python benchmarks/realnews/build.py first")
    settings = Settings()
    untouched: dict[str, set[tuple[str, frozenset[str]]]] = {}
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_new = 0
    started = time.perf_counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for plant in plants(args.split, args.per_kind, args.seed):
        if plant.story not in untouched:
            base = report_to_dict(
                check_articles(_articles(read_story(STORIES / args.split / plant.story)), settings=settings)
            )
            untouched[plant.story] = {_signature(d) for d in base["discrepancies"]}
        report = report_to_dict(check_articles(_articles(plant.texts), settings=settings))
        total[plant.kind] += 1
        hit = found_plant(plant, report)
        found[plant.kind] += hit
        if not hit and args.show and args.split == "dev":
            misses[plant.kind].append(f"{plant.story}: {json.dumps(plant.gold)[:160]}")
        if plant.kind != "single":
            false_new += sum(
                1
                for d in report["discrepancies"]
                if _signature(d) not in untouched[plant.story]
                and not matches_gold(plant.gold, d, plant.texts)
            )
    seconds = time.perf_counter() - started
    planted = sum(total.values())
    print(
        f"\n## planted differences, {args.split} split: {planted} stories "
        f"from {len(untouched)} real events, {seconds:.0f} s"
    )
    print("| kind | found [>= 90%] |\n|---|---|")
    for kind in KINDS:
        if total[kind]:
            print(f"| {kind} | {100 * found[kind] / total[kind]:.1f}% ({found[kind]}/{total[kind]}) |")
    stories_with_slots = planted - total["single"]
    per_story = false_new / stories_with_slots if stories_with_slots else 0.0
    print(
        "| new false discrepancies per planted story [<= 0.3] | "
        f"{per_story:.2f} ({false_new}/{stories_with_slots}) |"
    )
    for kind, lines in misses.items():
        for line in lines[:8]:
            print(f"  - missed {kind}: {line}")
    OUT.write_text(
        json.dumps(
            {
                "split": args.split,
                "found": found,
                "total": total,
                "false_new": false_new,
                "planted_stories": planted,
                "seconds": seconds,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
