"""Contradiction detection on planted disagreements, one table: precision, recall, false alarms, by kind.

Data: ../shared/dev/multinews-val/validation.jsonl (250 real news clusters).  Each cluster is one story
(the gold grouping, so that clustering errors do not blur this measure).  In every cluster where a figure,
an absolute date or a person is stated by two or more independent articles, one article is changed: the
figure is scaled, the year or day is moved, or the person's family name is replaced (in that article only)
by a family name from another cluster, half the time with the given name too.  Only names shaped like a
person's are changed, and only into such names (see ``_name_pools``): a tagger also takes teams and brands
("Seattle Reign", "Keurig 2.0") for people, and changing those is no person conflict.  Each kind draws
from its own random stream, so a change to one kind's planting leaves the others' plants as they were.
The gold is "a contradiction that names the new value in that article".  Clusters are split by a hash of
their id: "tune" (thresholds and rules were chosen on it) and "held-out" (40%, scored as is).

- recall: planted changes found (a contradiction with a side whose claim in the changed article states
  the new value);
- precision: of the contradictions reported on a changed cluster that were not already reported on the
  same cluster unchanged, the share that name the planted value (a contradiction the unchanged cluster
  already had is a natural one, counted under false alarms instead);
- false alarms: contradictions reported on the unchanged clusters, per cluster, by kind; the "quote" row
  counts quote wording and quote speakers, where nothing is planted.  Multi-News clusters do contain real
  disagreements, so this is an upper bound on false alarms.

A second false-alarm sample, from another corpus and never planted on: ECB+ dev's 30 gold events
(../shared/dev/ecbplus-dev), each event's documents as one unchanged story.  ECB+ text comes
space-tokenised ("checked in , her rep said ."); it is joined back into ordinary text first
(:func:`detokenize`).  Its events hold many people and figures at once (box scores, quake tolls revised
over a day), and outlets there also disagree for real, so this too is an upper bound.

Baseline, same clusters, same run: sentences of different articles with TF-IDF cosine >= 0.5 whose
digits or capitalised words differ (the usual "similar sentences, different numbers" check).

Usage: python bench/contradictions.py [--shared ../shared] [--limit N] [--split all|tune|held-out] [--no-ecb]
                                    [--quiet]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsfuse import Config
from newsfuse.model import Corpus, Story
from multinews import add_arguments, chosen_parts, load_clusters, part_of, process  # noqa: F401 (the tests use them)

KINDS = ("number", "date", "person")
MIN_WORDS = Config.default().synthesize.min_sentence_words
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def document_of(source_path: str) -> int:
    return int(source_path.rsplit("/", 1)[1].split(".")[0])


# --- planting ---------------------------------------------------------------------------------------------

def candidates(story: Story, corpus: Corpus) -> dict[str, list[tuple]]:
    """Values stated by two or more articles of the story: (kind, surface, article, new surface maker)."""
    from newsfuse.stages.synthesize import _claims
    by_id = corpus.by_id()
    articles = [by_id[a] for a in story.article_ids if not by_id[a].duplicate_of]
    claims = _claims(articles, MIN_WORDS, story.entity_index)
    shared: dict[str, dict[tuple, set[str]]] = {k: defaultdict(set) for k in KINDS}
    surfaces: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for claim in claims:
        for value in claim.values:
            if value.kind == "person":
                key = ("person", value.entity.id)
                if len(value.entity.name.split()) < 2:
                    continue
            elif value.kind == "number":
                if not _DIGITS.search(value.text):
                    continue
                key = ("number", value.bucket, value.unit, value.display)
            else:
                if not re.search(r"\b(?:19|20)\d\d\b", value.text):
                    continue
                key = ("date", value.display)
            shared[value.kind][key].add(claim.article.id)
            surfaces[key].append((claim.article.id, value.text if value.kind != "person" else value.entity.name))
    out: dict[str, list[tuple]] = {k: [] for k in KINDS}
    for kind in KINDS:
        for key, ids in shared[kind].items():
            if len(ids) >= 2:
                out[kind].append((key, sorted(ids), surfaces[key]))
    return out


def new_number(surface: str, rng: random.Random) -> str | None:
    match = _DIGITS.search(surface)
    if not match:
        return None
    digits = match.group(0)
    value = float(digits.replace(",", ""))
    if value == 0:
        return None
    factor = rng.choice([0.5, 2.0, 3.0, 1.6]) if value >= 4 else rng.choice([2.0, 3.0])
    changed = value * factor
    if "." in digits:
        text = f"{changed:.{len(digits.split('.')[1])}f}"
    else:
        changed = int(round(changed)) + (1 if int(round(changed)) % 10 == 0 else 0)
        text = f"{changed:,}" if "," in digits or changed >= 10000 else str(changed)
    return surface[:match.start()] + text + surface[match.end():]


def new_date(surface: str, rng: random.Random) -> str | None:
    match = re.search(r"\b((?:19|20)\d\d)\b", surface)
    if not match:
        return None
    year = int(match.group(1)) + rng.choice([-3, -2, 2, 3])
    return surface[:match.start()] + str(year) + surface[match.end():]


def plant(cluster: dict, story: Story, corpus: Corpus, rngs: dict[str, random.Random],
          pools: tuple[list[str], list[str]]) -> list[dict]:
    """Up to one planted change per kind: the changed documents and what must be found.  ``rngs`` holds
    one random stream per kind; ``pools`` the given and family names of :func:`_name_pools`."""
    by_id = corpus.by_id()
    found = candidates(story, corpus)
    given_names, family_names = pools
    known_given = set(given_names)
    plants = []
    for kind in KINDS:
        rng = rngs[kind]
        options = found[kind]
        if kind == "person":
            options = [(key, ids, surfaces) for key, ids, surfaces in options
                       if _person_shaped(surfaces[0][1], known_given)]
        rng.shuffle(options)
        for key, ids, surfaces in options:
            target = by_id[rng.choice(ids)]
            k = document_of(target.source_path)
            raw = cluster["documents"][k]
            old = next(s for aid, s in surfaces if aid == target.id)
            if kind == "person":
                # half the time a wrong family name, half the time a wholly different person
                text = " ".join(cluster["documents"])
                unused = [p for p in family_names if p not in text]
                givens = [p for p in given_names if p not in text]
                if not unused or not givens:
                    continue
                surname, given = old.split()[-1], old.split()[0]
                replacement, other_given = rng.choice(unused), rng.choice(givens)
                if not re.search(rf"\b{re.escape(surname)}\b", raw):
                    continue
                changed = raw
                if rng.random() < 0.5:
                    changed = re.sub(rf"\b{re.escape(given)}(\s+(?:[A-Z]\.\s+)?{re.escape(surname)})\b",
                                     lambda m: other_given + m.group(1), changed)
                changed = re.sub(rf"\b{re.escape(surname)}\b", replacement, changed)
                new = replacement
                marker = replacement
            else:
                new = new_number(old, rng) if kind == "number" else new_date(old, rng)
                if not new or new == old or old not in raw:
                    continue
                changed = raw.replace(old, new)
                marker = new
            documents = list(cluster["documents"])
            documents[k] = changed
            plants.append({"cluster": cluster["id"], "kind": kind, "document": k, "old": old, "new": new,
                           "marker": marker, "documents": documents})
            break
    return plants


# --- scoring ----------------------------------------------------------------------------------------------

def signature(contradiction: dict, corpus: Corpus) -> frozenset:
    """What a contradiction says, independent of article ids: (document, value text) of every claim."""
    by_id = corpus.by_id()
    items = set()
    for side in contradiction["sides"]:
        for citation in side["citations"]:
            article = by_id[citation["article_id"]]
            items.add((document_of(article.source_path), side["value"]))
    return frozenset(items)


def names_plant(contradiction: dict, plant: dict, corpus: Corpus) -> bool:
    by_id = corpus.by_id()
    for side in contradiction["sides"]:
        for claim in side.get("claims") or []:
            article = by_id[claim["article_id"]]
            if document_of(article.source_path) != plant["document"]:
                continue
            if plant["marker"] in claim["value_text"] or plant["marker"] in side["value"]:
                return True
    return False


def baseline(story: Story, corpus: Corpus) -> list[dict]:
    """Similar sentences (TF-IDF cosine >= 0.5) of different articles whose digits or capitalised words differ."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    by_id = corpus.by_id()
    rows = [(by_id[a], s) for a in story.article_ids for s in by_id[a].sentences]
    if len(rows) < 2:
        return []
    texts = [a.text[s.start:s.end] for a, s in rows]
    matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
    sims = (matrix @ matrix.T).tocoo()
    out = []
    for i, j, sim in zip(sims.row, sims.col, sims.data):
        if i >= j or sim < 0.5 or rows[i][0].id == rows[j][0].id:
            continue
        for pattern, kind in ((r"\d[\d,.]*", "number"), (r"\b[A-Z][a-z]+\b", "name")):
            a, b = set(re.findall(pattern, texts[i])), set(re.findall(pattern, texts[j]))
            if a and b and a != b:
                sides = []
                for index, only in ((i, a - b), (j, b - a)):
                    article, span = rows[index]
                    sides.append({"value": " ".join(sorted(only)), "text": " ".join(sorted(only)),
                                  "claims": [{"article_id": article.id, "start": span.start, "end": span.end,
                                              "text": texts[index], "value_text": " ".join(sorted(only))}],
                                  "citations": [{"article_id": article.id, "start": span.start, "end": span.end}]})
                out.append({"kind": kind, "sides": sides})
                break
    return out


