import numpy as np
import pytest

from newsfuse import Config
from newsfuse.metrics import bcubed, labels_from_clusters, pairwise
from newsfuse.model import Article, Corpus, Span
from newsfuse.nlp.features import name_terms
from newsfuse.stages.dedupe import NearDuplicateIndex, dedupe, origin_of, origins, shingles, signatures
from newsfuse.stages.group import StoryClusterer, group

FLOOD = "The council approved a flood barrier for the harbour after winter storms damaged homes near the quay."
MATCH = "The home side won the football final with a late goal, and fans celebrated in the city square."
LEXICAL = Config.from_dict({"group": {"embeddings": "off"}})


def _article(i, text, outlet=None, published=None, title=None):
    article = Article(id=f"a{i}", source_path=f"{i}.txt", format="text", text=text, outlet=outlet,
                      published=published, title=title)
    article.paragraphs = [Span(0, len(text))]
    return article


def test_copies_point_to_the_earliest_and_count_once():
    articles = [_article(1, FLOOD * 3, "Wire", "2026-01-02"), _article(2, FLOOD * 3 + " Updated.", "Paper", "2026-01-03"),
                _article(3, MATCH * 3, "Sport", "2026-01-01")]
    corpus = dedupe(Corpus(articles=articles), Config.default())
    assert [a.duplicate_of for a in corpus.articles] == [None, "a1", None]
    keys = origins(corpus.articles)
    assert keys["a1"] == keys["a2"] != keys["a3"]


def test_a_copy_of_a_copy_points_to_the_first_original():
    base = " ".join(f"word{i}" for i in range(200))
    articles = [_article(1, base, published="2026-01-01"), _article(2, base + " extra", published="2026-01-02"),
                _article(3, base + " extra more", published="2026-01-03")]
    dedupe(Corpus(articles=articles), Config.default())
    assert [a.duplicate_of for a in articles] == [None, "a1", "a1"]


def test_index_matches_light_edits_and_not_other_texts():
    rng = np.random.default_rng(0)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts = [" ".join(rng.choice(vocabulary, 300)) for _ in range(20)]
    edited = texts[3].split()
    edited[10] = edited[200] = "changed"
    texts.append(" ".join(edited))
    found = NearDuplicateIndex(threshold=0.5, num_perm=128).add(signatures([shingles(t, 4) for t in texts], 128))
    assert found[-1] is not None and found[-1][0] == 3
    assert all(match is None for match in found[:-1])


def test_index_forgets_rows_outside_its_window():
    index = NearDuplicateIndex(threshold=0.5, num_perm=64, window_days=2)
    block = signatures([shingles(FLOOD * 4, 4)], 64)
    assert index.add(block, times=[0.0]) == [None]
    assert index.add(block, times=[86400.0])[0] is not None       # a day later: still remembered
    assert index.add(block, times=[10 * 86400.0]) == [None]       # ten days later: forgotten
    assert len(index) == 1


@pytest.mark.parametrize("bad", [0.0, 1.5])
def test_index_rejects_a_bad_threshold(bad):
    with pytest.raises(ValueError, match="threshold must be in"):
        NearDuplicateIndex(threshold=bad, num_perm=64)


def test_a_reused_paragraph_counts_for_its_source():
    shared = ("The regional authority said the new bridge over the estuary will open to traffic next spring "
              "after three years of building work and a long dispute over its cost.")
    first = _article(1, shared, outlet="Wire", published="2026-01-01")
    own = ("Local traders said they expect more visitors once the crossing is finished and the road is repaired. "
           "The ferry company, which has run boats across the water since 1952, will cut its timetable in half. "
           "Residents of the northern villages welcomed the news at a meeting in the parish hall on Thursday.")
    text = own + "\n\n" + shared
    second = _article(2, text, outlet="Paper", published="2026-01-02")
    second.paragraphs = [Span(0, len(own)), Span(len(own) + 2, len(text))]
    dedupe(Corpus(articles=[first, second]), Config.default())
    assert second.duplicate_of is None
    assert [(r.article_id, second.text[r.start:r.end]) for r in second.reused] == [("a1", shared)]
    keys = origins([first, second])
    assert origin_of(second, Span(len(own) + 2, len(text)), keys) == keys["a1"]
    assert origin_of(second, Span(0, len(own)), keys) == keys["a2"]


