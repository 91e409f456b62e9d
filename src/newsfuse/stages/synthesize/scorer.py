"""A learned worth for each summary candidate: how much of a human summary a source sentence tends to carry.

Every candidate sentence is described by the signals the rule-based score combines by hand (centrality,
support, position, length, readability) and by what the other outlets make of it: its similarity to the
other articles as a whole and to their leads, and how many other articles use its words and word pairs.
A ridge regression over these features and their pairwise products predicts the sentence's ROUGE-1 plus
ROUGE-2 precision against the human summary of its story, in standard deviations from the story's mean
(only a story's own sentences are compared).

A second model works on words: from how many articles use a word, how early, in how good sentences and
so on, a Poisson regression (same pairwise products) predicts how often the word appears in the human
summary (counted up to 3).  With it (``synthesize.summary_scorer = "learned+words"``), the summary also
prefers sentences that add words still owed (see ``summary.summarize``), which a per-sentence score cannot
see.

The coefficients are fit by ``bench/train_summary.py`` on the tune part of the Multi-News dev sample and
stored in ``data/summary_scorer.json``: one pair of models for use with sentence embeddings, one without.
The held-out part is never used to fit them.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ...nlp.words import STOPWORDS, content_words
from .claims import stem

__all__ = ["FEATURES", "WORD_FEATURES", "Scorer", "WordModel", "features", "word_features", "tokens", "load",
           "load_words", "expand"]

# the names of the columns :func:`features` returns, in order; "embedding_centrality" only with embeddings
FEATURES = ("centrality", "embedding_centrality", "lead_weight", "log_support", "log_words", "fit_length",
            "shared_words", "dangling", "quoted", "title_words", "relative_position", "others_similarity",
            "others_lead_max", "others_lead_mean", "others_word_pairs", "others_words", "article_centrality",
            "article_length", "article_sentences", "capitalised", "has_digit", "articles", "index",
            "log_index", "uncredited_quote")
# the names of the columns :func:`word_features` returns, in order
WORD_FEATURES = ("articles_share", "lead_share", "first_position", "log_count", "capitalised", "stopword",
                 "length", "digits", "log_articles", "in_title", "best_sentence", "mean_sentence",
                 "first_sentence_share", "sentence_share", "quoted_share")
WORD_COUNT_CAP = 3  # a word's summary count is predicted up to this many
_LEADS = 3  # sentences of each article taken as its lead
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
_DOUBLE_QUOTE = re.compile(r'["\u201c\u201d]')  # straight or curly: between an odd one and the next is quoted
_BLOCK = 2048  # candidate rows compared with the leads at a time


@dataclass(frozen=True)
class Scorer:
    """A ridge model over standardised features and their pairwise products (folded into one linear map)."""

    columns: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    names = FEATURES  # the columns a model may use

    def predict(self, table: np.ndarray) -> np.ndarray:
        picked = table[:, [self.names.index(c) for c in self.columns]]
        return expand((picked - self.mean) / self.scale) @ self.coef + self.intercept

    def to_dict(self) -> dict:
        return {"columns": list(self.columns), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept}

    @classmethod
    def from_dict(cls, data: dict) -> "Scorer":
        columns = tuple(data["columns"])
        unknown = set(columns) - set(cls.names)
        if unknown:
            raise ValueError(f"summary scorer uses unknown features: {sorted(unknown)}")
        scorer = cls(columns, np.asarray(data["mean"], dtype=float), np.asarray(data["scale"], dtype=float),
                     np.asarray(data["coef"], dtype=float), float(data["intercept"]))
        width = len(columns)
        if scorer.mean.shape != (width,) or scorer.scale.shape != (width,) or \
                scorer.coef.shape != (width + width * (width + 1) // 2,):
            raise ValueError("summary scorer: coefficient shapes do not match its columns")
        return scorer


@dataclass(frozen=True)
class WordModel(Scorer):
    """A Poisson model of how often each word appears in the human summary: exp of the linear map."""

    names = WORD_FEATURES

    def expected(self, table: np.ndarray) -> np.ndarray:
        return np.exp(np.clip(self.predict(table), -30.0, math.log(WORD_COUNT_CAP * 4)))


def expand(z: np.ndarray) -> np.ndarray:
    """The columns and every product of two columns (squares included): what the ridge is fit on."""
    upper_i, upper_j = np.triu_indices(z.shape[1])
    return np.hstack([z, z[:, upper_i] * z[:, upper_j]])


@lru_cache(maxsize=1)
def _packaged() -> dict:
    try:
        text = resources.files("newsfuse").joinpath("data/summary_scorer.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


@lru_cache(maxsize=2)
def load(embedded: bool) -> Scorer | None:
    """The packaged sentence model for use with or without sentence embeddings, or None when it is not there."""
    data = _packaged().get("embeddings" if embedded else "lexical")
    return Scorer.from_dict(data) if data else None


@lru_cache(maxsize=2)
def load_words(embedded: bool) -> WordModel | None:
    """The packaged word model that goes with :func:`load`'s sentence model, or None when it is not there."""
    data = _packaged().get("words_embeddings" if embedded else "words_lexical")
    return WordModel.from_dict(data) if data else None