def evaluate(clusters: list[dict], config: Config, *, seed: int = 11) -> dict:
    documents = {c["id"]: c["documents"] for c in clusters}
    started = time.perf_counter()
    plain = process(clusters, documents, config)
    seconds = time.perf_counter() - started
    rngs = {kind: random.Random(f"{seed}-{kind}") for kind in KINDS}
    pools = _name_pools(plain)
    plants: list[dict] = []
    stories = {s.id: s for s in plain.stories}
    for cluster in clusters:
        if cluster["id"] in stories:
            plants.extend(plant(cluster, stories[cluster["id"]], plain, rngs, pools))
    # every planted version is its own story, processed in one batch
    changed_clusters, changed_docs = [], {}
    for n, p in enumerate(plants):
        key = f"{p['cluster']}~{n}"
        changed_clusters.append({"id": key})
        changed_docs[key] = p["documents"]
    changed = process(changed_clusters, changed_docs, config)
    changed_stories = {s.id: s for s in changed.stories}
    results = {"plants": plants, "clusters": len(clusters), "seconds_unchanged": seconds}
    for method in ("newsfuse", "baseline"):
        natural = {}
        for cid, story in stories.items():
            found = story.contradictions if method == "newsfuse" else baseline(story, plain)
            natural[cid] = [(signature(c, plain), c["kind"], c.get("score", 1.0)) for c in found]
        planted = []
        for n, p in enumerate(plants):
            story = changed_stories.get(f"{p['cluster']}~{n}")
            found = [] if story is None else story.contradictions if method == "newsfuse" else baseline(story, changed)
            planted.append([(signature(c, changed), c["kind"], c.get("score", 1.0), names_plant(c, p, changed))
                            for c in found])
        results[method] = {"natural": natural, "planted": planted}
    return results


