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

# bench/summary.py on these 40 held-out clusters (2026-12-06, facts aligned with meaning and the scorers refit
# on that): newsfuse 46.95 / 16.77, with the word model too 46.70 / 16.45, LexRank 45.08 / 14.91 (ROUGE-1 /
# ROUGE-2 F1, points).  With facts aligned by words (2026-11-23): 46.70 / 16.33 and 46.76 / 16.59.  On all 91
# held-out clusters the word model now trails the default by 0.15 on the two together (it led by 0.90).  With a
# speaker's further sentences worth less (`same_voice`, 2026-12-06): 46.88 / 16.64 and 46.70 / 16.17.
ROUGE1_FLOOR, ROUGE2_FLOOR = 46.4, 16.2
WORDS_ROUGE1_FLOOR, WORDS_ROUGE2_FLOOR = 46.3, 15.9
ROUGE2_OVER_LEXRANK = 1.0
WORDS_SLACK = 0.8  # the word model may trail the default on the two together by at most this


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


# With sentence embeddings, outlets that word a fact differently cite each other ("lasted an hour and a half",
# "lasted nearly 90 minutes"): a citation that shares too few words must then be this close in meaning to the
# sentence itself (MiniLM cosine), not only to other members of its fact.
SAME_MEANING = 0.6


def _check_support(corpus) -> int:
    """Each summary sentence is one citation's text; each other citation supports it (:func:`_supports`, or
    in meaning when the story was aligned with embeddings)."""
    texts = {a.id: a.text for a in corpus.articles}
    checked = 0
    for story in corpus.stories:
        meaning = story.alignment is not None and story.alignment.encode is not None
        for sentence in story.summary:
            cited = [texts[c.article_id][c.start:c.end] for c in sentence.citations]
            assert sentence.text in cited
            own = _content(sentence.text)
            for text in cited:
                if text == sentence.text:
                    continue
                if not _supports(own, text):
                    assert meaning, (sentence.text, text)
                    first, second = story.alignment.encode([sentence.text, text])
                    assert float(first @ second) >= SAME_MEANING, (sentence.text, text, float(first @ second))
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
    assert words["rouge1"] >= WORDS_ROUGE1_FLOOR and words["rouge2"] >= WORDS_ROUGE2_FLOOR
    assert words["rouge1"] + words["rouge2"] >= ours["rouge1"] + ours["rouge2"] - WORDS_SLACK
    assert words["rouge2"] >= lexrank["rouge2"] + ROUGE2_OVER_LEXRANK
    assert _check_support(result["corpus"]) >= 10
