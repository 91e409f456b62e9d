"""Renderers: the same brief as JSON, Markdown or one self-contained HTML page."""
from __future__ import annotations

from ..model import Corpus
from .html import render_html
from .json import render_json, to_dict
from .markdown import render_markdown

FORMATS = ("md", "html", "json")


def split(corpus: Corpus) -> list[Corpus]:
    """One corpus per story, holding that story and its articles (for one brief per story)."""
    by_id = corpus.by_id()
    return [Corpus(articles=[by_id[aid] for aid in story.article_ids], stories=[story]) for story in corpus.stories]


def render(corpus: Corpus, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(corpus)
    if fmt == "html":
        return render_html(corpus)
    if fmt == "json":
        return render_json(corpus)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")


__all__ = ["FORMATS", "render", "split", "render_html", "render_json", "render_markdown", "to_dict"]
