"""Fact alignment: outlets that word one fact differently corroborate it when meaning is available."""
from __future__ import annotations

import numpy as np
import pytest

from newsfuse.nlp import embed
from newsfuse.stages.synthesize import _align, _claim_similarity
from newsfuse.stages.synthesize.summary import _candidates

from .test_contradictions import story

# Two outlets state one fact in different words (two in common: fewer never make a fact); a third states
# another fact of the same event.
PAGES = (
    ("Harbour Gazette", "2024-05-01", "The ferry operator suspended every crossing after the storm damaged its pier."),
    ("Coast Daily", "2024-05-01", "All ferry sailings were halted by the company once the storm wrecked the jetty."),
    ("Bay Herald", "2024-05-01", "Volunteers cleared storm debris from the ferry slipway before a bonfire on Saturday evening."),
)


def _claims_of(corpus):
    alignment = corpus.stories[0].alignment
    texts = [c.text for c in alignment.claims]
    return alignment, {key: texts.index(next(t for t in texts if t.startswith(key)))
                       for key in ("The ferry", "All ferry", "Volunteers")}


def test_meaning_joins_claims_that_share_few_words():
    corpus, _ = story(*PAGES, embeddings="off")
    alignment, row = _claims_of(corpus)
    claims, vectors = alignment.claims, alignment.vectors
    assert not any({row["The ferry"], row["All ferry"]} <= set(g) for g in alignment.groups)  # words alone: apart
    embeddings = np.zeros((len(claims), 4))
    embeddings[:, 3] = 1.0  # every other claim: unlike the three
    embeddings[row["The ferry"]] = embeddings[row["All ferry"]] = [1.0, 0.0, 0.0, 0.0]
    embeddings[row["Volunteers"]] = [0.0, 1.0, 0.0, 0.0]
    groups = _align(claims, _claim_similarity(vectors, embeddings, 0.6), 0.45)
    assert any({row["The ferry"], row["All ferry"]} <= set(g) for g in groups)
    assert not any(row["Volunteers"] in g and len(g) > 1 for g in groups)
    assert _align(claims, _claim_similarity(vectors, embeddings, 0.0), 0.45) == \
        _align(claims, _claim_similarity(vectors), 0.45)  # no weight: words only


def test_a_claim_like_one_member_but_not_the_other_does_not_join_the_group():
    corpus, _ = story(*PAGES, embeddings="off")
    alignment, row = _claims_of(corpus)
    claims, vectors = alignment.claims, alignment.vectors
    ferry, sailings, volunteers = row["The ferry"], row["All ferry"], row["Volunteers"]
    embeddings = np.zeros((len(claims), 3))
    embeddings[:, 2] = 1.0
    for claim, degrees in ((ferry, 0), (sailings, 25), (volunteers, 70)):  # the second between the others
        embeddings[claim] = [np.cos(np.radians(degrees)), np.sin(np.radians(degrees)), 0.0]
    similarity = 0.4 * (vectors @ vectors.T).toarray() + 0.6 * embeddings @ embeddings.T
    # the case: the volunteers' claim is like the sailings one (a pair) and, on average, like the group the
    # sailings claim forms with the ferry one, but not like the ferry one itself
    assert similarity[sailings, volunteers] >= 0.45 > similarity[ferry, volunteers]
    assert (similarity[sailings, volunteers] + similarity[ferry, volunteers]) / 2 >= 0.45 * 0.8
    groups = _align(claims, _claim_similarity(vectors, embeddings, 0.6), 0.45)
    assert any({ferry, sailings} <= set(g) for g in groups)
    assert not any(volunteers in g and len(g) > 1 for g in groups)


@pytest.mark.skipif(not embed.available(), reason="needs the embeddings extra")
def test_paraphrased_fact_counts_two_outlets_with_the_real_model():
    corpus, _ = story(*PAGES[:2], embeddings="on")
    facts = corpus.stories[0].facts
    assert any(f.independent_sources == 2 and any(f.text.startswith(k) for k in ("The ferry", "All ferry"))
               for f in facts), [f.text for f in facts]
    corpus, _ = story(*PAGES[:2], embeddings="off")
    assert not corpus.stories[0].facts


