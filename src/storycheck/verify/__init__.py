"""verify: check a rewrite, summary or translation against its source."""
