"""Quality gate: cleaning on ../shared/dev/capture-bench must not fall below the floors measured by
bench/cleaning.py (measured 2026-11-22: capture F1 0.817, HTML F1 0.944; floors a little below)."""
from __future__ import annotations

import gzip
import importlib.util
import json

from newsfuse import Config

from ..conftest import ROOT, SHARED, need

FLOORS = {"capture": 0.80, "html": 0.93}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_cleaning", ROOT / "bench" / "cleaning.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cleaning_floors_on_capture_bench():
    data = need(SHARED / "dev" / "capture-bench")
    bench = _bench()
    gold = {r["id"]: r["body"] for r in map(json.loads, (data / "gold.jsonl").open(encoding="utf-8"))}
    config = Config.from_dict({"clean": {"min_body_words": 0}})
    capture = [(gold[i], bench.newsfuse_text(f"{i}.txt", (data / "captures" / f"{i}.txt").read_text(encoding="utf-8"),
                                             config)) for i in gold]
    html = [(gold[i], bench.newsfuse_text(f"{i}.html", gzip.open(data / "html" / f"{i}.html.gz").read().decode("utf-8"),
                                          config)) for i in gold]
    uncleaned = [(gold[i], (data / "captures" / f"{i}.txt").read_text(encoding="utf-8")) for i in gold]
    assert bench.corpus_scores(capture)[2] >= FLOORS["capture"]
    assert bench.corpus_scores(html)[2] >= FLOORS["html"]
    assert bench.corpus_scores(capture)[2] > bench.corpus_scores(uncleaned)[2] + 0.05


def test_metric_matches_the_benchmark_definition():
    bench = _bench()
    assert bench.page_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    assert bench.page_scores("a b c d e", "") == (None, 0.0)
    precision, recall = bench.page_scores("a b c d e f", "a b c d x")  # 3 gold shingles, 2 predicted, 1 shared
    assert (round(precision, 3), round(recall, 3)) == (0.5, 0.333)