def test_a_claim_another_outlet_makes_alike_is_no_exclusive():
    """Complete-link alignment can leave a claim out of a fact it resembles one member of; it is then no
    exclusive, as long as it shares the words a citation would need with that other outlet's claim."""
    from scipy import sparse

    from newsfuse.stages.synthesize import _echoed, _shares_words
    from newsfuse.stages.synthesize.summary import Alignment

    alike = sparse.csr_matrix(np.array([[1.0, 0.6, 0.0, 0.0],
                                        [0.6, 1.0, 0.5, 0.0],
                                        [0.0, 0.5, 1.0, 0.7],
                                        [0.0, 0.0, 0.7, 1.0]]))
    origin = ["harbour", "coast", "bay", "bay"]
    words = [{"ferri", "suspend", "storm", "pier"}, {"ferri", "halt", "storm", "pier"},
             {"volunt", "debri", "bonfir"}, {"volunt", "debri", "bonfir", "saturday"}]
    alignment = Alignment([], None, [], [], similarity=alike, threshold=0.45,
                          shares_words=lambda i, j: _shares_words(words, i, j))
    assert _echoed([0], alignment, origin)        # alike to the coast's claim, and sharing three words of four
    assert not _echoed([2], alignment, origin)    # alike to the coast's claim, but sharing no word
    assert not _echoed([3], alignment, origin)    # alike only to a claim of its own origin


def test_a_sentence_that_only_asks_states_no_claim():
    """A writer's question is no fact, no exclusive and no figure to dispute; a question someone is quoted
    asking, or one after a lead-in saying who asks, is reported speech and stays."""
    from newsfuse.stages.synthesize.claims import only_asks

    assert only_asks("Could the ferry operator have reopened the pier before the storm passed?")
    assert only_asks("Remember the ferry that ran aground in 2019 with 40 passengers aboard?")
    assert only_asks("More important: will the 12 crossings a day ever come back? ")
    assert not only_asks("“Will the crossings come back?” asked the mayor.")
    assert not only_asks('The mayor asked: "Will the crossings come back?"')
    assert not only_asks("Councillors and the harbour master raised the question: was the pier ever safe?")
    assert not only_asks("The ferry operator suspended every crossing after the storm damaged its pier.")
    asking = ("Bay Herald", "2024-05-01", "Why did the ferry operator wait until 40 people were stranded on the pier?")
    corpus, _ = story(*PAGES, asking, embeddings="off")
    texts = [c.text for c in corpus.stories[0].alignment.claims]
    assert any(t.startswith("Volunteers cleared") for t in texts)
    assert not any("?" in t for t in texts)
    assert not any("?" in e.text for e in corpus.stories[0].exclusives)


def test_a_summary_sentence_cites_only_sentences_that_support_it_as_a_whole():
    """Two short claims can state one fact ("the pier fell") while the sentences they sit in say more, and
    differently; a citation stands for the whole sentence, so it must share enough of its words."""
    corpus, _ = story(
        ("Harbour Gazette", "2024-05-01",
         "The pier fell at dawn, and the mayor blamed decades of neglect by the port authority."),
        ("Coast Daily", "2024-05-01", "Fishermen said the pier fell slowly."),
        ("Bay Herald", "2024-05-01",
         "The old pier fell at dawn on Tuesday, and the mayor blamed the port authority for years of neglect."),
        embeddings="off")
    alignment = corpus.stories[0].alignment
    rows = [i for i, c in enumerate(alignment.claims) if c.text.startswith(("The pier fell at dawn", "Fishermen"))]
    assert any(set(rows) <= set(g) for g in alignment.groups)  # the two short claims are one fact
    texts = {a.id: a.text for a in corpus.articles}
    cited = {c.article.span_text(c.span): {texts[o.article_id][o.start:o.end] for o in c.citations}
             for c in _candidates(alignment)}
    gazette = next(t for t in cited if t.startswith("The pier fell"))
    assert not any(t.startswith("Fishermen") for t in cited[gazette])
    assert any(t.startswith("The old pier") for t in cited[gazette])  # the sentence that says it all is cited


def test_a_pages_timestamp_left_in_a_paragraph_is_no_claim_and_no_event():
    stamped = ("Bay Herald", "2024-05-01", PAGES[2][2] + "\n\nHarbour crews will inspect the ferry slipway again on "
               "Monday morning. The harbour master said the work could take a week or more, and that no ferry would "
               "sail before it ends. (Published Saturday, May 4, 2024)")
    corpus, _ = story(*PAGES[:2], stamped, embeddings="off")
    story_ = corpus.stories[0]
    assert any(c.text.startswith("Harbour crews will") for c in story_.alignment.claims)
    assert not any("Published" in c.text for c in story_.alignment.claims)
    assert not any("Published" in event["text"] for event in story_.timeline)
