"""Cleaning quality and speed on ../shared/dev/capture-bench, one table.

Rows: the uncleaned capture; newsfuse on the plain-text capture; newsfuse on the HTML; trafilatura on the
HTML (the peer), all in the same run.  Metric: the benchmark's token-shingle precision / recall / F1 as its
README describes it (tokens = \\w+ runs, case kept; 4-token shingles as a multiset; per-page P and R from
the shared counts; corpus P = mean over pages with any prediction, R = mean over all pages, F1 = harmonic
mean of the two means), written here from that description.

A second table scores the batch-learned site furniture: the pages whose site has two or more pages in the
data, cleaned one by one and cleaned as one batch (each capture tagged with its URL, as a crawler records it),
so lines recurring across one outlet's captures are learned as furniture.  A third scores the metadata:
title and publication date found on the page (HTML and capture) against the page's own structured data.

Usage: python bench/cleaning.py [--data ../shared/dev/capture-bench]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from urllib.parse import urlparse

from newsfuse import Config
from newsfuse.errors import DocumentError
from newsfuse.model import Corpus, Document
from newsfuse.stages.clean import clean, clean_document
from newsfuse.stages.load.formats import parse

TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def page_scores(gold: str, predicted: str) -> tuple[float | None, float]:
    """(precision or None when the prediction is empty, recall) for one page."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if p else None
    recall = tp / (tp + fn) if (tp + fn) else 1.0
    return precision, recall


