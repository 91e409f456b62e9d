"""Scale: copies + story clustering on 10k, 100k and 1M synthetic articles, one table.

Synthetic articles are built from real sentences of the dev data (../shared/dev): each story draws its own
twelve sentences from the whole pool (about 24k sentences), so no two stories in a window tell the same text
even at a million articles; its articles (about six, spread over a day and a half) take eight of the story's
sentences and two from elsewhere, and one article in ten is a wire copy of an earlier one with light edits.  Articles
arrive in time order over a simulated year and go through the streaming dedupe (``CopyFinder``) and the
incremental story clusterer (``StoryClusterer``) in batches, lexical features only, with a three-day window.
Shingling and cutting texts into terms use one process per core (the default ``processes = 0``); with
``--processes 1`` everything runs in one process.  Both give the same copies and stories.
Each size runs in its own process so that its peak memory (max RSS) is its own.  Cost per article should stay
flat as the stream grows.  A last row measures what sentence embeddings would add, on 2,000 articles.

Usage: python bench/scale.py [--sizes 10000,100000,1000000] [--shared ../shared] [--processes N]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newsfuse import Config
from newsfuse.model import Article
from newsfuse.nlp import parallel
from newsfuse.stages.dedupe import CopyFinder
from newsfuse.stages.group import StoryClusterer

YEAR = 365 * 86400.0


def sentence_pool(shared: Path) -> list[list[str]]:
    documents = []
    for relative in ("dev/multinews-val/validation.clustering.jsonl", "dev/ecbplus-dev/docs.jsonl"):
        for line in (shared / relative).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
            if len(sentences) >= 5:
                documents.append(sentences)
    return documents


def articles(count: int, documents: list[list[str]], seed: int = 3):
    """Yield batches of synthetic articles in time order."""
    rng = random.Random(seed)
    pool = [sentence for document in documents for sentence in document]
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    per_story = 6
    stories = max(1, count // per_story)
    made: list[Article] = []
    batch: list[tuple[float, Article]] = []
    for n in range(count):
        story = n // per_story
        if n % per_story == 0:
            # One seed document per story recycled the 938 documents every two days at 1M articles, inside
            # the three-day window: unrelated stories then shared their text and merged.
            told = random.Random(seed * 1_000_003 + story).sample(pool, 12)
        moment = story * (YEAR / stories) + rng.uniform(0, 36 * 3600)
        if made and rng.random() < 0.1:  # a wire copy of a recent article, lightly edited
            original = made[-rng.randrange(1, min(len(made), 50) + 1)]
            words = original.text.split(" ")
            for _ in range(max(1, len(words) // 40)):
                words[rng.randrange(len(words))] = rng.choice(["reported", "said", "officials", "on Monday"])
            text = "Advertisement\n\n" + " ".join(words)
            title = original.title
        else:
            body = rng.sample(told, 8) + [rng.choice(pool) for _ in range(2)]
            rng.shuffle(body)
            text = "\n\n".join(" ".join(body[i:i + 2]) for i in range(0, len(body), 2))
            title = body[0][:90]
        published = (start + timedelta(seconds=moment)).isoformat(timespec="seconds")
        article = Article(id=f"x{n}", source_path="synthetic", format="text", text=text, title=title,
                          published=published)
        made.append(article)
        if len(made) > 200:
            made = made[-100:]
        batch.append((moment, article))
        if len(batch) >= 2000:
            batch.sort(key=lambda pair: pair[0])
            yield [a for _, a in batch]
            batch = []
    if batch:
        batch.sort(key=lambda pair: pair[0])
        yield [a for _, a in batch]


def run_size(count: int, shared: Path, processes: int = 0) -> dict:
    documents = sentence_pool(shared)
    config = Config.from_dict({"group": {"embeddings": "off", "window_days": 3, "processes": processes},
                               "dedupe": {"window_days": 3, "paragraph_min_words": 0, "processes": processes}})
    finder, clusterer = CopyFinder(config), StoryClusterer.from_config(config)
    generating = 0.0
    copies = 0
    start = time.perf_counter()
    stream = articles(count, documents)
    while True:
        before = time.perf_counter()
        batch = next(stream, None)
        generating += time.perf_counter() - before
        if batch is None:
            break
        finder.add(batch)
        originals = [a for a in batch if not a.duplicate_of]
        copies += len(batch) - len(originals)
        clusterer.add(originals)
    seconds = time.perf_counter() - start - generating
    parallel.stop()  # so that the helper's peak memory is counted below
    stories = len(clusterer.stories())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest helper process
    return {"articles": count, "seconds": seconds, "per_second": count / seconds, "peak_mb": peak,
            "helper_mb": children, "copies": copies, "stories": stories}


def embedding_cost(shared: Path, count: int = 2000) -> dict:
    from newsfuse.nlp import embed

    batch = next(articles(count, sentence_pool(shared)))
    embed.encode(["warm up"])
    start = time.perf_counter()
    embed.encode([(a.title or "") + "\n" + a.text[:1500] for a in batch])
    seconds = time.perf_counter() - start
    return {"articles": len(batch), "seconds": seconds, "per_second": len(batch) / seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--processes", type=int, default=0, help="processes per batch (0 = one per core)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size, print JSON
    parser.add_argument("--embeddings", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    if args.one:
        print(json.dumps(run_size(args.one, shared, args.processes)))
        return 0
    if args.embeddings:
        print(json.dumps(embedding_cost(shared)))
        return 0
    used = parallel.cores() if args.processes <= 0 else args.processes
    print(f"Processes per batch: {used} (this machine has {parallel.cores()} cores)\n")
    print("| articles | seconds | articles/s | peak memory MB (main + largest helper) | copies found | stories "
          "| µs per article |")
    print("|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--shared", str(shared),
                              "--processes", str(args.processes)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        memory = f"{row['peak_mb']:.0f}" + (f" + {row['helper_mb']:.0f}" if row["helper_mb"] else "")
        print(f"| {row['articles']:,} | {row['seconds']:.0f} | {row['per_second']:.0f} | {memory} "
              f"| {row['copies']:,} | {row['stories']:,} | {1e6 / row['per_second']:.0f} |", flush=True)
    try:
        out = subprocess.run([sys.executable, __file__, "--embeddings", "--shared", str(shared)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"\nSentence embeddings (all-MiniLM-L6-v2, CPU): {row['per_second']:.0f} articles/s on "
              f"{row['articles']:,} articles; 1M articles would add {1e6 / row['per_second'] / 3600:.1f} hours.")
    except subprocess.CalledProcessError:
        print("\nSentence embeddings: not installed (pip install 'newsfuse[embeddings]').")
    return 0


if __name__ == "__main__":
    sys.exit(main())
