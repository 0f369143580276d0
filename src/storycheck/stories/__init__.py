"""Story grouping at scale: which articles report the same story.

Owns the article signature (hashed words and names, MinHash), the index of open stories
(`cluster.py`) and near-duplicate detection (`dedupe.py`), used by `batch/` and `store/`.
May import `model`, `config`, `errors` and `nlp`; never `stages`' later steps, `store`,
`server`, `batch` or `cli`.
"""
