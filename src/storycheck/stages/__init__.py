"""The pipeline stages, in the order `pipeline.py` runs them: `ingest/` (read, decode, clean,
sources and feeds, WARC, wire credits), `analyze/`, `resolve.py`, `align.py`, `compare/`,
`provenance/`, `report/`, `render/`. Each is a pure function of typed inputs (only ingest
reads).

May import `model`, `config`, `errors`, `nlp`, `gazetteer`, `serialize` and each other;
never `pipeline`, `verify`, `store`, `server`, `batch`, `cli` (`make lint` checks it).
"""
