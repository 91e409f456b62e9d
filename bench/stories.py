"""Story clustering quality on the dev data, one table: newsfuse beside a TF-IDF + agglomerative baseline.

Data: ../shared/dev/ecbplus-dev/docs.jsonl (gold = ``subtopic``: 30 incidents, two of one kind per topic)
and ../shared/dev/multinews-val/validation.clustering.jsonl (gold = ``cluster``).  Every file goes through
newsfuse's own load and clean stages; a document the cleaner rejects counts as a story of its own.

Rows, per dataset:
- baseline: scikit-learn TF-IDF over the raw text, average-link cosine clustering, at the threshold that is
  best *for that dataset* (scanned here, so the baseline is given every advantage);
- newsfuse lexical: topic words + names and figures, one batch (``group.embeddings = "off"``);
- newsfuse + embeddings: the same plus all-MiniLM-L6-v2 sentence embeddings (when installed);
- newsfuse streaming: the embeddings configuration fed in shuffled order, batches of 25, as a stream would;
  once with each batch clustered alone against the open stories (``group.recluster = 0``), once with each
  batch clustered again together with the latest articles before it, 200 in all (the default is 400; 200 is
  kept under both datasets' sizes, 369 and 657 records, so the latest articles are a window of the stream
  and not the whole of it).
Scores: B-cubed and pairwise precision / recall / F1; seconds for the whole dataset.

Usage: python bench/stories.py [--shared ../shared] [--no-embeddings]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from newsfuse import Config
from newsfuse.metrics import bcubed, labels_from_clusters, pairwise
from newsfuse.model import Corpus
from newsfuse.nlp import embed
from newsfuse.stages.clean import clean
from newsfuse.stages.dedupe import dedupe
from newsfuse.stages.group import StoryClusterer, group
from newsfuse.stages.load import load

RECLUSTER = 200  # the streaming rows' re-clustering window, under both datasets' sizes
DATASETS = {
    "ECB+ dev": ("dev/ecbplus-dev/docs.jsonl", "subtopic"),
    "Multi-News dev": ("dev/multinews-val/validation.clustering.jsonl", "cluster"),
}


def load_dataset(shared: Path, name: str, config: Config) -> tuple[Corpus, list[str], list[str]]:
    """The cleaned corpus, the gold label of every record, and the raw text of every record."""
    relative, field = DATASETS[name]
    path = shared / relative
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = clean(load([str(path)], config), config)
    return corpus, [str(r[field]) for r in records], [r["text"] for r in records]


def record_of(article) -> int:
    return int(article.source_path.rsplit("#", 1)[1]) - 1  # records are numbered from 1


def predicted_labels(corpus: Corpus, count: int) -> list[int]:
    clusters = [[record_of(corpus.by_id()[aid]) for aid in story.article_ids] for story in corpus.stories]
    return labels_from_clusters(clusters, list(range(count)))


def baseline(texts: list[str], gold: list[str]) -> tuple[float, list[int], float]:
    """TF-IDF + average-link agglomerative at its best threshold on this dataset; (threshold, labels, seconds)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    best = None
    for threshold in np.arange(0.04, 0.42, 0.02):
        model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                        distance_threshold=1.0 - threshold)
        labels = [int(x) for x in model.fit_predict(vectors)]
        score = bcubed(labels, gold)[2]
        if best is None or score > best[0]:
            best = (score, float(threshold), labels)
    scan_seconds = (time.perf_counter() - start) / len(np.arange(0.04, 0.42, 0.02))
    return best[1], best[2], scan_seconds


def run_newsfuse(corpus: Corpus, config: Config, count: int) -> tuple[list[int], float]:
    start = time.perf_counter()
    result = group(dedupe(Corpus(articles=list(corpus.articles)), config), config)
    return predicted_labels(result, count), time.perf_counter() - start


def run_streaming(corpus: Corpus, config: Config, count: int, batch: int = 25, seed: int = 7) -> tuple[list[int], float]:
    articles = list(corpus.articles)
    random.Random(seed).shuffle(articles)
    start = time.perf_counter()
    clusterer = StoryClusterer.from_config(config)
    for begin in range(0, len(articles), batch):
        clusterer.add(articles[begin:begin + batch])
    by_id = corpus.by_id()
    clusters = [[record_of(by_id[aid]) for aid in ids] for ids in clusterer.stories()]
    return labels_from_clusters(clusters, list(range(count))), time.perf_counter() - start


def evaluate(shared: Path, use_embeddings: bool) -> list[tuple]:
    rows = []
    lexical = Config.from_dict({"group": {"embeddings": "off"}})
    embedded = Config.from_dict({"group": {"embeddings": "on"}})
    for name in DATASETS:
        corpus, gold, texts = load_dataset(shared, name, lexical)
        threshold, labels, seconds = baseline(texts, gold)
        rows.append((name, f"TF-IDF + agglomerative (best t={threshold:.2f})", labels, gold, seconds))
        labels, seconds = run_newsfuse(corpus, lexical, len(gold))
        rows.append((name, "newsfuse lexical", labels, gold, seconds))
        if use_embeddings:
            labels, seconds = run_newsfuse(corpus, embedded, len(gold))
            rows.append((name, "newsfuse + embeddings", labels, gold, seconds))
            for recluster in (0, RECLUSTER):
                config = Config.from_dict({"group": {"embeddings": "on", "recluster": recluster}})
                labels, seconds = run_streaming(corpus, config, len(gold))
                rows.append((name, f"newsfuse + embeddings, streamed in 25s, recluster {recluster}", labels, gold,
                             seconds))
        rows.append((name, f"(records rejected by clean: {len(gold) - len(corpus.articles)})", None, gold, 0.0))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    parser.add_argument("--no-embeddings", action="store_true", help="skip the rows that need sentence embeddings")
    args = parser.parse_args(argv)
    use_embeddings = not args.no_embeddings and embed.available()
    rows = evaluate(Path(args.shared), use_embeddings)
    print("| dataset | method | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, method, labels, gold, seconds in rows:
        if labels is None:
            print(f"| {name} | {method} | | | | | | | |")
            continue
        b, p = bcubed(labels, gold), pairwise(labels, gold)
        print(f"| {name} | {method} | {b[0]:.3f} | {b[1]:.3f} | {b[2]:.3f} | {p[0]:.3f} | {p[1]:.3f} | {p[2]:.3f} "
              f"| {seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
