"""Contradictions: where outlets state different figures, dates or people for the same thing.

Every figure, date and person a claim states is a *value*.  A value's *context* is the claim's other
content words, weighted by closeness to the value ("injured 12 people in the collapse": "injured" counts
more than "collapse").  Two values of different articles are about the same thing when they are
comparable (a duration with a duration, a count of people with a count of people) and their contexts
agree (cosine at least ``synthesize.conflict_context``).  Such a pair disagrees when the values cannot
both be true: intervals that do not overlap (a qualifier such as "nearly" or "more than", and rounding of
a round figure, widen a value's interval, so "nearly 90 minutes" and "an hour and a half" agree), or two
different people.  A disagreeing pair must also be the best match of each value in the other's article, and
neither article may state the other's value in a context nearly as close (``synthesize.conflict_margin``):
an outlet that gives both a 15 percent and a 10 percent tax, beside one that gives the 15 percent tax,
describes two taxes, not a disagreement.  Figures stated of two different people ("Hansbrough scored 20
points", "Vaughn finished with 16 points") are two slots, and so are the same date words without a year
("on Tuesday", "in March") that differ only because each was read against its own article's date, and
figures whose own claims state different dates ("seven killed on Saturday", "the May 22 bombing that killed
22"), different time frames ("since Week 11", "this season") or different outcomes named beside them
("killing two", "shooting three"), and a count of what was added ("12 more people", "another 300 troops")
against a total.  Two people are also in conflict when two
outlets name a different person as the only holder of one specific title ("House Speaker"), and never name
both; a tagger's "person" that is not shaped like a name ("van", "M.B. A.") takes no part, nor does a name
in a list of three or more ("stars such as Ann Lee, Bo Ray and Cy Tan": examples, not a role's holder).

Disagreeing pairs are gathered into one contradiction per slot, with the claims on each side, and typed:

- ``update``: a figure that can change (a toll, a sum) first reported later with a different value;
- ``disputed``: an article states a figure and then corrects it itself ("... said 40, but records show 25");
- ``conflict``: everything else, including dates ("five years ago" in 2024 against "in 2017").

Quotes add two more kinds: the same words given to different speakers (``speaker``), and variants of one
quote whose differing words change its meaning: a negation or a figure (``quote``).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import datetime

import numpy as np

from ...model import Article, Citation, Span
from ...nlp.words import STOPWORDS, WORD
from ..dedupe import origin_of
from ..extract.entities import family_name, fold
from .claims import Claim, Value, comparable, compatible, stem

__all__ = ["find_contradictions", "mark_disputed"]

_NUMERIC = re.compile(r"^\d[\d,.]*$")
_NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
million billion dozen half quarter""".split())
_DISPUTE = re.compile(r"\b(?:but|however|in fact|actually|though|yet)\b", re.I)
_CORRECTION = re.compile(r"\b(?:in fact|actually|records?|data|figures|estimates|official|false(?:ly)?|wrong(?:ly)?|"
                         r"incorrect(?:ly)?|inaccurate|overstat\w*|understat\w*|exaggerat\w*|misleading|"
                         r"no evidence|not true|contrary)\b", re.I)
# the correction set against the claimed figure after it: "..., rather than thousands", "..., not 40"
_CONTRAST_AFTER = re.compile(r"[^.;:!?]{0,40}?,?\s*\b(?:rather than|not|instead of|far (?:fewer|less) than)\b", re.I)
# a sentence that opens by conceding the claimed figure: "While the mayor spoke of “thousands”, records show 400"
_CONCEDING = re.compile(r"^\W*(?:while|although|though|whereas|even though)\b", re.I)
_CLAIMED = re.compile(r"\b(?:claim\w*|assert\w*|insist\w*|boast\w*|said|says|told|tweet\w*|wrote|posted|"
                      r"alleg\w*|according to)\b", re.I)
_NEGATION = frozenset({"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "cannot", "without"})
_UPDATE_GAP_HOURS = 0.5
_MAX_RATIO = 10.0
_VAGUE_SPAN = 5.0  # a figure whose interval spans this factor or more is a magnitude, not a figure
_ELISION_WORDS = 3  # a longer passage missing from one version of a quote is left out, not changed
_REWORDED = 2  # a version that differs in more places than this is a paraphrase: no one word changes its meaning
_PERSON_WINDOWS = 3  # mentions of one person per article whose words are embedded
_ROLE_SCORE = 0.5  # the score of a conflict found by a shared title alone
_LONE_NAME = 1.5  # × the person bar: one origin's name against a name two or more others agree on
_LEAD = 1.0  # × the person bar: the person two articles are each about, when neither names the other's
_LEAD_MENTIONS = 3  # an article is about a person it names this often...
_LEAD_DOMINANCE = 2.0  # ...and this many times as often as anyone else
_OWNER = re.compile(r"\b(?:(his|her)|([A-Z][\w-]+)['’]s?)\s+$")  # a possessive right before a figure
_HOLDER_WORDS = 20  # a figure's holder is named at most this many words before it
# a verb of saying or counting between a person and a figure: the person reports the figure, it is not theirs
_SPEECH_BETWEEN = re.compile(r"\b(?:said|says|say|told|tells|tell|according|reported|reports|announced|added|"
                             r"stated|claimed|estimated|estimates|believes?|thinks?|confirm(?:s|ed)|put(?:s|ting)?|"
                             r"count(?:s|ed)|tall(?:ies|ied)|reveal(?:s|ed)|disclos(?:es|ed)|not(?:es|ed)|"
                             r"wr(?:ote|ites)|tweet(?:s|ed)|testif(?:ies|ied)|insist(?:s|ed)|explain(?:s|ed)|"
                             r"cit(?:es|ed)|quot(?:es|ed)|predict(?:s|ed)|forecasts?|expects?|expected)\b", re.I)
_YEAR = re.compile(r"\b\d{4}\b|['’]\d\d\b")
# a time frame a figure is counted over: "this season", "in the second half", "in his last two games", "since
# Week 11"; group 1 or 2 is the frame's modifier (if any), group 3 its period
_FRAME_PERIOD = r"(half|quarter|period|inning|round|season|year|month|week|day|game|match|race|tournament|" \
                r"campaign|career|term(?!s\s+of\b)|decade|stretch|minute|hour)s?\b"
_FRAMED = re.compile(
    r"\b(?:(this|last|next)\s+|(?:in|during|over|through|throughout|for|across|since)\s+"
    r"(?:(?:the|his|her|its|their|a|an)\s+)?(?:(first|second|third|fourth|fifth|final|last|past|previous|opening|"
    r"closing|next|early|late|regular|whole|entire)\s+)?(?:[\w½-]+\s+){0,2}?)" + _FRAME_PERIOD, re.I)
_FRAME_MODIFIER = {"past": "last", "previous": "last", "final": "last", "whole": "", "entire": "", "regular": ""}
# What happened to the people or things a count counts, named next to it: "killing 12" and "injuring 40" count
# different people.  "shot dead" and "shot and killed" are deaths; "shot" alone is not.  A noun such as "injury" or
# "destruction" names a cause or a cost, not what happened to what is counted, so only the verb forms count.
_OUTCOME_CLASSES = {
    "dead": r"shot\s+(?:and\s+killed|dead|to\s+death)|kill(?:s|ed|ing)?|dead|deaths?|died|dies|dying|die|fatalit\w*|"
            r"perish(?:ed|ing)|murdered|slain",
    "injured": r"injur(?:e|es|ed|ing)|wound(?:ed|ing)|hurt|hospitali[sz](?:ed|ing)",
    "shot": r"shot",
    "missing": r"missing|unaccounted",
    "arrested": r"arrests?|arrest(?:ed|ing)|detain(?:s|ed|ing)?",
    "evacuated": r"evacuat(?:e|es|ed|ing)",
    "displaced": r"displac(?:e|es|ed|ing)|homeless",
    "rescued": r"rescu(?:ed|ing)",
    "trapped": r"trapped",
    "infected": r"infect(?:s|ed|ing)?|sicken(?:s|ed|ing)?",
    "damaged": r"damag(?:e|es|ed|ing)",
    "destroyed": r"destroy(?:s|ed|ing)?|flatten(?:s|ed|ing)|razed|levell?ed",
    "collapsed": r"collaps(?:e|es|ed|ing)",
}
_OUTCOME = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{words})" for name, words in _OUTCOME_CLASSES.items()) + r")\b",
                      re.I)
