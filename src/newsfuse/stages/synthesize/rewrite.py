"""An optional rewrite of each story's summary by a language model, checked sentence by sentence.

The model (any OpenAI-compatible chat endpoint: llama.cpp's server, Ollama, vLLM, a hosted API) gets the
story's aligned statements, numbered, and is asked for a short summary whose every sentence cites the
statements it rests on as ``[n]``.  Nothing it writes is trusted: each generated sentence is checked
against the source sentences of the statements it cites, and kept only when

- it cites at least one statement;
- every figure it states (digits or number words, with their value) is a figure of the cited sources;
- every year, month and weekday it names is in the cited sources;
- every capitalised name inside it is in the cited sources;
- it adds no negation the cited sources lack ("did not" where they say "did");
- its content words are mostly the sources' (``support`` share of them, stemmed), and, when sentence
  embeddings are installed, it is close in meaning to one of the cited sentences.

A sentence that fails is dropped and listed with its reasons (``story.rewrite["dropped"]``); the kept
ones replace the extractive summary, each cited to the source sentences of its statements.  When the
endpoint cannot be reached or answers nonsense, the extractive summary stays and the failure is
reported as a rejection (stage "rewrite", code E302).
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from ...errors import Code, message
from ...model import Citation, Corpus, Rejection, Story, SummarySentence
from ...nlp.quantities import find_quantities
from ...nlp.words import STOPWORDS, WORD
from .claims import stem
from .conflicts import mark_disputed

__all__ = ["RewriteSettings", "rewrite", "check_sentence", "chat_url"]

_MARK = re.compile(r"\s*\[(\d{1,3})\]")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_CALENDAR = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
                       r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|neither|nor|n't|without|denied|denies|deny)\b|n't\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
# a sentence ends at . ! or ?, perhaps a closing quote, perhaps its citation marks, then space and a capital
_SENTENCE_END = re.compile(r"((?:\s*\[\d{1,3}\])*[.!?][”\"’']?(?:\s*\[\d{1,3}\])*)\s+(?=[\"“‘A-Z0-9])")

SYSTEM = ("You are a careful news editor. You write only what the numbered source statements say. "
          "You never add facts, names, numbers or dates that are not in them.")
INSTRUCTIONS = (
    "Write a summary of this news story in at most {sentences} sentences, most important first. "
    "After every sentence, cite the statements it is based on by their numbers in square brackets, "
    "for example [2][5]. Use only information from the statements you cite. Keep names, numbers and dates "
    "exactly as the statements give them, keep quoted words verbatim and say who said them. "
    "Answer with the summary only.\n\nHeadline: {headline}\n\nStatements:\n{statements}")


@dataclass(frozen=True)
class RewriteSettings:
    endpoint: str
    model: str = "default"
    sentences: int = 6
    statements: int = 30        # how many aligned statements the model is shown
    timeout: float = 120.0
    support: float = 0.6        # share of a sentence's content words that must be in its cited sources
    meaning: float = 0.5        # embedding cosine to the closest cited sentence (when embeddings are installed)


def chat_url(endpoint: str) -> str:
    """``http://host:port`` or ``.../v1`` or the full ``.../chat/completions`` address, as the full address."""
    url = endpoint.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if not url.endswith("/v1"):
        url += "/v1"
    return url + "/chat/completions"


def _statements(story: Story, limit: int) -> list[tuple[str, list[Citation]]]:
    """The summary's sentences first, then the most corroborated facts, then exclusives, without repeats."""
    seen: set[str] = set()
    out: list[tuple[str, list[Citation]]] = []
    for text, citations in ([(s.text, s.citations) for s in story.summary] + [(f.text, f.citations) for f in story.facts]
                            + [(e.text, e.citations) for e in story.exclusives]):
        key = " ".join(text.split())
        if key not in seen and len(out) < limit:
            seen.add(key)
            out.append((key, list(citations)))
    return out


