"""verify: check a rewrite, summary or translation against its source."""

# A derived text may be a one-sentence summary, far shorter than an article: the fewest
# words it may have (an article needs IngestSettings.min_words).
DERIVED_MIN_WORDS = 3