_OUTCOME_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s|(?<!\bshot )\band\b|\b(?:or|but|while|whereas)\b", re.I)
_MORE_AFTER = re.compile(r"\s+(?:more|additional|other|new|extra|further)\b", re.I)
_MORE_BEFORE = re.compile(r"\b(?:another|additional|further|extra)\s+$", re.I)
_OUTCOME_WORDS = 6  # an outcome is named at most this many words from its count, in the count's own phrase
# three or more names in a row ("stars such as Ann Lee, Bo Ray and Cy Tan"): examples, not the holders of a role
_NOT_NAME = (r"(?:On|In|At|The|A|An|But|And|Or|After|Before|When|While|As|For|By|From|With|Of|To|If|Then|Now|Today|"
             r"Yesterday|Meanwhile|However|Also|Last|This|Next|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
             r"Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b")
_NAME_ITEM = rf"(?!{_NOT_NAME})[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|da|del|al-\w+)){{0,3}}"
_NAME_LIST = re.compile(rf"{_NAME_ITEM}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+){_NAME_ITEM}){{2,}}")
# the kinds of term a duration can be of, named right after it: "in (county) jail", "prison sentence", "probation"
_TERM_KINDS = {
    "custody": r"prison|jail|custody|behind\s+bars|incarceration|imprisonment|detention|confinement",
    "probation": r"probation", "parole": r"parole", "supervised": r"supervised\s+release",
    "service": r"community\s+service",
}
_TERM = re.compile(r"(?:['’]\s*)?\s*(?:of\s+|on\s+|in\s+|behind\s+(?=bars))?(?:(?:a|the|federal|state|county|city|local|"
                   r"maximum|minimum|security)\s+){0,3}(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _TERM_KINDS.items())
                   + r")\b", re.I)
_YEARS_AGO = re.compile(r"\b(?:\w+|\d+)\s+(?:years|decades)\s+(?:ago|earlier|before)\b", re.I)
# an age set off after a name ("Ann Lee, 27", "Ann Lee — a 27-year-old"), or a few words describing the person between
# an age and the name after it ("27-year-old nurse Ann Lee", "27-year-old Ann Lee", "his 27-year-old niece, Ann Lee")
_SET_OFF = re.compile(r"\s*(?:,|—|–|\s-)\s*(?:(?:a|an|the)\s+)?")
_DESCRIBED = re.compile(r"\s+(?:[A-Za-z][\w'’-]*\s+){0,3}|\s+(?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*,\s+")
_AGE_OF_ONE = 0.9  # the context score of two ages given to one named person
_DECAY = 4.5  # context words lose weight with distance from the value: e^(-d/4.5)


def find_contradictions(claims: list[Claim], articles: list[Article], keys: dict[str, str], *, context: float,
                        person_context: float, margin: float = 0.2, quotes=(), quote_entries=(),
                        encode=None) -> list[dict]:
    """Every contradiction among the claims of one story, strongest first.

    ``encode`` (texts -> unit vectors), when given, adds meaning to the context of figures, dates and
    people: the similarity is then the mean of the lexical cosine and the embedding cosine of the words
    around each value, with the value itself masked (for a person, averaged over their first mentions in
    one article).
    """
    values: list[tuple[Claim, Value]] = [(c, v) for c in claims for v in c.values]
    out: list[dict] = []
    if values:
        bags = [_context(claim, value) for claim, value in values]
        origin = [origin_of(claim.article, claim.span, keys) for claim, _ in values]
        vectors = None
        if encode is not None:
            seen: dict[tuple[str, int], int] = defaultdict(int)
            wanted = []
            for i, (claim, value) in enumerate(values):
                if value.kind == "person":  # a person's first few mentions in an article tell their role
                    key = (claim.article.id, id(value.entity))
                    seen[key] += 1
                    if seen[key] > _PERSON_WINDOWS:
                        continue
                wanted.append(i)
            encoded = encode([_window(*values[i]) for i in wanted])
            vectors = {i: encoded[k] for k, i in enumerate(wanted)}
        out.extend(_value_conflicts(values, bags, origin, context, person_context, vectors, margin))
        out.extend(_disputes(claims))
    out.extend(_speaker_conflicts(quotes, keys))
    out.extend(_quote_meaning(quote_entries, {a.id: a for a in articles}, keys))
    out.sort(key=lambda c: -c["score"])
    for number, entry in enumerate(out, 1):
        entry["id"] = f"x{number}"
    return out


