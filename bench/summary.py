"""Story summaries against human summaries, one table: ROUGE-1/2/L and seconds per cluster, ours beside peers.

Data: ../shared/dev/multinews-val/validation.jsonl (250 real news clusters, each with a summary written by a
newser.com editor).  Every cluster is one story (the gold grouping), run through the real stages (load,
clean, de-duplicate, extract, synthesize).  Every method summarises the same cleaned article texts, cut
into the same sentences, with the same length: the reference summary's word count.  Methods pick whole
sentences until that many words are reached, and every output is then cut to that many words, so no method
gains from being longer.

- newsfuse: ``stages.synthesize.summary.summarize`` with ``words=`` the reference length, ranking sentences
  as configured: by default with its learned sentence scorer (fit by ``bench/train_summary.py`` on the tune
  part only);
- newsfuse + words: the same with the word model too (``synthesize.summary_scorer = "learned+words"``);
- newsfuse rules: the same summarizer with the hand-weighted rules instead of the learned models;
- lead: the articles' first sentences, first of each article, then second of each, ... (Multi-News' "First-k");
- LexRank and TextRank: sumy's, with its English stop words and Snowball stemmer, over our sentences (fed
  as sumy documents, so no NLTK tokenizer data is needed).

ROUGE is ``rouge-score`` F1 with Porter stemming, in points (×100), averaged over clusters.  Seconds per
cluster: for newsfuse, extract + synthesize (entities, quotes, dates, claims, facts, contradictions and the
summary; cleaning is not counted for anyone); for newsfuse + words, newsfuse rules and the peers, their
summarising alone.

Clusters are split by a hash of their id (the split ``bench/contradictions.py`` uses): weights were chosen
on "tune"; "held-out" is scored as is.

Usage: python bench/summary.py [--shared ../shared] [--limit N] [--split all|tune|held-out] [--set K=V ...]
"""
from __future__ import annotations

import argparse
import sys
import time

from multinews import add_arguments, chosen_parts, load_clusters, part_of  # noqa: F401 (the tests use them)
from newsfuse import Config
from newsfuse.config import merge_overrides
from newsfuse.model import Article, Corpus, Story
from newsfuse.pipeline import STAGES, run_corpus
from newsfuse.stages.load import load_text
from newsfuse.stages.synthesize.summary import SummaryWeights, summarize
from newsfuse.nlp.words import WORD

METHODS = ("newsfuse", "newsfuse + words", "newsfuse rules", "lead", "lexrank", "textrank")
METRICS = ("rouge1", "rouge2", "rougeL")


def cleaned(clusters: list[dict], config: Config) -> Corpus:
    """Every cluster loaded and cleaned, one story per cluster (not yet extracted)."""
    corpus = Corpus()
    for cluster in clusters:
        for k, text in enumerate(cluster["documents"]):
            loaded = load_text(text, config, source_path=f"{cluster['id']}/{k}.txt")
            corpus.documents.extend(loaded.documents)
            corpus.rejected.extend(loaded.rejected)
    corpus = run_corpus(corpus, config, stages=[s for s in STAGES if s.name in ("clean", "dedupe")])
    members: dict[str, list[str]] = {}
    for article in corpus.articles:
        members.setdefault(article.source_path.rsplit("/", 1)[0], []).append(article.id)
    corpus.stories = [Story(id=cid, article_ids=ids) for cid, ids in members.items()]
    return corpus


def budget_of(reference: str) -> int:
    return len(reference.split())


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def sentences_of(articles: list[Article]) -> list[list[str]]:
    return [[a.span_text(s).replace("\n", " ") for s in a.sentences] for a in articles]


def lead(articles: list[Article], words: int) -> str:
    per_article = sentences_of(articles)
    out: list[str] = []
    total, depth = 0, 0
    while total < words and any(depth < len(s) for s in per_article):
        for sentences in per_article:
            if depth < len(sentences) and total < words:
                out.append(sentences[depth])
                total += len(sentences[depth].split())
        depth += 1
    return " ".join(out)


