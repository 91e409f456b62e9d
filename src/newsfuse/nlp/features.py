"""What tells one news story from another: topic words, names and figures, as hashed TF-IDF vectors.

Two incidents of one kind (two earthquakes, two rehab stays) share their topic words but not their
names, places and figures, so those get a vector of their own.  Vectors are hashed, so no vocabulary
has to be fitted first, and document frequencies are counted as batches arrive: the same vectorizer
serves a one-off folder and a stream of a million articles.
"""
from __future__ import annotations

import re

import numpy as np
from scipy import sparse

from .parallel import shared
from .words import STOPWORDS, lowered_tokens

__all__ = ["topic_terms", "name_terms", "Vectorizer", "count_together"]

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
# A run of capitalised words (a name), or a figure.  Figures keep their digits only: "1,200" = "1200".
_NAME_OR_FIGURE = re.compile(r"\b[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|of|de|van|von|al|bin))*\b|\b\d[\d,.]*\d\b|\b\d\b")
_SENTENCE_ENDS = frozenset('.!?:"“”')
_HASH_BITS = 20


def topic_terms(text: str) -> list[str]:
    """Lower-cased content words, possessive and plural "s" kept (cheap and stable across outlets)."""
    return [t for t in lowered_tokens(_TOKEN, text) if len(t) > 1 and t not in STOPWORDS]


def name_terms(text: str) -> list[str]:
    """Words of capitalised runs (names, places, organisations) and figures.

    A capitalised word that only opens a sentence is not taken as a name on its own.
    """
    terms: list[str] = []
    for match in _NAME_OR_FIGURE.finditer(text):
        token = match.group(0)
        if token[0].isdigit():
            terms.append("#" + token.replace(",", "").rstrip("."))
            continue
        start = match.start()
        words = token.split()
        if not start or _opens_sentence(text[max(0, start - 3):start]):
            del words[0]
        for word in words:
            word = word.lower()
            if len(word) > 1 and word not in STOPWORDS:
                terms.append(word)
    return terms


def _opens_sentence(before: str) -> bool:
    """Whether what comes after ``before`` (the 3 characters before a word) opens a sentence: it ends in
    a sentence's end mark or a quote, then maybe spaces, or in a line break, then maybe spaces."""
    body = before.rstrip()
    return bool(body) and body[-1] in _SENTENCE_ENDS or "\n" in before[len(body):]


class Vectorizer:
    """Hashed TF-IDF (sublinear tf, smoothed idf, L2-normalised) with document frequencies counted online.

    Texts are cut into term counts by :func:`count_together` (a big batch over all cores), then weighed here.
    ``analyzer`` must be a module-level function, so that a helper process can import it.
    """

    def __init__(self, analyzer, *, bits: int = _HASH_BITS) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self._hasher = HashingVectorizer(analyzer=analyzer, n_features=1 << bits, alternate_sign=False,
                                         norm=None)
        self._df = np.zeros(1 << bits, dtype=np.float64)
        self._documents = 0

    def weigh(self, counts: sparse.csr_matrix, *, learn: bool = True) -> sparse.csr_matrix:
        """TF-IDF vectors from term counts; with ``learn``, their terms count towards document frequency
        first."""
        counts = counts.copy()
        if learn:
            present = counts.copy()
            present.data[:] = 1.0
            self._df += np.asarray(present.sum(axis=0)).ravel()
            self._documents += counts.shape[0]
        counts.data = 1.0 + np.log(counts.data)
        idf = np.log((1.0 + self._documents) / (1.0 + self._df[counts.indices])) + 1.0
        counts.data *= idf
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ counts)


def count_together(vectorizers: list[Vectorizer], texts: list[list[str]], *, processes: int = 0
                   ) -> list[sparse.csr_matrix]:
    """Each vectorizer's raw term counts of its own texts (``texts[k]`` for ``vectorizers[k]``, all of one
    length), one row per text, cut in one pass: a big batch goes to the helper processes once
    (``processes``: 0 = one per core; see :mod:`.parallel`)."""
    hashers = [v._hasher for v in vectorizers]
    parts = shared(_counts, list(zip(*texts)), hashers, processes=processes)
    return [parts[0][k] if len(parts) == 1 else sparse.vstack([p[k] for p in parts], format="csr")
            for k in range(len(hashers))]


def _counts(rows: list[tuple[str, ...]], hashers) -> list[sparse.csr_matrix]:
    """Term counts of a share of a batch (maybe in a helper process): ``rows[i][k]`` is counted by
    ``hashers[k]``."""
    if not rows:
        return [sparse.csr_matrix((0, hasher.n_features), dtype=np.float64) for hasher in hashers]
    return [sparse.csr_matrix(hasher.transform(list(column)), dtype=np.float64)
            for hasher, column in zip(hashers, zip(*rows))]