def mark_disputed(sentences: list, contradictions: list[dict]) -> None:
    """Give each summary sentence the ids of the contradictions it reports a side of: a passage it cites is
    one side's claim and the sentence states that side's value, as written there or normalised.  A reader of
    "Twelve people were injured" learns there and then that another outlet says fifteen; a sentence that
    cites the passage for something else it says ("the wall collapsed on Tuesday") is not marked."""
    for sentence in sentences:
        cited = [(c.article_id, c.start, c.end) for c in sentence.citations]
        said = " ".join(sentence.text.lower().split())
        sentence.disputed = [
            entry["id"] for entry in contradictions
            if any(any(claim["article_id"] == article and claim["start"] < end and start < claim["end"]
                       for article, start, end in cited)
                   and any(" ".join(str(v).lower().split()) in said for v in (claim["value_text"], claim["value"]) if v)
                   for side in entry["sides"] for claim in side.get("claims") or ())]


def _context(claim: Claim, value: Value) -> dict[str, float]:
    """The claim's content words (stemmed) near the value, without the words of any stated value."""
    text = claim.article.text
    blocked = [v.span for v in claim.values if v.kind != "person"] + [value.span]
    tokens = []
    position = None
    for match in WORD.finditer(text, claim.span.start, claim.span.end):
        start = match.start()
        if position is None and start >= value.span.start:
            position = len(tokens)
        if any(s.start <= start < s.end for s in blocked):
            continue
        word = match.group(0).lower()
        if word in STOPWORDS or word in _NUMBER_WORDS or _NUMERIC.match(word) or len(word) < 2:
            continue
        tokens.append((len(tokens), stem(word)))
    if position is None:
        position = len(tokens)
    bag: dict[str, float] = defaultdict(float)
    for index, token in tokens:
        distance = abs(index - position + (0.5 if index >= position else -0.5))
        bag[token] += math.exp(-max(0.0, distance - 1.0) / _DECAY)
    if value.unit:
        bag[f"unit:{value.unit}"] += 1.0
    return bag


def _similarities(bags: list[dict[str, float]], members: list[int]):
    """Cosine of the IDF-weighted context bags of ``members`` (sparse, upper triangle)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, cols, data = [], [], []
    df: dict[str, int] = defaultdict(int)
    for i in members:
        for token in bags[i]:
            df[token] += 1
    n = len(members)
    for row, i in enumerate(members):
        for token, weight in bags[i].items():
            rows.append(row)
            cols.append(vocabulary.setdefault(token, len(vocabulary)))
            data.append(weight * (math.log((1 + n) / (1 + df[token])) + 1.0))
    matrix = csr_matrix((data, (rows, cols)), shape=(n, max(1, len(vocabulary))))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = csr_matrix(matrix.multiply(1.0 / norms[:, None]))
    return (matrix @ matrix.T).tocoo()


def _window(claim: Claim, value: Value, width: int = 12) -> str:
    """The claim's words around a value, the value masked: what the embedding compares."""
    text = claim.article.text
    before = WORD.findall(text[claim.span.start:value.span.start])[-width:]
    after = WORD.findall(text[value.span.end:claim.span.end])[:width]
    return " ".join(before + ["[value]"] + after)


def _value_conflicts(values, bags, origin, context: float, person_context: float, vectors=None,
                     margin: float = 0.2) -> list[dict]:
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, (_claim, value) in enumerate(values):
        if value.kind != "person":
            buckets[value.bucket].append(i)
    agree: dict[int, list[tuple[float, int]]] = defaultdict(list)
    candidates: list[tuple[float, int, int]] = []
    best: dict[tuple[int, str], float] = defaultdict(float)          # (value, other article) -> best score
    best_agreeing: dict[tuple[int, str], float] = defaultdict(float)  # the same among compatible values
    for members in buckets.values():
        if len(members) < 2:
            continue
        sims = _similarities(bags, members)
        if vectors is not None:
            sims = _with_meaning(sims, np.stack([vectors[i] for i in members]))
        pairs = {(r, c): float(sim) for r, c, sim in zip(sims.row, sims.col, sims.data) if r < c}
        for r, c in _one_persons_ages(values, members):
            pairs[(r, c)] = max(pairs.get((r, c), 0.0), _AGE_OF_ONE)
        for (r, c), sim in pairs.items():
            i, j = members[r], members[c]
            (ci, vi), (cj, vj) = values[i], values[j]
            # copies count once as support, but a copy that changes a figure still disagrees with its source
            if ci.article.id == cj.article.id or not comparable(vi, vj):
                continue
            agreeing = compatible(vi, vj)
            for key, own, other in (((i, cj.article.id), vi, vj), ((j, ci.article.id), vj, vi)):
                if _vague(other) and not _vague(own):
                    continue  # "tens of billions" neither answers nor outranks a specific figure
                best[key] = max(best[key], sim)
                if agreeing:
                    best_agreeing[key] = max(best_agreeing[key], sim)
            if sim < context:
                continue
            if agreeing:
                agree[i].append((sim, j))
                agree[j].append((sim, i))
            elif _plausible(vi, vj) and not (_states(ci, vj) and _states(cj, vi)) and not _owned_apart(ci, vi, cj, vj) \
                    and not _same_words(vi, vj) and not _dated_apart(ci, vi, cj, vj) \
                    and not _framed_apart(ci, vi, cj, vj) and not _outcomes_apart(ci, vi, cj, vj) \
                    and not _terms_apart(ci, vi, cj, vj) and not _increments_apart(ci, vi, cj, vj):
                candidates.append((sim, i, j))  # (claims stating both values agree on the pair)
    disagree = []
    for sim, i, j in candidates:
        there_j, there_i = values[j][0].article.id, values[i][0].article.id
        if sim < best[(i, there_j)] or sim < best[(j, there_i)]:
            continue  # each value has a closer counterpart in the other article: another slot
        if max(best_agreeing[(i, there_j)], best_agreeing[(j, there_i)]) >= sim - margin:
            continue  # the other article states this very value in a context nearly as close: two slots
        disagree.append((sim, i, j))
    disagree.extend(_person_conflicts(values, bags, origin, person_context, vectors))
    if not disagree:
        return []
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _sim, i, j in disagree:
        parent[find(i)] = find(j)
    components: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    for edge in disagree:
        components[find(edge[1])].append(edge)
    out = []
    for edges in components.values():
        entry = _contradiction(values, origin, edges, agree)
        if entry:
            out.append(entry)
    return out


