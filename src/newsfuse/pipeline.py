"""The pipeline: load -> clean -> dedupe -> group -> extract -> synthesize, then a renderer.

Each stage is a plain function ``(corpus, config) -> corpus`` that declares what it needs and what it
adds; :func:`build` checks the order once, before any document is read.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from .config import Config
from .errors import Code, NewsfuseError
from .model import Corpus
from .stages.clean import clean
from .stages.dedupe import dedupe
from .stages.extract import extract
from .stages.group import group
from .stages.load import load
from .stages.synthesize import synthesize

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Corpus, Config], Corpus]
    needs: frozenset[str]
    adds: frozenset[str]


STAGES = (
    Stage("clean", clean, frozenset({"documents"}), frozenset({"articles"})),
    Stage("dedupe", dedupe, frozenset({"articles"}), frozenset({"duplicates"})),
    Stage("group", group, frozenset({"articles", "duplicates"}), frozenset({"stories"})),
    Stage("extract", extract, frozenset({"stories"}), frozenset({"entities", "quotes", "timeline"})),
    Stage("synthesize", synthesize, frozenset({"stories"}), frozenset({"facts", "summary"})),
)


def build(stages: Iterable[Stage] = STAGES) -> list[Stage]:
    """Check that every stage's needs are met by the stages before it."""
    have = {"documents"}
    ordered = list(stages)
    for stage in ordered:
        missing = stage.needs - have
        if missing:
            raise NewsfuseError(Code.E901, detail=f"stage {stage.name!r} needs {sorted(missing)} from an earlier stage")
        have |= stage.adds
    return ordered


def run(paths: Iterable[str], config: Config | None = None, *, stdin: BinaryIO | None = None,
        progress: Progress | None = None) -> Corpus:
    """Run the whole pipeline on the inputs under ``paths`` and return the annotated corpus."""
    config = config or Config.default()
    stages = build()
    corpus = load(paths, config, stdin=stdin)
    return run_corpus(corpus, config, stages=stages, progress=progress)


def run_corpus(corpus: Corpus, config: Config, *, stages: list[Stage] | None = None,
               progress: Progress | None = None) -> Corpus:
    stages = stages or build()
    for number, stage in enumerate(stages, 1):
        if progress:
            progress(stage.name, number, len(stages))
        corpus = stage.run(corpus, config)
    return corpus
