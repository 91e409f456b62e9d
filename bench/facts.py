"""Fact alignment against hand labels, one table: do two outlets' sentences state one fact?

Data: ``bench/data/fact_pairs.jsonl``, 206 pairs of sentences from different articles of 44 Multi-News dev
clusters (../shared/dev/multinews-val/validation.jsonl; 26 tune, 18 held-out), each labelled by hand
"same" (the two sentences share at least one checkable fact: one outlet's sentence corroborates the other's)
or not.  A pair whose figures disagree is not "same" unless another fact of it agrees.  The file holds only
cluster ids, document numbers and character offsets into the raw documents, never their text.

The pairs were drawn per cluster from four strata, so they cover both lexical and semantic near-misses (the
label does not depend on the stratum, which was hidden while labelling): pairs the lexical aligner of
commit e3e3647 had joined (1 per cluster), TF-IDF sentence cosine >= 0.25 (2), else embedding cosine
>= 0.6 (2), else embedding cosine 0.45-0.6 (1).  Pairs less similar than that in both ways were not drawn:
recall here is recall among pairs that look alike, precision is over hard cases.  The figures are for this
sample, not for all pairs of a story.

Each cluster runs through the real stages as one story (load, clean, dedupe, extract, synthesize).  A pair
counts as joined when a claim of one sentence and a claim of the other are in one fact group.  Rows:

- newsfuse lexical: ``synthesize.embeddings = "off"``;
- newsfuse: the default (with sentence embeddings when installed);
- baselines over the same two sentences: TF-IDF cosine (newsfuse's stemmed words), embedding cosine, and
  their mean, each at its best-F1 threshold on the tune clusters (applied as is to held-out).

Usage: python bench/facts.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from multinews import DEFAULT_SHARED, load_clusters, part_of, process
from newsfuse import Config

PAIRS = Path(__file__).resolve().parent / "data" / "fact_pairs.jsonl"
PARTS = ("tune", "held-out")


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _normal(text: str) -> str:
    return " ".join(text.split())


def joined(corpus, pairs: list[dict], documents: dict[str, list[str]]) -> list[bool]:
    """For each pair: whether the pipeline put a claim of each sentence in one fact group."""
    claims_of: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)  # (text, fact group) per document
    for story in corpus.stories:
        if story.alignment is None:
            continue
        group_of = {row: g for g, rows in enumerate(story.alignment.groups) for row in rows}
        for row, claim in enumerate(story.alignment.claims):
            document = int(claim.article.source_path.rsplit("/", 1)[1].split(".")[0])
            claims_of[(story.id, document)].append((_normal(claim.text), group_of[row]))
    out = []
    for pair in pairs:
        sides = []
        for doc, start, end in (pair["a"], pair["b"]):
            sentence = _normal(documents[pair["cluster"]][doc][start:end])
            sides.append({g for text, g in claims_of[(pair["cluster"], doc)] if text in sentence})
        out.append(bool(sides[0] & sides[1]))
    return out


def aligned(clusters: list[dict], pairs: list[dict], settings: dict) -> tuple[list[bool], float]:
    """Each pair joined or not by newsfuse run with ``settings``, and the seconds all stages took."""
    documents = {c["id"]: c["documents"] for c in clusters}
    started = time.perf_counter()
    corpus = process(clusters, documents, Config.from_dict(settings))
    return joined(corpus, pairs, documents), time.perf_counter() - started


def sentence_similarities(pairs: list[dict], documents: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """Per pair: TF-IDF cosine of the two sentences (fit per cluster) and embedding cosine (when installed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from newsfuse.nlp import embed
    from newsfuse.stages.synthesize import _analyzer

    texts = [[_normal(documents[p["cluster"]][d][s:e]) for d, s, e in (p["a"], p["b"])] for p in pairs]
    lexical = np.zeros(len(pairs))
    by_cluster: dict[str, list[int]] = defaultdict(list)
    for n, pair in enumerate(pairs):
        by_cluster[pair["cluster"]].append(n)
    for cid, rows in by_cluster.items():
        vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit(map(_normal, documents[cid]))
        for n in rows:
            a, b = vectorizer.transform(texts[n])
            lexical[n] = float((a @ b.T).toarray()[0, 0])
    out = {"TF-IDF cosine": lexical}
    if embed.available():
        vectors = embed.encode([t for pair in texts for t in pair])
        out["embedding cosine"] = np.einsum("ij,ij->i", vectors[0::2], vectors[1::2])
        out["mean of both"] = (lexical + out["embedding cosine"]) / 2
    return out


def scores(predicted, gold, mask) -> tuple[float, float, float]:
    predicted, gold = np.asarray(predicted)[mask], np.asarray(gold)[mask]
    tp = int((predicted & gold).sum())
    precision = tp / max(1, int(predicted.sum()))
    recall = tp / max(1, int(gold.sum()))
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def best_threshold(values: np.ndarray, gold: np.ndarray, mask: np.ndarray) -> float:
    candidates = np.unique(np.round(values[mask], 3))
    return max(candidates, key=lambda t: (scores(values >= t, gold, mask)[2], t))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    pairs = load_pairs()
    wanted = {p["cluster"] for p in pairs}
    clusters = [c for c in load_clusters(args.shared) if c["id"] in wanted]
    documents = {c["id"]: c["documents"] for c in clusters}
    gold = np.array([p["same"] for p in pairs])
    part = np.array([part_of(p["cluster"]) for p in pairs])
    masks = {name: part == name for name in PARTS}
    rows = []
    for name, settings in (("newsfuse lexical", {"synthesize": {"embeddings": "off"}}), ("newsfuse", {})):
        rows.append((name, "", *aligned(clusters, pairs, settings)))
    for name, values in sentence_similarities(pairs, documents).items():
        threshold = best_threshold(values, gold, masks["tune"])
        rows.append((f"baseline: {name}", f"≥ {threshold:.3f}", values >= threshold, None))
    print(f"{len(pairs)} labelled pairs ({int(gold.sum())} same), {len(clusters)} clusters; "
          + ", ".join(f"{name}: {int(m.sum())} pairs, {int(gold[m].sum())} same" for name, m in masks.items()))
    print("\n| method | threshold | " + " | ".join(f"{p} P / R / F1" for p in PARTS) + " | seconds (all stages) |")
    print("|---|---|" + "---|" * len(PARTS) + "---|")
    for name, threshold, predicted, seconds in rows:
        cells = [" / ".join(f"{x:.3f}" for x in scores(predicted, gold, masks[p])) for p in PARTS]
        print(f"| {name} | {threshold} | " + " | ".join(cells) + f" | {'' if seconds is None else f'{seconds:.0f}'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