def _with_meaning(lexical, embedded: np.ndarray):
    """Mean of lexical and embedding cosine, for the pairs either could put over a threshold."""
    from scipy.sparse import coo_matrix

    rows, cols, data = [], [], []
    dense_lexical = lexical.tocsr()
    for start in range(0, embedded.shape[0], 1024):
        block = embedded[start:start + 1024] @ embedded.T
        lex = dense_lexical[start:start + 1024].toarray()
        mixed = (block + lex) / 2
        r, c = np.nonzero(mixed >= 0.2)
        rows.append(r + start)
        cols.append(c)
        data.append(mixed[r, c])
    if not rows:
        return lexical
    n = embedded.shape[0]
    return coo_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def _one_persons_ages(values, members: list[int]) -> list[tuple[int, int]]:
    """The pairs (positions in ``members``) of ages that two articles give one named person: "Ann Lee, 27," or
    "the 27-year-old teacher Ann Lee" in one, "43-year-old Ann Lee" in another.  A person has one age, so such
    ages are about one thing whatever else their sentences say (:data:`_AGE_OF_ONE` is their context score)."""
    whose = [(k, _aged(*values[i])) for k, i in enumerate(members) if values[i][1].bucket == "age"]
    whose = [(k, person) for k, person in whose if person is not None]
    out = []
    for x, (r, first) in enumerate(whose):
        for c, second in whose[x + 1:]:
            if values[members[r]][0].article.id != values[members[c]][0].article.id and _one_person(first, second):
                out.append((min(r, c), max(r, c)))
    return out


def _one_person(a: Value, b: Value) -> bool:
    """Whether two person values name one person: one entity, or one name inside the other ("Lee" in "Ann
    Lee").  A shared family name alone is not enough here: a father and a son each have their own age."""
    return a.entity is b.entity or _name_inside(a.entity.name, b.entity.name)


def _aged(claim: Claim, value: Value) -> Value | None:
    """The person an age is given to in its claim: named right before it and set off ("Ann Lee, 27,", "Ann Lee —
    a 27-year-old nurse"), or right after it, a few describing words on ("the 27-year-old nurse Ann Lee")."""
    text = claim.article.text
    people = [v for v in claim.values if v.kind == "person"]
    before = [v for v in people if v.span.end <= value.span.start]
    if before:
        last = max(before, key=lambda v: v.span.end)
        if _SET_OFF.fullmatch(text, last.span.end, value.span.start):
            return last
    after = [v for v in people if v.span.start >= value.span.end]
    if after:
        first = min(after, key=lambda v: v.span.start)
        if _DESCRIBED.fullmatch(text, value.span.end, first.span.start):
            return first
    return None


def _person_conflicts(values, bags, origin, floor: float, vectors=None) -> list[tuple[float, int, int]]:
    """Two people who are never named together, each in the role the other has in other outlets.

    Each person's context is gathered over all their mentions in one article.  "Officer Ray Dunn shot
    the man" in one outlet and "Officer Ray Dorn shot the man" in another are one role with two names;
    two people named together in any article are two people, whatever their contexts.  The bar is
    ``floor`` × 2, and lower for: two people with one given name (× 1); a person only one origin names
    against one that two or more other origins name, one outlet naming someone else in the role the others
    agree on (× ``_LONE_NAME``); the leads of two articles (× ``_LEAD``, see :func:`_leads`).  A person an
    article names only in claims set over a year back (:func:`_long_before`) is not matched with one named
    in the present: "Richard Nixon ordered the break-in in 1972" and "Chairman Richard Burr said".
    """
    people: dict[tuple[str, int], list[int]] = defaultdict(list)  # (article id, entity) -> value indexes
    named: dict[str, set[int]] = defaultdict(set)
    for i, (claim, value) in enumerate(values):
        if value.kind == "person" and _name_shaped(value.entity.name):
            named[claim.article.id].add(id(value.entity))
            if not _listed(claim, value):
                people[(claim.article.id, id(value.entity))].append(i)
    together = {(a, b) for group in named.values() for a in group for b in group}
    keys = list(people)
    present = _present(values)
    past = {key for key in keys if all(_long_before(values[i][0], present) for i in people[key])}
    merged: list[dict[str, float]] = []
    for key in keys:
        bag: dict[str, float] = defaultdict(float)
        for i in people[key]:
            for token, weight in bags[i].items():
                bag[token] += weight
        merged.append(bag)
    if len(keys) < 2:
        return []
    sims = _similarities(merged, list(range(len(keys))))
    if vectors is not None:  # with meaning: the mean embedding of the words around each mention, name masked
        mean = np.stack([np.mean([vectors[i] for i in people[key] if i in vectors], axis=0) for key in keys])
        sims = _with_meaning(sims, mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12))
    origins: dict[int, set[str]] = defaultdict(set)  # entity -> the origins naming it
    for (_article_id, entity), indexes in people.items():
        origins[entity].add(origin[indexes[0]])
    leads = _leads(people)
    out = []
    for r, c, sim in zip(sims.row, sims.col, sims.data):
        if r >= c or sim < floor:
            continue
        a, b = keys[r][1], keys[c][1]
        if a == b or (a, b) in together or (keys[r] in past) != (keys[c] in past):
            continue  # one person, two named together, or one named only in the past ("Nixon ordered … in 1972")
        first, second = values[people[keys[r]][0]][1].entity, values[people[keys[c]][0]][1].entity
        if _one_name(first.name, second.name):
            continue
        few, many = sorted((origins[a], origins[b]), key=len)
        lone = len(few) == 1 and len(many) >= 2 and not few & many and sim >= floor * _LONE_NAME
        lead = keys[r] in leads and keys[c] in leads and sim >= floor * _LEAD
        if sim < floor * 2 and not lone and not lead and not _same_given_name(first.name, second.name):
            continue  # weak context: only a shared given name ("Jason Chaffetz" / "Jason Adelman") is enough
        out.append((float(sim), people[keys[r]][0], people[keys[c]][0]))
    return out + _role_conflicts(values, people, together, past)


