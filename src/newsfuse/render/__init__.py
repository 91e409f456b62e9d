"""Renderers: the same brief as JSON, Markdown or one self-contained HTML page."""
from __future__ import annotations

from ..model import Corpus
from .html import render_html
from .json import render_json, to_dict
from .markdown import render_markdown

FORMATS = ("md", "html", "json")


def render(corpus: Corpus, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(corpus)
    if fmt == "html":
        return render_html(corpus)
    if fmt == "json":
        return render_json(corpus)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")


__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown", "to_dict"]