def _content(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def features(candidates, matrix, embeddings, *, dangling, uncredited, short: int, long: int) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate sentence (``summary._Sentence``).

    ``matrix`` holds the candidates' L2-normalised TF-IDF rows; ``embeddings`` their unit sentence embeddings
    or None (the embedding column is then 0); ``dangling(text)`` and ``uncredited(candidate)`` are the
    summary's readability tests.
    """
    from scipy import sparse

    count = len(candidates)
    matrix = sparse.csr_matrix(matrix)
    texts = [c.article.span_text(c.span).replace("\n", " ") for c in candidates]
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    centrality = matrix @ (centroid / (np.linalg.norm(centroid) or 1.0))
    embedded = np.zeros(count)
    if embeddings is not None:
        mean = embeddings.mean(axis=0)
        embedded = embeddings @ (mean / (np.linalg.norm(mean) or 1.0))
    articles = {c.article.id: c.article for c in candidates}
    position = {aid: n for n, aid in enumerate(articles)}
    article_of = np.array([position[c.article.id] for c in candidates])
    n = len(articles)
    # each article's summed sentence vector; a sentence against the other articles' sum
    pick = sparse.csr_matrix((np.ones(count), (article_of, np.arange(count))), shape=(n, count))
    article_sums = pick @ matrix
    total = np.asarray(article_sums.sum(axis=0)).ravel()
    own = np.zeros(count)
    rows_of: dict[int, list[int]] = {}
    for k, a in enumerate(article_of.tolist()):
        rows_of.setdefault(a, []).append(k)
    for a, rows in rows_of.items():
        own[rows] = (matrix[rows] @ article_sums[a].T).toarray().ravel()
    sum_norms = np.sqrt(np.asarray(article_sums.multiply(article_sums).sum(axis=1)).ravel())
    others_norm = np.sqrt(np.maximum(0.0, total @ total - 2 * (article_sums @ total) + sum_norms ** 2))
    others = (matrix @ total - own) / np.where(others_norm[article_of] > 0, others_norm[article_of], 1.0)
    article_centrality = (article_sums @ total) / np.maximum(sum_norms, 1e-12) / (np.linalg.norm(total) or 1.0)
    # a sentence against the first sentences of the other articles (read in blocks of rows)
    leads = np.array([k for rows in rows_of.values() for k in sorted(rows, key=lambda k: candidates[k].index)[:_LEADS]])
    lead_max, lead_mean = np.zeros(count), np.zeros(count)
    lead_matrix = matrix[leads].T.tocsc()
    for begin in range(0, count, _BLOCK):
        block = (matrix[begin:begin + _BLOCK] @ lead_matrix).toarray()
        other = article_of[begin:begin + _BLOCK, None] != article_of[leads][None, :]
        seen = other.sum(axis=1)
        lead_max[begin:begin + _BLOCK] = np.where(seen > 0, np.where(other, block, -np.inf).max(axis=1), 0.0)
        lead_mean[begin:begin + _BLOCK] = np.where(other, block, 0.0).sum(axis=1) / np.maximum(seen, 1)
    words_of = {aid: _content(a.text) for aid, a in articles.items()}
    word_df: Counter = Counter()
    pair_df: Counter = Counter()
    for words in words_of.values():
        word_df.update(set(words))
        pair_df.update(set(zip(words, words[1:])))
    titles = set(_content(" ".join(a.title or "" for a in articles.values())))
    lengths = np.array([len(a.text.split()) for a in articles.values()], dtype=float)
    sentences_in = np.bincount(article_of, minlength=n)
    table = np.zeros((count, len(FEATURES)))
    for k, c in enumerate(candidates):
        text, a = texts[k], article_of[k]
        size = len(text.split())
        words = _content(text)
        unique, pairs = set(words), set(zip(words, words[1:]))
        rest = max(1, n - 1)
        table[k] = (
            centrality[k],
            embedded[k],
            1.0 / (1 + c.index),
            math.log2(max(1, c.support)),
            math.log(size + 1),
            float(short <= size <= long),
            sum(word_df[w] for w in words) / len(words) / n if words else 0.0,
            float(bool(dangling(text))),
            float('"' in text or "“" in text),
            sum(w in titles for w in words) / len(words) if words else 0.0,
            c.index / max(1, len(c.article.sentences)),
            others[k] if n > 1 else 0.0,
            lead_max[k],
            lead_mean[k],
            sum(pair_df[p] - 1 for p in pairs) / len(pairs) / rest if pairs and n > 1 else 0.0,
            sum(word_df[w] - 1 for w in unique) / len(unique) / rest if unique and n > 1 else 0.0,
            article_centrality[a],
            lengths[a] / (lengths.max() or 1.0),
            sentences_in[a],
            sum(t[:1].isupper() for t in text.split()[1:]) / max(1, size),
            float(any(ch.isdigit() for ch in text)),
            n,
            c.index,
            math.log1p(c.index),
            float(uncredited(c)),
        )
    return table


def tokens(text: str) -> list[str]:
    """The words a summary's coverage is counted in: every run of letters and digits, lower-cased and lightly
    stemmed, as ROUGE and a reader count them ("Trump's" is "trump" and "s")."""
    return [stem(w) for w in _LETTERS_AND_DIGITS.findall(text.lower())]


def word_features(candidates, sentence_tokens: list[list[str]], sentence_scores: np.ndarray
                  ) -> tuple[list[str], np.ndarray]:
    """The story's words (as :func:`tokens` gives them) and one row of :data:`WORD_FEATURES` per word.

    ``sentence_tokens`` holds each candidate's tokens and ``sentence_scores`` the sentence model's
    predictions for them; a word takes the best and mean of its sentences' scores (standardised in the
    story).
    """
    count: Counter = Counter()
    articles_of: dict[str, set] = {}
    leads_of: dict[str, set] = {}
    firsts_of: dict[str, set] = {}
    first: dict[str, float] = {}
    best: dict[str, float] = {}
    total: Counter = Counter()
    sentences: Counter = Counter()
    capitalised: Counter = Counter()
    quoted: Counter = Counter()
    spread = float(sentence_scores.std()) if len(sentence_scores) else 0.0
    scores = (sentence_scores - sentence_scores.mean()) / (spread or 1.0) if len(sentence_scores) else sentence_scores
    titles: set[str] = set()
    for article in {c.article.id: c.article for c in candidates}.values():
        titles.update(tokens(article.title or ""))
    for k, c in enumerate(candidates):
        position = c.index / max(1, len(c.article.sentences))
        for w in sentence_tokens[k]:
            count[w] += 1
            first[w] = min(first.get(w, 1.0), position)
        for w in set(sentence_tokens[k]):
            articles_of.setdefault(w, set()).add(c.article.id)
            if c.index < _LEADS:
                leads_of.setdefault(w, set()).add(c.article.id)
            if c.index == 0:
                firsts_of.setdefault(w, set()).add(c.article.id)
            best[w] = max(best.get(w, -math.inf), float(scores[k]))
            total[w] += float(scores[k])
            sentences[w] += 1
        text = c.article.span_text(c.span)
        words = _LETTERS_AND_DIGITS.findall(text)
        for word in words[1:]:  # a capital after the sentence's first word: a name, unless the whole word
            if word[:1].isupper() and not (len(word) > 1 and word.isupper()):  # shouts ("COMMON SENSE")
                capitalised[stem(word.lower())] += 1
        for piece in _DOUBLE_QUOTE.split(text)[1::2]:
            quoted.update(tokens(piece))
    vocabulary = list(count)
    n = max(1, len({c.article.id for c in candidates}))
    table = np.array([[
        len(articles_of[w]) / n,
        len(leads_of.get(w, ())) / n,
        first[w],
        math.log1p(count[w]),
        min(1.0, capitalised[w] / count[w]),
        float(w in STOPWORDS),
        len(w),
        float(w.isdigit()),
        math.log(n),
        float(w in titles),
        best[w],
        total[w] / sentences[w],
        len(firsts_of.get(w, ())) / n,
        sentences[w] / max(1, len(candidates)),
        min(1.0, quoted[w] / count[w]),
    ] for w in vocabulary], dtype=float).reshape(len(vocabulary), len(WORD_FEATURES))
    return vocabulary, table
