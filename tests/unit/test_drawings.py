"""The coverage matrix and timeline drawings: well-formed SVG, one dot per outlet that carries a fact,
source text escaped."""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from newsfuse.render.coverage import coverage_svg, timeline_svg
from newsfuse.render.view import story_views

SVG = "{http://www.w3.org/2000/svg}"


def test_coverage_dots_match_the_facts_outlets(example_corpus):
    view = story_views(example_corpus)[0]
    root = ET.fromstring(coverage_svg(view))
    dots = root.findall(f"{SVG}circle")
    expected = sum(len(set(view.outlet_names(f.sources))) for f in view.story.facts[:20])
    assert len(dots) == expected > 0
    labels = [t.text for t in root.findall(f"{SVG}text")]
    for outlet in view.outlets:
        assert any(label and label.startswith(outlet[:10]) for label in labels)


def test_drawings_escape_source_text(example_corpus):
    corpus = copy.deepcopy(example_corpus)
    hostile = "<script>alert(1)</script> & \"quoted\""
    corpus.articles[0].outlet = hostile
    story = corpus.stories[0]
    story.facts[0].text = hostile
    story.timeline.append({"date": "2026-03-03", "text": hostile, "citations": [], "sources": []})
    view = story_views(corpus)[0]
    for svg in (coverage_svg(view), timeline_svg(view)):
        assert "<script>" not in svg
        root = ET.fromstring(svg)  # still well-formed
        texts = " ".join("".join(e.itertext()) for e in root.iter())
        assert "<script>alert(1)</script>" in texts


def test_timeline_without_dates(example_corpus):
    corpus = copy.deepcopy(example_corpus)
    corpus.stories[0].timeline = []
    for article in corpus.articles:
        article.published = None
    root = ET.fromstring(timeline_svg(story_views(corpus)[0]))
    assert "No dated events" in "".join(root.itertext())
