"""verify: check a rewrite, summary or translation against its source.

Owns sentence alignment (`align.py`), typed conflicts (`conflicts.py`, `swaps.py`,
`negation.py`), the scorer (`features.py`, `scoring.py`) and rendering of its results.
May import `stages` (their readers), `nlp`, `model`, `config`; never `store`, `server`,
`batch` or `cli`.
"""

# A derived text may be a one-sentence summary, far shorter than an article: the fewest
# words it may have (an article needs IngestSettings.min_words).
DERIVED_MIN_WORDS = 3
