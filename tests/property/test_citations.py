"""Invariants on every output: citations point inside their article and at the cited sentence;
renderers never drop a citation; JSON always matches the schema."""
from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings, strategies as st

from newsfuse import Config, render
from newsfuse.pipeline import run_corpus
from newsfuse.render.json import schema, to_dict
from newsfuse.stages.load import load_text
from newsfuse.model import Corpus

SENTENCES = [
    "The regional council approved a new flood barrier for the harbour on Monday evening.",
    "Engineers said the barrier would protect about 3,000 homes from winter storms.",
    "The project will cost 42 million euros and take two years to complete.",
    "Residents had asked for better protection since the floods of 2019.",
    "Council leader Mira Holt said the vote was \"a turning point for the town.\"",
    "Opponents argued that the money should go to roads and schools instead.",
    "Construction is due to start in the spring, weather permitting.",
    "The national government will pay for a third of the cost, officials said.",
]
FURNITURE = ["Home", "Menu", "Share this article", "Facebook Twitter Email", "0:00", "Advertisement",
             "Copyright © 2026 Example Media. All rights reserved.", "Photo: Jane Roe/Reuters", "Loading..."]
VALIDATOR = jsonschema.Draft202012Validator(schema())


def check(corpus: Corpus) -> None:
    articles = corpus.by_id()
    for story in corpus.stories:
        items = [*story.summary, *story.facts, *story.exclusives]
        for item in items:
            assert item.citations
            for citation in item.citations:
                article = articles[citation.article_id]
                assert 0 <= citation.start < citation.end <= len(article.text)
                assert any(citation.start < s.end and s.start < citation.end for s in article.sentences)
        for entry in [*story.quotes, *story.entities, *story.timeline]:
            assert entry["citations"]
            for citation in entry["citations"]:
                article = articles[citation["article_id"]]
                assert 0 <= citation["start"] < citation["end"] <= len(article.text)
                assert citation["article_id"] in story.article_ids
        for entry in story.contradictions:  # both sides, each claim's words and the value inside them
            assert len(entry["sides"]) >= 2 and entry["citations"]
            for side in entry["sides"]:
                assert side["claims"] and side["citations"]
                for claim in side["claims"]:
                    text = articles[claim["article_id"]].text
                    assert claim["article_id"] in story.article_ids
                    assert text[claim["start"]:claim["end"]] == claim["text"]
                    assert claim["start"] <= claim["value_start"] <= claim["value_end"] <= claim["end"]
                for citation in side["citations"]:
                    assert 0 <= citation["start"] < citation["end"] <= len(articles[citation["article_id"]].text)
        for sentence in story.summary:  # a summary sentence is the text of one of its citations
            assert sentence.text in {articles[c.article_id].text[c.start:c.end] for c in sentence.citations}
    for article in corpus.articles:  # every normalised figure and date points at the words it was read from
        for found in [*article.times, *article.quantities]:
            assert article.text[found.span.start:found.span.end] == found.text
    payload = to_dict(corpus)
    VALIDATOR.validate(payload)
    markdown = render(corpus, "md")
    html = render(corpus, "html")
    for story in corpus.stories:
        number = {aid: n for n, aid in enumerate(story.article_ids, 1)}
        for item in [*story.summary, *story.facts]:
            for citation in item.citations:
                assert f"[{number[citation.article_id]}]" in markdown
                # the link goes to the sentence holding the cited words (a claim may be part of one)
                article = articles[citation.article_id]
                holder = next((s.start for s in article.sentences if s.start <= citation.start < s.end),
                              citation.start)
                assert f'-a{number[citation.article_id]}-{holder}"' in html
        for entry in [*story.quotes, *story.timeline]:  # every citation link of the page has its target
            for c in entry["citations"]:
                article = articles[c["article_id"]]
                holder = next((s.start for s in article.sentences if s.start <= c["start"] < s.end), c["start"])
                assert f'id="s{1 + corpus.stories.index(story)}-a{number[c["article_id"]]}-{holder}"' in html


captures = st.lists(
    st.lists(st.one_of(st.sampled_from(SENTENCES), st.sampled_from(FURNITURE),
                       st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=80)),
             min_size=3, max_size=14),
    min_size=1, max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(captures, st.sampled_from(["\n", "\n\n", "\r\n\r\n"]))
def test_generated_captures_keep_every_invariant(pages, separator):
    config = Config.from_dict({"clean": {"min_body_words": 5}})
    corpus = Corpus()
    for number, lines in enumerate(pages):
        loaded = load_text(separator.join(lines), config, source_path=f"page{number}.txt")
        corpus.documents.extend(loaded.documents)
        corpus.rejected.extend(loaded.rejected)
    corpus = run_corpus(corpus, config)
    check(corpus)


def test_seeds_keep_every_invariant(seeds_corpus):
    check(seeds_corpus)


def test_example_keeps_every_invariant(example_corpus):
    check(example_corpus)


def test_hostile_capture_is_escaped_everywhere():
    body = ("The mayor said <script>alert('x')</script> the bridge <b>would</b> reopen on Friday after repairs. "
            "Officials said the [repairs](javascript:alert(1)) cost 2 million euros and took three weeks to finish. ")
    config = Config.from_dict({"clean": {"min_body_words": 5}})
    corpus = Corpus()
    for n in range(2):
        corpus.documents.extend(load_text(body * 2, config, source_path=f"hostile{n}.txt").documents)
    corpus = run_corpus(corpus, config)
    html = render(corpus, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    markdown = render(corpus, "md")
    assert "<script>" not in markdown
    json.loads(render(corpus, "json"))
