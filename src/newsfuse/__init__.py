"""newsfuse: fuse raw news captures about the same events into one cited brief."""
from __future__ import annotations

__version__ = "0.1.0"

from .config import Config  # noqa: E402
from .errors import Code, NewsfuseError  # noqa: E402
from .model import Article, Citation, Corpus, Fact, Span, Story  # noqa: E402
from .pipeline import run  # noqa: E402
from .render import render  # noqa: E402

__all__ = ["Article", "Citation", "Code", "Config", "Corpus", "Fact", "NewsfuseError", "Span", "Story",
           "render", "run", "__version__"]
