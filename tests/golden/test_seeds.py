"""Golden checks on the five real captures: must-contain / must-not-contain per article."""
import pytest

# Per capture (by file-name prefix): metadata, and text that must or must not be in the cleaned body.
EXPECT = {
    "000": dict(outlet="ABC News", published="2025-02-12", title_has="Putin",
                must=["(WASHINGTON) -- President Donald Trump on Wednesday", "Fogel arrived at the White House"],
                never=["Getty Images", "Copyright", "Go Back", "contributed to this report", "Posted/updated"]),
    "001": dict(outlet="The Hill", published="2025-02-1", title_has="negotiations",
                must=["the two leaders agreed", "Alexander Vinnik"],
                never=["thumbnail", "sidebar", "DEVELOPING", "](https://", "thehill.com"]),
    "002": dict(outlet="NPR", published="2025-02-12", title_has="Zelenskyy",
                must=["President Trump says he spoke with the presidents", "Munich Security Conference"],
                never=["Play Live Radio", "0:00", "A Ukrainian tank passes", "Omar Havana", "Loading...",
                       "Copyright 2025 NPR", "developing story", "contributed reporting", "NPR Staff"]),
    "003": dict(outlet=None, published="2025-02-12", title_has="Putin",
                must=["nearly 90 minutes", "deep-rooted security concerns"],
                never=["Wednesday, 12th February"]),
    "004": dict(outlet=None, published="2025-02-1", title_has="Putin",
                must=["need to eliminate the root causes", "Karoline Leavitt"],
                never=["Talk:", "user page", "View Source", "Facebook Facebook", "Explorepedia", "References:",
                       "need to el\n"]),
}


def _article(corpus, prefix):
    found = [a for a in corpus.articles if a.source_path.rsplit("/", 1)[-1].startswith(prefix)]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("prefix", sorted(EXPECT))
def test_seed_article(seeds_corpus, prefix):
    expect = EXPECT[prefix]
    article = _article(seeds_corpus, prefix)
    if expect["outlet"]:
        assert article.outlet == expect["outlet"]
    assert article.published and article.published.startswith(expect["published"])
    assert article.title and expect["title_has"] in article.title
    for text in expect["must"]:
        assert text in article.text
    for text in expect["never"]:
        assert text not in article.text
    assert article.title not in article.text  # the headline is metadata, not body


def test_seeds_form_one_story_with_corroborated_facts(seeds_corpus):
    assert not seeds_corpus.rejected
    assert len(seeds_corpus.stories) == 1
    story = seeds_corpus.stories[0]
    assert len(story.article_ids) == 5
    assert story.summary and story.facts and story.exclusives
    assert all(f.independent_sources >= 2 for f in story.facts)
    # The Kremlin's figure for the call's length is reported by more than one outlet.
    assert any("hour and a half" in f.text and f.independent_sources >= 2 for f in story.facts)


def test_repeated_section_is_dropped_once(seeds_corpus):
    article = _article(seeds_corpus, "004")
    assert article.text.count("lengthy and highly productive phone call") == 1
    assert any(r.reason == "repeats an earlier paragraph" for r in article.removed)


def test_disagreeing_figures_are_not_one_fact(seeds_corpus):
    """ "three years ago" (ABC) and "roughly four years ago" (The Hill) must not corroborate each other."""
    story = seeds_corpus.stories[0]
    for fact in story.facts:
        texts = [seeds_corpus.article(c.article_id).text[c.start:c.end] for c in fact.citations]
        assert not (any("four years ago" in t for t in texts) and any("three years ago" in t for t in texts))


def test_example_corpus_is_one_story_and_keeps_the_disputed_count_apart(example_corpus):
    assert not example_corpus.rejected
    assert len(example_corpus.stories) == 1
    for fact in example_corpus.stories[0].facts:
        texts = " ".join(example_corpus.article(c.article_id).text[c.start:c.end] for c in fact.citations)
        assert not ("Fifteen" in texts and "Twelve" in texts)
