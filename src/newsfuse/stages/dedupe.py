"""Stage 3, dedupe: mark articles that are copies or light edits of an earlier one (``duplicate_of``).

Word-shingle Jaccard with an inverted index on a sample of shingles, so only articles that share
text are ever compared.  Copies count as one origin when facts are corroborated.
"""
from __future__ import annotations

import zlib
from collections import defaultdict

from ..config import Config
from ..model import Article, Corpus
from ..nlp.words import WORD

__all__ = ["dedupe", "origins", "shingles"]

_ANCHOR_MODULUS = 4  # index one shingle in four: enough shared anchors for any pair above the threshold


def shingles(text: str, size: int) -> set[int]:
    tokens = [t.lower() for t in WORD.findall(text)]
    if len(tokens) < size:
        return {zlib.crc32(" ".join(tokens).encode())} if tokens else set()
    return {zlib.crc32(" ".join(tokens[i:i + size]).encode()) for i in range(len(tokens) - size + 1)}


def dedupe(corpus: Corpus, config: Config) -> Corpus:
    """Set ``duplicate_of`` on each article whose shingle Jaccard with an earlier article passes the threshold."""
    size, threshold = config.dedupe.shingle_words, config.dedupe.threshold
    ordered = sorted(corpus.articles, key=_age_key)
    by_id = corpus.by_id()
    sets = {a.id: shingles(a.text, size) for a in ordered}
    index: dict[int, list[str]] = defaultdict(list)
    for article in ordered:
        mine = sets[article.id]
        anchors = [h for h in mine if h % _ANCHOR_MODULUS == 0] or list(mine)[:8]
        seen: set[str] = set()
        best: tuple[float, str] | None = None
        for anchor in anchors:
            for other in index.get(anchor, ()):
                if other in seen:
                    continue
                seen.add(other)
                theirs = sets[other]
                score = len(mine & theirs) / len(mine | theirs) if mine or theirs else 0.0
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, other)
        if best is not None:
            article.duplicate_of = _root(best[1], by_id)
        for anchor in anchors:
            index[anchor].append(article.id)
    return corpus


def _age_key(article: Article) -> str:
    # Earlier publication first; undated articles keep their input order (stable sort) after the dated ones.
    return article.published or "9999"


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
        root = article.duplicate_of or article.id
        keys[article.id] = root
    outlet_of = {a.id: (a.outlet or "").strip().lower() for a in articles}
    by_outlet: dict[str, str] = {}
    for article in articles:
        outlet = outlet_of[keys[article.id]] or outlet_of[article.id]
        if outlet:
            keys[article.id] = by_outlet.setdefault(outlet, keys[article.id])
    return keys
