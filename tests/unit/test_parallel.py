"""Big batches shared over helper processes: the same results as one process, and no batch lost to a helper."""
from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsfuse import Config
from newsfuse.model import Article
from newsfuse.nlp import parallel
from newsfuse.nlp.features import Vectorizer, count_together, name_terms, topic_terms
from newsfuse.stages.dedupe import CopyFinder
from newsfuse.stages.group import StoryClusterer

WORDS = ("harbour wall council storm Quist Marrowby ferry 1,200 repairs Tuesday mayor engineers quay flood "
         "Port Ellis inspectors 40-metre residents barrier").split()


def _texts(count: int, seed: int = 5, stories: int = 100) -> list[str]:
    """Texts of ``stories`` stories: each has words of its own ("Quay17", "storm17b") among common ones."""
    rng = random.Random(seed)
    own = [[f"{w.capitalize()}{k}" for w in WORDS[:6]] + [f"{w}{k}b" for w in WORDS[6:12]] for k in range(stories)]
    return [" ".join(rng.choice(own[n % stories] if rng.random() < 0.5 else WORDS)
                     for _ in range(rng.randint(30, 80))) + "." for n in range(count)]


@pytest.fixture
def helpers(monkeypatch):
    """Two shares however many cores this machine has; helpers ended after the test."""
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "_broken", False)
    yield
    parallel.stop()


def test_small_batches_stay_in_this_process(helpers):
    assert parallel.share_count(0, 2 * parallel.MIN_SHARE - 1) == 1
    assert parallel.share_count(0, 2 * parallel.MIN_SHARE) == 2
    assert parallel.share_count(1, 10 * parallel.MIN_SHARE) == 1


def test_shared_counts_equal_one_process_counts(helpers):
    texts = _texts(2 * parallel.MIN_SHARE + 7)
    vectorizers = [Vectorizer(topic_terms), Vectorizer(name_terms)]
    alone = count_together(vectorizers, [texts, texts[::-1]], processes=1)
    assert not parallel._helpers
    together = count_together(vectorizers, [texts, texts[::-1]])
    assert parallel._helpers, "a helper should have worked a share"
    for one, shared in zip(alone, together):
        assert (one != shared).nnz == 0 and shared.shape == one.shape and one.shape[0] == len(texts)


def test_shared_batches_find_the_same_copies_and_stories(helpers):
    texts = _texts(2 * parallel.MIN_SHARE)
    texts[700] = texts[3] + " Updated."  # a copy
    results = []
    for processes in (1, 0):
        config = Config.from_dict({"dedupe": {"processes": processes}, "group": {"processes": processes,
                                                                                  "embeddings": "off"}})
        articles = [Article(id=f"a{k}", source_path="t", format="text", text=t) for k, t in enumerate(texts)]
        CopyFinder(config).add(articles)
        clusterer = StoryClusterer.from_config(config)
        clusterer.add([a for a in articles if not a.duplicate_of])
        results.append(([a.duplicate_of for a in articles], sorted(map(sorted, clusterer.stories()))))
    assert results[0][0][700] == "a3"
    assert 50 <= len(results[0][1]) <= 300, "the texts should make many stories of several articles"
    assert results[0] == results[1]


def _dies_in_a_helper(items: list[int], caller: int) -> list[int]:
    if os.getpid() != caller:
        os._exit(3)  # a helper killed mid-batch (out of memory, a signal)
    return [2 * item for item in items]


def test_a_helper_that_dies_loses_nothing(helpers):
    items = list(range(2 * parallel.MIN_SHARE + 1))
    parts = parallel.shared(_dies_in_a_helper, items, os.getpid())
    assert np.concatenate(parts).tolist() == [2 * item for item in items]
    assert parallel.share_count(0, 10 * parallel.MIN_SHARE) == 1  # no helper is tried again this run


def _fails(items: list[int]) -> list[int]:
    raise ValueError(f"bad share of {len(items)}")


