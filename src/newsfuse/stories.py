"""A table of the stories found in a corpus: what ``newsfuse stories`` prints, as plain data."""
from __future__ import annotations

from typing import Any

from .model import Article, Corpus
from .nlp.features import topic_terms
from .stages.dedupe import origins

__all__ = ["list_stories", "story_title"]


def story_title(articles: list[Article]) -> str:
    """The title that best represents the story: the titled article whose title shares most words with the
    others' titles (ties: earliest).  Without titles, the opening of the first article."""
    titled = [a for a in articles if a.title and _readable(a.title)]
    if not titled:
        first = next((a.span_text(s) for a in articles for s in a.sentences if _readable(a.span_text(s))), "")
        first = " ".join(first.split())
        return first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"
    words = [set(topic_terms(a.title or "")) for a in titled]
    scores = [sum(len(w & other) for other in words) for w in words]
    return titled[max(range(len(titled)), key=lambda i: (scores[i], -i))].title or ""


def _readable(sentence: str) -> bool:
    """A sentence a reader can take as a title: several words, not a web address."""
    return len(topic_terms(sentence)) >= 3 and not sentence.lstrip().lower().startswith(("http", "www"))


def list_stories(corpus: Corpus) -> list[dict[str, Any]]:
    by_id = corpus.by_id()
    rows = []
    for story in corpus.stories:
        articles = [by_id[aid] for aid in story.article_ids]
        keys = origins(articles)
        dates = sorted(a.published for a in articles if a.published)
        rows.append({
            "id": story.id,
            "articles": len(articles),
            "copies": sum(1 for a in articles if a.duplicate_of),
            "origins": len(set(keys.values())),
            "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
            "title": story_title(articles),
            "article_ids": list(story.article_ids),
        })
    return rows
