"""Multi-News dev clusters for the benchmarks: loading, the fixed tune/held-out split, and running them.

Each Multi-News cluster is processed as one story (the gold grouping), through the real stages: load,
clean and de-duplicate, then extract and synthesize per story.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

from newsfuse import Config
from newsfuse.model import Corpus, Story
from newsfuse.pipeline import STAGES, run_corpus
from newsfuse.stages.load import load_text

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared"


def load_clusters(shared: Path = DEFAULT_SHARED) -> list[dict]:
    path = shared / "dev" / "multinews-val" / "validation.jsonl"
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def part_of(cluster_id: str) -> str:
    """A fixed split: 40% of clusters held out of all tuning."""
    digest = int(hashlib.sha1(str(cluster_id).encode()).hexdigest(), 16)
    return "held-out" if digest % 5 < 2 else "tune"


def process(clusters: list[dict], documents: dict[str, list[str]], config: Config) -> Corpus:
    """Every cluster as one story, through the real stages (load, clean, dedupe, extract, synthesize)."""
    corpus = Corpus()
    for cluster in clusters:
        for k, text in enumerate(documents[cluster["id"]]):
            loaded = load_text(text, config, source_path=f"{cluster['id']}/{k}.txt")
            corpus.documents.extend(loaded.documents)
            corpus.rejected.extend(loaded.rejected)
    stages = [s for s in STAGES if s.name in ("clean", "dedupe")]
    corpus = run_corpus(corpus, config, stages=stages)
    members: dict[str, list[str]] = defaultdict(list)
    for article in corpus.articles:
        members[cluster_of(article.source_path)].append(article.id)
    corpus.stories = [Story(id=cid, article_ids=ids) for cid, ids in members.items()]
    stages = [s for s in STAGES if s.name in ("extract", "synthesize")]
    return run_corpus(corpus, config, stages=stages)


def cluster_of(source_path: str) -> str:
    return source_path.rsplit("/", 1)[0]


def add_arguments(parser) -> None:
    """The options every Multi-News benchmark takes: where ../shared is, which part, how many clusters."""
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=0, help="first N clusters of each part (0 = all)")
    parser.add_argument("--split", choices=("all", "tune", "held-out"), default="all")


def chosen_parts(args) -> list[tuple[str, list[dict]]]:
    """The parts the options ask for, each with its clusters (the first ``--limit`` of them)."""
    clusters = load_clusters(args.shared)
    parts = ("tune", "held-out") if args.split == "all" else (args.split,)
    out = []
    for part in parts:
        chosen = [c for c in clusters if part_of(c["id"]) == part]
        out.append((part, chosen[:args.limit] if args.limit else chosen))
    return out
