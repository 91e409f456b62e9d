"""Stage 5, synthesize: sentences of a story's articles grouped into facts; exclusives; a cited summary.

A fact is a set of sentences from different articles that say the same thing (lexical similarity
above ``synthesize.fact_threshold``, no two sentences of one article).  Its support is counted in
independent origins: copies of one text, and articles of one outlet, count once.  Summary sentences
are source sentences, quoted as written, so the summary never states what no source says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..config import Config
from ..model import Article, Citation, Corpus, Exclusive, Fact, Span, Story, SummarySentence
from ..nlp.words import STOPWORDS, WORD
from .dedupe import origin_of, origins

__all__ = ["synthesize", "stem"]


@dataclass
class _Sentence:
    article: Article
    span: Span
    index: int      # position among the article's sentences
    total: int      # the article's number of sentences

    @property
    def text(self) -> str:
        return self.article.text[self.span.start:self.span.end]

    @property
    def citation(self) -> Citation:
        return Citation(self.article.id, self.span.start, self.span.end)


def stem(word: str) -> str:
    """A light suffix stripper so that "agreed" / "agrees" / "agreement" meet."""
    word = word.lower().replace("’", "'")
    for suffix in ("'s", "ments", "ment", "ings", "ing", "edly", "ed", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _analyzer(text: str) -> list[str]:
    tokens = [stem(t) for t in WORD.findall(text) if t.lower() not in STOPWORDS]
    numbers = re.findall(r"\d+(?:[.,]\d+)?", text)
    return tokens + [f"#{n}" for n in numbers]


_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "dozen": 12})


def figures(text: str) -> frozenset[str]:
    """The figures a sentence states: digits (thousands separators dropped) and number words, normalised."""
    found = {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    found.update(str(_NUMBER_WORDS[w.lower()]) for w in WORD.findall(text) if w.lower() in _NUMBER_WORDS)
    return frozenset(found)


def synthesize(corpus: Corpus, config: Config) -> Corpus:
    by_id = corpus.by_id()
    for story in corpus.stories:
        articles = [by_id[aid] for aid in story.article_ids]
        _synthesize_story(story, articles, config)
    return corpus


def _synthesize_story(story: Story, articles: list[Article], config: Config) -> None:
    settings = config.synthesize
    sentences = _sentences(articles, settings.min_sentence_words)
    story.headline = _headline(articles)
    if not sentences:
        return
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform([s.text for s in sentences])
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    centrality = (vectors @ (centroid / norm)).ravel() if norm else np.zeros(len(sentences))
    groups = _align(sentences, vectors, settings.fact_threshold, [figures(s.text) for s in sentences])
    origin = origins(articles)
    facts: list[Fact] = []
    exclusives: list[Exclusive] = []
    fact_members: list[list[int]] = []
    for members in groups:
        members.sort(key=lambda i: (sentences[i].article.published or "9999", i))
        independent = len({origin_of(sentences[i].article, sentences[i].citation.span, origin) for i in members})
        best = _medoid(members, vectors, centrality)
        citations = [sentences[i].citation for i in members]
        if independent >= 2:
            facts.append(Fact(
                text=sentences[best].text,
                citations=citations,
                sources=_unique([sentences[i].article.id for i in members]),
                independent_sources=independent,
                centrality=float(max(centrality[i] for i in members)),
                position=float(np.mean([sentences[i].index / max(1, sentences[i].total) for i in members])),
            ))
            fact_members.append(members)
        else:
            exclusives.append(Exclusive(text=sentences[best].text, article_id=sentences[best].article.id,
                                        citations=citations, centrality=float(centrality[best])))
    order = sorted(range(len(facts)), key=lambda k: (-facts[k].independent_sources, -facts[k].centrality))
    story.facts = [facts[k] for k in order]
    story.exclusives = sorted(exclusives, key=lambda e: -e.centrality)
    story.summary = _summary(story, [fact_members[k] for k in order], sentences, vectors, settings.summary_sentences)


def _sentences(articles: list[Article], min_words: int) -> list[_Sentence]:
    out: list[_Sentence] = []
    for article in articles:
        spans = [s for s in article.sentences if len(WORD.findall(article.text[s.start:s.end])) >= min_words]
        out.extend(_Sentence(article, span, i, len(spans)) for i, span in enumerate(spans))
    return out


def _align(sentences: list[_Sentence], vectors, threshold: float, numbers: list[frozenset[str]]) -> list[list[int]]:
    """Greedy average-link grouping: strongest pairs first, never two sentences of one article in a group.

    Sentences that both state figures must state the same ones: "12 injured" and "15 injured" are
    two claims (a disagreement), never one corroborated fact.
    """
    similarity = (vectors @ vectors.T).tocoo()
    pairs = [(float(v), int(i), int(j)) for i, j, v in zip(similarity.row, similarity.col, similarity.data)
             if i < j and v >= threshold and sentences[i].article.id != sentences[j].article.id]
    pairs.sort(reverse=True)
    group_of = list(range(len(sentences)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(sentences))}
    dense_rows = {}

    def row(i: int) -> np.ndarray:
        if i not in dense_rows:
            dense_rows[i] = (vectors[i] @ vectors.T).toarray().ravel()
        return dense_rows[i]

    for _score, i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        left, right = members[a], members[b]
        if {sentences[k].article.id for k in left} & {sentences[k].article.id for k in right}:
            continue
        if any(numbers[k] and numbers[m] and numbers[k] != numbers[m] for k in left for m in right):
            continue
        link = np.mean([row(k)[right] for k in left])
        if link < threshold * 0.8:
            continue
        for k in right:
            group_of[k] = a
        left.extend(right)
        del members[b]
    return list(members.values())


def _medoid(members: list[int], vectors, centrality: np.ndarray) -> int:
    if len(members) == 1:
        return members[0]
    block = (vectors[members] @ vectors[members].T).toarray()
    scores = block.mean(axis=1) + 0.1 * centrality[members]
    return members[int(scores.argmax())]


def _summary(story: Story, fact_members: list[list[int]], sentences: list[_Sentence], vectors,
             length: int) -> list[SummarySentence]:
    """Most corroborated, most central facts first, no two saying the same; then in reading order."""
    chosen: list[tuple[float, str, list[Citation], list[int]]] = []
    picked_rows: list[int] = []

    def redundant(rows: list[int]) -> bool:
        if not picked_rows:
            return False
        sims = (vectors[rows] @ vectors[picked_rows].T).toarray()
        return float(sims.max()) >= 0.5

    for fact, members in zip(story.facts, fact_members):
        if len(chosen) >= length:
            break
        if redundant(members):
            continue
        chosen.append((fact.position, fact.text, fact.citations, members))
        picked_rows.extend(members)
    if len(chosen) < length:  # too few corroborated facts: fill with the lead of the most central article
        rows_by_citation = {(s.article.id, s.span.start): k for k, s in enumerate(sentences)}
        for exclusive in sorted(story.exclusives, key=lambda e: (_lead_rank(e, sentences, rows_by_citation), -e.centrality)):
            if len(chosen) >= length:
                break
            rows = [rows_by_citation[(c.article_id, c.start)] for c in exclusive.citations]
            if redundant(rows):
                continue
            position = sentences[rows[0]].index / max(1, sentences[rows[0]].total)
            chosen.append((position, exclusive.text, exclusive.citations, rows))
            picked_rows.extend(rows)
    chosen.sort(key=lambda item: item[0])
    return [SummarySentence(text, list(citations)) for _pos, text, citations, _rows in chosen]


def _lead_rank(exclusive: Exclusive, sentences: list[_Sentence], rows: dict[tuple[str, int], int]) -> int:
    first = exclusive.citations[0]
    return sentences[rows[(first.article_id, first.start)]].index


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