def test_an_error_in_the_work_itself_is_raised_not_hidden(helpers):
    with pytest.raises(ValueError, match="bad share"):
        parallel.shared(_fails, list(range(2 * parallel.MIN_SHARE)))
    assert parallel.share_count(0, 10 * parallel.MIN_SHARE) == 2  # the helpers are still fine


def _in_which_process(items: list[int]) -> list[int]:
    print("a stray print in the work")  # must not reach the answers
    return [os.getpid()] * len(items)


def test_a_script_without_a_main_guard_is_not_run_again(tmp_path):
    """A helper is its own program: the caller's unguarded script runs once, and its batch is still shared."""
    script = tmp_path / "unguarded.py"
    marks = tmp_path / "runs.txt"
    script.write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from newsfuse.nlp import parallel\n"
        "from test_parallel import _in_which_process\n"
        "parallel.cores = lambda: 2\n"
        f"open({str(marks)!r}, 'a').write('run\\n')\n"
        "pids = [p for part in parallel.shared(_in_which_process, list(range(2 * parallel.MIN_SHARE))) for p in part]\n"
        "print(len(set(pids)), os.getpid() in pids)\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].split() == ["2", "True"]  # two processes worked, this one among them
    assert lines.count("a stray print in the work") == 1  # the helper's went to standard error
    assert marks.read_text() == "run\n"


def _fails_here_only(items: list[int], caller: int) -> list[int]:
    if os.getpid() == caller:
        raise ValueError("this process's share failed")
    return [2 * item for item in items]


def test_a_failed_batch_leaves_no_stale_answer_for_the_next(helpers):
    items = list(range(2 * parallel.MIN_SHARE))
    with pytest.raises(ValueError, match="this process"):
        parallel.shared(_fails_here_only, items, os.getpid())
    later = list(range(100, 100 + 2 * parallel.MIN_SHARE))
    parts = parallel.shared(_doubled, later)
    assert [x for part in parts for x in part] == [2 * x for x in later]
    with pytest.raises((TypeError, AttributeError, pickle.PicklingError)):  # cannot be sent: raised before any
        parallel.shared(_doubled, items, lambda: None)                       # helper waits for it
    parts = parallel.shared(_doubled, later)
    assert [x for part in parts for x in part] == [2 * x for x in later]
    assert parallel.share_count(0, 10 * parallel.MIN_SHARE) == 2  # and the helpers are still fine


def _doubled(items: list[int], *_unused) -> list[int]:
    return [2 * item for item in items]


def test_a_helper_says_nothing_on_standard_error(helpers, capfd):
    """Starting and ending a helper prints nothing (run as a module the package had already imported, it
    printed a RuntimeWarning from runpy each time)."""
    capfd.readouterr()
    parallel.shared(_doubled, list(range(2 * parallel.MIN_SHARE)))
    (helper,) = parallel._helpers
    parallel.stop()
    assert helper.returncode == 0
    assert capfd.readouterr().err == ""


class _Unreadable(Exception):
    def __init__(self, code: int, detail: str) -> None:  # two arguments: its pickle cannot rebuild it
        super().__init__(f"{code}: {detail}")


def _fails_unreadably(items: list[int], caller: int) -> list[int]:
    if os.getpid() != caller:
        raise _Unreadable(7, "in a helper")
    return items


def test_an_error_that_cannot_be_sent_back_is_still_an_error(helpers):
    items = list(range(2 * parallel.MIN_SHARE))
    with pytest.raises(RuntimeError, match="could not be read"):
        parallel.shared(_fails_unreadably, items, os.getpid())
    parts = parallel.shared(_doubled, items)  # and the pipe is still in step
    assert [x for part in parts for x in part] == [2 * x for x in items]


def test_threads_sharing_batches_at_once_each_get_their_own_rows(helpers):
    from concurrent.futures import ThreadPoolExecutor

    batches = [list(range(k * 10_000, k * 10_000 + 2 * parallel.MIN_SHARE)) for k in range(6)]
    with ThreadPoolExecutor(3) as pool:
        found = list(pool.map(lambda batch: [x for part in parallel.shared(_doubled, batch) for x in part], batches))
    assert found == [[2 * x for x in batch] for batch in batches]
