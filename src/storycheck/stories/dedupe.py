"""Exact and near-duplicate detection: syndicated copies of one text.

Exact copies share a fingerprint of their normalised words; near copies (a new headline, a
trimmed paragraph) share most word shingles, found with MinHash LSH (datasketch) so that
finding the copies of an article costs the same however many articles came before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from datasketch import MinHashLSH

from .sketch import Sketch, _sketch, jaccard, pack_minhash

if TYPE_CHECKING:
    from .signature import ArticleSignature

# Default copy threshold for callers without settings; see ClusterSettings.near_duplicate.
NEAR_DUPLICATE = 0.7


@dataclass(frozen=True)
class DuplicateMatch:
    """`article_id` copies `original`: `kind` is "exact" or "near", `similarity` the Jaccard."""

    article_id: str
    original: str
    kind: str
    similarity: float


def is_near_duplicate(a: ArticleSignature, b: ArticleSignature, threshold: float = NEAR_DUPLICATE) -> bool:
    """True when the two articles' texts share at least `threshold` of their shingles (estimated)."""
    return jaccard(a.minhash, b.minhash) >= threshold


class DuplicateIndex:
    """Finds, for each new article, an earlier article it copies (exactly or nearly).

    Deterministic: among several earlier matches the most similar wins, then the earliest.
    Each article costs one uint32 sketch plus its LSH bands; `remove` takes articles out
    again, so a caller that drops old articles keeps the index as small as its window.
    """

    def __init__(self, *, threshold: float = NEAR_DUPLICATE, num_perm: int = 128) -> None:
        self._threshold = threshold
        self._num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._by_fingerprint: dict[str, list[str]] = {}  # digest -> keys holding it, earliest first
        self._digests: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._sketches: dict[str, Sketch] = {}
        self._added = 0

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, key: object) -> bool:
        return key in self._order

    def match(self, signature: ArticleSignature) -> DuplicateMatch | None:
        """The earlier article `signature` copies, or None for an original text."""
        exact = self._by_fingerprint.get(signature.digest)
        if exact:
            return DuplicateMatch(signature.article_id, exact[0], "exact", 1.0)
        if len(signature.minhash) != self._num_perm:
            return None
        candidates = self._lsh.query(_sketch(signature.minhash))
        scored = [(jaccard(signature.minhash, self._sketches[key]), key) for key in candidates]
        scored = [(score, key) for score, key in scored if score >= self._threshold]
        if not scored:
            return None
        score, original = min(scored, key=lambda item: (-item[0], self._order[item[1]]))
        return DuplicateMatch(signature.article_id, original, "near", score)

    def add(self, signature: ArticleSignature) -> None:
        """Remember an article so later copies of it are found."""
        self.insert(signature.article_id, digest=signature.digest, sketch=pack_minhash(signature.minhash))

    def insert(self, key: str, *, digest: str, sketch: Sketch) -> None:
        """Remember an article by its parts (a stored one being put back); see `add`."""
        if key in self._order:
            return
        self._order[key] = self._added
        self._added += 1
        self._digests[key] = digest
        self._by_fingerprint.setdefault(digest, []).append(key)
        if len(sketch) == self._num_perm:
            self._sketches[key] = sketch
            self._lsh.insert(key, _sketch(sketch))

    def remove(self, key: str) -> None:
        """Forget an article: later copies of it are no longer found."""
        if self._order.pop(key, None) is None:
            return
        digest = self._digests.pop(key)
        holders = self._by_fingerprint[digest]
        holders.remove(key)
        if not holders:
            del self._by_fingerprint[digest]
        if self._sketches.pop(key, None) is not None:
            self._lsh.remove(key)

    def sketch(self, key: str) -> Sketch | None:
        """The stored MinHash values of an article held (None for one too short to sketch)."""
        return self._sketches.get(key)

    def keys(self) -> list[str]:
        """The articles held, earliest first."""
        return list(self._order)