def tally(result: dict, method: str, floors: dict[str, float] | None = None) -> dict:
    """Recall, precision and false alarms, keeping value contradictions with score >= the kind's floor."""
    floors = floors or {}

    def kept(kind: str, score: float) -> bool:
        return score >= floors.get(kind, 0.0)

    natural = {cid: {sig for sig, kind, score in found if kept(kind, score)}
               for cid, found in result[method]["natural"].items()}
    alarms = sum(len(v) for v in natural.values())
    distinct = [{(sig, kind) for sig, kind, score in found if kept(kind, score)}
                for found in result[method]["natural"].values()]
    by_kind = Counter(_ALARM_ROW.get(kind, kind) for pairs in distinct for _sig, kind in pairs)
    kinds = {k: {"planted": 0, "found": 0, "reported": 0, "correct": 0} for k in KINDS}
    for p, found in zip(result["plants"], result[method]["planted"]):
        counts = kinds[p["kind"]]
        counts["planted"] += 1
        new = [(sig, hit) for sig, kind, score, hit in found
               if kept(kind, score) and sig not in natural.get(p["cluster"], set())]
        counts["found"] += any(hit for _sig, hit in new)
        counts["reported"] += len(new)
        counts["correct"] += sum(hit for _sig, hit in new)
    return {"kinds": kinds, "alarms": alarms, "alarms_by_kind": by_kind}


# the table's row for each kind of reported contradiction: quote wording and quote speakers share "quote"
# (nothing is planted in quotes; the row counts their false alarms); the baseline's "name" is its person row
_ALARM_ROW = {"speaker": "quote", "name": "person"}
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*[a-z]")  # "Smith", "O'Brien", "McDonald", "Lloyd-Webber"


def _name_words(name: str) -> list[str] | None:
    words = name.split()
    return words if 2 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(w) for w in words) else None


def _person_shaped(name: str, given_names: set[str]) -> bool:
    words = _name_words(name)
    return bool(words) and words[0] in given_names


def _name_pools(corpus: Corpus) -> tuple[list[str], list[str]]:
    """The given names and family names of the people the corpus's taggers found, kept only where the name
    looks like a person's: two or three capitalised words of letters whose first word begins the names of
    two or more different people ("Ann" in "Ann Lee" and "Ann Cole").  A team or a product a tagger took
    for a person ("Seattle Reign", "Keurig 2.0") rarely passes."""
    names = {tuple(words) for s in corpus.stories for e in s.entities
             if e["type"] == "person" and (words := _name_words(e["name"]))}
    starts = Counter(words[0] for words in names)
    given = {w for w, n in starts.items() if n >= 2}
    return sorted(given), sorted({words[-1] for words in names if words[0] in given})


def _kind_rows(method: str) -> list[str]:
    """The table's rows for one method: each planted kind, quotes (newsfuse only: nothing is planted there),
    and all."""
    return list(KINDS) + ["quote"] * (method == "newsfuse") + ["all"]


