"""Settings: defaults < config file < STORYCHECK_* environment < flags, resolved once.

Each stage gets only its own section. Every default carries the reason for its value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class IngestSettings:
    # 5 MB of text is ~800k words, far beyond any article; larger files are dumps, not articles.
    max_bytes: int = 5_000_000
    # Below this an "article" is a caption or a stub, too short to compare.
    min_words: int = 20
    # Share of ASCII stop words an English text has; below it the text is not English.
    min_english_ratio: float = 0.12


@dataclass(frozen=True)
class AnalyzeSettings:
    # Clauses shorter than this many words carry no comparable claim.
    min_claim_words: int = 5


@dataclass(frozen=True)
class AlignSettings:
    # Cosine of MiniLM embeddings above which two claims are about the same thing; with
    # shared entities or slots the bar is lowered by `entity_bonus`.
    min_similarity: float = 0.62
    entity_bonus: float = 0.12


@dataclass(frozen=True)
class ProvenanceSettings:
    # Word n-gram size for text reuse; 5-grams rarely repeat by chance in news prose.
    ngram: int = 5
    # Share of a derived article's n-grams found in the source: above -> copy.
    copy_reuse: float = 0.6
    # Share of derived sentences with a close paraphrase in the source: above -> rewrite.
    rewrite_alignment: float = 0.5


@dataclass(frozen=True)
class ClusterSettings:
    # Score (cosine of title+lede vectors + entity bonus) above which an article joins a
    # story; tuned for B-cubed F1 of the fast signature on the ECB+ train and dev splits
    # (look-alike stories of one topic). The neural signature wants about 0.65.
    min_score: float = 0.4
    # Weight of the share of an article's entities already seen in the story: shared names
    # separate two look-alike events (two different earthquakes) that embeddings merge.
    entity_weight: float = 0.5
    # Days an article may lie outside a story's [first, last] dates and still join it;
    # news coverage of one event rarely spreads wider, and undated articles are never excluded.
    window_days: int = 7
    # Days an article may be dated before the newest date already seen and still be compared
    # with every story and copy it could match. Stories and articles last seen more than
    # window_days + late_days before the newest date leave memory (they stay in OUTDIR), so a
    # stream's memory is bounded by what two weeks of news hold, not by the corpus.
    late_days: int = 7
    # Estimated Jaccard of word shingles above which two texts are copies of one another:
    # syndicated wire copies with a new headline or a trimmed paragraph stay above 0.7.
    near_duplicate: float = 0.7
    # Word shingle size for MinHash; 5-grams rarely repeat by chance in news prose.
    shingle: int = 5
    # MinHash permutations: 128 keeps the Jaccard estimate within about +-0.05 at 0.7.
    num_perm: int = 128
    # Words of the body embedded with the title: the lede says what the story is, and
    # MiniLM truncates at 128 word pieces anyway.
    lede_words: int = 80
    # Characters of the body read for named entities: the top of a news article names the
    # actors; reading all of it costs time and adds names from background paragraphs.
    entity_chars: int = 1500
    # "fast": hashed bag of words + capitalised names, no model (>1000 articles/s per core);
    # "neural": MiniLM embedding + spaCy NER (slower; paraphrase-aware).
    signature: str = "fast"
    # Width of the fast signature's hashed vector: 1024 keeps collisions rare for a lede's
    # ~60 content words while a story costs 4 KB.
    hash_dims: int = 1024
    # Articles read and signed per batch, and between state checkpoints (x20): bounds memory.
    batch_size: int = 64


@dataclass(frozen=True)
class Settings:
    published: dt.date | None = None  # reference date forced by --published
    ingest: IngestSettings = field(default_factory=IngestSettings)
    analyze: AnalyzeSettings = field(default_factory=AnalyzeSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    provenance: ProvenanceSettings = field(default_factory=ProvenanceSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)


SECTIONS = ("ingest", "analyze", "align", "provenance", "cluster")


def parse_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date or raise ConfigError SC201."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as err:
        raise ConfigError("SC201", value=text) from err


def _coerce(name: str, current: Any, raw: Any) -> Any:
    try:
        if isinstance(current, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
    except (TypeError, ValueError) as err:
        raise ConfigError("SC202", name=name, value=raw, reason="not a number") from err
    return raw


def _apply(settings: Settings, values: dict[str, dict[str, Any]]) -> Settings:
    for section_name, section_values in values.items():
        if section_name not in SECTIONS:
            raise ConfigError("SC202", name=section_name, value="", reason="unknown section")
        section = getattr(settings, section_name)
        known = {f.name for f in fields(section)}
        updates = {}
        for key, raw in section_values.items():
            if key not in known:
                raise ConfigError("SC202", name=f"{section_name}.{key}", value=raw, reason="unknown setting")
            updates[key] = _coerce(f"{section_name}.{key}", getattr(section, key), raw)
        settings = replace(settings, **{section_name: replace(section, **updates)})
    return settings


def _from_env(environ: dict[str, str]) -> dict[str, dict[str, Any]]:
    """STORYCHECK_ALIGN__MIN_SIMILARITY=0.7 -> {"align": {"min_similarity": "0.7"}}."""
    values: dict[str, dict[str, Any]] = {}
    for key, raw in environ.items():
        if key.startswith("STORYCHECK_") and "__" in key:
            section, name = key[len("STORYCHECK_") :].lower().split("__", 1)
            values.setdefault(section, {})[name] = raw
    return values


def load_settings(
    config_file: Path | None = None,
    *,
    environ: dict[str, str] | None = None,
    published: dt.date | None = None,
) -> Settings:
    """Resolve settings once: defaults < config file (TOML) < environment < flags."""
    settings = Settings()
    if config_file is not None:
        try:
            data = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError("SC202", name="--config", value=str(config_file), reason=str(err)) from err
        settings = _apply(settings, data)
    settings = _apply(settings, _from_env(dict(os.environ) if environ is None else environ))
    if published is not None:
        settings = dataclasses.replace(settings, published=published)
    return settings