def _listed(claim: Claim, value: Value) -> bool:
    """Whether a person is named in a list of three or more names ("stars such as Ann Lee, Bo Ray and Cy
    Tan"): one of several examples, which says nothing of who holds a role, so no person conflict is read
    from it (the person still counts as named in the article)."""
    text = claim.article.text
    return any(m.start() <= value.span.start and value.span.end <= m.end()
               for m in _NAME_LIST.finditer(text, claim.span.start, claim.span.end))


def _leads(people: dict) -> set:
    """The (article, person) keys of each article's lead: the person it is about, named ``_LEAD_MENTIONS`` times
    or more and ``_LEAD_DOMINANCE`` times as often as anyone else it names.  An outlet whose report is about
    someone the other outlets never name, while theirs is about someone it never names, in words that read
    alike, has the person wrong.  Two articles that each quote a different resident or senator most, a few
    times each, are not about them: no lead."""
    counts: dict[str, list[int]] = defaultdict(list)
    for (article_id, _entity), indexes in people.items():
        counts[article_id].append(len(indexes))
    out = set()
    for key, indexes in people.items():
        ranked = sorted(counts[key[0]], reverse=True)
        runner_up = ranked[1] if len(ranked) > 1 else 0
        if len(indexes) >= _LEAD_MENTIONS and len(indexes) == ranked[0] and runner_up * _LEAD_DOMINANCE <= len(indexes):
            out.add(key)
    return out


def _role_conflicts(values, people: dict, together: set, past: set) -> list[tuple[float, int, int]]:
    """Two people never named together who are given the one specific title ("House Speaker", "Delaware
    County District Attorney") and are its only holders in the story: two outlets name a different person
    in one office.  One-word titles ("Sen.", "President") are held by many and do not count, nor does a person
    an article names only in claims dated over a year before it ("Ten years ago, Attorney General John
    Ashcroft …": a past holder, in ``past``, as :func:`_person_conflicts` finds them)."""
    holders: dict[str, dict[int, int]] = defaultdict(dict)  # title -> entity -> one value index
    for key, indexes in people.items():
        if key in past:
            continue
        entity = key[1]
        for role in values[indexes[0]][1].entity.roles:
            title = fold(role)
            if len(title.split()) >= 2:
                holders[title].setdefault(entity, indexes[0])
    out = []
    for title, held in holders.items():
        if len(held) == 2:
            (a, i), (b, j) = held.items()
            if (a, b) not in together and not _one_name(values[i][1].entity.name, values[j][1].entity.name):
                out.append((_ROLE_SCORE, i, j))
    return out


def _present(values) -> dict[str, int | None]:
    """Each article's "now", as a day ordinal: its publication day; for an undated article the latest
    publication day of the story's dated articles; None when no article is dated.  (Not the latest date a
    claim states: "by 2050" is no present.)"""
    days: dict[str, int | None] = {}
    for claim, _value in values:
        article = claim.article
        if article.id not in days:
            try:
                days[article.id] = datetime.fromisoformat(article.published[:10]).toordinal()
            except (TypeError, ValueError):
                days[article.id] = None
    latest = max((day for day in days.values() if day is not None), default=None)
    return {article_id: latest if day is None else day for article_id, day in days.items()}


def _long_before(claim: Claim, present: dict[str, int | None]) -> bool:
    """Whether the claim is set over a year before its article's present (:func:`_present`): it states a date
    that ends then, or says so in words ("Ten years ago", "decades earlier")."""
    day = present.get(claim.article.id)
    if day is not None and any(v.kind == "date" and v.high < day - 366 for v in claim.values):
        return True
    return bool(_YEARS_AGO.search(claim.text))


def _plausible(a: Value, b: Value, *, nearest: bool = False) -> bool:
    """Whether two different values can be two accounts of one thing rather than two things.

    Figures more than ``_MAX_RATIO`` apart ("one day" and "three years", "5 inches" and "4 feet") or dates
    more than ten years apart ("Wednesday" and "pre-2014") are taken to describe different things, however
    alike their contexts read.  Figures are compared at their middles, or with ``nearest`` at their nearest
    ends: an outlet correcting "millions" (2 to 20 million) with "several hundred thousand" (200,000 to a
    million) says itself that the two are one thing, a disagreement of one order.
    """
    if a.kind == "date":
        gap = max(a.low, b.low) - min(a.high, b.high)
        return gap <= 3653
    if nearest:
        lower, upper = sorted((a, b), key=lambda v: v.low + v.high)
        return lower.high > 0 and upper.low / lower.high <= _MAX_RATIO
    small = min(abs(a.low + a.high), abs(b.low + b.high))
    large = max(abs(a.low + a.high), abs(b.low + b.high))
    return small > 0 and large / small <= _MAX_RATIO


def _vague(value: Value) -> bool:
    """A figure that spans an order of magnitude ("tens of billions of dollars", "thousands of people")."""
    return value.low > 0 and value.high / value.low >= _VAGUE_SPAN


def _one_name(a: str, b: str) -> bool:
    """Whether two names can be one person's: one inside the other ("Ben Abruzzo" in a tagger's "Albuquerqueans
    Ben Abruzzo"), or the same family name ("Jon Hubbard" / "Jonathan Hubbard", "Camp" / "Dave Camp", "Bill
    Taylor" / "William W. Taylor III")."""
    first, second = fold(a).split(), fold(b).split()
    return bool(first) and bool(second) and (_name_inside(a, b) or family_name(first) == family_name(second))


def _name_inside(a: str, b: str) -> bool:
    """Whether one name's words run whole inside the other's ("Lee" in "Ann Lee"), compared folded."""
    first, second = fold(a).split(), fold(b).split()
    shorter, longer = sorted((first, second), key=len)
    return bool(shorter) and any(longer[k:k + len(shorter)] == shorter for k in range(len(longer) - len(shorter) + 1))


