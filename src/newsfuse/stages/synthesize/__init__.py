"""Stage 6, synthesize: claims aligned into facts; exclusives; contradictions; a cited summary.

Sentences are split into claims (``claims``), each carrying the figures, dates and people it states; a
sentence about a picture (a caption glued to a paragraph: "In this May 3 photo, ...") states none, nor does a
page's timestamp left at the end of one ("(Published Saturday, Sept. 29, 2018)").
A fact is a set of claims from different articles that say the same thing (similarity above
``synthesize.fact_threshold``, no two claims of one article, and no figure or date of one that the other
contradicts).  Similarity is TF-IDF cosine over stemmed words and figures; with sentence embeddings it
blends in meaning (``synthesize.fact_embedding_weight``), so that outlets who word one fact differently
still corroborate it.  Its support is counted in independent origins: copies of one text, and articles of one
outlet, count once.  A claim only one origin makes is an exclusive, unless another origin makes one alike
to it (the alignment keeps two alike claims apart when one is unlike the rest of the other's fact).  Where
comparable claims state figures, dates or people that cannot all be true, ``conflicts`` reports a
contradiction with both sides' words.  Summary sentences are source sentences, quoted as written, so the
summary never states what no source says.
"""
from __future__ import annotations

import re
from functools import partial

import numpy as np

from ...config import Config
from ...model import Article, Corpus, Exclusive, Fact, Span, Story
from ...nlp.words import STOPWORDS, WORD
from ..clean.lines import about_a_picture, is_timestamp
from ..dedupe import origin_of, origins
from .claims import (RUNNING, Claim, Value, apposed_age, claim_words, comparable, compatible, is_frame, is_label,
                     is_period, only_asks, per_average, per_period, quantity_value, scores, share_enough, split_claims,
                     stem, through, time_value)
from .conflicts import find_contradictions, mark_disputed
from .summary import Alignment, credit_speakers, leans_on_before, summarize

__all__ = ["synthesize", "stem"]

_MIN_LINK = 0.7  # with meaning, groups join when each claim of one is alike to each of the other at this share of the threshold


def _analyzer(text: str) -> list[str]:
    tokens = [stem(t) for t in WORD.findall(text) if t.lower() not in STOPWORDS]
    numbers = re.findall(r"\d+(?:[.,]\d+)?", text)
    return tokens + [f"#{n}" for n in numbers]


def synthesize(corpus: Corpus, config: Config) -> Corpus:
    by_id = corpus.by_id()
    for story in corpus.stories:
        articles = [by_id[aid] for aid in story.article_ids]
        _synthesize_story(story, articles, config)
    return corpus


def _synthesize_story(story: Story, articles: list[Article], config: Config) -> None:
    settings = config.synthesize
    quoted: dict[str, list[Span]] = {}
    for quote in story.quote_objects or ():
        if quote.kind != "paraphrase":
            quoted.setdefault(quote.article.id, []).append(quote.span)
    claims = _claims(articles, settings.min_sentence_words, story.entity_index, quoted)
    story.headline = _headline(articles)
    origin = origins(articles)
    encode = _encoder(settings)
    story.contradictions = find_contradictions(
        claims, articles, origin, context=settings.conflict_context, margin=settings.conflict_margin,
        person_context=settings.person_context if encode is None else settings.person_context_with_embeddings,
        quotes=story.quote_objects or (), quote_entries=story.quotes, encode=encode)
    if not claims:
        return
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform([c.text for c in claims])
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    centrality = (vectors @ (centroid / norm)).ravel() if norm else np.zeros(len(claims))
    claim_embeddings = _claim_embeddings(claims, encode, settings.fact_embed_at_most)
    words = [claim_words(c.text) for c in claims]
    similarity = _claim_similarity(vectors, claim_embeddings, settings.fact_embedding_weight)
    groups = _align(claims, similarity, settings.fact_threshold, words=words)
    claim_origin = [origin_of(c.article, c.span, origin) for c in claims]
    support = [len({claim_origin[i] for i in members}) for members in groups]
    story.alignment = Alignment(claims, vectors, groups, support, list(story.quote_objects or ()), encode=encode,
                                _embeddings=_whole_sentences(claims, claim_embeddings),
                                similarity=_at_least(similarity, settings.fact_threshold),
                                threshold=settings.fact_threshold, shares_words=partial(_shares_words, words))
    facts: list[Fact] = []
    exclusives: list[Exclusive] = []
    for members, independent in zip(groups, support):
        members.sort(key=lambda i: (claims[i].article.published or "9999", i))
        best = _medoid(members, vectors, centrality)
        citations = [claims[i].citation for i in members]
        if independent >= 2:
            facts.append(Fact(
                text=claims[best].text,
                citations=citations,
                sources=_unique([claims[i].article.id for i in members]),
                independent_sources=independent,
                centrality=float(max(centrality[i] for i in members)),
                position=float(np.mean([claims[i].index / max(1, claims[i].total) for i in members])),
            ))
        elif not _echoed(members, story.alignment, claim_origin):
            exclusives.append(Exclusive(text=claims[best].text, article_id=claims[best].article.id,
                                        citations=citations, centrality=float(centrality[best])))
    order = sorted(range(len(facts)), key=lambda k: (-facts[k].independent_sources, -facts[k].centrality))
    story.facts = [facts[k] for k in order]
    story.exclusives = sorted(exclusives, key=lambda e: -e.centrality)
    story.summary = summarize(story, story.alignment, sentences=settings.summary_sentences,
                              words=settings.summary_words,
                              scorer="auto" if settings.summary_scorer.startswith("learned") else None,
                              coverage="auto" if settings.summary_scorer == "learned+words" else None)
    mark_disputed(story.summary, story.contradictions)
    credit_speakers(story.summary, story.quote_objects)
    if story.summary and not any(a.title for a in articles):
        # no capture states a title: the summary's first sentence in reading order (a lead) that does not lean
        # on the one before it ("Then, ..."), not whatever sentence the first file opens with
        story.headline = next((s.text for s in story.summary if not leans_on_before(s.text)), story.summary[0].text)


