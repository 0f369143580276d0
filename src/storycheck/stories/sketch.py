"""Word fingerprints and MinHash sketches of a text (datasketch), shared by the signature
and the duplicate index.

The seed and permutation scheme are fixed, so sketches written in one run compare with
those of the next.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

# Fixed MinHash seed: signatures written in one run are compared with those of the next.
MINHASH_SEED = 1
# datasketch 2 permutation scheme, named because stored hash values do not record it.
MINHASH_SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)
Sketch = npt.NDArray[np.uint32]


def words_of(text: str) -> list[str]:
    """The lower-cased word tokens of a text, punctuation dropped."""
    return _WORD.findall(text.lower())


def fingerprint(text: str) -> str:
    """A digest of the text's words: equal for texts that differ only in spacing or case."""
    return hashlib.sha1(" ".join(words_of(text)).encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[bytes]:
    """The set of `size`-word shingles of a text (the whole text when it is shorter)."""
    words = words_of(text)
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash_values(text: str, *, size: int = 5, num_perm: int = 128) -> tuple[int, ...]:
    """MinHash hash values of the text's word shingles (datasketch, fixed seed)."""
    sketch = MinHash(permutations=_permutations(num_perm), scheme=MINHASH_SCHEME)
    sketch.update_batch(sorted(shingles(text, size)))
    return tuple(int(value) for value in sketch.hashvalues)


@functools.cache
def _permutations(num_perm: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """The seeded permutation parameters, drawn once per process instead of once per text."""
    sketch = MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    first, second = sketch.permutations
    return first, second


def _sketch(values: Sequence[int] | Sketch) -> MinHash:
    """A MinHash rebuilt from stored hash values."""
    return MinHash(
        hashvalues=np.asarray(values, dtype=np.uint32),
        permutations=_permutations(len(values)),
        scheme=MINHASH_SCHEME,
    )


def pack_minhash(values: Sequence[int] | Sketch) -> Sketch:
    """MinHash values as one compact uint32 array (512 bytes for 128 values, not 5 KB of ints)."""
    return np.asarray(values, dtype=np.uint32)


def jaccard(a: Sequence[int] | Sketch, b: Sequence[int] | Sketch) -> float:
    """Estimated Jaccard similarity of two MinHash signatures of equal length."""
    if len(a) == 0 or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))