def test_two_events_make_two_stories():
    articles = [_article(1, FLOOD), _article(2, FLOOD.replace("approved", "backed")), _article(3, MATCH),
                _article(4, MATCH.replace("won", "took"))]
    corpus = group(Corpus(articles=articles), LEXICAL)
    assert sorted(sorted(s.article_ids) for s in corpus.stories) == [["a1", "a2"], ["a3", "a4"]]


def test_two_incidents_of_one_kind_are_told_apart_by_their_names():
    template = ("{name} checked into the {place} rehab centre on {day}, a spokesman for the actress said. "
                "The actress has struggled with addiction for years and her family asked for privacy.")
    one = dict(name="Mara Quill", place="Silver Pines", day="Tuesday")
    two = dict(name="Dana Rook", place="Harbor Springs", day="Friday")
    articles = [_article(1, template.format(**one) + " Quill starred in a comedy last year."),
                _article(2, template.format(**one).replace("checked into", "entered") + " Quill's agent agreed."),
                _article(3, template.format(**two) + " Rook has three films due out."),
                _article(4, template.format(**two).replace("checked into", "entered") + " Rook's lawyer agreed.")]
    clusterer = StoryClusterer(threshold=0.5, topic_weight=0.3, name_weight=0.7)
    clusterer.add(articles)
    assert sorted(sorted(ids) for ids in clusterer.stories()) == [["a1", "a2"], ["a3", "a4"]]


def test_a_later_batch_joins_the_open_story():
    clusterer = StoryClusterer.from_config(LEXICAL)
    clusterer.add([_article(1, FLOOD * 2, published="2026-01-01"), _article(2, MATCH * 2, published="2026-01-01")])
    clusterer.add([_article(3, FLOOD.replace("approved", "confirmed") * 2, published="2026-01-05")])
    assert sorted(sorted(ids) for ids in clusterer.stories()) == [["a1", "a3"], ["a2"]]


def test_a_closed_story_takes_no_more_articles():
    config = Config.from_dict({"group": {"embeddings": "off", "window_days": 2}})
    clusterer = StoryClusterer.from_config(config)
    clusterer.add([_article(1, FLOOD * 2, published="2026-01-01")])
    clusterer.add([_article(2, FLOOD * 2, published="2026-03-01")])
    assert sorted(clusterer.stories()) == [["a1"], ["a2"]]


def test_clustering_does_not_depend_on_batch_boundaries_for_clear_cases():
    articles = [_article(i, (FLOOD if i % 2 else MATCH).replace("the", f"the {i}th" if i > 2 else "the") * 2)
                for i in range(1, 9)]
    whole = StoryClusterer.from_config(LEXICAL)
    whole.add(articles)
    streamed = StoryClusterer.from_config(LEXICAL)
    for article in articles:
        streamed.add([article])
    assert sorted(map(sorted, whole.stories())) == sorted(map(sorted, streamed.stories()))
    assert len(whole.stories()) == 2


def test_names_skip_sentence_openers_and_keep_figures():
    terms = name_terms("Police said Mara Quill, 33, was hurt. The mayor of Port Ellis spoke on 1,200 TV channels.")
    assert "police" not in terms and "the" not in terms
    assert {"mara", "quill", "port", "ellis", "#33", "#1200"} <= set(terms)


def test_clustering_scores_on_small_cases():
    gold = ["x", "x", "y", "y"]
    assert bcubed(["a", "a", "b", "b"], gold) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed(["a", "a", "a", "a"], gold)
    assert (precision, recall) == (0.5, 1.0)
    assert pairwise(["a", "b", "c", "d"], gold)[:2] == (1.0, 0.0)
    assert pairwise(["a", "a", "a", "b"], gold) == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert labels_from_clusters([["p", "q"]], ["p", "r", "q"]) == [0, 1, 0]


def test_density_is_the_mean_of_the_nearest_scores_with_missing_ones_as_zero():
    from newsfuse.stages.group import _top_mean

    rows, cols = np.array([1, 2, 1, 1]), np.array([0, 1, 2, 3])
    means = _top_mean(rows, cols, np.array([0.1, 0.4, 0.5, 0.3]), (3, 4), 2)
    assert np.allclose(means, [0.0, 0.4, 0.2])
    # a story column counts as several neighbours at its mean score
    means = _top_mean(rows, cols, np.array([0.1, 0.4, 0.5, 0.3]), (3, 4), 3, np.array([1, 1, 2, 1]))
    assert np.allclose(means, [0.0, (0.5 + 0.5 + 0.3) / 3, 0.4 / 3])


