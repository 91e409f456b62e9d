"""Stage 4, group: articles about the same event form one story, as they arrive.

Each article is described by three things: its topic words, the names and figures it mentions, and (when
the ``embeddings`` extra is installed) a sentence embedding.  Two groups of articles are one story when the
average similarity over all their article pairs passes ``group.threshold``: average linkage, which keeps
two incidents of one kind apart better than a nearest-neighbour rule.

The bar adapts to how crowded an article's neighbourhood is.  Each article's *density* is the mean of its
``group.neighbours`` highest similarities to what it is compared with (when it arrives); a pair's score is
its similarity less ``group.density_weight`` times the mean density of the two.  Two rehab stays, two
earthquakes — incidents of one kind that share a topic's vocabulary — sit in a crowded neighbourhood and
need more in common, while an article whose only relatives are loosely worded (a wire brief, a page of
reactions) can still join them.  Because the adjustment is a sum over articles, the average-link rule stays
exact: a group keeps the sum of its members' densities.

:class:`StoryClusterer` does this incrementally.  Articles come in batches, in time order; every batch is
merged into the open stories with the exact average-link rule, where a story is summarised by the sums of
its members' vectors (the mean pairwise cosine of two groups is the dot product of their sums divided by
their sizes).  Only pairs that share a key term are ever compared, and stories idle for longer than
``group.window_days`` are closed, so the cost per article stays flat however long the stream runs.
"""
from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from scipy import sparse

from ..config import Config
from ..model import Article, Corpus, Story
from ..nlp import embed
from ..nlp.features import Vectorizer, count_together, name_terms, topic_terms

__all__ = ["group", "StoryClusterer"]

_EMBED_CHARS = 1500       # the model reads about 256 word pieces; the lead carries the story
_MAX_SUM_TERMS = 2000     # a big story's summed vector keeps its heaviest terms only
_DENSE_CELLS = 8_000_000   # pair scores are read from a dense product up to this many cells (64 MB)


def group(corpus: Corpus, config: Config) -> Corpus:
    """Set ``corpus.stories``.  Copies found by dedupe always land in their original's story."""
    originals = sorted((a for a in corpus.articles if not a.duplicate_of), key=lambda a: a.arrival_key)
    if not originals:  # nothing usable: no clusterer (and none of its libraries) to set up
        corpus.stories = []
        return corpus
    clusterer = StoryClusterer.from_config(config)
    size = config.group.batch_size
    for start in range(0, len(originals), size):
        clusterer.add(originals[start:start + size])
    members = clusterer.stories()
    story_of = {aid: n for n, ids in enumerate(members) for aid in ids}
    for article in corpus.articles:
        if article.duplicate_of and article.duplicate_of in story_of:
            members[story_of[article.duplicate_of]].append(article.id)
    order = {a.id: i for i, a in enumerate(corpus.articles)}
    stories = []
    for ids in members:
        ids.sort(key=order.__getitem__)
        digest = hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:10]
        stories.append(Story(id=f"s{digest}", article_ids=ids))
    stories.sort(key=lambda s: (-len(s.article_ids), order[s.article_ids[0]]))
    corpus.stories = stories
    return corpus


def epoch(article: Article) -> float | None:
    if not article.published:
        return None
    try:
        moment = datetime.fromisoformat(article.published)
    except ValueError:
        return None
    if moment.tzinfo is None:
        from datetime import timezone
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


class _Vec:
    """A sparse vector as sorted term ids and weights: cheap dot products and sums for one pair at a time."""

    __slots__ = ("ids", "weights")

    def __init__(self, ids: np.ndarray, weights: np.ndarray) -> None:
        self.ids, self.weights = ids, weights

    @classmethod
    def row(cls, matrix: sparse.csr_matrix, r: int) -> "_Vec":
        start, end = matrix.indptr[r], matrix.indptr[r + 1]
        return cls(matrix.indices[start:end].astype(np.int64), matrix.data[start:end].copy())

    def dot(self, other: "_Vec") -> float:
        _, mine, theirs = np.intersect1d(self.ids, other.ids, assume_unique=True, return_indices=True)
        return float(self.weights[mine] @ other.weights[theirs])

    def __add__(self, other: "_Vec") -> "_Vec":
        ids, where = np.unique(np.concatenate([self.ids, other.ids]), return_inverse=True)
        return _Vec(ids, np.bincount(where, weights=np.concatenate([self.weights, other.weights])))

    def pruned(self, limit: int) -> "_Vec":
        if len(self.ids) <= limit:
            return self
        keep = np.sort(np.argsort(-self.weights)[:limit])
        return _Vec(self.ids[keep], self.weights[keep])


