"""The pipeline stages, one module each: ingest, analyze, cluster, resolve, align, compare,
provenance, report, render. Each is a pure function of typed inputs (only ingest reads)."""
