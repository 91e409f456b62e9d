"""The nouns of newsfuse.

Every article keeps its cleaned text; every annotation is a :class:`Span` into
that text (character offsets, end exclusive).  Citations are spans qualified by
the article they point into, so they can be checked against the text at any time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` of an article's ``text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"span must satisfy 0 <= start <= end, got ({self.start}, {self.end})")

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Citation:
    """A span of one article's text: the exact source of a statement."""

    article_id: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Citation":
        """The citation of a JSON-ready entry (quotes, timeline, entities and contradictions keep dicts)."""
        return cls(data["article_id"], data["start"], data["end"])


@dataclass
class Removed:
    """A line the cleaner took out of the capture, and why (for auditing)."""

    text: str
    reason: str
    line: int | None = None  # 1-based line number in the decoded input

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "line": self.line}


@dataclass(frozen=True)
class Reuse:
    """A paragraph of this article that repeats (near-verbatim) a paragraph of an earlier article."""

    start: int
    end: int
    article_id: str  # the article it was first seen in
    source_start: int
    source_end: int
    similarity: float  # estimated Jaccard of their word shingles

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "article_id": self.article_id,
                "source_start": self.source_start, "source_end": self.source_end, "similarity": self.similarity}


@dataclass
class Document:
    """One decoded input record, before cleaning."""

    source_path: str
    raw_text: str
    format: str  # "text" | "markdown" | "html" | "json"
    encoding: str = "utf-8"
    record: int | None = None  # index of the record inside a multi-record file
    meta: dict[str, Any] = field(default_factory=dict)  # metadata the loader already knows

    @property
    def label(self) -> str:
        return self.source_path if self.record is None else f"{self.source_path}#{self.record}"


@dataclass
class Article:
    """A cleaned article: body text plus metadata, with annotations as spans."""

    id: str
    source_path: str
    format: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    url: str | None = None
    dateline: str | None = None
    encoding: str = "utf-8"
    removed: list[Removed] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    duplicate_of: str | None = None
    reused: list[Reuse] = field(default_factory=list)
    times: list[Any] = field(default_factory=list)       # nlp.temporal.TimeExpression, in text order
    quantities: list[Any] = field(default_factory=list)  # nlp.quantities.Quantity, in text order

    @property
    def arrival_key(self) -> tuple[int, str]:
        """Sort key for time order: dated articles by publication time, then undated ones (stable)."""
        return (0, self.published) if self.published else (1, "")

    @property
    def display_outlet(self) -> str:
        """The outlet name, or the file name when the capture does not say."""
        if self.outlet:
            return self.outlet
        name = self.source_path.replace("\\", "/").rsplit("/", 1)[-1]
        return name or self.id

    def span_text(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_path": self.source_path,
            "format": self.format,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "updated": self.updated,
            "authors": list(self.authors),
            "contributors": list(self.contributors),
            "url": self.url,
            "dateline": self.dateline,
            "encoding": self.encoding,
            "duplicate_of": self.duplicate_of,
            "reused": [r.to_dict() for r in self.reused],
            "text": self.text,
            "headings": [[s.start, s.end] for s in self.headings],
            "dates": [t.to_dict() for t in self.times],
            "quantities": [q.to_dict() for q in self.quantities],
            "removed": [r.to_dict() for r in self.removed],
        }


@dataclass
class Rejection:
    """An input (or one record of it) that could not be used, and why."""

    source_path: str
    stage: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source_path": self.source_path, "stage": self.stage, "code": self.code, "reason": self.reason}


@dataclass
class Fact:
    """Sentences from different articles that say the same thing."""

    text: str
    citations: list[Citation]
    sources: list[str]  # article ids, in citation order
    independent_sources: int
    centrality: float = 0.0
    position: float = 0.0  # mean relative position in the source articles (0 = lead)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sources": list(self.sources),
            "independent_sources": self.independent_sources,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass
class Exclusive:
    """A statement that only one origin reports."""

    text: str
    article_id: str
    citations: list[Citation]
    centrality: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "article_id": self.article_id, "citations": [c.to_dict() for c in self.citations]}


@dataclass
class SummarySentence:
    text: str
    citations: list[Citation]
    generated: bool = False  # written by a language model (checked against its citations), not quoted
    disputed: list[str] = field(default_factory=list)  # ids of the story's contradictions its sources are part of
    speaker: str | None = None  # who speaks the quotation the sentence holds, when the sentence does not name them

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "citations": [c.to_dict() for c in self.citations]}
        if self.generated:
            out["generated"] = True
        if self.disputed:
            out["disputed"] = list(self.disputed)
        if self.speaker:
            out["speaker"] = self.speaker
        return out


@dataclass
class Story:
    """Articles about one event, and what newsfuse made of them."""

    id: str
    article_ids: list[str]
    headline: str = ""
    summary: list[SummarySentence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    exclusives: list[Exclusive] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    rewrite: dict[str, Any] | None = None  # the language model's rewrite: endpoint, model, kept, dropped sentences
    # working state handed from extract to synthesize; not part of the output
    entity_index: Any = field(default=None, repr=False, compare=False)
    quote_objects: list[Any] = field(default_factory=list, repr=False, compare=False)
    alignment: Any = field(default=None, repr=False, compare=False)  # synthesize.summary.Alignment

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "article_ids": list(self.article_ids),
            "summary": [s.to_dict() for s in self.summary],
            "facts": [f.to_dict() for f in self.facts],
            "exclusives": [e.to_dict() for e in self.exclusives],
            "contradictions": list(self.contradictions),
            "quotes": list(self.quotes),
            "entities": list(self.entities),
            "timeline": list(self.timeline),
            **({"rewrite": self.rewrite} if self.rewrite is not None else {}),
        }


@dataclass
class Corpus:
    """What flows through the pipeline: each stage takes it and returns it annotated."""

    documents: list[Document] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}