def _encoder(settings):
    """Sentence embeddings for the context of figures and dates, when configured and installed."""
    from ...nlp import embed
    if settings.embeddings == "off" or settings.embeddings == "auto" and not embed.available():
        return None
    return embed.encode


def _claims(articles: list[Article], min_words: int, index, quoted: dict[str, list[Span]] | None = None) -> list[Claim]:
    """The claims of every sentence long enough to state something, with the values each states.

    A relative date inside a direct quote ("last night") is left out: it counts from when the words were
    spoken, which the publication date does not tell; so is a duration that only frames another figure
    ("in the first four days") or is the period of a rate ("an hour" of "$15 an hour"), and so is a score a
    game only passed through ("led 33-26 at the half").
    """
    quoted = quoted or {}
    out: list[Claim] = []
    for article in articles:
        spans = [s for s in article.sentences if len(WORD.findall(article.text[s.start:s.end])) >= min_words
                 and not about_a_picture(article.text[s.start:s.end]) and not only_asks(article.text[s.start:s.end])
                 and not is_timestamp(article.text[s.start:s.end])]
        figures = [v for v in map(quantity_value, article.quantities) if v is not None]
        numbers = [per_average(article.text, per_period(article.text, v)) for v in figures
                   if not is_frame(article.text, v) and not is_label(article.text, v)
                   and not is_period(article.text, v, figures)]
        paired = [v for s in spans for v in scores(article.text, s)]
        numbers = [v for v in paired if v.bucket != RUNNING] + \
            [v for v in numbers if not any(p.span.start <= v.span.start < p.span.end for p in paired)]
        inside = quoted.get(article.id, [])
        dates = [through(article.text, v) for v in map(time_value, [t for t in article.times if not (
            t.relative and any(q.start <= t.span.start and t.span.end <= q.end for q in inside))]) if v is not None]
        for i, sentence in enumerate(spans):
            for span in split_claims(article, sentence, min_words):
                claim = Claim(article, span, sentence, i, len(spans))
                claim.values = [v for v in numbers + dates if span.start <= v.span.start and v.span.end <= span.end]
                if index is not None:
                    for start, end, entity in index.mentions_in(article.id, span.start, span.end):
                        if entity.type == "person":
                            claim.values.append(Value("person", "person", None, Span(start, end),
                                                      article.text[start:end], 0.0, 0.0, entity.name, entity=entity))
                    ages = [apposed_age(article.text, v) for v in claim.values if v.kind == "person"]
                    claim.values.extend(a for a in ages if a is not None and a.span.end <= span.end)
                out.append(claim)
    return out


def _claim_embeddings(claims: list[Claim], encode, at_most: int):
    """Unit embeddings of the claims' words, or None without an encoder, for a story of over ``at_most``
    claims, or for one of a single article (facts are only ever aligned across articles)."""
    if encode is None or not claims or len(claims) > at_most or len({c.article.id for c in claims}) < 2:
        return None
    return np.asarray(encode([c.text.replace("\n", " ") for c in claims]))


def _whole_sentences(claims: list[Claim], embeddings) -> dict | None:
    """The embeddings of claims that are a whole sentence, keyed as the summary caches its sentences'."""
    if embeddings is None:
        return None
    return {(c.article.id, c.sentence.start): embeddings[k] for k, c in enumerate(claims) if c.span == c.sentence}


def _disagree(a: Claim, b: Claim) -> bool:
    """Whether one claim states a figure or date that none of the other's comparable values allows."""
    for first, second in ((a, b), (b, a)):
        for value in first.values:
            if value.kind == "person":
                continue
            others = [v for v in second.values if comparable(value, v)]
            if others and not any(compatible(value, v) for v in others):
                return True
    return False


