"""Near-duplicate detection on planted copies, one table: newsfuse (rensa MinHash + its own LSH) beside
datasketch's MinHash + MinHashLSH at the same threshold, shingles and permutations.

Data: real articles from ../shared/dev (Multi-News and ECB+ documents).  For a sample of them a copy is
planted with one kind of light edit, the way syndicated text is changed by the outlets that reprint it:
- ``words``: about 3% of words replaced or dropped, one sentence removed;
- ``reorder``: paragraphs shuffled;
- ``boilerplate``: short furniture lines at the top and bottom swapped for another site's furniture;
- ``trim``: the last sixth of the text cut off, a new intro line added;
- ``mixed``: words + boilerplate together.
Every article, original or copy, is matched against all earlier ones.  A planted copy is found when it is
matched to its original.  A match between two originals counts as correct when their exact shingle Jaccard
really is at or above the threshold (the dev data holds a few genuine copies), as a false positive otherwise.
Speed: hashing the same shingle sets with each library, and the whole detection (shingles, hashing, LSH).

Usage: python bench/dedupe.py [--shared ../shared] [--copies 400] [--threshold T] (defaults from config)
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from newsfuse import Config
from newsfuse.stages.dedupe import NearDuplicateIndex, shingles, signatures

FURNITURE = [
    "Share this article", "Sign up for our morning newsletter", "Advertisement", "Skip to main content",
    "Follow us on social media", "Most read", "Comments are closed for this story", "Read more:",
    "Copyright 2026. All rights reserved.", "Subscribe for unlimited access", "Related coverage",
    "Click here to watch the video", "This story has been updated.", "Listen to this article",
]
EDITS = ("words", "reorder", "boilerplate", "trim", "mixed")


def originals(shared: Path, minimum_words: int = 80) -> list[str]:
    texts = []
    for relative in ("dev/multinews-val/validation.clustering.jsonl", "dev/ecbplus-dev/docs.jsonl"):
        for line in (shared / relative).read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                if len(text.split()) >= minimum_words:
                    texts.append(text)
    return texts


def _paragraphs(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return parts or [text]


def edit(text: str, kind: str, rng: random.Random) -> str:
    if kind == "mixed":
        return edit(edit(text, "words", rng), "boilerplate", rng)
    paragraphs = _paragraphs(text)
    if kind == "words":
        words = text.split(" ")
        for _ in range(max(1, len(words) * 3 // 100)):
            position = rng.randrange(len(words))
            if rng.random() < 0.5:
                words[position] = words[position][::-1]
            else:
                words[position] = ""
        edited = " ".join(w for w in words if w)
        sentences = re.split(r"(?<=[.!?]) ", edited)
        if len(sentences) > 4:
            del sentences[rng.randrange(1, len(sentences))]
        return " ".join(sentences)
    if kind == "reorder":
        rng.shuffle(paragraphs)
        return "\n\n".join(paragraphs)
    if kind == "boilerplate":
        # The reprinting site drops the short furniture lines at the edges of the page and adds its own.
        while len(paragraphs) > 1 and len(paragraphs[0].split()) < 10:
            paragraphs.pop(0)
        while len(paragraphs) > 1 and len(paragraphs[-1].split()) < 10:
            paragraphs.pop()
        return "\n\n".join(rng.sample(FURNITURE, 3) + paragraphs + rng.sample(FURNITURE, 3))
    if kind == "trim":
        cut = text[: len(text) * 5 // 6]
        return "A wire report, republished in full below.\n\n" + cut
    raise ValueError(kind)


def plant(texts: list[str], copies: int, seed: int) -> tuple[list[str], dict[int, tuple[int, str]]]:
    """The corpus in arrival order, and copy position -> (original position, edit kind)."""
    rng = random.Random(seed)
    chosen = rng.sample(range(len(texts)), min(copies, len(texts)))
    corpus = list(texts)
    planted: dict[int, tuple[int, str]] = {}
    for n, original in enumerate(chosen):
        kind = EDITS[n % len(EDITS)]
        planted[len(corpus)] = (original, kind)
        corpus.append(edit(texts[original], kind, rng))
    return corpus, planted


def newsfuse_matches(sets: list[list[str]], threshold: float, num_perm: int) -> tuple[list, float, float]:
    start = time.perf_counter()
    matrix = signatures(sets, num_perm)
    hashing = time.perf_counter() - start
    found = NearDuplicateIndex(threshold=threshold, num_perm=num_perm).add(matrix)
    return [None if m is None else m[0] for m in found], hashing, time.perf_counter() - start


def datasketch_matches(sets: list[list[str]], threshold: float, num_perm: int) -> tuple[list, float, float]:
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    hashes = []
    for tokens in sets:
        minhash = MinHash(num_perm=num_perm, seed=1)
        minhash.update_batch([t.encode("utf-8") for t in tokens])
        hashes.append(minhash)
    hashing = time.perf_counter() - start
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    found = []
    for n, minhash in enumerate(hashes):
        best = None
        for key in lsh.query(minhash):
            score = minhash.jaccard(hashes[key])
            if score >= threshold and (best is None or score > best[0]):
                best = (score, key)
        found.append(None if best is None else best[1])
        lsh.insert(n, minhash)
    return found, hashing, time.perf_counter() - start


def score(found: list, planted: dict[int, tuple[int, str]], sets: list[list[str]], threshold: float) -> dict:
    """Recall per edit kind and overall; precision over every match made."""
    hits = {kind: [0, 0] for kind in EDITS}
    for copy, (original, kind) in planted.items():
        hits[kind][1] += 1
        hits[kind][0] += found[copy] == original
    correct = wrong = real = 0
    for item, match in enumerate(found):
        if match is None:
            continue
        if item in planted and planted[item][0] == match:
            correct += 1
            continue
        if item in planted and match in planted and planted[match][0] == planted[item][0]:
            correct += 1  # two copies of one original
            continue
        a, b = set(sets[item]), set(sets[match])
        if len(a & b) / max(1, len(a | b)) >= threshold:
            real += 1
        else:
            wrong += 1
    found_planted = sum(h[0] for h in hits.values())
    return {"recall": found_planted / max(1, len(planted)), "precision": (correct + real) / max(1, correct + real + wrong),
            "false": wrong, "real": real, "by_kind": {k: h[0] / max(1, h[1]) for k, h in hits.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    parser.add_argument("--copies", type=int, default=400)
    defaults = Config.default().dedupe
    parser.add_argument("--threshold", type=float, default=defaults.threshold)
    parser.add_argument("--num-perm", type=int, default=defaults.num_perm)
    parser.add_argument("--shingle-words", type=int, default=defaults.shingle_words)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    texts, planted = plant(originals(Path(args.shared)), args.copies, args.seed)
    sets = [shingles(t, args.shingle_words) for t in texts]
    rows = []
    for name, run in (("newsfuse (rensa + own LSH)", newsfuse_matches), ("datasketch MinHashLSH", datasketch_matches)):
        found, hashing, total = run(sets, args.threshold, args.num_perm)
        rows.append((name, score(found, planted, sets, args.threshold), hashing, total))
    print(f"{len(texts)} articles ({len(planted)} planted copies), threshold {args.threshold}, "
          f"{args.num_perm} permutations, {args.shingle_words}-word shingles")
    print("| method | recall | precision | false matches | real copies in data | "
          + " | ".join(f"recall {k}" for k in EDITS) + " | hashing s | docs/s hashed | total s |")
    print("|---|---|---|---|---|" + "---|" * len(EDITS) + "---|---|---|")
    peer_hashing = rows[1][2]
    for name, s, hashing, total in rows:
        kinds = " | ".join(f"{s['by_kind'][k]:.3f}" for k in EDITS)
        ratio = f" ({peer_hashing / hashing:.1f}× datasketch)" if name.startswith("newsfuse") else ""
        print(f"| {name} | {s['recall']:.3f} | {s['precision']:.3f} | {s['false']} | {s['real']} | {kinds} "
              f"| {hashing:.2f} | {len(texts) / hashing:.0f}{ratio} | {total:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
