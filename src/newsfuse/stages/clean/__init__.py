"""Stage 2, clean: documents to articles — body text, metadata, and every removed line with its reason."""
from __future__ import annotations

import hashlib
from collections import Counter

from ...config import Config
from ...errors import Code, DocumentError, message
from ...model import Article, Corpus, Document, Rejection, Removed, Span
from ...nlp.sentences import split_spans
from ...nlp.words import WORD
from .furniture import learn as learn_furniture
from .capture import Block, assemble, classify, split_lines
from .metadata import dateline, extract

__all__ = ["clean", "clean_document"]

STAGE = "clean"


def clean(corpus: Corpus, config: Config) -> Corpus:
    """Turn every loaded document into an article; a document that fails is rejected, the rest go on."""
    vocabulary: Counter[str] = Counter()
    for doc in corpus.documents:
        vocabulary.update(w.lower() for w in WORD.findall(doc.raw_text))
    used_ids = {a.id for a in corpus.articles}
    site_furniture = learn_furniture(corpus.documents)
    for k, doc in enumerate(corpus.documents):
        try:
            article = clean_document(doc, config, vocabulary=vocabulary, furniture=site_furniture.get(k))
        except DocumentError as exc:
            corpus.rejected.append(Rejection(doc.label, STAGE, exc.code.value, str(exc)))
            continue
        except Exception as exc:  # a bug must not take the batch down with it
            detail = f"{type(exc).__name__}: {exc}"
            corpus.rejected.append(Rejection(doc.label, STAGE, Code.E301.value, message(Code.E301, detail=detail)))
            continue
        base, n = article.id, 1
        while article.id in used_ids:  # the same capture loaded twice keeps two distinct ids
            n += 1
            article.id = f"{base}-{n}"
        used_ids.add(article.id)
        corpus.articles.append(article)
    corpus.documents = []
    return corpus


def clean_document(doc: Document, config: Config, *, vocabulary: Counter[str] | None = None,
                   furniture: frozenset[str] | None = None) -> Article:
    """Clean one document.  Raises :class:`DocumentError` (E201) when no article body is left.

    ``furniture``: keys (see :func:`furniture.line_key`) of the lines learned as the outlet's furniture from
    the other captures of the batch.
    """
    if vocabulary is None:
        vocabulary = Counter(w.lower() for w in WORD.findall(doc.raw_text))
    lines = split_lines(doc.raw_text)
    classify(lines, structured=doc.format in ("html", "feed"), furniture=furniture or frozenset())
    blocks = assemble(lines, vocabulary, config.clean)
    first_line = blocks[0].lines[0].number if blocks else None
    first_paragraph = next((b.text for b in blocks if not b.heading), "")
    meta = extract(lines, first_line, first_paragraph, doc.meta)
    text, headings, paragraphs = _layout(blocks)
    body_words = len(WORD.findall(text))
    if body_words < config.clean.min_body_words:
        raise DocumentError(Code.E201, detail=f"{body_words} words left, at least {config.clean.min_body_words} needed")
    sentences = [s for p in paragraphs for s in split_spans(text, p.start, p.end)]
    if meta.dateline:
        sentences = _after_dateline(text, sentences)
    return Article(
        id="a" + hashlib.sha1(doc.raw_text.encode("utf-8")).hexdigest()[:11],
        source_path=doc.label,
        format=doc.format,
        text=text,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        updated=meta.updated,
        authors=meta.authors,
        contributors=meta.contributors,
        url=meta.url,
        dateline=meta.dateline,
        encoding=doc.encoding,
        removed=[Removed(line.raw, line.reason, line.number) for line in lines if line.reason is not None],
        headings=headings,
        paragraphs=paragraphs,
        sentences=sentences,
    )


def _after_dateline(text: str, sentences: list[Span]) -> list[Span]:
    """The first sentence starts after the dateline ("WASHINGTON (AP) — "), which stays in the text and the
    article's ``dateline`` field: a sentence quoted in a brief or cited as a claim is the reporting itself.
    A dateline the splitter cut in two ("RIVERTON, Ore." | "(AP) — The council…") is dropped whole."""
    match = dateline(text, sentences[0].start) if sentences else None
    if not match:
        return sentences
    for k, sentence in enumerate(sentences):
        if sentence.end > match.end():  # the first sentence that runs past the dateline
            rest = sentences[k + 1:]
            if not WORD.search(text, match.end(), sentence.end):
                return rest
            return [Span(max(sentence.start, match.end()), sentence.end), *rest]
    return sentences  # the dateline is all there is: leave it


def _layout(blocks: list[Block]) -> tuple[str, list[Span], list[Span]]:
    parts: list[str] = []
    headings: list[Span] = []
    paragraphs: list[Span] = []
    cursor = 0
    for block in blocks:
        if parts:
            cursor += 2  # the "\n\n" between blocks
        span = Span(cursor, cursor + len(block.text))
        (headings if block.heading else paragraphs).append(span)
        parts.append(block.text)
        cursor = span.end
    return "\n\n".join(parts), headings, paragraphs
