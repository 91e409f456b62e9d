"""The story summary: whole source sentences, most corroborated and most central first, never two alike.

Candidates are the story's source sentences, quoted as written, so the summary never states what no
source says.  Each sentence is ranked by the learned scorer of :mod:`.scorer` (fit on human news summaries,
over centrality, support, position, length and how much the other outlets share the sentence), or, with
``scorer=None``, by hand-weighted rules:

- its *support*: the independent origins of the facts its claims belong to (a sentence whose claim three
  outlets make outranks one only its own outlet makes);
- its *centrality*: cosine similarity to the story's centroid (what the articles as a whole are about), in
  TF-IDF space plus, when sentence embeddings are installed, in embedding space;
- its *position*: how early it comes in its article (news is written top-down, the lead carries the news).

Either way, readability out of context lowers the rank: a sentence that opens with a pronoun or a
connective ("He added", "But"), holds a quotation no one in the sentence is credited with, or is a
fragment under 8 words or a run-on over 50 is worth less on its own; one that holds page furniture (a web
address, a copyright notice, a photo's caption) or trails off in an ellipsis after a function word (a
teaser cut short), is an item of a list ("Charged with possession of alcohol.") or leads into what follows it
(ends on a colon) is never taken.

Sentences are taken best first under the length budget (sentences, or words counted as space-separated
tokens: whole sentences, as many as fit, so a summary is never longer than asked unless its first sentence
alone is), skipping one that shares a fact with or is too similar to a sentence already taken (in words, or
in meaning when embeddings are installed), and shown in reading order.  With the word model of
:mod:`.scorer` too (``synthesize.summary_scorer = "learned+words"``), "best" also counts the
words a sentence adds that a human summary of the story would hold and the sentences taken so far do not.
Either way a sentence in which someone the summary already quotes speaks again is worth less, so that
several sides are heard.  Each sentence cites its own sentence and the sentences of every other article
that carries one of its facts with a claim that itself supports one of the sentence's (alike and sharing
its words, not only alike through the fact's other claims), when the summary sentence as a whole also shares
enough words with that claim or its sentence.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ...model import Article, Citation, Span, Story, SummarySentence
from ...nlp.words import STOPWORDS
from . import scorer as learned
from .claims import Claim, claim_words, share_enough

__all__ = ["Alignment", "SummaryWeights", "credit_speakers", "leans_on_before", "summarize"]

_EMBED_AT_MOST = 400  # a story with more candidate sentences embeds only this many, shortlisted without meaning
# A copyright notice, a web address or an instruction to click, inside a paragraph of body text.
_FURNITURE = re.compile(r"©|\ball rights reserved\b|https?://|\bwww\.\w|\bclick (?:here|on the link)\b", re.I)
# A sentence that trails off in an ellipsis right after a function word: a teaser or a capture cut short
# ("... parents who have...").  After a content word ("died of an overdose ...") it is mostly a style.
_TRAILS_OFF = re.compile(r"\b(\w+)\s*(?:…|\.\.\.)[\"”’']?\s*$")
# A sentence opening like these leans on the one before it.
_DANGLING = re.compile(r"^[\"“‘']?(?:he|she|they|it|its|his|her|their|this|that|these|those|but|and|also|however|"
                       r"still|yet|so|then|meanwhile|instead|there)\b", re.I)


# An item of a list, with no subject and no clause of its own: "Charged with possession of alcohol by a minor."
_LIST_ITEM = re.compile(r"^[A-Z][a-z]+ed\s+(?:with|of|for|in|to|by|at|on|from|as)\b[^,;:\"“”]*$")
# A sentence that leads into what follows it: "Kagan delivers a series of jokes:"
_LEADS_IN = re.compile(r":\s*$")


def _cut_short(text: str) -> bool:
    match = _TRAILS_OFF.search(text)
    return bool(match) and match.group(1).lower() in STOPWORDS


@dataclass(frozen=True)
class SummaryWeights:
    """How much support, position and redundancy count (chosen on the tune part of bench/summary.py)."""

    support: float = 1.0       # score × (1 + support · log2(independent origins))
    position: float = 0.15     # score ÷ (1 + position · sentence index in its article)
    dangling: float = 0.7      # score × this for a sentence that leans on the one before it
    dangling_learned: float = 0.3  # the same under the learned scorer, whose worths spread wider: at 0.7 it took
                                   # twice the rules' share of such sentences (tune: 16.9% against 8.1%)
    unattributed: float = 0.5  # score × this for a quotation credited to no one in the sentence
    short: int = 8             # sentences shorter than this many words, or longer than `long`,
    long: int = 50
    odd_length: float = 0.3    # score × this
    redundancy: float = 0.2    # a sentence this similar (TF-IDF cosine) to one already taken is skipped
    same_meaning: float = 0.8  # or this similar in embedding space
    # With the learned models a sentence is worth its score + coverage × (the words still owed that it adds) ÷
    # (its length in words) ** coverage_length × (its readability factors) ** coverage_readability.  With
    # the added words not held back at all, tune summaries took 13.6% dangling openers; at 0.3, 5.0%.
    coverage: float = 0.5
    coverage_length: float = 0.8
    coverage_readability: float = 0.3
    # A sentence's worth × this for each sentence already taken in which its speaker speaks.  On the seeds the word
    # model otherwise takes a fourth line of one leader's and leaves out the other side's account.  ROUGE-1 / -2
    # cost at 0.8, cross-fitted on tune (5 folds × 4 shuffles): 0.12 / 0.25 for the sentence model, 0.05 / 0.2
    # with the word model (at 0.6: 0.2 / 0.4 and 0.2 / 0.5); on held-out, sentence model: 0.00 / 0.05.
    same_voice: float = 0.8


@dataclass
class Alignment:
    """What fact alignment leaves for the summary: the claims, their vectors and the groups they form."""

    claims: list[Claim]
    vectors: object                      # scipy sparse, one L2-normalised TF-IDF row per claim
    groups: list[list[int]]              # claim rows of each fact or exclusive
    support: list[int]                   # independent origins of each group
    quotes: list = field(default_factory=list)   # extract.quotes.Quote objects of the story
    encode: object = None                # sentence embedding function, or None
    _embeddings: object = field(default=None, repr=False)   # (article id, sentence start) -> embedding
    similarity: object = None            # scipy sparse claim × claim similarity facts were aligned on (only pairs
                                         # at or above ``threshold`` need be kept); None: TF-IDF cosine of ``vectors``
    threshold: float = 0.0               # the claim similarity that states one fact (synthesize.fact_threshold)
    shares_words: object = None          # (claim row, claim row) -> whether they share enough words to cite

    def __post_init__(self) -> None:
        if self.similarity is None:
            self.similarity = (self.vectors @ self.vectors.T).tocsr()

    def resembles(self, rows: list[int], other: int) -> bool:
        """Whether claim ``other`` supports one of ``rows`` by itself: as alike as one fact, and sharing
        enough words (a group may hold two claims alike only through a third, and meaning alone may join
        two claims on one topic that do not say the same thing)."""
        values = self.similarity[rows][:, [other]].toarray().ravel()
        return any(value >= self.threshold and (self.shares_words is None or self.shares_words(row, other))
                   for row, value in zip(rows, values.tolist()))


@dataclass
class _Sentence:
    article: Article
    span: Span
    index: int
    rows: list[int]
    support: int = 1
    score: float = 0.0
    readable: float = 1.0  # the product of the readability factors that apply to it
    leans: float = 1.0     # the factor among them for leaning on the sentence before it (1: it does not)
    citations: list[Citation] = field(default_factory=list)


def leans_on_before(text: str) -> bool:
    """Whether a sentence opens with a pronoun or a connective that leans on the sentence before it."""
    return bool(_DANGLING.match(text))


def summarize(story: Story, alignment: Alignment, *, sentences: int = 6, words: int = 0,
              weights: SummaryWeights = SummaryWeights(), scorer="auto", coverage=None) -> list[SummarySentence]:
    """The summary of ``story`` in at most ``sentences`` sentences, or at most ``words`` words when > 0.

    ``scorer``: "auto" ranks sentences by the packaged learned model (:mod:`.scorer`) when it is there,
    None by the hand-weighted rules, or a :class:`.scorer.Scorer` to use that one.  ``coverage``: with a
    learned scorer, a :class:`.scorer.WordModel` to weigh the words each sentence adds by, or None not to;
    "auto" takes the packaged word model along with the packaged scorer (they are fit together).
    """
    claims = alignment.claims
    if not claims:
        return []
    candidates = _candidates(alignment)
    matrix = _sentence_vectors(candidates, alignment.vectors)
    unattributed = _unattributed_quotes(alignment.quotes)

    def worth(embeddings):
        model = learned.load(embeddings is not None) if scorer == "auto" else scorer
        if model is None:
            return None, None, _rule_worth(candidates, matrix, embeddings, weights)
        predicted = _learned_prediction(model, candidates, matrix, embeddings, unattributed, weights)
        spread = float(predicted.std()) or 1.0  # exp of the distance from the best, in standard deviations
        return model, predicted, np.exp((predicted - predicted.max()) / spread)

    shortlist = None
    if alignment.encode is not None and len(candidates) > _EMBED_AT_MOST:
        # a big story: rank without meaning first, and embed only the best _EMBED_AT_MOST sentences
        _, _, lexical = worth(None)
        shortlist = np.sort(np.argsort(-lexical, kind="stable")[:_EMBED_AT_MOST])
    embeddings = _embeddings(alignment, candidates, shortlist)
    model, predicted, base = worth(embeddings)
    lengths: list[int] = []  # each candidate's words (space-separated), as the budget counts them
    for k, sentence in enumerate(candidates):
        text = sentence.article.span_text(sentence.span)
        lengths.append(len(text.split()))
        readable = 1.0
        if not weights.short <= lengths[k] <= weights.long:
            readable *= weights.odd_length
        if _DANGLING.match(text):
            sentence.leans = weights.dangling if model is None else weights.dangling_learned
            readable *= sentence.leans
        if _quotes_uncredited(sentence, unattributed.get(sentence.article.id, ())):
            readable *= weights.unattributed
        if _FURNITURE.search(text) or _cut_short(text) or _LIST_ITEM.match(text.strip()) or _LEADS_IN.search(text):
            readable = 0.0  # furniture the cleaner left inside a paragraph (a link, a credit), a sentence cut
                            # short, a list's item or a lead-in: never taken (a caption glued to the text is no
                            # claim, so no candidate)
        sentence.readable = readable
        sentence.score = float(base[k]) * readable
    ranked = range(len(candidates)) if shortlist is None else shortlist.tolist()
    word_model = None
    if model is not None and coverage != "auto":
        word_model = coverage
    elif model is not None and scorer == "auto":
        word_model = learned.load_words(embeddings is not None)
    chosen: list[int] = []
    used_groups: set[int] = set()
    group_of = _group_of(alignment)
    total_words = 0

    def fits(k: int) -> bool:
        """Whether candidate k can be read in a summary, says something the sentences taken so far do not
        and, with a word budget, still fits in it (the first sentence always does)."""
        if not candidates[k].readable:
            return False
        if words and chosen and total_words + lengths[k] > words:
            return False
        if {group_of[r] for r in candidates[k].rows} & used_groups:
            return False
        if chosen and float((matrix[k] @ matrix[chosen].T).toarray().max()) >= weights.redundancy:
            return False
        return not (chosen and embeddings is not None and
                    float((embeddings[chosen] @ embeddings[k]).max()) >= weights.same_meaning)

    def take(k: int) -> None:
        nonlocal total_words
        chosen.append(k)
        used_groups.update(group_of[r] for r in candidates[k].rows)
        total_words += lengths[k]

    _pick(candidates, ranked, word_model, predicted, weights, fits, take,
          done=lambda: (total_words >= words) if words else len(chosen) >= sentences,
          voices=_voices(candidates, alignment.quotes))
    _reading_order(candidates, chosen)
    return [SummarySentence(candidates[k].article.span_text(candidates[k].span), candidates[k].citations)
            for k in chosen]


def credit_speakers(sentences: list[SummarySentence], quotes) -> None:
    """Name the speaker of a quotation a summary sentence holds when the sentence itself does not ("“I doubt
    it,” he said …", or a quotation standing alone): quoted speech in a summary is kept verbatim and
    attributed.  The speaker is the person or organisation the quotes stage found (a description such as "a
    spokesman" is not shown); a sentence quoting two speakers, or anyone unknown, is left as is."""
    by_article = _by_article(quotes, lambda q: q.kind != "paraphrase")
    for sentence in sentences:
        if sentence.generated or not sentence.citations:
            continue
        own = sentence.citations[0]
        inside = [q for q in by_article.get(own.article_id, ())
                  if own.start <= q.span.start and q.span.end <= own.end + 1]
        names = {q.speaker.name if q.speaker is not None else None for q in inside}
        if len(names) != 1 or None in names:
            continue
        (name,) = names
        said = sentence.text.lower()
        if not any(part.lower() in said for part in (name, name.split()[-1])):
            sentence.speaker = name


def _place(sentence: _Sentence, offset: int = 0) -> tuple[str, int]:
    """Where a candidate stands, or (``offset``) the sentence so many before or after it: its article and
    its index there."""
    return sentence.article.id, sentence.index + offset


def _reading_order(candidates: list[_Sentence], chosen: list[int]) -> None:
    """Sort ``chosen`` into reading order: by how far into its article each sentence comes, earlier articles
    first on ties, except that a sentence leaning on the one before it follows that one directly when the
    summary holds it ("He said ..." right after the sentence naming him)."""
    at = {_place(candidates[k]): k for k in chosen}

    def head(k: int) -> int:
        while candidates[k].leans < 1.0 and _place(candidates[k], -1) in at:
            k = at[_place(candidates[k], -1)]
        return k

    def key(k: int) -> tuple:
        first = candidates[head(k)]
        return (first.index / max(1, len(first.article.sentences)), first.article.published or "9999",
                first.article.id, candidates[k].index)

    chosen.sort(key=key)


def _rule_worth(candidates: list[_Sentence], matrix, embeddings, weights: SummaryWeights) -> np.ndarray:
    """Centrality (TF-IDF, plus embeddings when there are any) raised by support, lowered by position."""
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    centrality = (matrix @ (centroid / norm)).ravel() if norm else np.zeros(len(candidates))
    if embeddings is not None:
        mean = embeddings.mean(axis=0)
        centrality = centrality + embeddings @ (mean / (np.linalg.norm(mean) or 1.0))
    support = np.array([1 + weights.support * math.log2(max(1, c.support)) for c in candidates])
    position = np.array([1 + weights.position * c.index for c in candidates])
    return centrality * support / position


def _learned_prediction(model, candidates: list[_Sentence], matrix, embeddings, unattributed,
                        weights: SummaryWeights) -> np.ndarray:
    """The learned model's prediction for each candidate."""
    table = learned.features(candidates, matrix, embeddings, dangling=_DANGLING.match,
                             uncredited=lambda c: _quotes_uncredited(c, unattributed.get(c.article.id, ())),
                             short=weights.short, long=weights.long)
    return model.predict(table)


def _pick(candidates: list[_Sentence], ranked, word_model, predicted, weights: SummaryWeights, fits, take,
          done, voices=None) -> None:
    """Take candidates (``take(k)``) best first until ``done()``, passing over those ``fits(k)`` refuses.

    Without a word model, best is the highest ``score``.  With one, a sentence is also worth the words it
    adds that the summary still owes: each word's expected count in a human summary (the word model's, over
    the story's words) less what the sentences taken so far hold.  Either way a sentence in which someone
    already heard in the summary speaks again is worth ``weights.same_voice`` times less for each sentence
    of theirs taken (``voices[k]``: the speakers of candidate k), so one side's many quotable lines do not
    crowd out the others', and a sentence leaning on the one before it ("He added ...") loses that penalty
    once the one before it is taken, as it will be read right after it.  Values only fall as sentences are
    taken, but for such a sentence, queued again at its new value when the one before it is taken; so
    candidates wait in a heap under their last value and are valued again when they reach the top (lazy
    greedy).  ``fits`` only grows stricter, so a refused candidate is dropped for good.
    """
    ranked = list(ranked)
    voices = voices or [frozenset()] * len(candidates)
    heard: Counter = Counter()
    bags: list[Counter] = []
    owed: dict[str, float] = {}
    held: Counter = Counter()
    if word_model is not None:
        tokens = [learned.tokens(candidates[k].article.span_text(candidates[k].span)) for k in ranked]
        vocabulary, table = learned.word_features([candidates[k] for k in ranked], tokens, predicted[ranked])
        bags = [Counter(t) for t in tokens]
        owed = dict(zip(vocabulary, np.minimum(word_model.expected(table), learned.WORD_COUNT_CAP).tolist()))
        lengths = [max(1, len(candidates[k].article.span_text(candidates[k].span).split())) for k in ranked]

    taken: set[tuple[str, int]] = set()  # where the sentences taken stand (see _place)
    queued = {_place(candidates[k]): n for n, k in enumerate(ranked)}

    def value(n: int) -> float:
        sentence = candidates[ranked[n]]
        worth, readable = sentence.score, sentence.readable
        if sentence.leans < 1.0 and _place(sentence, -1) in taken:
            worth, readable = worth / sentence.leans, readable / sentence.leans
        if word_model is not None:
            gain = sum(min(held[w] + c, owed[w]) - min(held[w], owed[w])
                       for w, c in bags[n].items() if owed[w] > held[w])
            added = weights.coverage * gain / lengths[n] ** weights.coverage_length
            worth += readable ** weights.coverage_readability * added
        again = max((heard[v] for v in voices[ranked[n]]), default=0)
        return worth * weights.same_voice ** again

    heap = [(-value(n), n) for n in range(len(ranked))]
    heapq.heapify(heap)
    settled: set[int] = set()  # taken or refused
    while heap and not done():
        _, n = heapq.heappop(heap)
        if n in settled:
            continue
        now = value(n)
        if heap and now < -heap[0][0]:  # worth less than when it was queued: back in line
            heapq.heappush(heap, (-now, n))
            continue
        settled.add(n)
        if fits(ranked[n]):
            take(ranked[n])
            sentence = candidates[ranked[n]]
            taken.add(_place(sentence))
            heard.update(voices[ranked[n]])
            if bags:
                held.update(bags[n])
            after = queued.get(_place(sentence, 1))
            if after is not None and after not in settled and candidates[ranked[after]].leans < 1.0:
                heapq.heappush(heap, (-value(after), after))  # worth more now: queued again at its new value


def _voices(candidates: list[_Sentence], quotes) -> list[frozenset[str]]:
    """Who speaks in each candidate: the entities the quotes stage credited with a quotation or a reported
    statement that starts inside the sentence."""
    by_article = _by_article(quotes, lambda q: q.speaker is not None)
    return [frozenset(q.speaker.id for q in by_article.get(c.article.id, ())
                      if c.span.start <= q.span.start < c.span.end) for c in candidates]


def _embeddings(alignment: Alignment, candidates: list[_Sentence], rows=None):
    """The candidates' unit sentence embeddings, or None without an encoder.  With ``rows``, only those
    candidates are embedded and the others' rows are 0.  Each sentence is encoded once per story."""
    if alignment.encode is None:
        return None
    if alignment._embeddings is None:
        alignment._embeddings = {}
    cache: dict = alignment._embeddings
    wanted = range(len(candidates)) if rows is None else rows
    keys = [(c.article.id, c.span.start) for c in candidates]
    missing = [k for k in wanted if keys[k] not in cache]
    if not cache and not missing:
        return None
    if missing:
        encoded = alignment.encode([candidates[k].article.span_text(candidates[k].span).replace("\n", " ")
                                    for k in missing])
        cache.update(zip((keys[k] for k in missing), encoded))
    width = len(next(iter(cache.values())))
    out = np.zeros((len(candidates), width))
    for k in wanted:
        out[k] = cache[keys[k]]
    return out


def _group_of(alignment: Alignment) -> dict[int, int]:
    return {row: g for g, rows in enumerate(alignment.groups) for row in rows}


def _candidates(alignment: Alignment) -> list[_Sentence]:
    """One candidate per source sentence that holds a claim, with its support and its citations: its own
    sentence and that of each claim of its facts that is itself alike to one of the sentence's claims, when the
    whole sentence also shares enough words with that claim or its sentence.  A short claim ("the ferry sank")
    can match another outlet's short claim while the sentences around them say different things; the
    citation stands for the whole sentence, so the whole must be supported."""
    claims = alignment.claims
    group_of = _group_of(alignment)
    by_sentence: dict[tuple[str, int], _Sentence] = {}
    for row, claim in enumerate(claims):
        key = (claim.article.id, claim.sentence.start)
        if key not in by_sentence:
            by_sentence[key] = _Sentence(claim.article, claim.sentence, claim.index, [])
        by_sentence[key].rows.append(row)
    words: dict[tuple[str, int, int], set[str]] = {}

    def words_of(article: Article, span: Span) -> set[str]:
        key = (article.id, span.start, span.end)
        if key not in words:
            words[key] = claim_words(article.span_text(span))
        return words[key]

    for sentence in by_sentence.values():
        groups = [group_of[r] for r in sentence.rows]
        sentence.support = max(alignment.support[g] for g in groups)
        own = Citation(sentence.article.id, sentence.span.start, sentence.span.end)
        mine = words_of(sentence.article, sentence.span)
        others = [Citation(claims[m].article.id, claims[m].sentence.start, claims[m].sentence.end)
                  for g in groups for m in alignment.groups[g]
                  if m not in sentence.rows and alignment.resembles(sentence.rows, m)
                  and any(share_enough(mine, words_of(claims[m].article, span))
                          for span in (claims[m].sentence, claims[m].span))]
        sentence.citations = list(dict.fromkeys([own, *others]))
    return list(by_sentence.values())


def _sentence_vectors(candidates: list[_Sentence], vectors):
    """A sentence's vector: the normalised sum of its claims' vectors."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    rows, cols = [], []
    for k, sentence in enumerate(candidates):
        rows.extend([k] * len(sentence.rows))
        cols.extend(sentence.rows)
    pick = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(candidates), vectors.shape[0]))
    return normalize(pick @ vectors)


def _unattributed_quotes(quotes) -> dict[str, list[tuple[int, int, int | None]]]:
    """Each article's direct quotations: their span and where their speech verb is (None when none is)."""
    return {article_id: [(q.span.start, q.span.end, q.cue.start if q.cue is not None else None) for q in direct]
            for article_id, direct in _by_article(quotes, lambda q: q.kind == "direct").items()}


def _by_article(quotes, keep) -> dict[str, list]:
    """The story's quotes that ``keep`` accepts, grouped by article id."""
    out: dict[str, list] = {}
    for quote in quotes or ():
        if keep(quote):
            out.setdefault(quote.article.id, []).append(quote)
    return out


def _quotes_uncredited(sentence: _Sentence, quotes) -> bool:
    """Whether the sentence holds a direct quotation whose speech verb is not in the sentence."""
    start, end = sentence.span.start, sentence.span.end
    return any(start <= s and e <= end and (cue is None or not start <= cue < end) for s, e, cue in quotes)
