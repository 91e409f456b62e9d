"""The summary's learned sentence scorer: its features, its stored form, and that it drives the choice."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from newsfuse import Config
from newsfuse.model import Corpus
from newsfuse.pipeline import run_corpus
from newsfuse.stages.load import load_text
from newsfuse.stages.synthesize import scorer as learned
from newsfuse.stages.synthesize import summary

PAGES = [
    ("Harbor Daily", "The city council voted on Tuesday to close the old harbor bridge for repairs. "
     "Engineers found cracks in two of the bridge's steel supports last month. "
     "The repairs are expected to take eight months and cost about 12 million dollars. "
     "Ferry service will run every twenty minutes while the bridge is closed. "
     "Shop owners near the harbor worry that fewer visitors will come during the summer."),
    ("Coast Post", "The old harbor bridge will close for repairs after a council vote on Tuesday. "
     "Inspectors discovered cracked steel supports under the bridge deck in a routine check. "
     "The work will last about eight months, officials said. "
     "A ferry will carry pedestrians across the harbor during the closure. "
     "The mayor said the council had \"NO choice\" once the cracks were found. "
     "It will reopen to cars next spring once the new supports are in place."),
    ("Bay Radio", "Council members approved closing the harbor bridge on Tuesday. "
     "Cracks were found in the steel supports of the bridge during an inspection. "
     "Ferries will replace the crossing until repairs end next spring. "
     "Fishing crews said the closure would not affect the working docks on the east side."),
]


@pytest.fixture(scope="module")
def bridge_story():
    config = Config.from_dict({"clean": {"min_body_words": 5}, "group": {"threshold": 0.01},
                               "synthesize": {"embeddings": "off"}})
    corpus = Corpus()
    for number, (outlet, body) in enumerate(PAGES):
        text = (f"---\ntitle: \"Harbor bridge {number}\"\nsite_name: \"{outlet}\"\n"
                f"date: \"2025-03-0{number + 1}\"\n---\n\n{body}\n")
        corpus.documents.extend(load_text(text, config, source_path=f"page{number}.md").documents)
    corpus = run_corpus(corpus, config)
    assert len(corpus.stories) == 1
    return corpus.stories[0]


def _table(story):
    alignment = story.alignment
    candidates = summary._candidates(alignment)
    matrix = summary._sentence_vectors(candidates, alignment.vectors)
    table = learned.features(candidates, matrix, None, dangling=summary._DANGLING.match, uncredited=lambda c: False,
                             short=8, long=50)
    return candidates, table


def test_features_describe_each_candidate(bridge_story):
    candidates, table = _table(bridge_story)
    column = {name: table[:, learned.FEATURES.index(name)] for name in learned.FEATURES}
    assert table.shape == (len(candidates), len(learned.FEATURES)) and np.isfinite(table).all()
    assert (column["articles"] == 3).all()
    assert (column["embedding_centrality"] == 0).all()  # no embeddings given
    assert list(column["index"]) == [c.index for c in candidates]
    # a sentence every outlet tells (the vote, the cracks) shares more words with the other outlets than a
    # detail only one of them has (the fishing crews)
    text = [c.article.span_text(c.span) for c in candidates]
    cracks = next(k for k, t in enumerate(text) if t.startswith("Engineers found cracks"))
    crews = next(k for k, t in enumerate(text) if t.startswith("Fishing crews"))
    assert column["others_words"][cracks] > column["others_words"][crews]
    assert column["others_similarity"][cracks] > column["others_similarity"][crews]


def test_expand_adds_every_product_once():
    z = np.array([[1.0, 2.0, 3.0]])
    assert learned.expand(z).ravel().tolist() == [1, 2, 3, 1, 2, 3, 4, 6, 9]


def _scorer_on(column: str, sign: float) -> learned.Scorer:
    coef = np.zeros(2)
    coef[0] = sign
    return learned.Scorer((column,), np.zeros(1), np.ones(1), coef, 0.0)


def test_the_model_decides_which_sentences_are_taken(bridge_story):
    alignment = bridge_story.alignment
    earliest = summary.summarize(bridge_story, alignment, sentences=3, scorer=_scorer_on("index", -1.0))
    latest = summary.summarize(bridge_story, alignment, sentences=3, scorer=_scorer_on("index", 1.0))
    candidates = summary._candidates(alignment)
    index_of = {c.article.span_text(c.span): c.index for c in candidates}
    last = max(index_of.values())
    early, late = [index_of[s.text] for s in earliest], [index_of[s.text] for s in latest]
    assert 0 in early and last not in early
    assert last in late and 0 not in late
    assert sum(early) < sum(late)


def test_a_sentence_leaning_on_the_one_before_is_held_back(bridge_story):
    alignment = bridge_story.alignment
    latest_first = _scorer_on("index", 1.0)
    leaning = "It will reopen to cars next spring once the new supports are in place."
    plain = summary.summarize(bridge_story, alignment, sentences=1, scorer=latest_first,
                              weights=summary.SummaryWeights(dangling_learned=1.0))
    held_back = summary.summarize(bridge_story, alignment, sentences=1, scorer=latest_first)
    assert [s.text for s in plain] == [leaning]
    assert [s.text for s in held_back] != [leaning]


def test_a_big_story_embeds_only_its_shortlist(bridge_story, monkeypatch):
    from newsfuse.nlp import embed

    if not embed.available():
        pytest.skip("sentence embeddings are not installed")
    encoded: list[str] = []

    def encode(texts):
        encoded.extend(texts)
        return embed.encode(texts)

    monkeypatch.setattr(summary, "_EMBED_AT_MOST", 4)
    alignment = summary.Alignment(bridge_story.alignment.claims, bridge_story.alignment.vectors,
                                  bridge_story.alignment.groups, bridge_story.alignment.support, encode=encode)
    chosen = summary.summarize(bridge_story, alignment, sentences=3)
    assert len(summary._candidates(alignment)) > 4 and len(encoded) == 4
    assert chosen and {s.text for s in chosen} <= set(encoded)  # only shortlisted sentences are ranked
    summary.summarize(bridge_story, alignment, sentences=3, scorer=None)
    assert len(encoded) <= 8 and len(set(encoded)) == len(encoded)  # a sentence is embedded once per story


def test_the_packaged_models_load_and_score(bridge_story):
    for embedded in (True, False):
        model = learned.load(embedded)
        assert model is not None
        assert ("embedding_centrality" in model.columns) is embedded
    _, table = _table(bridge_story)
    assert np.isfinite(learned.load(False).predict(table)).all()
    chosen = summary.summarize(bridge_story, bridge_story.alignment, sentences=3)
    assert len(chosen) == 3 and all(s.citations for s in chosen)


def test_a_damaged_model_is_refused():
    good = _scorer_on("index", 1.0).to_dict()
    with pytest.raises(ValueError, match="unknown features"):
        learned.Scorer.from_dict({**good, "columns": ["no_such_feature"]})
    with pytest.raises(ValueError, match="shapes"):
        learned.Scorer.from_dict({**good, "coef": [1.0, 2.0, 3.0]})


def test_word_features_describe_each_word(bridge_story):
    candidates, _ = _table(bridge_story)
    bags = [learned.tokens(c.article.span_text(c.span)) for c in candidates]
    vocabulary, table = learned.word_features(candidates, bags, np.arange(len(candidates), dtype=float))
    assert table.shape == (len(vocabulary), len(learned.WORD_FEATURES)) and np.isfinite(table).all()
    assert len(vocabulary) == len(set(vocabulary)) == len({w for bag in bags for w in bag})
    column = {name: dict(zip(vocabulary, table[:, learned.WORD_FEATURES.index(name)]))
              for name in learned.WORD_FEATURES}
    assert column["articles_share"]["bridge"] == 1.0  # every outlet says it
    assert column["articles_share"]["fish"] == pytest.approx(1 / 3)  # "Fishing crews": one outlet, stemmed
    assert column["capitalised"]["tuesday"] == 1.0 and column["capitalised"]["bridge"] == 0.0
    assert column["capitalised"]["no"] == 0.0  # "NO" is shouted, not a name
    choice, = learned.tokens("choice")
    assert column["quoted_share"][choice] == 1.0 and column["quoted_share"]["bridge"] == 0.0  # the mayor's words
    assert column["stopword"]["the"] == 1.0 and column["stopword"]["bridge"] == 0.0
    assert column["first_position"]["council"] == 0.0  # in a lead sentence
    # a word's sentences' scores: the fishing crews sentence comes last here, so it has the best score
    assert column["best_sentence"]["fish"] == column["best_sentence"]["crew"] == max(column["best_sentence"].values())


def _owing(column: str, weight: float) -> learned.WordModel:
    """A word model expecting exp(weight × the standardised column) of each word in a summary."""
    return learned.WordModel((column,), np.zeros(1), np.ones(1), np.array([weight, 0.0]), 0.0)


@pytest.mark.parametrize("column, weight", [("articles_share", 2.0), ("capitalised", 3.0), ("length", -1.0)])
def test_lazy_greedy_takes_what_valuing_everything_each_time_would(bridge_story, column, weight):
    candidates = summary._candidates(bridge_story.alignment)
    rng = np.random.default_rng(len(column))
    for c in candidates:
        c.score, c.readable = float(rng.uniform(0, 1)), float(rng.choice([1.0, 0.3]))
    predicted = rng.normal(size=len(candidates))
    word_model, weights = _owing(column, weight), summary.SummaryWeights(coverage=0.7)
    ranked = list(range(1, len(candidates)))  # one left out, as a shortlist would
    taken: list[int] = []
    summary._pick(candidates, ranked, word_model, predicted, weights, fits=lambda k: k != 3, take=taken.append,
                  done=lambda: len(taken) >= 6)

    from collections import Counter

    bags = {k: Counter(learned.tokens(candidates[k].article.span_text(candidates[k].span))) for k in ranked}
    vocabulary, table = learned.word_features([candidates[k] for k in ranked],
                                              [list(bags[k].elements()) for k in ranked], predicted[ranked])
    owed = dict(zip(vocabulary, np.minimum(word_model.expected(table), learned.WORD_COUNT_CAP)))
    held: Counter = Counter()
    expected: list[int] = []
    left = [k for k in ranked if k != 3]
    while len(expected) < 6 and left:
        def value(k):
            gain = sum(min(held[w] + c, owed[w]) - min(held[w], owed[w]) for w, c in bags[k].items())
            words = len(candidates[k].article.span_text(candidates[k].span).split())
            return candidates[k].score + candidates[k].readable ** weights.coverage_readability * \
                weights.coverage * gain / words ** weights.coverage_length
        best = max(left, key=value)
        expected.append(best)
        left.remove(best)
        held.update(bags[best])
    assert taken == expected
    assert 3 not in taken and 0 not in taken


def test_coverage_changes_the_choice_and_only_with_a_learned_scorer(bridge_story):
    alignment = bridge_story.alignment
    flat = _scorer_on("index", 0.0)  # every sentence worth the same: the words decide
    by_names = summary.summarize(bridge_story, alignment, sentences=2, scorer=flat,
                                 coverage=_owing("capitalised", 4.0), weights=summary.SummaryWeights(coverage=5.0))
    by_shared = summary.summarize(bridge_story, alignment, sentences=2, scorer=flat,
                                  coverage=_owing("articles_share", 4.0), weights=summary.SummaryWeights(coverage=5.0))
    assert [s.text for s in by_names] != [s.text for s in by_shared]
    rules = summary.summarize(bridge_story, alignment, sentences=2, scorer=None)
    rules_with = summary.summarize(bridge_story, alignment, sentences=2, scorer=None,
                                   coverage=_owing("capitalised", 4.0), weights=summary.SummaryWeights(coverage=5.0))
    assert [s.text for s in rules] == [s.text for s in rules_with]


def test_the_packaged_word_models_load_and_a_damaged_one_is_refused(bridge_story):
    for embedded in (True, False):
        assert learned.load_words(embedded) is not None
    good = _owing("length", 1.0).to_dict()
    with pytest.raises(ValueError, match="unknown features"):
        learned.WordModel.from_dict({**good, "columns": ["centrality"]})  # a sentence feature, not a word one


@pytest.mark.parametrize("furniture, first", [
    ("The full inspection report can be read at https://harbor.example/report for the details.", False),
    ("Harbor shop owners who have seen fewer visitors since the bridge repairs began say that the...", True),
    ("Charged with eight counts of reckless endangerment of harbor ferry passengers.", True),  # a list's item
    ("The mayor then listed the reasons the council gave for closing the bridge this week:", False),  # a lead-in
])
def test_furniture_left_inside_a_paragraph_is_never_a_summary_sentence(furniture, first):
    """A web address or a copyright notice the cleaner kept because it sits inside a paragraph of body text,
    or a teaser cut short, is not summary material, even for a scorer that would take it first."""
    config = Config.from_dict({"clean": {"min_body_words": 5}, "group": {"threshold": 0.01},
                               "synthesize": {"embeddings": "off"}})
    if first:  # opening the paragraph (a cut sentence closing it makes the cleaner drop the whole paragraph)
        pages = [(PAGES[0][0], f"{furniture} {PAGES[0][1]}"), *PAGES[1:]]
    else:
        pages = [(PAGES[0][0], f"{PAGES[0][1]} {furniture}"), *PAGES[1:]]
    corpus = Corpus()
    for number, (outlet, body) in enumerate(pages):
        text = (f"---\ntitle: \"Harbor bridge {number}\"\nsite_name: \"{outlet}\"\n"
                f"date: \"2025-03-0{number + 1}\"\n---\n\n{body}\n")
        corpus.documents.extend(load_text(text, config, source_path=f"page{number}.md").documents)
    (story,) = run_corpus(corpus, config).stories
    candidates = summary._candidates(story.alignment)
    assert furniture in [c.article.span_text(c.span) for c in candidates]
    taking_it_first = _scorer_on("index", -1.0 if first else 1.0)
    chosen = summary.summarize(story, story.alignment, sentences=12, scorer=taking_it_first)
    assert chosen and furniture not in [s.text for s in chosen]


def _picked(scores: list[float], voices: list[frozenset], count: int, weights: summary.SummaryWeights) -> list[int]:
    candidates = [summary._Sentence(SimpleNamespace(id=f"a{k}"), None, 0, [], score=s) for k, s in enumerate(scores)]
    chosen: list[int] = []
    summary._pick(candidates, range(len(candidates)), None, None, weights, fits=lambda k: True, take=chosen.append,
                  done=lambda: len(chosen) >= count, voices=voices)
    return chosen


def test_one_speaker_does_not_crowd_out_the_others():
    mayor, chief = frozenset({"person:mayor"}), frozenset({"person:chief"})
    voices = [mayor, mayor, mayor, chief, frozenset()]
    scores = [1.0, 0.95, 0.9, 0.85, 0.5]
    assert _picked(scores, voices, 3, summary.SummaryWeights(same_voice=1.0)) == [0, 1, 2]
    # the mayor's second line is worth 0.95 × 0.8 once the first is taken: the chief is heard, then the mayor again
    assert _picked(scores, voices, 3, summary.SummaryWeights()) == [0, 3, 1]
    # nobody speaks in a sentence of plain narration: it is never held back
    assert _picked([0.5, 0.45], [mayor, frozenset()], 2, summary.SummaryWeights(same_voice=0.1)) == [0, 1]


def test_voices_are_the_speakers_quoted_in_each_sentence():
    config = Config.from_dict({"clean": {"min_body_words": 5}, "synthesize": {"embeddings": "off"}})
    text = ("---\ntitle: \"Bridge to close\"\nsite_name: \"Harbor Daily\"\ndate: \"2025-03-01\"\n---\n\n"
            "The city council voted on Tuesday to close the old harbor bridge for repairs. "
            "\"We had no choice once the cracks were found,\" Mayor David Miller said. "
            "Fire chief Tom Bell said the crossing had been unsafe for months. "
            "Ferries will run every twenty minutes while the bridge is closed.\n")
    corpus = Corpus()
    corpus.documents.extend(load_text(text, config, source_path="page.md").documents)
    story = run_corpus(corpus, config).stories[0]
    candidates = summary._candidates(story.alignment)
    voices = summary._voices(candidates, story.alignment.quotes)
    names = {e["id"]: e["name"] for e in story.entities}
    named = {c.article.span_text(c.span).split()[0]: {names[v] for v in vs} for c, vs in zip(candidates, voices)}
    assert named["The"] == set() and named["Ferries"] == set()
    assert [n for n in named['"We'] if "Miller" in n] and [n for n in named["Fire"] if "Bell" in n]


def test_a_caption_glued_to_the_text_is_no_claim_fact_or_summary_sentence():
    config = Config.from_dict({"clean": {"min_body_words": 5}, "group": {"threshold": 0.01},
                               "synthesize": {"embeddings": "off"}})
    caption = "A file image from the inspection drone shows cracks along the main span of the harbor bridge."
    corpus = Corpus()
    for number, (outlet, body) in enumerate(PAGES[:2]):
        text = (f"---\ntitle: \"Harbor bridge {number}\"\nsite_name: \"{outlet}\"\n"
                f"date: \"2025-03-0{number + 1}\"\n---\n\n{caption} {body}\n")
        corpus.documents.extend(load_text(text, config, source_path=f"page{number}.md").documents)
    story = run_corpus(corpus, config).stories[0]
    # the caption opens both outlets' text, so it would be the earliest-first model's best, a fact of two
    # outlets; it states no claim instead, so it is in no fact, no exclusive and no summary
    texts = [c.article.span_text(c.span) for c in summary._candidates(story.alignment)]
    assert texts and caption not in texts
    assert all(caption not in f.text for f in story.facts)
    assert all(caption not in e.text for e in story.exclusives)
    chosen = summary.summarize(story, story.alignment, sentences=3, scorer=_scorer_on("index", -1.0))
    assert len(chosen) == 3 and caption not in [s.text for s in chosen]



@pytest.mark.parametrize("budget", [10, 25, 40, 60])
def test_a_word_budget_is_never_overrun(bridge_story, budget):
    chosen = summary.summarize(bridge_story, bridge_story.alignment, words=budget, scorer=_scorer_on("index", -1.0))
    lengths = [len(s.text.split()) for s in chosen]
    assert chosen
    if lengths[0] > budget:  # only a first sentence longer than the whole budget overruns it, alone
        assert len(chosen) == 1
    else:
        assert sum(lengths) <= budget
        if budget >= 40:  # room for more than one sentence of this story: it is used
            assert len(chosen) >= 2


def _standing(article: str, index: int, score: float, leans: float = 1.0, published: str = "2025-03-01"):
    page = SimpleNamespace(id=article, sentences=[None] * 10, published=published)
    return summary._Sentence(page, None, index, [], score=score * leans, readable=leans, leans=leans)


def test_a_sentence_leaning_on_one_the_summary_holds_is_taken_and_read_after_it():
    """'He added ...' is held back on its own but not once the sentence before it is in the summary, where it
    is read right after that sentence, not wherever its position in the article would put it."""
    weights = summary.SummaryWeights()
    follows = [_standing("a", 4, 1.0), _standing("a", 5, 0.9, leans=0.3), _standing("b", 0, 0.5)]
    apart = [_standing("a", 4, 1.0), _standing("a", 6, 0.9, leans=0.3), _standing("b", 0, 0.5)]
    for candidates, expected in ((follows, [0, 1]), (apart, [0, 2])):
        chosen: list[int] = []
        summary._pick(candidates, range(3), None, None, weights, fits=lambda k: True, take=chosen.append,
                      done=lambda: len(chosen) >= 2)
        assert chosen == expected
    # reading order: another outlet's sentence as far into its (earlier) article would come between them
    pages = [_standing("a", 4, 1.0, published="2025-03-02"), _standing("a", 5, 0.9, leans=0.3,
             published="2025-03-02"), _standing("b", 5, 0.5, published="2025-03-01")]
    chosen = [2, 1, 0]
    summary._reading_order(pages, chosen)
    assert chosen == [0, 1, 2]
    pages[1].leans = 1.0  # not leaning: by position alone
    summary._reading_order(pages, chosen)
    assert chosen == [0, 2, 1]
