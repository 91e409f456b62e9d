"""One validated configuration, with defaults shipped in the package."""
from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, fields, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Code, NewsfuseError


@dataclass(frozen=True)
class LoadConfig:
    max_bytes: int
    encoding: str
    text_fields: tuple[str, ...]

    def __post_init__(self) -> None:
        _require(self.max_bytes > 0, "load.max_bytes must be a positive number of bytes")
        if self.encoding != "auto":
            import codecs
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                _require(False, f"load.encoding {self.encoding!r} is not a known codec")
        _require(len(self.text_fields) > 0, "load.text_fields must name at least one field")


@dataclass(frozen=True)
class CleanConfig:
    min_body_words: int
    near_duplicate_overlap: float
    near_duplicate_min_words: int

    def __post_init__(self) -> None:
        _require(self.min_body_words >= 0, "clean.min_body_words must be >= 0")
        _unit("clean.near_duplicate_overlap", self.near_duplicate_overlap)
        _require(self.near_duplicate_min_words >= 1, "clean.near_duplicate_min_words must be >= 1")


@dataclass(frozen=True)
class DedupeConfig:
    shingle_words: int
    threshold: float
    num_perm: int
    window_days: float
    paragraph_min_words: int
    processes: int

    def __post_init__(self) -> None:
        _require(1 <= self.shingle_words <= 20, "dedupe.shingle_words must be in [1, 20]")
        _require(isinstance(self.threshold, (int, float)) and 0.0 < self.threshold <= 1.0,
                 f"dedupe.threshold must be in (0, 1], got {self.threshold!r}")
        _require(16 <= self.num_perm <= 1024, "dedupe.num_perm must be in [16, 1024]")
        _require(self.window_days >= 0, "dedupe.window_days must be >= 0 (0 remembers everything)")
        _require(self.paragraph_min_words >= 0, "dedupe.paragraph_min_words must be >= 0 (0 turns it off)")
        _require(isinstance(self.processes, int) and 0 <= self.processes <= 64,
                 "dedupe.processes must be an integer in [0, 64] (0 = one per core)")


@dataclass(frozen=True)
class GroupConfig:
    threshold: float
    threshold_with_embeddings: float
    topic_weight: float
    name_weight: float
    embedding_weight: float
    embeddings: str
    title_weight: int
    window_days: float
    batch_size: int
    neighbours: int
    density_weight: float
    min_density: float
    recluster: int
    processes: int

    def __post_init__(self) -> None:
        _unit("group.threshold", self.threshold)
        _unit("group.threshold_with_embeddings", self.threshold_with_embeddings)
        for name in ("topic_weight", "name_weight", "embedding_weight"):
            _unit(f"group.{name}", getattr(self, name))
        _require(self.topic_weight + self.name_weight > 0, "group.topic_weight and group.name_weight cannot both be 0")
        _require(self.embeddings in ("auto", "on", "off"), "group.embeddings must be \"auto\", \"on\" or \"off\"")
        _require(self.title_weight >= 0, "group.title_weight must be >= 0")
        _require(self.window_days >= 0, "group.window_days must be >= 0 (0 keeps every story open)")
        _require(self.batch_size >= 1, "group.batch_size must be >= 1")
        _require(isinstance(self.neighbours, int) and self.neighbours >= 1, "group.neighbours must be an integer >= 1")
        _unit("group.density_weight", self.density_weight)
        _unit("group.min_density", self.min_density)
        _require(isinstance(self.recluster, int) and self.recluster >= 0, "group.recluster must be an integer >= 0")
        _require(isinstance(self.processes, int) and 0 <= self.processes <= 64,
                 "group.processes must be an integer in [0, 64] (0 = one per core)")


@dataclass(frozen=True)
class ExtractConfig:
    ner: str
    processes: int
    timeline_overlap: float

    def __post_init__(self) -> None:
        _require(self.ner in ("auto", "on", "off"), "extract.ner must be \"auto\", \"on\" or \"off\"")
        _require(0 <= self.processes <= 64, "extract.processes must be in [0, 64] (0 = automatic)")
        _unit("extract.timeline_overlap", self.timeline_overlap)


