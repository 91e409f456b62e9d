"""The brief as one self-contained HTML page: no network, readable on a phone, every source text escaped.

Citations link to the cited sentence inside the source's text, which the page highlights (CSS ``:target``);
hovering a citation shows the sentence.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from ..model import Article, Citation, Corpus
from markupsafe import Markup

from .coverage import coverage_svg, timeline_svg
from .view import StoryView, story_views


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("newsfuse", "render/templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def segments(article: Article, cited: set[tuple[int, int]]) -> list[tuple[str, tuple[int, int] | None]]:
    """The article text cut into plain runs and cited spans, in order (spans may not overlap)."""
    pieces: list[tuple[str, tuple[int, int] | None]] = []
    cursor = 0
    for start, end in sorted(cited):
        if start < cursor:
            continue
        if start > cursor:
            pieces.append((article.text[cursor:start], None))
        pieces.append((article.text[start:end], (start, end)))
        cursor = end
    if cursor < len(article.text):
        pieces.append((article.text[cursor:], None))
    return pieces


def _sentence_of(article: Article, start: int) -> tuple[int, int] | None:
    """The sentence holding offset ``start``: citations of claims inside a sentence link to the sentence."""
    starts = [s.start for s in article.sentences]
    k = bisect_right(starts, start) - 1
    if k >= 0 and start < article.sentences[k].end:
        return article.sentences[k].start, article.sentences[k].end
    return None


def _cited_spans(view: StoryView) -> dict[str, set[tuple[int, int]]]:
    spans: dict[str, set[tuple[int, int]]] = {a.id: set() for a in view.articles}
    by_id = {a.id: a for a in view.articles}
    story = view.story
    citations = [c for item in [*story.summary, *story.facts, *story.exclusives] for c in item.citations]
    # every section that cites (the quotes and the timeline too) needs its cited sentence marked as a target
    entries = [*story.contradictions, *story.quotes, *story.timeline]
    citations += [Citation.from_dict(c) for entry in entries for c in entry["citations"]]
    for citation in citations:
        article = by_id[citation.article_id]
        spans[article.id].add(_sentence_of(article, citation.start) or (citation.start, citation.end))
    return spans


def render_html(corpus: Corpus, *, exclusives_per_outlet: int = 5) -> str:
    views = story_views(corpus, exclusives_per_outlet=exclusives_per_outlet)
    by_id = corpus.by_id()
    sources = []
    for index, view in enumerate(views):
        cited = _cited_spans(view)
        sources.append([(view.number[a.id], a, segments(a, cited[a.id])) for a in view.articles])

    def anchor(article_id: str, start: int) -> int:
        found = _sentence_of(by_id[article_id], start)
        return found[0] if found else start

    # the drawings are built by coverage.py, which escapes every piece of source text it puts in them
    coverage = [Markup(coverage_svg(view)) for view in views]
    timelines = [Markup(timeline_svg(view)) for view in views]
    return _environment().get_template("brief.html.j2").render(
        views=views, sources=sources, coverage=coverage, timelines=timelines, rejected=corpus.rejected, by_id=by_id,
        safe_url=safe_url, anchor=anchor,
    )


def safe_url(url: str | None) -> str | None:
    """Only web links become clickable; anything else (``javascript:``, ``data:``) is shown as text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None
