"""JSON for what the store keeps: cluster signatures and centroids, and content hashes.

Signatures and centroids are frozen dataclasses owned by the cluster stage
(`stories/cluster.py`); the store keeps them as JSON and rebuilds them by field name, so it
needs no knowledge of the cluster code beyond the field layout it documents. Vectors come
back as float32 arrays, whether they were stored as arrays or (before the store used the
cluster stage) as rounded tuples.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")

# Decimals kept of each float vector component: five change a cosine by under 1e-4 and
# keep a stored vector short (a float32 printed in full takes 19 characters).
VECTOR_DECIMALS = 5

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with runs of white space collapsed: the deduplication key."""
    normalized = _SPACE.sub(" ", text).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(_plain(item) for item in value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return np.round(value.astype(np.float64), VECTOR_DECIMALS).tolist()
    if hasattr(value, "tolist"):  # other numpy arrays and scalars
        return value.tolist()
    return value


def dump_dataclass(value: Any) -> str:
    """A frozen dataclass as compact JSON: tuples, sets and arrays become lists, dates ISO strings.

    Float arrays are rounded to VECTOR_DECIMALS.
    """
    fields = {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _vector(value: Any) -> Any:
    return np.asarray(value, dtype=np.float32)


def _frozenset(value: Any) -> frozenset[Any]:
    return frozenset(value)


def _pairs(value: Any) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(item) for item in value)


# How each documented signature/centroid field comes back from JSON; others pass through.
FIELD_DECODERS: dict[str, Callable[[Any], Any]] = {
    "vector": _vector,
    "total": _vector,
    "minhash": _tuple,
    "entities": _frozenset,
    "published": _date,
    "first": _date,
    "last": _date,
    "entity_counts": _pairs,
}


def load_dataclass(cls: type[T], text: str) -> T:
    """Rebuild a dataclass of type `cls` from `dump_dataclass` output."""
    data = json.loads(text)
    names = {field.name for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {name: FIELD_DECODERS.get(name, _same)(data[name]) for name in names if name in data}
    return cls(**values)


def _same(value: Any) -> Any:
    return value