@dataclass(frozen=True)
class SynthesizeConfig:
    fact_threshold: float
    fact_embedding_weight: float
    fact_embed_at_most: int
    summary_sentences: int
    summary_words: int
    summary_scorer: str
    min_sentence_words: int
    exclusives_per_outlet: int
    conflict_context: float
    conflict_margin: float
    person_context: float
    person_context_with_embeddings: float
    embeddings: str

    def __post_init__(self) -> None:
        _unit("synthesize.fact_threshold", self.fact_threshold)
        _unit("synthesize.fact_embedding_weight", self.fact_embedding_weight)
        _require(self.fact_embed_at_most >= 0, "synthesize.fact_embed_at_most must be >= 0 (0 = never embed claims)")
        _unit("synthesize.conflict_context", self.conflict_context)
        _unit("synthesize.conflict_margin", self.conflict_margin)
        _unit("synthesize.person_context", self.person_context)
        _unit("synthesize.person_context_with_embeddings", self.person_context_with_embeddings)
        _require(self.embeddings in ("auto", "on", "off"), "synthesize.embeddings must be \"auto\", \"on\" or \"off\"")
        _require(self.summary_sentences >= 1, "synthesize.summary_sentences must be >= 1")
        _require(self.summary_words >= 0, "synthesize.summary_words must be >= 0 (0 = count sentences)")
        _require(self.summary_scorer in ("learned", "learned+words", "rules"),
                 "synthesize.summary_scorer must be \"learned\", \"learned+words\" or \"rules\"")
        _require(self.min_sentence_words >= 1, "synthesize.min_sentence_words must be >= 1")
        _require(self.exclusives_per_outlet >= 0, "synthesize.exclusives_per_outlet must be >= 0")


@dataclass(frozen=True)
class Config:
    load: LoadConfig
    clean: CleanConfig
    dedupe: DedupeConfig
    group: GroupConfig
    extract: ExtractConfig
    synthesize: SynthesizeConfig

    @classmethod
    def default(cls) -> "Config":
        return cls.from_dict({})

    @classmethod
    def from_dict(cls, overrides: dict[str, Any]) -> "Config":
        """Defaults updated with ``overrides`` (nested ``{section: {key: value}}``), validated."""
        data = _defaults()
        for section, values in overrides.items():
            if section not in data:
                raise NewsfuseError(Code.E901, detail=f"unknown section {section!r}; known: {', '.join(data)}")
            if not isinstance(values, dict):
                raise NewsfuseError(Code.E901, detail=f"section {section!r} must be a table of settings")
            for key, value in values.items():
                if key not in data[section]:
                    known = ", ".join(data[section])
                    raise NewsfuseError(Code.E901, detail=f"unknown setting {section}.{key}; known: {known}")
                data[section][key] = value
        return _build(cls, data)

    @classmethod
    def from_file(cls, path: str | Path, overrides: dict[str, Any] | None = None) -> "Config":
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NewsfuseError(Code.E901, detail=f"cannot read config file {path}: {exc}") from exc
        for section, values in (overrides or {}).items():
            data.setdefault(section, {}).update(values)
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: {g.name: getattr(getattr(self, f.name), g.name) for g in fields(getattr(self, f.name))}
                for f in fields(self)}


def parse_override(assignment: str) -> dict[str, Any]:
    """Turn ``"section.key=value"`` into ``{section: {key: value}}`` (value parsed as TOML, else a string)."""
    if "=" not in assignment or "." not in assignment.split("=", 1)[0]:
        raise NewsfuseError(Code.E901, detail=f"--set takes section.key=value, got {assignment!r}")
    dotted, raw = assignment.split("=", 1)
    section, key = dotted.strip().split(".", 1)
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return {section: {key: value}}


def merge_overrides(assignments: list[str]) -> dict[str, Any]:
    merged: dict[str, dict[str, Any]] = {}
    for assignment in assignments:
        for section, values in parse_override(assignment).items():
            merged.setdefault(section, {}).update(values)
    return merged


_DEFAULTS: dict[str, Any] | None = None


def _defaults() -> dict[str, Any]:
    global _DEFAULTS
    if _DEFAULTS is None:
        text = resources.files("newsfuse").joinpath("defaults.toml").read_text(encoding="utf-8")
        _DEFAULTS = tomllib.loads(text)
    return copy.deepcopy(_DEFAULTS)


def _build(cls: type, data: dict[str, Any]) -> Any:
    kwargs = {}
    for f in fields(cls):
        value = data[f.name]
        sub = globals().get(f.type) if isinstance(f.type, str) else f.type
        if sub is not None and is_dataclass(sub):
            kwargs[f.name] = _build(sub, value)
        else:
            kwargs[f.name] = tuple(value) if isinstance(value, list) else value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise NewsfuseError(Code.E901, detail=str(exc)) from exc


def _require(condition: bool, rule: str) -> None:
    if not condition:
        raise NewsfuseError(Code.E901, detail=rule)


def _unit(name: str, value: float) -> None:
    _require(isinstance(value, (int, float)) and 0.0 <= value <= 1.0, f"{name} must be in [0, 1], got {value!r}")