def _name_shaped(name: str) -> bool:
    """Whether a tagger's person is written as people write a name: one to five words, the first capitalised,
    the last with a capital and a small letter ("Ann Lee", "Lee", "Émile O'Brien", "Bashar al-Assad",
    "Ludwig van Beethoven"; not "van", "mug", "M.B. A.")."""
    words = name.split()
    return 1 <= len(words) <= 5 and words[0][0].isupper() and \
        any(c.isupper() for c in words[-1]) and any(c.islower() for c in words[-1])


def _same_given_name(a: str, b: str) -> bool:
    first, second = a.split(), b.split()
    return len(first) >= 2 and len(second) >= 2 and first[0].lower() == second[0].lower() \
        and first[-1].lower() != second[-1].lower()


def _same_words(a: Value, b: Value) -> bool:
    """Whether two dates are the same words with no year ("Tuesday", "in March", "today"), which differ only
    because they were read against different article dates: the outlets wrote the same thing."""
    return a.kind == "date" and not _YEAR.search(a.text) and fold(a.text) == fold(b.text)


def _owner(claim: Claim, value: Value) -> str | None:
    """Whose the figure is when a possessive comes right before it: "his two kids" -> "his", "Lind's 3 dogs"
    -> "lind"."""
    text = claim.article.text
    found = _OWNER.search(text, max(claim.span.start, value.span.start - 30), value.span.start)
    return None if found is None else fold(found.group(1) or found.group(2))


def _holder(claim: Claim, value: Value):
    """The person a figure is stated of: the one named last before it in its claim, at most 20 words back, with no
    speech verb between ("Hansbrough scored 20 points", "Klitschko (52-3, 46 KOs)"), or None."""
    before = [v for v in claim.values if v.kind == "person" and v.span.end <= value.span.start]
    if not before:
        return None
    person = max(before, key=lambda v: v.span.end)
    between = claim.article.text[person.span.end:value.span.start]
    if len(WORD.findall(between)) > _HOLDER_WORDS or _SPEECH_BETWEEN.search(between):
        return None
    return person


def _owned_apart(ci: Claim, vi: Value, cj: Claim, vj: Value) -> bool:
    """Whether two figures are plainly different people's: each stated right after a different person
    (:func:`_holder`), or after different possessives: "his two kids" and "her six kids", "Lind's three dogs"
    and "Quist's five dogs".  A pronoun against a name ("his" and "Lind's") may be one person."""
    if vi.bucket == "age":  # whose age, when names say so: "Bo Ray, 58," and "his 28-year-old son-in-law, Cy Tan"
        ai, aj = _aged(ci, vi), _aged(cj, vj)
        if ai is not None and aj is not None:
            return not _one_person(ai, aj)
    hi, hj = _holder(ci, vi), _holder(cj, vj)
    if hi is not None and hj is not None and hi.entity is not hj.entity and \
            not _one_name(hi.entity.name, hj.entity.name):
        return True
    a, b = _owner(ci, vi), _owner(cj, vj)
    if a is None or b is None or a == b:
        return False
    pronouns = {a, b} & {"his", "her"}
    return len(pronouns) == 2 or not pronouns


def _dated_apart(ci: Claim, vi: Value, cj: Claim, vj: Value) -> bool:
    """Whether two figures are dated to different times by their own claims: "seven people were killed on
    Saturday" and "the bombing on May 22 that killed 22 people", "a low of $26,984 in 2010" and "$31,213
    last year".  Each claim must state a date and no date of one may agree with a date of the other."""
    if vi.kind == "date":
        return False
    first = [v for v in ci.values if v.kind == "date"]
    second = [v for v in cj.values if v.kind == "date"]
    return bool(first) and bool(second) and not any(
        compatible(a, b) or _same_words(a, b) for a in first for b in second)


def _frames(claim: Claim, value: Value) -> set[tuple[str, str]]:
    """The time frames ``claim`` counts over, as (modifier or "", period), leaving out ``value``'s own words
    ("54 games" is the figure of "in 54 games", not its frame)."""
    out = set()
    for found in _FRAMED.finditer(claim.article.text, claim.span.start, claim.span.end):
        if found.start() < value.span.end and value.span.start < found.end():
            continue
        modifier = (found.group(1) or found.group(2) or "").lower()
        out.add((_FRAME_MODIFIER.get(modifier, modifier), found.group(3).lower()))
    return out


def _framed_apart(ci: Claim, vi: Value, cj: Claim, vj: Value) -> bool:
    """Whether two figures are counted over different time frames by their own claims: "176 receiving yards
    since Week 11" and "258 receiving yards this season", "nine touchdowns in 10 games" and "11 touchdowns
    this year".  Both claims must name a frame, and no frame of one may be of the same period as one of the
    other's with no clashing modifier ("this season" and "last season" clash; "the season" and "this
    season" do not, nor do "the past year" and "the last year")."""
    first, second = _frames(ci, vi), _frames(cj, vj)
    return bool(first) and bool(second) and not any(
        p == q and (not m or not n or m == n) for m, p in first for n, q in second)


def _outcome(claim: Claim, value: Value) -> str | None:
    """What happened to what a count counts, as its class ("dead", "injured", "damaged", ...), when the count's
    own phrase names it: the nearest outcome word at most a few words away, not past a comma or a
    conjunction ("Twelve people were killed and 70 others were injured": 70 were injured)."""
    text = claim.article.text
    before = text[max(claim.span.start, value.span.start - 80):value.span.start]
    breaks = list(_OUTCOME_BREAK.finditer(before))
    offset = value.span.start - len(before)
    start = offset + (breaks[-1].end() if breaks else 0)
    after = text[value.span.end:min(claim.span.end, value.span.end + 80)]
    stop = _OUTCOME_BREAK.search(after)
    end = value.span.end + (stop.start() if stop else len(after))
    found = []
    for match in _OUTCOME.finditer(text, start, end):
        if match.end() <= value.span.start:
            distance = len(WORD.findall(text, match.end(), value.span.start))
        elif match.start() >= value.span.end:
            distance = len(WORD.findall(text, value.span.end, match.start()))
        else:
            continue
        if distance <= _OUTCOME_WORDS:
            found.append((distance, match.lastgroup))
    return min(found)[1] if found else None