def _ask(settings: RewriteSettings, prompt: str) -> str:
    body = json.dumps({"model": settings.model, "temperature": 0, "messages": [
        {"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}]}).encode("utf-8")
    request = urllib.request.Request(chat_url(settings.endpoint), data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=settings.timeout) as response:  # noqa: S310 (the user's endpoint)
        payload = json.loads(response.read().decode("utf-8"))
    content = payload["choices"][0]["message"]["content"]
    if not isinstance(content, str):
        raise ValueError("the answer's message content is not text")
    return content


def split_answer(answer: str) -> list[tuple[str, list[int]]]:
    """The model's answer as sentences, each with the statement numbers it cites (markers removed)."""
    out = []
    for line in answer.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        if not line:
            continue
        parts = _SENTENCE_END.split(line)
        # re.split keeps each captured sentence end: glue it back onto the text before it
        for piece in ["".join(parts[i:i + 2]).strip() for i in range(0, len(parts), 2)]:
            numbers = [int(n) for n in _MARK.findall(piece)]
            text = _MARK.sub("", piece).strip()
            if text:
                out.append((text, numbers))
    return out


def _numbers(text: str) -> set[float]:
    values = {round(q.value, 6) for q in find_quantities(text)}
    for q in find_quantities(text):
        if q.high is not None:
            values.add(round(q.high, 6))
    return values


def _content(text: str) -> list[str]:
    """Stemmed content words; figures are left out (they are compared by value)."""
    return [stem(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 1 and not w[0].isdigit()]


def _missing_names(sentence: str, joined: str) -> list[str]:
    """Capitalised words of ``sentence`` that the sources lack.  The sentence's first word is capitalised
    anyway, so it only counts when the sources lack it in any case."""
    source_words = set(WORD.findall(joined))
    lowered = {w.lower() for w in source_words}
    missing = set()
    for position, match in enumerate(_NAME.finditer(sentence)):
        word = match.group(0)
        if word.lower() in STOPWORDS or _CALENDAR.fullmatch(word):
            continue
        opening = position == 0 and not sentence[:match.start()].strip(" \"“‘'(")
        if (word.lower() not in lowered) if opening else (word not in source_words):
            missing.add(word)
    return sorted(missing)


def check_sentence(sentence: str, sources: list[str], *, support: float = 0.6, encode=None,
                   meaning: float = 0.5) -> list[str]:
    """Why ``sentence`` is not supported by the cited ``sources`` (an empty list: it is supported)."""
    if not sources:
        return ["cites no statement"]
    reasons = []
    joined = "\n".join(sources)
    missing_numbers = sorted(_numbers(sentence) - _numbers(joined))
    if missing_numbers:
        reasons.append("figure not in the cited sources: " + ", ".join(f"{v:g}" for v in missing_numbers))
    for pattern, what in ((_YEAR, "year"), (_CALENDAR, "date")):
        missing = sorted(set(pattern.findall(sentence)) - set(pattern.findall(joined)))
        if missing:
            reasons.append(f"{what} not in the cited sources: " + ", ".join(missing))
    missing_names = _missing_names(sentence, joined)
    if missing_names:
        reasons.append("name not in the cited sources: " + ", ".join(missing_names))
    if bool(_NEGATION.search(sentence)) and not _NEGATION.search(joined):
        reasons.append("negates what the cited sources state")
    words = _content(sentence)
    stems = set(_content(joined))
    if words:
        share = sum(w in stems for w in words) / len(words)
        if share < support:
            reasons.append(f"only {share:.0%} of its words are in the cited sources")
    if encode is not None and not reasons:
        vectors = encode([sentence, *sources])
        closest = float((vectors[1:] @ vectors[0]).max())
        if closest < meaning:
            reasons.append(f"its meaning is far from the cited sources (cosine {closest:.2f})")
    return reasons


def _source_sentences(corpus_text: dict[str, str], citations: list[Citation]) -> list[str]:
    return [corpus_text[c.article_id][c.start:c.end] for c in citations if c.article_id in corpus_text]


def rewrite_story(story: Story, texts: dict[str, str], settings: RewriteSettings, *, encode=None) -> None:
    """Ask the model for this story's summary and keep the sentences its cited sources support."""
    statements = _statements(story, settings.statements)
    if not statements:
        return
    listing = "\n".join(f"[{n}] {text}" for n, (text, _c) in enumerate(statements, 1))
    answer = _ask(settings, INSTRUCTIONS.format(sentences=settings.sentences, headline=story.headline,
                                                statements=listing))
    kept: list[SummarySentence] = []
    dropped: list[dict] = []
    for text, numbers in split_answer(answer)[: settings.sentences * 2]:
        cited = [statements[n - 1] for n in dict.fromkeys(numbers) if 1 <= n <= len(statements)]
        citations = list(dict.fromkeys(c for _t, cs in cited for c in cs))
        sources = [t for t, _c in cited] + _source_sentences(texts, citations)
        reasons = check_sentence(text, sources, support=settings.support, encode=encode, meaning=settings.meaning)
        if reasons or len(kept) >= settings.sentences:
            dropped.append({"text": text, "statements": numbers, "reasons": reasons or ["over the length asked for"]})
        else:
            kept.append(SummarySentence(text, citations, generated=True))
    story.rewrite = {"endpoint": settings.endpoint, "model": settings.model, "kept": len(kept), "dropped": dropped}
    if kept:
        mark_disputed(kept, story.contradictions)
        story.summary = kept


def rewrite(corpus: Corpus, settings: RewriteSettings, *, encode=None) -> Corpus:
    """Rewrite every story's summary with the model; a story whose request fails keeps its own summary."""
    texts = {a.id: a.text for a in corpus.articles}
    for story in corpus.stories:
        try:
            rewrite_story(story, texts, settings, encode=encode)
        except (OSError, urllib.error.URLError, ValueError, KeyError, IndexError, TypeError) as exc:
            detail = f"{settings.endpoint} for story {story.id}: {exc}"
            corpus.rejected.append(Rejection(settings.endpoint, "rewrite", Code.E302.value,
                                             message(Code.E302, detail=detail)))
    return corpus
