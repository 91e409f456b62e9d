"""The summary on real captures: every sentence quotes a source and its other citations say the same
thing; ROUGE floors against Multi-News' human summaries beside LexRank and the lead baseline."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newsfuse import Config
from newsfuse.nlp.words import STOPWORDS, WORD
from newsfuse.stages.synthesize.claims import stem

from ..conftest import MULTINEWS, need

# bench/summary.py on these 40 held-out clusters (2026-11-23, scorers fit on targets standardised per story,
# first sentences without datelines, gallery and sign-up furniture cleaned out): newsfuse 46.70 / 16.33, with
# the word model too 46.76 / 16.59, the hand-weighted rules 46.02 / 15.79, LexRank 45.08 / 14.91, lead
# 45.01 / 15.71 (ROUGE-1 / ROUGE-2 F1, points).  Before the per-story targets: 46.57 / 16.83 and 46.85 / 16.75.
# On all 91 held-out clusters the word model is ahead of the default by 0.90 on the two together; on these
# 40, by 0.32.
ROUGE1_FLOOR, ROUGE2_FLOOR = 46.0, 16.0
WORDS_ROUGE1_FLOOR = 46.3
ROUGE2_OVER_LEXRANK = 1.0
WORDS_SLACK = 0.5  # the word model may trail the default on the two together by at most this


def _content(text: str) -> set[str]:
    """Stemmed content words, figures left out."""
    return {stem(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 1 and not w[0].isdigit()}


_CLAUSE = re.compile(r",? (?:and|but|while|as|although|because) |; | [-–—] ")


def _supports(own: set[str], text: str) -> bool:
    """Whether ``text``, or one clause of it, shares enough of a sentence's content words: four, or most of
    the shorter one's, and at least two.  A cited sentence can add a clause of its own ("..., and experts
    anticipate the case could reach the Supreme Court"): the fact it shares is one of its clauses."""
    for part in [text, *_CLAUSE.split(text)]:
        theirs = _content(part)
        if len(own & theirs) >= max(2, min(4, 0.6 * min(len(own), len(theirs)))):
            return True
    return False


def _check_support(corpus) -> int:
    """Each summary sentence is one citation's text; each other citation supports it (:func:`_supports`)."""
    texts = {a.id: a.text for a in corpus.articles}
    checked = 0
    for story in corpus.stories:
        for sentence in story.summary:
            cited = [texts[c.article_id][c.start:c.end] for c in sentence.citations]
            assert sentence.text in cited
            own = _content(sentence.text)
            for text in cited:
                if text == sentence.text:
                    continue
                assert _supports(own, text), (sentence.text, text)
                checked += 1
    return checked


def test_seed_summary_citations_support_each_sentence(seeds_corpus):
    assert seeds_corpus.stories[0].summary
    assert _check_support(seeds_corpus) >= 3


@pytest.fixture(scope="module")
def bench():
    need(MULTINEWS)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import summary
    return summary


def test_multinews_summaries_floors_and_support(bench):
    clusters = [c for c in bench.load_clusters(MULTINEWS.parents[2]) if bench.part_of(c["id"]) == "held-out"][:40]
    result = bench.evaluate(clusters, Config.default())
    ours, lexrank, lead = (result["rouge"][m] for m in ("newsfuse", "lexrank", "lead"))
    assert result["clusters"] == 40
    assert ours["rouge1"] >= ROUGE1_FLOOR and ours["rouge2"] >= ROUGE2_FLOOR
    assert ours["rouge1"] > lexrank["rouge1"] and ours["rouge2"] >= lexrank["rouge2"] + ROUGE2_OVER_LEXRANK
    assert ours["rouge1"] > lead["rouge1"] and ours["rouge2"] > lead["rouge2"]
    rules = result["rouge"]["newsfuse rules"]
    assert ours["rouge1"] > rules["rouge1"] and ours["rouge2"] > rules["rouge2"]  # the learned scorer earns its place
    words = result["rouge"]["newsfuse + words"]
    assert words["rouge1"] >= WORDS_ROUGE1_FLOOR and words["rouge2"] >= ROUGE2_FLOOR
    assert words["rouge1"] + words["rouge2"] >= ours["rouge1"] + ours["rouge2"] - WORDS_SLACK
    assert words["rouge2"] >= lexrank["rouge2"] + ROUGE2_OVER_LEXRANK
    assert _check_support(result["corpus"]) >= 10
