"""The dated events of a story, in order, each with every article that reports it.

An event is a sentence that carries a resolved date expression.  Relative expressions inside direct
quotes are left out: "yesterday" in a speaker's words counts from when they spoke, not from when the
article was published; nor does a date that bounds a period ("the pre-2014 borders") date anything.
Sentences of different articles with the same date and enough words in common are one event.  A sentence
holding a web address or an embedded post's byline, or a photo's caption, is page furniture, not an event.
"""
from __future__ import annotations

import re

from ...model import Article, Citation, Span
from ...nlp.temporal import TimeExpression
from ...nlp.words import content_words
from ..clean.lines import about_a_picture, is_timestamp

__all__ = ["build_timeline"]

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}
# A date made a boundary of a period ("pre-2014 borders", "post-1945 order")
_BOUNDARY = re.compile(r"(?:pre|post)-", re.I)
# An embedded post's byline ("— Jo Pike (@jopike) May 2, 2019") or a web address: page furniture, not an event.
_EMBED = re.compile(r"https?://|\bpic\.twitter\.com/|\(@\w{1,30}\)")


def build_timeline(articles: list[Article], quoted: dict[str, list[Span]], *, similarity: float) -> list[dict]:
    candidates: list[tuple[TimeExpression, Article, Span, frozenset[str]]] = []
    for article in articles:
        inside = quoted.get(article.id, [])
        for expression in article.times:
            if not expression.value:
                continue
            if expression.relative and any(s.start <= expression.span.start < s.end for s in inside):
                continue
            if _BOUNDARY.match(expression.text):
                continue  # "its pre-2014 borders": a state of things, not something that happened then
            sentence = next((s for s in article.sentences if s.start <= expression.span.start < s.end), None)
            if sentence is None or _EMBED.search(article.text, sentence.start, sentence.end) \
                    or about_a_picture(article.text[sentence.start:sentence.end]) \
                    or is_timestamp(article.text[sentence.start:sentence.end]):
                continue  # furniture: a post's byline, a web address, a photo's caption (its date is the photo's),
                          # the page's own timestamp
            words = frozenset(w for w in content_words(article.text[sentence.start:sentence.end])
                              if w.lower() not in expression.text.lower())
            candidates.append((expression, article, sentence, words))
    events: list[tuple[tuple, dict]] = []
    members: list[list[tuple[TimeExpression, Article, Span, frozenset[str]]]] = []
    by_value: dict[str, list[int]] = {}
    for candidate in candidates:
        expression, article, sentence, words = candidate
        placed = False
        for k in by_value.get(expression.value, []):
            group = members[k]
            if any(a.id == article.id and s == sentence for _e, a, s, _w in group):
                placed = True
                break
            pooled = frozenset().union(*(w for *_rest, w in group))
            if words and pooled and len(words & pooled) / min(len(words), len(pooled)) >= similarity \
                    and article.id not in {a.id for _e, a, _s, _w in group}:
                group.append(candidate)
                placed = True
                break
        if not placed:
            by_value.setdefault(expression.value, []).append(len(members))
            members.append([candidate])
    for group in members:
        group.sort(key=lambda c: (c[1].published or "9999", c[1].id))
        first_expression, first_article, first_sentence, _ = group[0]
        key = (first_expression.sort_key, _PRECISION_RANK.get(first_expression.precision, 9), -len(group))
        events.append((key, {
            "date": first_expression.value,
            "precision": first_expression.precision,
            "relative": all(e.relative for e, *_ in group),
            "text": first_article.text[first_sentence.start:first_sentence.end],
            "expressions": list(dict.fromkeys(e.text for e, *_ in group)),
            "sources": list(dict.fromkeys(a.id for _e, a, _s, _w in group)),
            "citations": [Citation(a.id, s.start, s.end).to_dict() for _e, a, s, _w in group],
        }))
    events.sort(key=lambda item: item[0])
    return [event for _key, event in events]
