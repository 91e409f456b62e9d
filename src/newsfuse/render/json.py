"""The JSON contract (see ``brief.schema.json`` beside this file)."""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .. import __version__
from ..model import Corpus


def to_dict(corpus: Corpus) -> dict[str, Any]:
    return {
        "newsfuse_version": __version__,
        "articles": [a.to_dict() for a in corpus.articles],
        "stories": [s.to_dict() for s in corpus.stories],
        "rejected": [r.to_dict() for r in corpus.rejected],
    }


def render_json(corpus: Corpus) -> str:
    return json.dumps(to_dict(corpus), ensure_ascii=False, indent=2) + "\n"


def schema() -> dict[str, Any]:
    return json.loads(resources.files("newsfuse.render").joinpath("brief.schema.json").read_text(encoding="utf-8"))