def _stack(vectors: list[_Vec], width: int) -> sparse.csr_matrix:
    indptr = np.zeros(len(vectors) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(v.ids) for v in vectors])
    ids = np.concatenate([v.ids for v in vectors]) if vectors else np.zeros(0, dtype=np.int64)
    weights = np.concatenate([v.weights for v in vectors]) if vectors else np.zeros(0)
    return sparse.csr_matrix((weights, ids, indptr), shape=(len(vectors), width))


@dataclass
class _Node:
    size: int
    topic: _Vec
    names: _Vec
    embedding: np.ndarray | None
    members: list[str]
    last: float | None
    density: float = 0.0              # the sum of its members' neighbourhood densities
    story: int | None = None          # the open story this node continues, if any
    merged_stories: list[int] = field(default_factory=list)


@dataclass
class _Story:
    members: list[str]
    size: int
    topic: _Vec | None
    names: _Vec | None
    embedding: np.ndarray | None
    last: float | None
    density: float = 0.0


@dataclass
class _Recent:
    """An article not yet settled: clustered again with the next small batch."""

    article: Article
    embedding: np.ndarray | None
    story: int = -1
    topic: _Vec | None = None
    names: _Vec | None = None
    density: float = 0.0


class StoryClusterer:
    """Incremental average-link story clustering; feed batches of articles in time order with :meth:`add`."""

    def __init__(self, *, threshold: float, topic_weight: float, name_weight: float,
                 embedding_weight: float = 0.0, use_embeddings: bool = False, title_weight: int = 2,
                 window_days: float = 0.0, key_terms: int = 24, neighbours: int = 5,
                 density_weight: float = 0.0, min_density: float = 0.0, recluster: int = 0,
                 processes: int = 0) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], got {threshold!r}")
        weights = (topic_weight, name_weight, embedding_weight if use_embeddings else 0.0)
        if min(weights) < 0 or sum(weights) <= 0:
            raise ValueError("weights must be >= 0 and not all 0")
        if neighbours < 1 or density_weight < 0 or recluster < 0:
            raise ValueError("neighbours must be >= 1, density_weight and recluster >= 0")
        total = sum(weights)
        self.threshold = threshold
        self.weights = tuple(w / total for w in weights)
        self.use_embeddings = use_embeddings
        self.title_weight = title_weight
        self.window = window_days * 86400.0
        self.key_terms = key_terms
        self.neighbours = neighbours
        self.density_weight = density_weight
        self.min_density = min_density
        self._topic = Vectorizer(topic_terms)
        self._names = Vectorizer(name_terms)
        self.processes = processes
        self._stories: list[_Story] = []
        self._open: set[int] = set()  # indices of stories an article can still join
        self._redirect: dict[int, int] = {}
        self.recluster = recluster
        # the latest articles, not yet settled: each batch clusters them again with the new one
        self._recent: list[_Recent] = []
        self._free: list[int] = []  # indices of stories that held unsettled articles only, to use again

    @classmethod
    def from_config(cls, config: Config) -> "StoryClusterer":
        settings = config.group
        use = settings.embeddings == "on" or (settings.embeddings == "auto" and embed.available())
        return cls(threshold=settings.threshold_with_embeddings if use else settings.threshold,
                   topic_weight=settings.topic_weight, name_weight=settings.name_weight,
                   embedding_weight=settings.embedding_weight, use_embeddings=use,
                   title_weight=settings.title_weight, window_days=settings.window_days,
                   neighbours=settings.neighbours, density_weight=settings.density_weight,
                   min_density=settings.min_density, recluster=settings.recluster, processes=settings.processes)

    # -- public -------------------------------------------------------------------------------------
    def add(self, articles: list[Article]) -> None:
        """Cluster one batch of articles into the open stories (or new ones).

        With ``recluster`` > 0, a small batch is clustered together with the latest articles before it
        (``recluster`` in all): they are taken out of their stories and placed again, with what has arrived
        since.  A stream fed a few articles at a time then decides as a batch of ``recluster`` would.
        """
        if not articles:
            return
        known = [t for t in (epoch(a) for a in articles) if t is not None]
        redo = self._reopen(max(0, self.recluster - len(articles)), min(known) if known else None)
        articles = [r.article for r in redo] + list(articles)
        fresh = len(redo)
        titles = [a.title or "" for a in articles]
        topic_counts, name_counts = count_together(
            [self._topic, self._names],
            [[(t + "\n") * self.title_weight + a.text for t, a in zip(titles, articles)],
             [t + "\n" + a.text for t, a in zip(titles, articles)]], processes=self.processes)
        topic = self._vectors(self._topic, topic_counts, fresh)
        names = self._vectors(self._names, name_counts, fresh)
        vectors = None
        if self.use_embeddings:
            new = embed.encode([(t + "\n" + a.text)[:_EMBED_CHARS] for t, a in zip(titles[fresh:], articles[fresh:])])
            vectors = np.vstack([r.embedding for r in redo] + [new]) if redo else new
        times = [epoch(a) for a in articles]
        active = np.array(self._active(times), dtype=np.int64)
        pairs, joins = self._candidates(topic, names, vectors, active)
        self._raise_story_densities(active, joins)
        density = self._density(len(articles), pairs, joins, active)
        nodes = self._batch_nodes(articles, topic, names, vectors, times)
        for i, value in enumerate(density.tolist()):
            nodes[i].density = value
        singles: dict[str, _Node] = {}
        if self.recluster and len(articles) - fresh < self.recluster:
            latest = sorted(sorted(range(len(articles)), key=lambda i: articles[i].arrival_key)[-self.recluster:])
            self._recent = [_Recent(articles[i], None if vectors is None else nodes[i].embedding) for i in latest]
            singles = {articles[i].id: _Node(1, nodes[i].topic, nodes[i].names, nodes[i].embedding, [articles[i].id],
                                             nodes[i].last, nodes[i].density) for i in range(len(articles))}
        for index in active.tolist():
            story = self._stories[index]
            nodes[-1 - index] = _Node(story.size, story.topic, story.names, story.embedding, [], story.last,
                                      story.density, story=index)
        self._agglomerate(nodes, self._edges(pairs, joins, density, active))
        self._commit(nodes, singles)

    def stories(self) -> list[list[str]]:
        """Article ids of every story so far (open and closed), oldest story first."""
        members = {i: list(s.members) for i, s in enumerate(self._stories) if i not in self._redirect}
        for recent in self._recent:
            members[recent.story].append(recent.article.id)
        return [ids for ids in members.values() if ids]

    # -- internals ------------------------------------------------------------------------------------
    def _reopen(self, count: int, start: float | None) -> list["_Recent"]:
        """The latest ``count`` unsettled articles, to be clustered again; older ones, and those published
        more than the window before ``start`` (the new batch's first time), settle in their stories."""
        keep = self._recent[len(self._recent) - count:] if count else []
        if self.window and start is not None:
            keep = [r for r in keep if (epoch(r.article) or start) >= start - self.window]
        kept = {id(r) for r in keep}
        for recent in self._recent:
            if id(recent) not in kept:
                self._settle(recent)
        self._recent = []
        for index in {r.story for r in keep}:
            if not self._stories[index].size:  # a story of unsettled articles only: they are placed again
                self._open.discard(index)
                self._free.append(index)
        return keep

    def _settle(self, recent: "_Recent") -> None:
        story = self._stories[recent.story]
        story.topic = recent.topic if story.topic is None else (story.topic + recent.topic).pruned(_MAX_SUM_TERMS)
        story.names = recent.names if story.names is None else (story.names + recent.names).pruned(_MAX_SUM_TERMS)
        if recent.embedding is not None:
            story.embedding = recent.embedding if story.embedding is None else story.embedding + recent.embedding
        story.size += 1
        story.density += recent.density
        story.members.append(recent.article.id)

    @staticmethod
    def _vectors(vectorizer: Vectorizer, counts: sparse.csr_matrix, fresh: int) -> sparse.csr_matrix:
        """Rows for the texts' term counts: the new ones (from ``fresh`` on) count towards document frequency,
        and the reopened ones are weighted again with what has been seen since."""
        new = vectorizer.weigh(counts[fresh:])
        if not fresh:
            return new
        return sparse.vstack([vectorizer.weigh(counts[:fresh], learn=False), new]).tocsr()

    def _active(self, times: list[float | None]) -> list[int]:
        known = [t for t in times if t is not None]
        start = min(known) if known else None
        active = []
        for index in sorted(self._open):
            story = self._stories[index]
            if not story.size:
                continue
            if self.window and start is not None and story.last is not None and story.last < start - self.window:
                story.topic = story.names = story.embedding = None  # closed: no article can join it any more
                self._open.discard(index)
                continue
            active.append(index)
        return active

    def _batch_nodes(self, articles, topic, names, vectors, times) -> dict[int, _Node]:
        topic.sort_indices()
        names.sort_indices()
        return {i: _Node(1, _Vec.row(topic, i), _Vec.row(names, i), None if vectors is None else vectors[i].astype(np.float64),
                         [a.id], times[i]) for i, a in enumerate(articles)}

    def _keys(self, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        """A 0/1 matrix marking each row's ``key_terms`` heaviest terms."""
        rows, cols = [], []
        for r in range(matrix.shape[0]):
            start, end = matrix.indptr[r], matrix.indptr[r + 1]
            data = matrix.data[start:end]
            take = np.argsort(-data)[: self.key_terms] if end - start > self.key_terms else np.arange(end - start)
            cols.extend(matrix.indices[start:end][take])
            rows.extend([r] * len(take))
        return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=matrix.shape)

    def _candidates(self, topic, names, vectors, active: np.ndarray):
        """Raw similarities of the pairs worth scoring: batch pairs ``(i, j, score)`` and joins of a batch
        article with an open story ``(i, n, mean score over the story's members)``, where the story is
        ``active[n]``.  Only pairs that share one of their key terms are scored."""
        w_topic, w_names, w_embed = self.weights
        keys = sparse.hstack([self._keys(topic), self._keys(names)]).tocsr()
        shared = sparse.triu(keys @ keys.T, k=1).tocoo()
        i, j = shared.row.astype(np.int64), shared.col.astype(np.int64)
        score = w_topic * _rowdot(topic, i, topic, j) + w_names * _rowdot(names, i, names, j)
        if w_embed and len(i):
            score += w_embed * np.einsum("ij,ij->i", vectors[i], vectors[j])
        pairs = (i, j, score)
        joins = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
        if len(active):
            stories = [self._stories[k] for k in active.tolist()]
            story_topic = _stack([s.topic for s in stories], topic.shape[1])
            story_names = _stack([s.names for s in stories], names.shape[1])
            story_keys = sparse.hstack([self._keys(story_topic), self._keys(story_names)]).tocsr()
            shared = (keys @ story_keys.T).tocoo()
            i, n = shared.row.astype(np.int64), shared.col.astype(np.int64)
            score = w_topic * _rowdot(topic, i, story_topic, n) + w_names * _rowdot(names, i, story_names, n)
            if w_embed and len(i):
                story_vectors = np.vstack([s.embedding for s in stories])
                score += w_embed * np.einsum("ij,ij->i", vectors[i], story_vectors[n])
            score /= self._of_stories(active, "size")[n]
            joins = (i, n, score)
        return pairs, joins

    def _density(self, count: int, pairs, joins, active: np.ndarray) -> np.ndarray:
        """Each batch article's mean similarity to its ``neighbours`` nearest articles among those scored.

        A story counts as up to ``neighbours`` articles at its mean score; missing neighbours count as 0, and
        no density is below ``min_density``: the first articles of a stream have seen too little to know how
        crowded their neighbourhood is, and would otherwise merge on any slight likeness.
        """
        if not self.density_weight:
            return np.zeros(count)
        k = self.neighbours
        i, j, score = pairs
        ji, n, join_score = joins
        rows = np.concatenate([i, j, ji])
        cols = np.concatenate([j, i, count + n])
        values = np.concatenate([score, score, join_score])
        repeat = np.concatenate([np.ones(count), np.minimum(self._of_stories(active, "size"), k)])
        top = _top_mean(rows, cols, values, (count, count + len(active)), k, repeat)
        return np.maximum(top, self.min_density)

    def _raise_story_densities(self, active: np.ndarray, joins) -> None:
        """The new articles are neighbours of the open stories they were scored against too: a story's
        density (per member) rises to the mean of its top ``neighbours`` scores from this batch when that is
        higher, as it would have been had the articles arrived together."""
        i, n, score = joins
        if not self.density_weight or not len(n):
            return
        top = _top_mean(n, i, score, (len(active), int(i.max()) + 1), self.neighbours)
        scored = np.unique(n)
        for index, value in zip(active[scored].tolist(), top[scored].tolist()):
            known = self._stories[index]
            known.density = max(known.density, value * known.size)

    def _edges(self, pairs, joins, density: np.ndarray, active: np.ndarray) -> list[tuple[int, int, float]]:
        """The candidate pairs whose density-adjusted score passes the threshold."""
        half = self.density_weight / 2
        i, j, score = pairs
        score = score - half * (density[i] + density[j])
        keep = score >= self.threshold
        edges = list(zip(i[keep].tolist(), j[keep].tolist(), score[keep].tolist()))
        i, n, score = joins
        if len(i):
            story_density = (self._of_stories(active, "density") / self._of_stories(active, "size"))[n]
            score = score - half * (density[i] + story_density)
            keep = score >= self.threshold
            edges += zip(i[keep].tolist(), (-1 - active[n[keep]]).tolist(), score[keep].tolist())
        return edges

    def _of_stories(self, indices: np.ndarray, name: str) -> np.ndarray:
        """One attribute of each of the given stories, as floats."""
        return np.array([getattr(self._stories[x], name) for x in indices.tolist()], dtype=np.float64)

    def _score(self, a: _Node, b: _Node) -> float:
        w_topic, w_names, w_embed = self.weights
        total = w_topic * a.topic.dot(b.topic) + w_names * a.names.dot(b.names)
        if w_embed:
            total += w_embed * float(a.embedding @ b.embedding)
        adjust = self.density_weight / 2 * (a.density / a.size + b.density / b.size)
        return float(total) / (a.size * b.size) - adjust

    def _agglomerate(self, nodes: dict[int, _Node], edges: list[tuple[int, int, float]]) -> None:
        """Merge the best pair first until no pair of groups averages above the threshold.

        Only pairs with an edge can ever pass: a merged group's average with a third group is a weighted mean
        of its parts' averages, so it cannot pass unless one part did.
        """
        neighbours: dict[int, dict[int, float]] = {n: {} for n in nodes}
        version = dict.fromkeys(nodes, 0)
        heap = []
        for a, b, score in edges:
            neighbours[a][b] = neighbours[b][a] = score
            heap.append((-score, a, b, 0, 0))
        heapq.heapify(heap)
        while heap:
            _, a, b, va, vb = heapq.heappop(heap)
            if a not in nodes or b not in nodes or version[a] != va or version[b] != vb:
                continue
            if nodes[a].story is None and nodes[b].story is not None:
                a, b = b, a  # keep the open story's identity
            self._merge(nodes[a], nodes.pop(b))
            version[a] += 1
            around = (set(neighbours.pop(b)) | set(neighbours[a])) - {a, b}
            neighbours[a] = {}
            for c in around:
                neighbours[c].pop(a, None)
                neighbours[c].pop(b, None)
                score = self._score(nodes[a], nodes[c])
                if score >= self.threshold:
                    neighbours[a][c] = neighbours[c][a] = score
                    heapq.heappush(heap, (-score, a, c, version[a], version[c]))

    @staticmethod
    def _merge(into: _Node, other: _Node) -> None:
        into.topic = into.topic + other.topic
        into.names = into.names + other.names
        if into.embedding is not None:
            into.embedding = into.embedding + other.embedding
        into.size += other.size
        into.density += other.density
        into.members += other.members
        known = [t for t in (into.last, other.last) if t is not None]
        into.last = max(known) if known else None
        if other.story is not None:
            if into.story is None:
                into.story = other.story
            else:
                into.merged_stories.append(other.story)
        into.merged_stories += other.merged_stories

    def _commit(self, nodes: dict[int, _Node], singles: dict[str, _Node]) -> None:
        """Write every group back as a story.  ``singles`` holds the unsettled articles' own nodes: they stay
        out of their story's sums and members (but are remembered in it) until a later batch settles them."""
        recent = {r.article.id: r for r in self._recent}
        for node in nodes.values():
            held = [m for m in node.members if m in recent]
            if held:
                node = self._settled_part(node, held, singles)
            if node.story is None:
                index = self._free.pop() if self._free else len(self._stories)
                story = _Story(node.members, node.size, node.topic, node.names, node.embedding, node.last, node.density)
                if index == len(self._stories):
                    self._stories.append(story)
                else:
                    self._stories[index] = story
                self._open.add(index)
            else:
                index = node.story
                story = self._stories[index]
                for gone in node.merged_stories:  # an article bridged two open stories: they become one
                    story.members += self._stories[gone].members
                    self._stories[gone].members = []
                    self._redirect[gone] = index
                    self._open.discard(gone)
                story.members += node.members
                story.size, story.topic, story.names = node.size, node.topic, node.names
                story.embedding, story.last, story.density = node.embedding, node.last, node.density
            if story.topic is not None:
                story.topic, story.names = story.topic.pruned(_MAX_SUM_TERMS), story.names.pruned(_MAX_SUM_TERMS)
            for member in held:
                single = singles[member]
                recent[member].story = index
                recent[member].topic, recent[member].names = single.topic, single.names
                recent[member].density = single.density

    def _settled_part(self, node: _Node, held: list[str], singles: dict[str, _Node]) -> _Node:
        """The group less its unsettled articles: its stories' sums plus its settled new articles' own."""
        held_ids = set(held)
        part = _Node(0, None, None, None, [], node.last, 0.0, story=node.story, merged_stories=node.merged_stories)
        for index in ([node.story] if node.story is not None else []) + node.merged_stories:
            story = self._stories[index]
            if story.size:
                self._add_to(part, story.size, story.topic, story.names, story.embedding, story.density)
        for member in node.members:
            if member not in held_ids:
                single = singles[member]
                self._add_to(part, 1, single.topic, single.names, single.embedding, single.density)
                part.members.append(member)
        return part

    @staticmethod
    def _add_to(part: _Node, size: int, topic: _Vec, names: _Vec, embedding, density: float) -> None:
        part.size += size
        part.topic = topic if part.topic is None else part.topic + topic
        part.names = names if part.names is None else part.names + names
        if embedding is not None:
            part.embedding = embedding if part.embedding is None else part.embedding + embedding
        part.density += density