def _outcomes_apart(ci: Claim, vi: Value, cj: Claim, vj: Value) -> bool:
    """Whether two counts are of different outcomes by the words next to them: "killing 12" and "injuring 40",
    "damaged 300 houses" and "destroyed 800 homes".  Both counts must name one."""
    if not vi.bucket.startswith("count"):
        return False
    first, second = _outcome(ci, vi), _outcome(cj, vj)
    return first is not None and second is not None and first != second


def _increment(claim: Claim, value: Value) -> bool:
    """Whether a count is of what was added to something ("add 12 more people to the list", "another 300
    soldiers", "40 new cases", "an additional 5,000 troops", "two other children"), not a total."""
    text = claim.article.text
    return bool(_MORE_AFTER.match(text, value.span.end, claim.span.end)
                or _MORE_BEFORE.search(text, max(claim.span.start, value.span.start - 20), value.span.start))


def _increments_apart(ci: Claim, vi: Value, cj: Claim, vj: Value) -> bool:
    """Whether one count is an increment and the other a total: "12 more people" added to a list of 11."""
    return vi.bucket.startswith("count") and _increment(ci, vi) != _increment(cj, vj)


def _term(claim: Claim, value: Value) -> str | None:
    """What a duration is a term of, when the words right after it say: "six months in county jail" and "a
    14-year prison sentence" are custody, "three years probation" is probation."""
    after = claim.article.text[value.span.end:min(claim.span.end, value.span.end + 40)]
    found = _TERM.match(after)
    return None if found is None else found.lastgroup


def _terms_apart(ci: Claim, vi: Value, cj: Claim, vj: Value) -> bool:
    """Whether two durations are terms of different kinds: time in jail and time on probation."""
    if not vi.bucket.startswith("duration"):
        return False
    first, second = _term(ci, vi), _term(cj, vj)
    return first is not None and second is not None and first != second


def _states(claim: Claim, other: Value) -> bool:
    return any(comparable(v, other) and compatible(v, other) for v in claim.values)


def _contradiction(values, origin, edges, agree) -> dict | None:
    members = sorted({i for _s, i, j in edges} | {j for _s, i, j in edges})
    sides: list[list[int]] = []
    for i in sorted(members, key=lambda k: (values[k][1].low, values[k][1].high)):
        for side in sides:
            if compatible(values[side[0]][1], values[i][1]):
                side.append(i)
                break
        else:
            sides.append([i])
    for side in sides:  # claims that agree with a side, though not themselves in a disagreement
        seen = set(side)
        for i in list(side):
            for _sim, k in agree.get(i, []):
                if k not in seen and compatible(values[side[0]][1], values[k][1]) and \
                        all(not compatible(values[other[0]][1], values[k][1]) for other in sides if other is not side):
                    side.append(k)
                    seen.add(k)
    if len(sides) < 2:
        return None
    kind = values[members[0]][1].kind
    rendered = [_side(values, origin, side) for side in sides]
    rendered.sort(key=lambda s: (s["first_published"] or "9999", -s["independent_sources"]))
    status = "conflict"
    if kind == "number" and all(values[i][1].changeable for i in members):
        times = [s["first_published"] for s in rendered]
        if all(times) and _hours(times[0], times[-1]) >= _UPDATE_GAP_HOURS and len(set(times)) == len(times):
            status = "update"
    explanation = _explain(kind, status, rendered)
    for side in rendered:
        side.pop("first_published")
    return _entry(kind, status, explanation, rendered, round(max(s for s, _i, _j in edges), 3))


def _side(values, origin, side: list[int]) -> dict:
    side = sorted(side, key=lambda i: (values[i][0].article.arrival_key, values[i][1].span.start))
    claims = [_claim_entry(claim.article, claim.span, value.span, value.text, value.display)
              for claim, value in (values[i] for i in side)]
    first = values[side[0]][1]
    entry = _side_entry(first.display, first.text, claims, {origin[i] for i in side})
    entry["first_published"] = min((values[i][0].article.published or "" for i in side), default="") or None
    return entry


def _claim_entry(article: Article, span: Span, value_span: Span, value_text: str, value: str) -> dict:
    """One side's claim: the article, the claim's words and, inside them, the value as written and normalised."""
    return {"article_id": article.id, "outlet": article.display_outlet, "published": article.published,
            "start": span.start, "end": span.end, "text": article.text[span.start:span.end],
            "value_start": value_span.start, "value_end": value_span.end, "value_text": value_text, "value": value}


def _side_entry(value: str, text: str, claims: list[dict], origins: set[str], **extra) -> dict:
    return {"value": value, "text": text, "sources": list(dict.fromkeys(c["article_id"] for c in claims)),
            "independent_sources": len(origins), "claims": claims,
            "citations": [Citation(c["article_id"], c["start"], c["end"]).to_dict() for c in claims], **extra}


def _entry(kind: str, status: str, explanation: str, sides: list[dict], score: float) -> dict:
    return {"kind": kind, "status": status, "explanation": explanation, "sides": sides,
            "citations": [c for side in sides for c in side["citations"]], "score": score}


def _hours(first: str, last: str) -> float:
    try:
        a = datetime.fromisoformat(first.replace("Z", "+00:00"))
        b = datetime.fromisoformat(last.replace("Z", "+00:00"))
        if (a.tzinfo is None) != (b.tzinfo is None):
            a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
        return (b - a).total_seconds() / 3600
    except ValueError:
        return 0.0


def _explain(kind: str, status: str, sides: list[dict]) -> str:
    said = "; ".join(f"{', '.join(_outlets(s))}: “{s['text']}” ({s['value']})" for s in sides)
    if status == "update":
        return f"The figure changed between reports: {said}."
    noun = {"number": "figures", "date": "dates", "person": "people"}.get(kind, "values")
    return f"Outlets give different {noun} for the same thing: {said}."


def _outlets(side: dict) -> list[str]:
    return list(dict.fromkeys(c["outlet"] for c in side["claims"]))


# --- an outlet disputing a figure it reports -------------------------------------------------------------