@pytest.mark.parametrize("cells", [10_000_000, 50, 7])
def test_top_mean_matches_sorting_every_entry_in_any_block_size(monkeypatch, cells):
    from newsfuse.stages import group as module

    monkeypatch.setattr(module, "_DENSE_CELLS", cells)
    rng = np.random.default_rng(4)
    shape, k = (40, 30), 4
    flat = rng.choice(shape[0] * shape[1], size=500, replace=False)
    rows, cols = flat // shape[1], flat % shape[1]
    values = rng.normal(0.2, 0.3, size=len(flat))
    repeat = rng.integers(1, 4, size=shape[1])
    got = module._top_mean(rows, cols, values, shape, k, repeat)
    for r in range(shape[0]):
        many = sorted((v for c, v in zip(cols[rows == r], values[rows == r]) for _ in range(repeat[c])), reverse=True)
        assert got[r] == pytest.approx(sum(many[:k]) / k)


def _rehab_articles():
    """Four rehab stays of one kind, two articles each, and the four pairs they should make."""
    template = ("{name} checked into the {place} rehab centre on {day}, a spokesman for the actress said. "
                "The actress has struggled with addiction for years and her family asked for privacy.")
    people = [("Mara Quill", "Silver Pines", "Tuesday"), ("Dana Rook", "Harbor Springs", "Friday"),
              ("Lena Voss", "Cedar Hill", "Monday"), ("Ilsa Brandt", "Lake Moor", "Sunday")]
    articles = []
    for n, (name, place, day) in enumerate(people):
        text = template.format(name=name, place=place, day=day)
        articles += [_article(2 * n + 1, text), _article(2 * n + 2, text.replace("checked into", "entered"))]
    return articles, sorted([f"a{2 * n + 1}", f"a{2 * n + 2}"] for n in range(4))


def test_a_crowded_neighbourhood_raises_the_bar():
    """Four same-kind incidents, two articles each: with the density term the pairs that share only the
    topic's words stay apart at a bar that, without it, merges them."""
    articles, expected = _rehab_articles()
    plain = StoryClusterer(threshold=0.15, topic_weight=0.5, name_weight=0.5)
    plain.add(articles)
    adaptive = StoryClusterer(threshold=0.15, topic_weight=0.5, name_weight=0.5, density_weight=0.6)
    adaptive.add(articles)
    assert sorted(map(sorted, adaptive.stories())) == expected
    assert len(plain.stories()) == 1


def test_a_trickle_decides_like_a_batch_when_the_latest_articles_are_clustered_again():
    """One article at a time, the first articles' densities are guesses and their early merges stick;
    clustering each arrival again with the latest articles before it undoes them."""
    articles, expected = _rehab_articles()
    settings = dict(threshold=0.15, topic_weight=0.5, name_weight=0.5, density_weight=0.6)
    whole = StoryClusterer(**settings)
    whole.add(articles)
    alone, again = StoryClusterer(**settings), StoryClusterer(**settings, recluster=8)
    for article in articles:
        alone.add([article])
        again.add([article])
    assert sorted(map(sorted, whole.stories())) == expected
    assert sorted(map(sorted, again.stories())) == expected
    assert sorted(map(sorted, alone.stories())) != expected


@pytest.mark.parametrize("recluster,batch", [(3, 1), (5, 2), (4, 4), (2, 3)])
def test_every_article_is_in_exactly_one_story_while_the_latest_are_unsettled(recluster, batch):
    articles = [_article(i, (FLOOD if i % 3 else MATCH).replace("the", f"the {i}th") * 2) for i in range(1, 13)]
    clusterer = StoryClusterer(threshold=0.2, topic_weight=0.5, name_weight=0.5, density_weight=0.4,
                               recluster=recluster)
    seen: list[str] = []
    for begin in range(0, len(articles), batch):
        clusterer.add(articles[begin:begin + batch])
        seen += [a.id for a in articles[begin:begin + batch]]
        members = [aid for story in clusterer.stories() for aid in story]
        assert sorted(members) == sorted(seen)
    assert len(clusterer.stories()) == 2
