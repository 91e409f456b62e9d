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

from collections.abc import Iterable

import numpy as np

from ..config import Config
from ..model import Article, Corpus, Reuse, Span
from ..nlp.words import WORD

__all__ = ["dedupe", "origins", "shingles", "signatures", "NearDuplicateIndex"]

_SEED = 1729


def shingles(text: str, size: int) -> list[str]:
    """Distinct word ``size``-grams of ``text`` (lower-cased); a text shorter than that is one shingle."""
    tokens = [t.lower() for t in WORD.findall(text)]
    if len(tokens) <= size:
        return [" ".join(tokens)] if tokens else []
    return list({" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)})


def signatures(token_sets: Iterable[list[str]], num_perm: int) -> np.ndarray:
    """MinHash signatures (``rensa`` R-MinHash), one row of ``num_perm`` uint32 per token set."""
    from rensa import RMinHash

    sets = [tokens or [""] for tokens in token_sets]
    if not sets:
        return np.zeros((0, num_perm), dtype=np.uint32)
    matrix = RMinHash.digest_matrix_from_token_sets(sets, num_perm, _SEED)
    return np.asarray(matrix.to_rows(), dtype=np.uint32)


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
    row at or above the threshold (estimated Jaccard), or ``None``."""

    def __init__(self, *, threshold: float, num_perm: int) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = _bands(threshold, num_perm)
        self._buckets: list[dict[int, list[int]]] = [{} for _ in range(self.bands)]
        self._signatures = np.zeros((0, num_perm), dtype=np.uint32)  # capacity grows by doubling
        self._count = 0
        self._mix = np.random.default_rng(_SEED).integers(1, 2**61, size=self.rows, dtype=np.uint64) | np.uint64(1)

    def __len__(self) -> int:
        return self._count

    def _band_keys(self, block: np.ndarray) -> np.ndarray:
        keys = np.empty((block.shape[0], self.bands), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for band in range(self.bands):
                part = block[:, band * self.rows:(band + 1) * self.rows].astype(np.uint64)
                keys[:, band] = (part * self._mix).sum(axis=1)
        return keys

    def add(self, block: np.ndarray, *, insert: Iterable[bool] | None = None) -> list[tuple[int, float] | None]:
        """Match each row of ``block`` against everything added before it (earlier rows of ``block``
        included), then index it unless ``insert`` says not to.  Returns ``(row id, similarity)`` or None."""
        if block.shape[0] == 0:
            return []
        keys = self._band_keys(block)
        flags = list(insert) if insert is not None else [True] * block.shape[0]
        base = self._count
        needed = base + block.shape[0]
        if needed > self._signatures.shape[0]:
            grown = np.zeros((max(needed, 2 * self._signatures.shape[0]), self.num_perm), dtype=np.uint32)
            grown[:base] = self._signatures[:base]
            self._signatures = grown
        self._signatures[base:needed] = block
        self._count = needed
        everything = self._signatures
        found: list[tuple[int, float] | None] = []
        for offset in range(block.shape[0]):
            row = base + offset
            candidates: set[int] = set()
            for band, key in enumerate(keys[offset].tolist()):
                bucket = self._buckets[band].get(key)
                if bucket:
                    candidates.update(bucket)
            best = None
            if candidates:
                ids = np.fromiter(candidates, dtype=np.int64)
                similarity = (everything[ids] == block[offset]).mean(axis=1)
                top = int(similarity.argmax())
                if similarity[top] >= self.threshold:
                    best = (int(ids[top]), float(similarity[top]))
            found.append(best)
            if flags[offset]:
                for band, key in enumerate(keys[offset].tolist()):
                    self._buckets[band].setdefault(key, []).append(row)
        return found


def dedupe(corpus: Corpus, config: Config) -> Corpus:
    """Set ``duplicate_of`` on copies, and ``reused`` on articles that repeat another's paragraph."""
    settings = config.dedupe
    ordered = sorted(corpus.articles, key=_age_key)
    by_id = corpus.by_id()
    index = NearDuplicateIndex(threshold=settings.threshold, num_perm=settings.num_perm)
    found = index.add(signatures([shingles(a.text, settings.shingle_words) for a in ordered], settings.num_perm))
    for article, match in zip(ordered, found):
        article.duplicate_of = None if match is None else _root(ordered[match[0]].id, by_id)
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


def _age_key(article: Article) -> tuple[int, str]:
    # Earlier publication first; undated articles keep their input order (stable sort) after the dated ones.
    return (0, article.published) if article.published else (1, "")


def _root(article_id: str, by_id: dict[str, Article]) -> str:
    seen = set()
    while by_id[article_id].duplicate_of and article_id not in seen:
        seen.add(article_id)
        article_id = by_id[article_id].duplicate_of  # type: ignore[assignment]
    return article_id


def origins(articles: list[Article]) -> dict[str, str]:
    """Article id -> origin key.  Copies share their original's key; so do articles of one outlet."""
    keys: dict[str, str] = {}
    for article in articles:
        keys[article.id] = article.duplicate_of or article.id
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

