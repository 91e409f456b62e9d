from newsfuse import Config
from newsfuse.model import Article, Corpus
from newsfuse.stages.dedupe import dedupe, origins
from newsfuse.stages.group import StoryClusterer, group

FLOOD = "The council approved a flood barrier for the harbour after winter storms damaged homes near the quay."
MATCH = "The home side won the football final with a late goal, and fans celebrated in the city square."


def _article(i, text, outlet=None, published=None):
    return Article(id=f"a{i}", source_path=f"{i}.txt", format="text", text=text, outlet=outlet, published=published)


def test_copies_point_to_the_earliest_and_count_once():
    articles = [_article(1, FLOOD * 3, "Wire", "2026-01-02"), _article(2, FLOOD * 3 + " Updated.", "Paper", "2026-01-03"),
                _article(3, MATCH * 3, "Sport", "2026-01-01")]
    corpus = dedupe(Corpus(articles=articles), Config.default())
    assert [a.duplicate_of for a in corpus.articles] == [None, "a1", None]
    keys = origins(corpus.articles)
    assert keys["a1"] == keys["a2"] != keys["a3"]


def test_two_events_make_two_stories_both_ways():
    articles = [_article(1, FLOOD), _article(2, FLOOD.replace("approved", "backed")), _article(3, MATCH),
                _article(4, MATCH.replace("won", "took"))]
    corpus = group(Corpus(articles=articles), Config.default())
    assert sorted(sorted(s.article_ids) for s in corpus.stories) == [["a1", "a2"], ["a3", "a4"]]

