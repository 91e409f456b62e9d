"""Stage 3, dedupe: copies and light edits of an earlier article, and paragraphs reused across articles.

Wire stories are republished by dozens of outlets, sometimes word for word, sometimes with a new intro,
a swapped boilerplate block or a paragraph moved.  Each article's text becomes a set of word shingles,
summarised by a MinHash signature (``rensa``); a banded LSH index finds the earlier articles that may be
copies, and the signatures' agreement estimates their Jaccard similarity.  An article at or above
``dedupe.threshold`` gets ``duplicate_of`` (its earliest original).  Paragraphs of distinct articles are
matched the same way: a reused paragraph is recorded on the later article, so a fact it states counts for
the original's origin, not as an independent report.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import numpy as np

from ..config import Config
from ..model import Article, Corpus, Reuse, Span
from ..nlp.parallel import shared
from ..nlp.words import WORD, lowered_tokens

__all__ = ["dedupe", "origins", "origin_of", "shingles", "signatures", "NearDuplicateIndex", "CopyFinder"]

_SEED = 1729


def shingles(text: str, size: int) -> list[str]:
    """Distinct word ``size``-grams of ``text`` (lower-cased); a text shorter than that is one shingle."""
    tokens = lowered_tokens(WORD, text)
    if len(tokens) <= size:
        return [" ".join(tokens)] if tokens else []
    return list({" ".join(gram) for gram in zip(*(tokens[k:] for k in range(size)))})


def signatures(token_sets: Iterable[list[str]], num_perm: int) -> np.ndarray:
    """MinHash signatures (``rensa`` R-MinHash), one row of ``num_perm`` uint32 per token set."""
    from rensa import RMinHash

    sets = [tokens or [""] for tokens in token_sets]
    if not sets:
        return np.zeros((0, num_perm), dtype=np.uint32)
    matrix = RMinHash.digest_matrix_from_token_sets(sets, num_perm, _SEED)
    return np.asarray(matrix.to_rows(), dtype=np.uint32)


def _text_signatures(texts: list[str], size: int, num_perm: int) -> np.ndarray:
    """The signatures of ``texts``' word shingles (a share of a batch, maybe in a helper process)."""
    return signatures([shingles(text, size) for text in texts], num_perm)