def _claim_similarity(vectors, embeddings=None, weight: float = 0.0):
    """Claim × claim similarity: the TF-IDF cosine of ``vectors`` (sparse), or with ``embeddings`` (unit rows,
    one per claim) ``weight`` × their embedding cosine + (1 − ``weight``) × the TF-IDF cosine (dense)."""
    lexical = (vectors @ vectors.T).tocsr()
    if embeddings is None:
        return lexical
    return (1 - weight) * lexical.toarray() + weight * (embeddings @ embeddings.T)


def _at_least(similarity, threshold: float):
    """The claim pairs of ``similarity`` at or above ``threshold``, sparse: all the summary's citations ask of
    it, and a story's dense n × n is not kept."""
    from scipy import sparse
    if isinstance(similarity, np.ndarray):
        return sparse.csr_matrix(np.where(similarity >= threshold, similarity, 0.0))
    kept = similarity.copy()
    kept.data[kept.data < threshold] = 0.0
    kept.eliminate_zeros()
    return kept


def _align(claims: list[Claim], similarity, threshold: float, words: list[set[str]] | None = None
           ) -> list[list[int]]:
    """Greedy grouping: strongest pairs first, never two claims of one article in a group.

    ``similarity`` is :func:`_claim_similarity`'s: by words alone (sparse) or with meaning (dense).  Claims
    that state comparable figures or dates must agree on them: "12 injured" and "15 injured" are two claims
    (a disagreement), never one corroborated fact.  They must also share words beyond their figures: by words alone, four of
    them, or most of the shorter claim's and at least two ("three Syrians, including a woman" and "they
    included three women" share a figure and two words, and are not one fact); with meaning, two.  Two
    groups join when their claims are alike on average (words alone), or every one alike to every other
    (with meaning, which would otherwise chain a story's claims into one through near neighbours).
    ``words``: each claim's :func:`claim_words`, when the caller has them.
    """
    meaning = isinstance(similarity, np.ndarray)
    if meaning:
        rows, cols = np.nonzero(np.triu(similarity >= threshold, 1))
        candidates = zip(rows.tolist(), cols.tolist(), similarity[rows, cols].tolist())
    else:
        coo = similarity.tocoo()
        candidates = ((int(i), int(j), float(v)) for i, j, v in zip(coo.row, coo.col, coo.data)
                      if i < j and v >= threshold)
    if words is None:
        words = [claim_words(c.text) for c in claims]

    def words_meet(i: int, j: int) -> bool:
        return len(words[i] & words[j]) >= 2 if meaning else _shares_words(words, i, j)

    pairs = [(v, i, j) for i, j, v in candidates
             if claims[i].article.id != claims[j].article.id and words_meet(i, j)]
    pairs.sort(reverse=True)
    group_of = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}

    dense_rows: dict[int, np.ndarray] = {}

    def row(i: int) -> np.ndarray:
        if i not in dense_rows:
            dense_rows[i] = similarity[i].toarray().ravel()
        return dense_rows[i]

    def linked(left: list[int], right: list[int]) -> bool:
        if meaning:
            return float(similarity[np.ix_(left, right)].min()) >= threshold * _MIN_LINK
        return float(np.mean([row(k)[right] for k in left])) >= threshold * 0.8

    for _score, i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        left, right = members[a], members[b]
        if {claims[k].article.id for k in left} & {claims[k].article.id for k in right}:
            continue
        if any(_disagree(claims[k], claims[m]) for k in left for m in right):
            continue
        if not linked(left, right):
            continue
        for k in right:
            group_of[k] = a
        left.extend(right)
        del members[b]
    return list(members.values())


def _echoed(members: list[int], alignment: Alignment, claim_origin: list) -> bool:
    """Whether a claim of ``members`` (one origin's) supports another origin's claim as a citation would
    (:meth:`Alignment.resembles`): the complete-link alignment kept them apart (the other claim's fact
    holds a claim this one is not alike to), but "only this outlet reported it" would not be true."""
    return any(claim_origin[j] != claim_origin[i] and alignment.resembles([i], j)
               for i in members for j in alignment.similarity.getrow(i).indices.tolist())


def _shares_words(words: list[set[str]], i: int, j: int) -> bool:
    """Whether claims i and j share four of their ``words`` (beyond figures), or most of the shorter claim's
    and two: enough for one to be cited for the other, whatever joined them into one fact."""
    return share_enough(words[i], words[j])


def _medoid(members: list[int], vectors, centrality: np.ndarray) -> int:
    if len(members) == 1:
        return members[0]
    block = (vectors[members] @ vectors[members].T).toarray()
    scores = block.mean(axis=1) + 0.1 * centrality[members]
    return members[int(scores.argmax())]


def _headline(articles: list[Article]) -> str:
    titled = [a for a in articles if a.title and not a.duplicate_of] or [a for a in articles if a.title]
    if not titled:
        first = articles[0]
        return first.span_text(first.sentences[0]) if first.sentences else ""
    if len(titled) <= 2:
        return titled[0].title or ""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(analyzer=_analyzer).fit_transform([a.title or "" for a in titled])
    scores = np.asarray((matrix @ matrix.T).sum(axis=1)).ravel()
    return titled[int(scores.argmax())].title or ""


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