def corpus_scores(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    scores = [page_scores(g, p) for g, p in pairs]
    precisions = [s[0] for s in scores if s[0] is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(s[1] for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def newsfuse_text(path: str, text: str, config: Config) -> str:
    try:
        docs = [d for d in parse(path, text, "utf-8", text_fields=config.load.text_fields) if not isinstance(d, DocumentError)]
        return "\n".join(clean_document(d, config).text for d in docs)
    except DocumentError:
        return ""


def metadata(path: str, text: str, config: Config) -> tuple[str | None, str | None, str | None]:
    """The title, publication date and outlet newsfuse finds in one page."""
    try:
        docs = [d for d in parse(path, text, "utf-8", text_fields=config.load.text_fields) if not isinstance(d, DocumentError)]
        article = clean_document(docs[0], config)
    except (DocumentError, IndexError):
        return None, None, None
    return article.title, article.published, article.outlet


def same_title(a: str | None, b: str | None) -> bool:
    x, y = " ".join(TOKEN.findall((a or "").lower())), " ".join(TOKEN.findall((b or "").lower()))
    return bool(x and y) and (x in y or y in x)


def newsfuse_batch(captures: dict[str, str], urls: dict[str, str], config: Config) -> dict[str, str]:
    """Clean the captures together, each tagged with its URL, through the clean stage (furniture learned)."""
    ids = sorted(captures)
    corpus = Corpus(documents=[Document(f"{i}.txt", captures[i], "text", meta={"url": urls[i]}) for i in ids])
    corpus = clean(corpus, config)
    return {article.source_path[:-4]: article.text for article in corpus.articles}


def main() -> int:
    here = Path(__file__).resolve().parent
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--data", default=str(here.parent.parent / "shared" / "dev" / "capture-bench"))
    data = Path(options.parse_args().data)
    if not (data / "gold.jsonl").exists():
        print(f"no capture-bench data at {data}", file=sys.stderr)
        return 2
    rows_in = [json.loads(line) for line in (data / "gold.jsonl").open(encoding="utf-8")]
    gold = {row["id"]: row["body"] for row in rows_in}
    urls = {row["id"]: row["url"] for row in rows_in}
    captures = {i: (data / "captures" / f"{i}.txt").read_text(encoding="utf-8") for i in gold}
    pages = {i: gzip.open(data / "html" / f"{i}.html.gz").read().decode("utf-8") for i in gold}
    config = Config.from_dict({"clean": {"min_body_words": 0}})

    import trafilatura

    methods = {
        "uncleaned capture": lambda i: captures[i],
        "newsfuse on capture": lambda i: newsfuse_text(f"{i}.txt", captures[i], config),
        "newsfuse on HTML": lambda i: newsfuse_text(f"{i}.html", pages[i], config),
        "trafilatura on HTML (peer)": lambda i: trafilatura.extract(pages[i], include_comments=False) or "",
    }
    rows = []
    for name, method in methods.items():
        start = time.perf_counter()
        predictions = {i: method(i) for i in gold}
        seconds = time.perf_counter() - start
        p, r, f = corpus_scores([(gold[i], predictions[i]) for i in gold])
        rows.append((name, p, r, f, len(gold) / seconds if seconds else float("inf")))
    peer_speed = rows[-1][4]
    print(f"capture-bench dev: {len(gold)} pages")
    print(f"{'method':<28} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>9} {'speed vs peer':>14}")
    for name, p, r, f, speed in rows:
        print(f"{name:<28} {p:6.3f} {r:6.3f} {f:6.3f} {speed:9.1f} {speed / peer_speed:13.2f}x")

    sites: dict[str, list[str]] = {}
    for i in gold:
        sites.setdefault(urlparse(urls[i]).hostname or "", []).append(i)
    shared = sorted(i for members in sites.values() if len(members) >= 2 for i in members)
    alone = {i: newsfuse_text(f"{i}.txt", captures[i], config) for i in shared}
    batch = newsfuse_batch({i: captures[i] for i in shared}, urls, config)
    print(f"\nsite furniture learned from the batch: {len(shared)} pages from "
          f"{sum(len(m) >= 2 for m in sites.values())} sites with two or more pages")
    print(f"{'method':<28} {'P':>6} {'R':>6} {'F1':>6}")
    for name, predictions in (("each capture alone", alone), ("captures as one batch", batch)):
        p, r, f = corpus_scores([(gold[i], predictions.get(i, "")) for i in shared])
        print(f"{name:<28} {p:6.3f} {r:6.3f} {f:6.3f}")

    # Metadata: the page's own structured data (meta tags, JSON-LD, <title>, og:site_name) is the reference;
    # the capture cleaner must find the same title, day and outlet from the visible text alone.  An outlet
    # agrees when one name holds the other's words ("NEWSWEEK" / "Newsweek", "Forbes Media" / "Forbes"); a
    # notice naming the owner ("Dow Jones" for WSJ) counts as found but not as agreeing.
    html_meta = {i: metadata(f"{i}.html", pages[i], config) for i in gold}
    capture_meta = {i: metadata(f"{i}.txt", captures[i], config) for i in gold}
    with_title = [i for i in gold if html_meta[i][0]]
    with_date = [i for i in gold if html_meta[i][1]]
    with_outlet = [i for i in gold if html_meta[i][2]]
    print(f"\nmetadata: {len(with_title)} pages state a title, {len(with_date)} a publication date and "
          f"{len(with_outlet)} an outlet in their HTML")
    print(f"{'source':<28} {'title found':>12} {'= HTML title':>13} {'date found':>11} {'= HTML day':>11} "
          f"{'outlet found':>13} {'= HTML outlet':>14}")
    for name, found in (("HTML", html_meta), ("capture (visible text only)", capture_meta)):
        titles = sum(bool(found[i][0]) for i in with_title) / len(with_title)
        dates = sum(bool(found[i][1]) for i in with_date) / len(with_date)
        outlets = sum(bool(found[i][2]) for i in with_outlet) / len(with_outlet)
        title_share = sum(same_title(found[i][0], html_meta[i][0]) for i in with_title) / len(with_title)
        same_day = sum((found[i][1] or "")[:10] == html_meta[i][1][:10] for i in with_date) / len(with_date)
        outlet_share = sum(same_title(found[i][2], html_meta[i][2]) for i in with_outlet) / len(with_outlet)
        print(f"{name:<28} {titles:12.3f} {title_share:13.3f} {dates:11.3f} {same_day:11.3f} {outlets:13.3f} "
              f"{outlet_share:14.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