def _top_mean(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, shape: tuple[int, int], k: int,
              repeat: np.ndarray | None = None) -> np.ndarray:
    """For every row of a sparse matrix given by its entries, the sum of its ``k`` largest values divided by
    ``k``: absent entries count 0, and column c's value counts ``repeat[c]`` (>= 1) times when given.

    Each row's entries are laid side by side in a table as wide as the longest row (padded with -inf), read
    in blocks of at most ``_DENSE_CELLS`` cells, and their top ``k`` picked by partition, linear in the
    block.  Sorting every entry of a batch (millions at a million articles) took a third of the clustering
    time; a table as wide as all the columns still took a tenth, with rows a third full.
    """
    n_rows = shape[0]
    out = np.zeros(n_rows)
    if not len(rows) or not shape[1]:
        return out
    counts = np.bincount(rows, minlength=n_rows)
    ends = np.cumsum(counts)
    order = np.argsort(rows, kind="stable")
    rows, values = rows[order], values[order]
    times = None if repeat is None else repeat[cols[order]].astype(np.float64)
    width = int(counts.max())
    cell = rows * width + (np.arange(len(rows)) - (ends - counts)[rows])  # row-major place in the table
    take = min(k, width)
    step = max(1, _DENSE_CELLS // width)
    for start in range(0, n_rows, step):
        stop = min(n_rows, start + step)
        lo, hi = (ends[start - 1] if start else 0), ends[stop - 1]
        place = cell[lo:hi] - start * width
        block = np.full((stop - start) * width, -np.inf)
        block[place] = values[lo:hi]
        block = block.reshape(stop - start, width)
        top = np.argpartition(block, width - take, axis=1)[:, width - take:]
        best = np.take_along_axis(block, top, axis=1)
        best[np.isneginf(best)] = 0.0
        if times is None:
            out[start:stop] = best.sum(axis=1) / k
            continue
        held = np.ones((stop - start) * width)
        held[place] = times[lo:hi]
        held = np.take_along_axis(held.reshape(stop - start, width), top, axis=1)
        rank = np.argsort(-best, axis=1)
        best, held = np.take_along_axis(best, rank, axis=1), np.take_along_axis(held, rank, axis=1)
        counted = np.clip(k - (np.cumsum(held, axis=1) - held), 0, held)
        out[start:stop] = (best * counted).sum(axis=1) / k
    return out


def _rowdot(a: sparse.csr_matrix, rows_a: np.ndarray, b: sparse.csr_matrix, rows_b: np.ndarray) -> np.ndarray:
    """Dot products of rows ``a[rows_a[n]]`` and ``b[rows_b[n]]`` for every n.

    One sparse product over the terms both matrices use, read at the wanted cells: copying a summed story
    vector (up to ``_MAX_SUM_TERMS`` terms) once per candidate pair cost 30x more on a 1M-article stream.
    """
    if len(rows_a) == 0:
        return np.zeros(0)
    used = np.unique(a.indices)
    product = a[:, used] @ b[:, used].T
    if product.shape[0] * product.shape[1] <= _DENSE_CELLS:  # news vectors share common words: nearly full
        return product.toarray()[rows_a, rows_b]
    return np.asarray(product.tocsr()[np.array(rows_a), np.array(rows_b)]).ravel().astype(np.float64)