def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising the summed chance of missing a pair above ``threshold`` and of
    proposing a pair below it (both integrated over Jaccard), as LSH is usually tuned."""
    grid = np.linspace(0.0, 1.0, 201)
    best = None
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        if rows == 0:
            break
        found = 1.0 - (1.0 - grid ** rows) ** bands
        false_positive = np.trapezoid(np.where(grid < threshold, found, 0.0), grid)
        false_negative = np.trapezoid(np.where(grid >= threshold, 1.0 - found, 0.0), grid)
        error = false_positive + false_negative
        if best is None or error < best[0]:
            best = (error, bands, rows)
    return best[1], best[2]


class NearDuplicateIndex:
    """Banded MinHash LSH over signatures; :meth:`add` returns, for each new row, the most similar earlier
    row at or above the threshold (estimated Jaccard), or ``None``.

    With ``window_days``, rows older than that (by the times given to :meth:`add`) are forgotten, so memory
    stays bounded on an endless stream: reprints of a wire story appear within days of it.
    """

    def __init__(self, *, threshold: float, num_perm: int, window_days: float = 0.0) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
        if window_days < 0:
            raise ValueError(f"window_days must be >= 0, got {window_days!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.window = window_days * 86400.0
        self.bands, self.rows = _bands(threshold, num_perm)
        self._buckets: list[dict[int, list[int]]] = [{} for _ in range(self.bands)]
        self._live: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # row -> (signature, band keys)
        self._arrivals: deque[tuple[float, int]] = deque()
        self._count = 0
        self._mix = np.random.default_rng(_SEED).integers(1, 2**61, size=self.rows, dtype=np.uint64) | np.uint64(1)

    def __len__(self) -> int:
        return len(self._live)

    def _band_keys(self, block: np.ndarray) -> np.ndarray:
        keys = np.empty((block.shape[0], self.bands), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for band in range(self.bands):
                part = block[:, band * self.rows:(band + 1) * self.rows].astype(np.uint64)
                keys[:, band] = (part * self._mix).sum(axis=1)
        return keys

    def _forget_before(self, moment: float) -> None:
        while self._arrivals and self._arrivals[0][0] < moment:
            _, row = self._arrivals.popleft()
            _, keys = self._live.pop(row)
            for band, key in enumerate(keys.tolist()):
                bucket = self._buckets[band][key]
                bucket.remove(row)
                if not bucket:
                    del self._buckets[band][key]

    def add(self, block: np.ndarray, *, times: list[float | None] | None = None,
            insert: Iterable[bool] | None = None) -> list[tuple[int, float] | None]:
        """Match each row of ``block`` against everything added before it (earlier rows of ``block``
        included), then index it unless ``insert`` says not to.  Rows are numbered in the order added.
        Returns ``(row number, similarity)`` of the best match, or None."""
        if block.shape[0] == 0:
            return []
        times = times if times is not None else [None] * block.shape[0]
        known = [t for t in times if t is not None]
        if self.window and known:
            self._forget_before(min(known) - self.window)
        keys = self._band_keys(block)
        flags = list(insert) if insert is not None else [True] * block.shape[0]
        found: list[tuple[int, float] | None] = []
        for offset in range(block.shape[0]):
            row = self._count
            self._count += 1
            band_keys = keys[offset]
            candidates: set[int] = set()
            for band, key in enumerate(band_keys.tolist()):
                bucket = self._buckets[band].get(key)
                if bucket:
                    candidates.update(bucket)
            best = None
            if candidates:
                ids = list(candidates)
                similarity = (np.vstack([self._live[r][0] for r in ids]) == block[offset]).mean(axis=1)
                top = int(similarity.argmax())
                if similarity[top] >= self.threshold:
                    best = (ids[top], float(similarity[top]))
            found.append(best)
            if flags[offset]:
                for band, key in enumerate(band_keys.tolist()):
                    self._buckets[band].setdefault(key, []).append(row)
                self._live[row] = (block[offset].copy(), band_keys)
                if self.window and times[offset] is not None:
                    self._arrivals.append((times[offset], row))
        return found


class CopyFinder:
    """Streaming whole-article dedupe: feed batches in time order; sets ``duplicate_of`` on each copy."""

    def __init__(self, config: Config) -> None:
        self.settings = config.dedupe
        self._index = NearDuplicateIndex(threshold=self.settings.threshold, num_perm=self.settings.num_perm,
                                         window_days=self.settings.window_days)
        self._row_ids: dict[int, str] = {}
        self._root: dict[str, str] = {}

    def add(self, articles: list[Article]) -> None:
        from .group import epoch

        parts = shared(_text_signatures, [a.text for a in articles], self.settings.shingle_words,
                       self.settings.num_perm, processes=self.settings.processes)
        block = parts[0] if len(parts) == 1 else np.vstack(parts)
        base = self._index._count
        found = self._index.add(block, times=[epoch(a) for a in articles])
        for offset, (article, match) in enumerate(zip(articles, found)):
            self._row_ids[base + offset] = article.id
            if match is None:
                article.duplicate_of = None
                self._root[article.id] = article.id
            else:
                original = self._row_ids[match[0]]
                article.duplicate_of = self._root.get(original, original)
                self._root[article.id] = article.duplicate_of
        if self._index.window:  # forget ids the index no longer holds
            for row in [r for r in self._row_ids if r < base and r not in self._index._live]:
                self._root.pop(self._row_ids.pop(row), None)


def dedupe(corpus: Corpus, config: Config) -> Corpus:
    """Set ``duplicate_of`` on copies, and ``reused`` on articles that repeat another's paragraph."""
    settings = config.dedupe
    ordered = sorted(corpus.articles, key=lambda a: a.arrival_key)
    CopyFinder(config).add(ordered)
    if settings.paragraph_min_words:
        _paragraph_reuse(ordered, settings)
    return corpus


def _paragraph_reuse(ordered: list[Article], settings) -> None:
    owners: list[tuple[Article, Span]] = []
    token_sets = []
    for article in ordered:
        article.reused = []
        for span in article.paragraphs:
            text = article.span_text(span)
            if len(WORD.findall(text)) >= settings.paragraph_min_words:
                owners.append((article, span))
                token_sets.append(shingles(text, settings.shingle_words))
    if len(owners) < 2:
        return
    index = NearDuplicateIndex(threshold=settings.threshold, num_perm=settings.num_perm)
    for (article, span), match in zip(owners, index.add(signatures(token_sets, settings.num_perm))):
        if match is None:
            continue
        source, source_span = owners[match[0]]
        if source is article or _root_id(source) == _root_id(article):
            continue  # repeats inside one article, or between copies, are not reuse
        article.reused.append(Reuse(span.start, span.end, source.id, source_span.start, source_span.end,
                                    round(match[1], 3)))


def _root_id(article: Article) -> str:
    return article.duplicate_of or article.id


def origins(articles: list[Article]) -> dict[str, str]:
    """Article id -> origin key.  Copies share their original's key; so do articles of one outlet."""
    keys: dict[str, str] = {}
    for article in articles:
        keys[article.id] = _root_id(article)
    outlet_of = {a.id: (a.outlet or "").strip().lower() for a in articles}
    by_outlet: dict[str, str] = {}
    for article in articles:
        outlet = outlet_of.get(keys[article.id]) or outlet_of[article.id]
        if outlet:
            keys[article.id] = by_outlet.setdefault(outlet, keys[article.id])
    return keys


def origin_of(article: Article, span: Span, keys: dict[str, str]) -> str:
    """The origin of one cited span: a sentence inside a reused paragraph belongs to the paragraph's source."""
    for reuse in article.reused:
        if reuse.start <= span.start and span.end <= reuse.end and reuse.article_id in keys:
            return keys[reuse.article_id]
    return keys[article.id]

