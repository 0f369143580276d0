"""Literal kinds and type aliases the data model's classes use (schema vocabulary)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

SCHEMA_VERSION = "1"

DiscrepancyKind = Literal["name", "role", "number", "date", "place", "quote", "claim"]
Severity = Literal["high", "medium", "low"]
Fidelity = Literal["exact", "minor", "altered", "unverified"]
EdgeKind = Literal["copy", "rewrite", "translation", "independent"]
EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]
Granularity = Literal["day", "month", "year", "season", "range"]

Vector = npt.NDArray[np.float32]