def _disputes(claims: list[Claim]) -> list[dict]:
    """A claimed figure followed, in the same or the next sentence, by the outlet's different figure."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article.id].append(claim)
    out = []
    for article_claims in by_article.values():
        article = article_claims[0].article
        numbered = [(c, v) for c in article_claims for v in c.values if v.kind != "person"]
        for a in range(len(numbered)):
            claim_a, first = numbered[a]
            for b in range(a + 1, len(numbered)):
                claim_b, second = numbered[b]
                if claim_b.index - claim_a.index > 1:
                    break
                if not comparable(first, second) or compatible(first, second) or second.span.start <= first.span.end \
                        or not _plausible(first, second, nearest=True):
                    continue  # a correction is of the same order: "in 2009" is not corrected by "in 1920"
                between = article.text[first.span.end:second.span.start]
                before = article.text[claim_a.sentence.start:first.span.start]
                contrast = _DISPUTE.search(between) or \
                    _CONTRAST_AFTER.match(article.text, second.span.end, claim_b.sentence.end) or \
                    (claim_a.sentence == claim_b.sentence and _CONCEDING.match(before))
                if not (contrast and _CORRECTION.search(between)
                        and (_CLAIMED.search(before) or _in_quotes(article.text, claim_a.sentence, first.span))):
                    continue
                out.append(_dispute(article, claim_a, first, claim_b, second))
    return out


def _in_quotes(text: str, sentence: Span, span: Span) -> bool:
    before = text[sentence.start:span.start]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def _dispute(article: Article, claim_a: Claim, first: Value, claim_b: Claim, second: Value) -> dict:
    sides = [_side_entry(value.display, value.text, [_claim_entry(article, claim.span, value.span, value.text,
                                                                  value.display)], {article.id}, role=role)
             for claim, value, role in ((claim_a, first, "claimed"), (claim_b, second, "correction"))]
    return _entry(first.kind, "disputed",
                  f"{article.display_outlet} reports “{first.text}” and disputes it: “{second.text}”.", sides, 1.0)


# --- quotes ----------------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(w.lower().replace("’", "'") for w in WORD.findall(text))


def _speaker_conflicts(quotes, keys: dict[str, str]) -> list[dict]:
    """The same quoted words given to different speakers by different outlets."""
    direct = [q for q in quotes if q.kind != "paraphrase" and q.speaker is not None and len(WORD.findall(q.text)) >= 6]
    by_text: dict[str, list] = defaultdict(list)
    for quote in direct:
        by_text[_norm(quote.text)].append(quote)
    texts = sorted(by_text)
    # one quote's words inside another's count as the same quote: look up by the first six words
    heads: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        words = text.split()
        for k in range(0, max(1, len(words) - 5)):
            heads[" ".join(words[k:k + 6])].append(text)
    groups: dict[str, set[str]] = {}
    for text in texts:
        head = " ".join(text.split()[:6])
        for other in heads.get(head, []):
            # near the whole quote: a fragment of a longer one may be words it reports ("X said Y wanted ...")
            if other != text and text in other and len(text.split()) >= 0.8 * len(other.split()):
                groups.setdefault(other, {other}).add(text)
        groups.setdefault(text, {text})
    out, done = [], set()
    for text, members in groups.items():
        if text in done:
            continue
        quoted = [q for m in members for q in by_text[m]]
        done.update(members)
        speakers: dict[int, list] = defaultdict(list)
        for quote in quoted:
            speakers[id(quote.speaker)].append(quote)
        if len(speakers) < 2:
            continue
        people = [qs[0].speaker for qs in speakers.values()]
        if len(people) == 2 and (_one_name(people[0].name, people[1].name) or people[0].type != people[1].type):
            continue  # "Jon Hubbard" / "Jonathan Hubbard"; a firm and the lawyer speaking for it
        if len({q.article.id for q in quoted}) < 2:
            continue
        sides = [_side_entry(qs[0].speaker.name, qs[0].speaker_text or qs[0].speaker.name,
                             [_claim_entry(q.article, q.span, q.span, q.text, q.speaker.name) for q in qs],
                             {origin_of(q.article, q.span, keys) for q in qs})
                 for qs in speakers.values()]
        names = " / ".join(s["value"] for s in sides)
        out.append(_entry("speaker", "conflict", f"Outlets attribute the same words to different people ({names}).",
                          sides, 0.9))
    return out


def _figure(words: str) -> bool:
    return any(w.isdigit() or w in _NUMBER_WORDS for w in words.split())


def _quote_meaning(entries, articles: dict[str, Article], keys: dict[str, str]) -> list[dict]:
    """Variants of one quote, worded alike, that differ in a negation or in a figure: the meaning changed."""
    out = []
    for entry in entries:
        changed = []
        for variant in entry.get("variants", []):
            # a passage one outlet left out makes a shorter version, not a changed one ("not" added still counts)
            kept = [d for d in variant["differences"]
                    if (d["from"] and d["to"]) or len((d["from"] or d["to"]).split()) <= _ELISION_WORDS]
            if len(kept) > _REWORDED:
                continue  # worded another way throughout: "am I going to be OK?" / "I'm not going to die, am I?"
            for difference in kept:
                words = set(difference["from"].split()) | set(difference["to"].split())
                # a negation added or dropped, or a figure that became another ("12" -> "20"; not the "one" of
                # "you say one thing" standing in for other words)
                if words & _NEGATION or any(w.endswith("n't") for w in words) or \
                        _figure(difference["from"]) and _figure(difference["to"]):
                    changed.append((variant, difference))
                    break
        if not changed:
            continue
        changed_ids = {v["article_id"] for v, _ in changed}
        reference = next((c for c in entry["citations"] if c["article_id"] not in changed_ids), entry["citations"][0])

        def side(citation: dict, text: str, words: str, **extra) -> dict:
            article = articles[citation["article_id"]]
            span = Span(citation["start"], citation["end"])
            return _side_entry(words, text, [_claim_entry(article, span, span, words, words)],
                               {origin_of(article, span, keys)}, **extra)

        sides = [side(reference, entry["text"], changed[0][1]["from"])]
        for variant, difference in changed:
            citation = next(c for c in entry["citations"] if c["article_id"] == variant["article_id"])
            sides.append(side(citation, variant["text"], difference["to"], difference=difference))
        words = "; ".join(f"“{d['from']}” → “{d['to']}”" for _v, d in changed)
        out.append(_entry("quote", "conflict", f"Versions of one quote differ in words that change its meaning: {words}.",
                          sides, 0.8))
    return out