class _Tokenizer:
    """sumy's tokenizer interface over our word pattern (sumy's own needs NLTK's punkt data)."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return WORD.findall(text)


def sumy_summary(kind: str, articles: list[Article], words: int) -> str:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])
                                    for sentences in sentences_of(articles) if sentences])
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def until_budget(infos):
        taken, total = [], 0
        for info in infos:
            if total >= words:
                break
            taken.append(info)
            total += len(str(info.sentence).split())
        return taken

    return " ".join(str(s) for s in summarizer(document, until_budget))


def evaluate(clusters: list[dict], config: Config, weights: SummaryWeights = SummaryWeights()) -> dict:
    """Per method: mean ROUGE F1 (points) and seconds per cluster; plus each cluster's scores."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    corpus = cleaned(clusters, config)
    started = time.perf_counter()
    corpus = run_corpus(corpus, config, stages=[s for s in STAGES if s.name in ("extract", "synthesize")])
    ours_seconds = time.perf_counter() - started
    by_id = corpus.by_id()
    stories = {s.id: s for s in corpus.stories}
    choice = config.synthesize.summary_scorer
    configured = {"scorer": "auto" if choice.startswith("learned") else None,
                  "coverage": "auto" if choice == "learned+words" else None}
    references = {c["id"]: c["summary"] for c in clusters}
    totals = {m: {k: 0.0 for k in METRICS} for m in METHODS}
    seconds = {m: 0.0 for m in METHODS}
    seconds["newsfuse"] = ours_seconds
    scored = 0
    for cid, story in stories.items():
        reference = references[cid]
        words = budget_of(reference)
        articles = [by_id[a] for a in story.article_ids]
        outputs = {}
        began = time.perf_counter()
        summary = summarize(story, story.alignment, words=words, weights=weights, **configured) \
            if story.alignment else []
        seconds["newsfuse"] += time.perf_counter() - began
        outputs["newsfuse"] = " ".join(s.text.replace("\n", " ") for s in summary)
        for method, options in (("newsfuse + words", {"coverage": "auto"}), ("newsfuse rules", {"scorer": None})):
            began = time.perf_counter()
            summary = summarize(story, story.alignment, words=words, weights=weights,
                                **options) if story.alignment else []
            seconds[method] += time.perf_counter() - began
            outputs[method] = " ".join(s.text.replace("\n", " ") for s in summary)
        for method in ("lead", "lexrank", "textrank"):
            began = time.perf_counter()
            outputs[method] = lead(articles, words) if method == "lead" else sumy_summary(method, articles, words)
            seconds[method] += time.perf_counter() - began
        for method, text in outputs.items():
            result = scorer.score(reference, cut(text, words))
            for metric in METRICS:
                totals[method][metric] += 100 * result[metric].fmeasure
        scored += 1
    return {"clusters": scored, "corpus": corpus,
            "rouge": {m: {k: v / max(1, scored) for k, v in totals[m].items()} for m in METHODS},
            "seconds": {m: v / max(1, scored) for m, v in seconds.items()}}


def table(results: dict[str, dict]) -> str:
    lines = ["| part | clusters | method | ROUGE-1 | ROUGE-2 | ROUGE-L | s / cluster |", "|---|---|---|---|---|---|---|"]
    for part, result in results.items():
        for method in METHODS:
            r = result["rouge"][method]
            lines.append(f"| {part} | {result['clusters']} | {method} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | "
                         f"{r['rougeL']:.2f} | {result['seconds'][method]:.3f} |")
    for part, result in results.items():
        ours, lex = result["rouge"]["newsfuse"], result["rouge"]["lexrank"]
        lines.append(f"\n{part}: newsfuse − LexRank = {ours['rouge1'] - lex['rouge1']:+.2f} ROUGE-1, "
                     f"{ours['rouge2'] - lex['rouge2']:+.2f} ROUGE-2; newsfuse − lead = "
                     f"{ours['rouge1'] - result['rouge']['lead']['rouge1']:+.2f} ROUGE-1, "
                     f"{ours['rouge2'] - result['rouge']['lead']['rouge2']:+.2f} ROUGE-2")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE")
    args = parser.parse_args(argv)
    config = Config.from_dict(merge_overrides(args.overrides))
    results = {part: evaluate(chosen, config) for part, chosen in chosen_parts(args)}
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
