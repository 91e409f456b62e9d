"""Stage 4, group: articles about the same event form one story.

First version: TF-IDF vectors of title and body, average-linkage clustering on cosine similarity
with the threshold from config.  Copies marked by dedupe always land in their original's story.
"""
from __future__ import annotations

import hashlib

import numpy as np

from ..config import Config
from ..model import Article, Corpus, Story

__all__ = ["group", "article_vectors"]


def article_vectors(articles: list[Article], title_weight: int):
    """L2-normalised TF-IDF rows, one per article (title repeated ``title_weight`` times)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [((a.title or "") + "\n") * title_weight + a.text for a in articles]
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1, max_df=0.9 if len(docs) > 20 else 1.0,
                                 token_pattern=r"(?u)\b[^\W\d_][\w'’-]+\b")
    return vectorizer.fit_transform(docs)


def group(corpus: Corpus, config: Config) -> Corpus:
    articles = [a for a in corpus.articles if not a.duplicate_of]
    labels = _cluster(articles, config) if len(articles) > 1 else [0] * len(articles)
    members: dict[int, list[str]] = {}
    for article, label in zip(articles, labels):
        members.setdefault(label, []).append(article.id)
    story_of = {aid: label for label, ids in members.items() for aid in ids}
    for article in corpus.articles:
        if article.duplicate_of and article.duplicate_of in story_of:
            members[story_of[article.duplicate_of]].append(article.id)
    order = {a.id: i for i, a in enumerate(corpus.articles)}
    stories = []
    for ids in members.values():
        ids.sort(key=order.__getitem__)
        digest = hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:10]
        stories.append(Story(id=f"s{digest}", article_ids=ids))
    stories.sort(key=lambda s: (-len(s.article_ids), order[s.article_ids[0]]))
    corpus.stories = stories
    return corpus


_EXACT_LIMIT = 3000  # above this many articles, a single pass replaces the quadratic clustering


def _cluster(articles: list[Article], config: Config) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    vectors = article_vectors(articles, config.group.title_weight)
    if len(articles) > _EXACT_LIMIT:
        return _single_pass(vectors, config.group.threshold)
    dense = vectors.toarray()
    if not np.any(dense):
        return list(range(len(articles)))
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                    distance_threshold=1.0 - config.group.threshold)
    return [int(label) for label in model.fit_predict(dense)]


def _single_pass(vectors, threshold: float) -> list[int]:
    """Leader clustering in input order: join the most similar story centroid, or start a new story."""
    from scipy.sparse import vstack
    from sklearn.preprocessing import normalize

    centroids: list = []
    sums: list = []
    labels: list[int] = []
    for row in range(vectors.shape[0]):
        vector = vectors[row]
        best, best_score = -1, threshold
        if centroids:
            scores = (normalize(vstack(centroids)) @ vector.T).toarray().ravel()
            index = int(scores.argmax())
            if scores[index] >= best_score:
                best = index
        if best < 0:
            centroids.append(vector)
            sums.append(vector)
            labels.append(len(centroids) - 1)
        else:
            sums[best] = sums[best] + vector
            centroids[best] = sums[best]
            labels.append(best)
    return labels
