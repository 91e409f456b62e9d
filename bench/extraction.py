"""Extraction quality and speed, one table: quotes, speakers, paraphrases, numbers and dates.

Data: bench/data/extraction.yaml (66 hand-labelled passages written for newsfuse, the set the rules were
built on) and bench/data/extraction_heldout.yaml (22 more, written afterwards and scored as written); see
their headers for the conventions.  Each passage is one article, scored on its own.  Speed: 600-word articles cut from
../shared/dev/multinews-val, full extraction (NER, entities, quotes, numbers, dates) against spaCy's whole
small English pipeline on the same texts, in the same run.

Rows: newsfuse beside a baseline for each field, run on the same passages in the same process:
- quotes: the same quotation finder, speaker = the nearest person named in the sentence (the usual
  shortcut);
- numbers: every digit run read literally (no number words, units, ranges or qualifiers);
- dates: dateparser's ``search_dates`` with the publication date as its relative base (when installed).

Usage: python bench/extraction.py [--shared ../shared] [--articles 120] [--quiet]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import datetime
from pathlib import Path

import yaml

from newsfuse.model import Article, Span
from newsfuse.nlp import ner
from newsfuse.nlp.sentences import split_spans
from newsfuse.nlp.temporal import anchor_date
from newsfuse.stages.extract import annotate
from newsfuse.stages.extract.entities import build_entities, fold
from newsfuse.stages.extract.quotes import find_quotes

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "extraction.yaml"
HELD_OUT = HERE / "data" / "extraction_heldout.yaml"
_COUNTLIKE = {"count", "number"}


def load_passages(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def article_of(passage: dict) -> Article:
    text = passage["text"]
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    sentences = [s for p in paragraphs for s in split_spans(text, p.start, p.end)]
    return Article(id=passage["id"], source_path=passage["id"], format="text", text=text,
                   published=passage["published"], paragraphs=paragraphs, sentences=sentences)


def extract_passages(passages: list[dict]) -> list[tuple[Article, list]]:
    articles = [article_of(p) for p in passages]
    mentions = ner.find_mentions([a.text for a in articles])
    out = []
    for article, found in zip(articles, mentions):
        annotate(article)
        index = build_entities([article], {article.id: found})
        out.append((article, find_quotes(article, index), index, found))
    return out


def _norm(text: str) -> str:
    return fold(text.replace("’", "'"))


def _same_text(a: str, b: str) -> bool:
    x, y = _norm(a), _norm(b)
    if x == y:
        return True
    tx, ty = set(x.split()), set(y.split())
    return bool(tx and ty) and len(tx & ty) / len(tx | ty) >= 0.8


def _speaker_ok(gold: str | None, name: str | None) -> bool:
    strip = lambda s: re.sub(r"^(?:the|a|an)\s+", "", _norm(s or ""))  # noqa: E731
    return bool(gold) and strip(gold) == strip(name)


def _gold_span(text: str, needle: str, after: int) -> Span | None:
    at = text.find(needle, after)
    if at < 0:
        at = text.find(needle)
    return Span(at, at + len(needle)) if at >= 0 else None


def score(passages: list[dict], results, *, speaker_of=None, numbers_of=None, dates_of=None) -> dict:
    """Precision / recall / accuracy per field; the ``*_of`` hooks swap in a baseline for one field."""
    tallies = {k: [0, 0, 0] for k in ("quotes", "paraphrase")}  # tp, predicted, gold
    speaker = [0, 0]
    paraphrase_speaker = [0, 0]
    numbers = [0, 0, 0, 0]  # correct, gold, predicted, predicted-on-gold
    dates = [0, 0, 0, 0]
    failures: list[str] = []
    for passage, (article, quotes, index, mentions) in zip(passages, results):
        text = article.text
        gold_quotes = [q for q in passage.get("quotes") or [] if q["kind"] != "paraphrase"]
        gold_para = [q for q in passage.get("quotes") or [] if q["kind"] == "paraphrase"]
        predicted = [q for q in quotes if q.kind != "paraphrase"]
        predicted_para = [q for q in quotes if q.kind == "paraphrase"]
        for golds, preds, tally, spk in ((gold_quotes, predicted, tallies["quotes"], speaker),
                                         (gold_para, predicted_para, tallies["paraphrase"], paraphrase_speaker)):
            tally[1] += len(preds)
            tally[2] += len(golds)
            used: set[int] = set()
            for gold in golds:
                match = next((k for k, q in enumerate(preds) if k not in used and _same_text(q.text, gold["text"])), None)
                if match is None:
                    failures.append(f"{passage['id']} missed {gold['kind']}: {gold['text'][:60]!r}")
                    continue
                used.add(match)
                tally[0] += 1
                quote = preds[match]
                name = speaker_of(article, quote, index, mentions) if speaker_of else (
                    quote.speaker.name if quote.speaker else quote.speaker_text)
                spk[1] += 1
                if _speaker_ok(gold["speaker"], name):
                    spk[0] += 1
                else:
                    failures.append(f"{passage['id']} speaker of {gold['text'][:40]!r}: {name!r} (gold {gold['speaker']!r})")
            for k, q in enumerate(preds):
                if k not in used:
                    failures.append(f"{passage['id']} extra {q.kind}: {q.text[:60]!r}")
        found_numbers = numbers_of(article) if numbers_of else [
            (q.span, q.value, q.kind, q.unit, q.qualifier, q.low, q.high) for q in article.quantities]
        _score_values(passage, text, passage.get("numbers") or [], found_numbers, numbers, failures, _number_ok)
        found_dates = dates_of(article) if dates_of else [(t.span, t.value, t.precision) for t in article.times]
        _score_values(passage, text, passage.get("dates") or [], found_dates, dates, failures, _date_ok)
    out = {}
    for name, (tp, pred, gold) in tallies.items():
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        out[name] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": gold}
    out["speaker"] = {"accuracy": speaker[0] / speaker[1] if speaker[1] else 0.0, "n": speaker[1]}
    out["paraphrase_speaker"] = {"accuracy": paraphrase_speaker[0] / paraphrase_speaker[1] if paraphrase_speaker[1] else 0.0,
                                 "n": paraphrase_speaker[1]}
    for name, tally in (("numbers", numbers), ("dates", dates)):
        out[name] = {"accuracy": tally[0] / tally[1] if tally[1] else 0.0,
                     "p": tally[3] / tally[2] if tally[2] else 0.0, "n": tally[1]}
    out["failures"] = failures
    return out


def _score_values(passage, text, golds, found, tally, failures, ok) -> None:
    tally[2] += len(found)
    cursor = 0
    gold_spans = []
    for gold in golds:
        tally[1] += 1
        span = _gold_span(text, str(gold["text"]), cursor)
        if span is None:
            failures.append(f"{passage['id']} gold text not in passage: {gold['text']!r}")
            continue
        cursor = span.start
        gold_spans.append(span)
        hit = [f for f in found if f[0].overlaps(span)]
        if hit and ok(gold, hit[0]):
            tally[0] += 1
        else:
            failures.append(f"{passage['id']} {gold['text']!r}: got {[tuple(h[1:]) for h in hit]} (gold {gold})")
    tally[3] += sum(1 for f in found if any(f[0].overlaps(s) for s in gold_spans))
    for f in found:
        if not any(f[0].overlaps(s) for s in gold_spans):
            failures.append(f"{passage['id']} extra value {text[f[0].start:f[0].end]!r}")


def _number_ok(gold: dict, found: tuple) -> bool:
    _span, value, kind, unit, qualifier, low, high = found
    if value is None or abs(value - gold["value"]) > 1e-6 * max(1.0, abs(gold["value"])):
        return False
    gold_kind = gold.get("kind", "number")
    if not (gold_kind == kind or gold_kind in _COUNTLIKE and kind in _COUNTLIKE):
        return False
    if gold_kind not in _COUNTLIKE and gold.get("unit") and gold["unit"] != unit:
        return False
    if gold.get("qualifier") != qualifier:
        return False
    if "high" in gold and (high is None or abs(high - gold["high"]) > 1e-6):
        return False
    return True


def _date_ok(gold: dict, found: tuple) -> bool:
    return found[1] == gold["value"] and found[2] == gold["precision"]


# --- baselines -----------------------------------------------------------------------------------------------

def nearest_person_speaker(article, quote, index, mentions) -> str | None:
    """Speaker = the person mention closest to the quote in its sentence (no attribution reading)."""
    sentence = next((s for s in article.sentences if s.start <= quote.span.start < s.end), None)
    if sentence is None:
        return None
    people = [m for m in mentions if m.label == "PERSON" and sentence.start <= m.span.start < sentence.end
              and not m.span.overlaps(quote.span)]
    if not people:
        return None
    best = min(people, key=lambda m: min(abs(m.span.start - quote.span.end), abs(quote.span.start - m.span.end)))
    entity = index.at(article.id, best.span.start, best.span.end)
    return entity.name if entity else article.text[best.span.start:best.span.end]


def literal_numbers(article) -> list[tuple]:
    out = []
    for match in re.finditer(r"\d[\d,]*(?:\.\d+)?", article.text):
        if any(t.span.start <= match.start() < t.span.end for t in article.times):
            continue
        out.append((Span(match.start(), match.end()), float(match.group(0).replace(",", "")), "number", None, None,
                    None, None))
    return out


def dateparser_dates(article) -> list[tuple]:
    from dateparser.search import search_dates

    anchor = anchor_date(article.published)
    base = datetime(anchor.year, anchor.month, anchor.day, 12) if anchor else None
    found = search_dates(article.text, languages=["en"],
                         settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}) or []
    out = []
    cursor = 0
    for surface, moment in found:
        at = article.text.find(surface, cursor)
        if at < 0:
            continue
        cursor = at + len(surface)
        out.append((Span(at, at + len(surface)), moment.date().isoformat(), "day"))
    return out


def _dateparser_available() -> bool:
    try:
        import dateparser  # noqa: F401
    except ImportError:
        return False
    return True


# --- speed -----------------------------------------------------------------------------------------------------

def speed(shared: Path, count: int) -> dict:
    texts = []
    with open(shared / "dev/multinews-val/validation.clustering.jsonl", encoding="utf-8") as handle:
        for line in handle:
            words = (json.loads(line).get("text") or "").split()
            if len(words) >= 600:
                texts.append(" ".join(words[:600]))
            if len(texts) >= count:
                break
    passages = [{"id": f"s{k}", "published": "2019-01-01", "text": t} for k, t in enumerate(texts)]
    ner.find_mentions(["Warm up the model."])
    started = time.perf_counter()
    extract_passages(passages)
    ours = time.perf_counter() - started
    import spacy  # the peer: spaCy's whole small pipeline, loaded once, same texts

    for name in ner.MODEL_PACKAGES:
        try:
            full = __import__(name).load()
            break
        except ImportError:
            continue
    list(full.pipe(texts[:2]))
    started = time.perf_counter()
    list(full.pipe(texts, batch_size=32))
    peer = time.perf_counter() - started
    del spacy
    return {"articles": len(texts), "ours": len(texts) / ours, "peer": len(texts) / peer}


def evaluate(path: Path) -> dict:
    passages = load_passages(path)
    results = extract_passages(passages)
    out = {"passages": len(passages), "newsfuse": score(passages, results),
           "nearest person": score(passages, results, speaker_of=nearest_person_speaker),
           "literal digits": score(passages, results, numbers_of=literal_numbers)}
    if _dateparser_available():
        out["dateparser"] = score(passages, results, dates_of=dateparser_dates)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    parser.add_argument("--articles", type=int, default=120, help="600-word articles for the speed row")
    parser.add_argument("--quiet", action="store_true", help="do not list the failing cases")
    args = parser.parse_args(argv)
    sets = {"dev": evaluate(GOLD), "held-out": evaluate(HELD_OUT)}
    timing = speed(Path(args.shared), args.articles)

    print("Extraction: dev = bench/data/extraction.yaml (rules were built on it), "
          "held-out = bench/data/extraction_heldout.yaml (scored as written)")
    print(f"{'field':<24}{'set':<10}{'method':<28}{'P':>7}{'R':>7}{'F1/acc':>8}{'n':>6}")

    def row(field, name, method, p, r, value, n):
        cell = lambda x: f"{x:7.3f}" if isinstance(x, float) else f"{'-':>7}"  # noqa: E731
        print(f"{field:<24}{name:<10}{method:<28}{cell(p)}{cell(r)}{value:8.3f}{n:6d}")

    for name, result in sets.items():
        ours = result["newsfuse"]
        q = ours["quotes"]
        row("quote detection", name, "newsfuse", q["p"], q["r"], q["f1"], q["n"])
    for name, result in sets.items():
        row("speaker attribution", name, "newsfuse", None, None, result["newsfuse"]["speaker"]["accuracy"],
            result["newsfuse"]["speaker"]["n"])
        row("speaker attribution", name, "baseline: nearest person", None, None,
            result["nearest person"]["speaker"]["accuracy"], result["nearest person"]["speaker"]["n"])
    for name, result in sets.items():
        pp = result["newsfuse"]["paraphrase"]
        row("paraphrase detection", name, "newsfuse", pp["p"], pp["r"], pp["f1"], pp["n"])
        row("paraphrase speaker", name, "newsfuse", None, None, result["newsfuse"]["paraphrase_speaker"]["accuracy"],
            result["newsfuse"]["paraphrase_speaker"]["n"])
    for name, result in sets.items():
        for method, key in (("newsfuse", "newsfuse"), ("baseline: literal digits", "literal digits")):
            numbers = result[key]["numbers"]
            row("number normalisation", name, method, numbers["p"], None, numbers["accuracy"], numbers["n"])
    for name, result in sets.items():
        for method, key in (("newsfuse", "newsfuse"), ("baseline: dateparser", "dateparser")):
            if key in result:
                dates = result[key]["dates"]
                row("date resolution", name, method, dates["p"], None, dates["accuracy"], dates["n"])
    print(f"{'speed, articles/s':<24}{'600 words':<10}{'newsfuse extract':<28}{'':>14}{timing['ours']:8.1f}{timing['articles']:6d}")
    print(f"{'speed, articles/s':<24}{'600 words':<10}{'spaCy full sm pipeline':<28}{'':>14}{timing['peer']:8.1f}{timing['articles']:6d}")
    print(f"speed ratio newsfuse / spaCy's full pipeline on the same texts: {timing['ours'] / timing['peer']:.2f}x")
    print("P for numbers and dates: share of extracted values that fall on a gold value; "
          "F1/acc there: share of gold values normalised exactly.")
    if not args.quiet:
        for name, result in sets.items():
            print(f"\nFailing cases ({name}):")
            for failure in result["newsfuse"]["failures"]:
                print("  " + failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
