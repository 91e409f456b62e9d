"""Clustering scores used by the benchmarks and quality gates: B-cubed and pairwise precision / recall / F1."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

__all__ = ["bcubed", "pairwise", "labels_from_clusters"]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (Bagga & Baldwin 1998): per-item precision and recall of its cluster, averaged over items."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold must label the same items")
    if not gold:
        return 1.0, 1.0, 1.0
    both = Counter(zip(predicted, gold))
    by_predicted, by_gold = Counter(predicted), Counter(gold)
    precision = sum(n * n / by_predicted[p] for (p, _), n in both.items()) / len(gold)
    recall = sum(n * n / by_gold[g] for (_, g), n in both.items()) / len(gold)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Precision and recall over item pairs placed in one cluster (the streaming news clustering measure)."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold must label the same items")
    both = Counter(zip(predicted, gold))
    same_both = sum(n * (n - 1) // 2 for n in both.values())
    same_predicted = sum(n * (n - 1) // 2 for n in Counter(predicted).values())
    same_gold = sum(n * (n - 1) // 2 for n in Counter(gold).values())
    precision = same_both / same_predicted if same_predicted else 1.0
    recall = same_both / same_gold if same_gold else 1.0
    return precision, recall, _f1(precision, recall)


def labels_from_clusters(clusters: Sequence[Sequence[Hashable]], items: Sequence[Hashable]) -> list[int]:
    """One label per item from a list of clusters; items in no cluster get a label of their own."""
    label: dict[Hashable, int] = defaultdict(lambda: -1)
    for n, cluster in enumerate(clusters):
        for item in cluster:
            label[item] = n
    out, extra = [], len(clusters)
    for item in items:
        if label[item] < 0:
            out.append(extra)
            extra += 1
        else:
            out.append(label[item])
    return out