def table(results: dict[str, dict]) -> str:
    lines = ["| part | method | kind | planted | recall | precision | false alarms / unchanged cluster |",
             "|---|---|---|---|---|---|---|"]
    for part, result in results.items():
        for method in ("newsfuse", "baseline"):
            counted = tally(result, method)
            kinds = counted["kinds"]
            for kind in _kind_rows(method):
                counts = ({k: sum(kinds[x][k] for x in KINDS) for k in ("planted", "found", "reported", "correct")}
                          if kind == "all" else kinds.get(kind, {"planted": 0}))
                recall = f"{counts['found'] / counts['planted']:.3f}" if counts["planted"] else "—"
                precision = f"{counts['correct'] / counts['reported']:.3f}" if counts.get("reported") else "—"
                alarmed = counted["alarms"] if kind == "all" else counted["alarms_by_kind"].get(kind, 0)
                lines.append(f"| {part} ({result['clusters']} clusters) | {method} | {kind} | {counts['planted']} | "
                             f"{recall} | {precision} | {alarmed / max(1, result['clusters']):.2f} |")
    return "\n".join(lines)


# --- ECB+ events, unchanged -------------------------------------------------------------------------------

_TOKEN_JOINS = (
    (re.compile(r"(\d) ([.:]) (\d)"), r"\1\2\3"),           # "6 . 1", "3 : 30"
    (re.compile(r"(\d) , (\d{3})\b"), r"\1,\2"),            # "2 , 199"
    (re.compile(r"\b([A-Za-z]) \. ([A-Za-z]) \."), r"\1.\2."),  # "p . m .", "U . S ."
    (re.compile(r"``|''"), '"'),
    (re.compile(r" ([,.;:!?%)\]])"), r"\1"),
    (re.compile(r"([(\[$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.I), r"\1"),
    (re.compile(r"(?<=\d) - (?=\w)|(?<=\w) - (?=\d)"), "-"),  # "20 - year", "a 27 - 24 loss"
    (re.compile(r"(?<=\d-)(\w+) - old\b"), r"\1-old"),       # "20-year - old"
    (re.compile(r'" ([^"]*?) "'), r'"\1"'),
)


def detokenize(text: str) -> str:
    """ECB+'s space-tokenised text as ordinary text; the page address some documents open with is dropped."""
    first, _, rest = text.partition("\n")
    if first.startswith("http"):
        text = rest
    for pattern, replacement in _TOKEN_JOINS:
        text = pattern.sub(replacement, text)
    return text


def ecb_events(shared: Path) -> tuple[list[dict], dict[str, list[str]]]:
    """ECB+ dev's gold events, each with its documents' detokenised text."""
    documents: dict[str, list[str]] = defaultdict(list)
    with open(shared / "dev" / "ecbplus-dev" / "docs.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                documents[record["subtopic"]].append(detokenize(record["text"]))
    return [{"id": event} for event in documents], dict(documents)


def ecb_alarms(shared: Path, config: Config) -> dict:
    """Contradictions reported on each unchanged ECB+ event, by kind, for newsfuse and the baseline."""
    events, documents = ecb_events(shared)
    corpus = process(events, documents, config)
    by_kind = {"newsfuse": Counter(), "baseline": Counter()}
    for story in corpus.stories:
        for method, found in (("newsfuse", story.contradictions), ("baseline", baseline(story, corpus))):
            by_kind[method].update(_ALARM_ROW.get(c["kind"], c["kind"]) for c in found)
    return {"events": len(events), "by_kind": by_kind}


def ecb_rows(result: dict) -> list[str]:
    lines = []
    for method, counts in result["by_kind"].items():
        for kind in _kind_rows(method):
            alarmed = sum(counts.values()) if kind == "all" else counts.get(kind, 0)
            lines.append(f"| ECB+ dev ({result['events']} events, unchanged) | {method} | {kind} | — | — | — | "
                         f"{alarmed / max(1, result['events']):.2f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(parser)
    parser.add_argument("--quiet", action="store_true", help="only the table")
    parser.add_argument("--no-ecb", action="store_true", help="leave out the ECB+ false-alarm rows")
    args = parser.parse_args(argv)
    config = Config.default()
    results = {}
    for part, chosen in chosen_parts(args):
        started = time.perf_counter()
        results[part] = evaluate(chosen, config)
        if not args.quiet:
            print(f"{part}: {len(chosen)} clusters, {len(results[part]['plants'])} planted, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    lines = [table(results)]
    if not args.no_ecb:
        started = time.perf_counter()
        ecb = ecb_alarms(args.shared, config)
        if not args.quiet:
            print(f"ECB+ dev: {ecb['events']} events, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        lines.extend(ecb_rows(ecb))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
