"""Decide, line by line, what of a capture is article body; rebuild the body as paragraphs.

Every line that is not kept gets a reason, so the cleaning can be audited.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...config import CleanConfig
from ...nlp.words import STOPWORDS, WORD, content_words, stopword_ratio
from . import lines as rules
from .lines import Line, furniture_reason, is_end_marker, is_heading_shaped
from .markdown import plain

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_PAREN_CREDIT = re.compile(r"\((?:image|photo|picture|pic|credit|source)s?\s*:[^)]*\)\s*$", re.I)
_LIST_ITEM = re.compile(r"^(?:[-•*·]|\d{1,2}[.)])\s+\S")
_LINK_ONLY = re.compile(r"^\[[^\]]+\]\((https?://[^)\s]+)\)$|^<?(https?://\S+?)>?$")


@dataclass
class Block:
    """A paragraph or heading of the cleaned body, with the input lines it came from."""

    text: str
    heading: bool
    lines: list[Line]


def split_lines(raw_text: str) -> list[Line]:
    """Non-blank lines of a capture, Markdown inline markup turned into text."""
    out: list[Line] = []
    blank = True
    for number, raw in enumerate(raw_text.split("\n"), 1):
        stripped = _INVISIBLE.sub("", raw).replace("\u00a0", " ").replace("\t", " ").strip()
        if not stripped:
            blank = True
            continue
        text, heading, links = plain(stripped)
        text = re.sub(r"\s{2,}", " ", text).strip()
        out.append(Line(number, text, stripped, blank_before=blank, heading_markup=heading, links=links))
        blank = False
    return out


def classify(lines: list[Line], *, structured: bool = False) -> None:
    """Set ``reason`` on furniture lines and ``heading`` on section headings, in place.

    ``structured``: the text was already extracted from page structure (HTML, feeds), so the body region
    is known and only line-level furniture is removed; a plain capture also has its header and footer cut.
    """
    for line in lines:
        line.reason = furniture_reason(line)
        if line.reason is None and _PAREN_CREDIT.search(line.text):
            line.reason = rules.CAPTION
        if line.reason is None and _LINK_ONLY.match(line.raw):
            line.reason = rules.SOURCE_LINK
    _mark_credit_blocks(lines)
    _mark_end_matter(lines)
    if structured:
        for line in lines:
            if line.reason is None and line.heading_markup:
                line.heading = True
        return
    _mark_regions(lines)


def _mark_credit_blocks(lines: list[Line]) -> None:
    """Photo captions and the name / agency lines around a credit."""
    for i, line in enumerate(lines):
        if line.reason != rules.CREDIT:
            continue
        j = i - 1  # name lines glued above a credit ("Evgeniy Maloletka" / "/" / "AP")
        while j >= 0 and not lines[j + 1].blank_before and lines[j].reason in (None, rules.CREDIT) and _name_like(lines[j]):
            lines[j].reason = rules.CREDIT
            j -= 1
        if j >= 0 and not lines[j + 1].blank_before and lines[j].reason is None and lines[j].word_count >= 3:
            caption = lines[j]
            caption.reason = rules.CAPTION
            key = _norm(caption.text)
            for other in lines[i + 1:i + 8]:  # the caption printed again after its credit
                if other.reason is None and _norm(other.text) == key:
                    other.reason = rules.CAPTION


def _name_like(line: Line) -> bool:
    tokens = WORD.findall(line.text)
    return 1 <= len(tokens) <= 4 and not line.terminal and all(t[:1].isupper() for t in tokens)


def _mark_end_matter(lines: list[Line]) -> None:
    """Everything after a closing section such as "References" or a talk page is not the article."""
    seen_prose = False
    for i, line in enumerate(lines):
        if line.reason is None and line.prose:
            seen_prose = True
        if seen_prose and line.reason in (None, rules.WIKI) and is_end_marker(line):
            for rest in lines[i:]:
                if rest.reason is None or rest is line:
                    rest.reason = rules.END_MATTER
            return


def _sentence_like(line: Line, min_words: int = 4) -> bool:
    return line.word_count >= min_words and line.terminal and stopword_ratio(line.text) >= 0.12


def _logical(lines: list[Line], candidates: list[int]) -> dict[int, Line]:
    """Each candidate line joined with the lines that carry on its sentence, for judging it as a whole."""
    joined: dict[int, Line] = {}
    for position, i in enumerate(candidates):
        text = lines[i].text
        for j in candidates[position + 1:]:
            if not _continues(text, lines[j].text):
                break
            text = f"{text} {lines[j].text}"
        joined[i] = lines[i] if text == lines[i].text else Line(lines[i].number, text, lines[i].raw)
    return joined


def _mark_regions(lines: list[Line]) -> None:
    candidates = [i for i, line in enumerate(lines) if line.reason is None]
    whole = _logical(lines, candidates)
    prose = [i for i in candidates if whole[i].prose]
    if not prose:
        for i in candidates:
            lines[i].reason = rules.HEADER
        return
    first, last = prose[0], prose[-1]
    # A short lead paragraph just above the first long one still belongs to the body.
    for i in reversed([c for c in candidates if c < first]):
        if _sentence_like(whole[i], 8) and not is_heading_shaped(lines[i]):
            first = i
        else:
            break
    for i in [c for c in candidates if c > last]:  # and a short closing paragraph after the last one
        if _sentence_like(whole[i], 3) or _LIST_ITEM.match(lines[i].raw) and lines[i].word_count >= 3:
            last = i
        else:
            break
    for position, i in enumerate(candidates):
        line = lines[i]
        if i < first:
            line.reason = rules.HEADLINE if is_heading_shaped(line) or line.word_count >= 6 else rules.HEADER
        elif i > last:
            line.reason = rules.FOOTER
        elif whole[i].prose or _sentence_like(whole[i]) or (_LIST_ITEM.match(line.raw) and line.word_count >= 3):
            continue
        elif is_heading_shaped(line) and _body_follows(whole, candidates[position + 1:]):
            line.heading = True
        else:
            line.reason = rules.STRAY


def _body_follows(whole: dict[int, Line], after: list[int]) -> bool:
    return bool(after) and (whole[after[0]].prose or _sentence_like(whole[after[0]]))


def assemble(lines: list[Line], vocabulary: Counter[str], config: CleanConfig) -> list[Block]:
    """Kept lines as paragraphs and headings: broken words re-joined, repeated paragraphs dropped."""
    blocks: list[Block] = []
    for line in lines:
        if line.reason is not None:
            continue
        previous = blocks[-1] if blocks else None
        if previous and not previous.heading and not line.heading and _continues(previous.text, line.text):
            previous.text = _join(previous.text, line.text, vocabulary)
            previous.lines.append(line)
        else:
            blocks.append(Block(line.text, line.heading, [line]))
    return _drop_repeats(blocks, config)


def _continues(before: str, after: str) -> bool:
    """The next line carries on the sentence: no closing punctuation before, a lower-case start after."""
    if re.search(r"[.!?…:;\"”’)\]]$", before):
        return False
    return bool(re.match(r"[a-z]", after))


def _join(before: str, after: str, vocabulary: Counter[str]) -> str:
    head = re.search(r"(\w+)(-?)$", before)
    tail = re.match(r"(\w+)", after)
    if not head or not tail:
        return f"{before} {after}"
    left, hyphen, right = head.group(1).lower(), head.group(2), tail.group(1).lower()
    joined_known = vocabulary[left + right] >= 1
    if hyphen:
        return before[:-1] + after if joined_known else before + after
    if joined_known:
        return before + after
    left_known = left in STOPWORDS or vocabulary[left] >= 2
    right_known = right in STOPWORDS or vocabulary[right] >= 2
    if left_known and right_known:
        return f"{before} {after}"
    # An unknown short piece is a fragment of a word broken in two ("el" + "iminate").
    if not left_known and not right_known or (not left_known and len(left) <= 3) or (not right_known and len(right) <= 3):
        return before + after
    return f"{before} {after}"


def _drop_repeats(blocks: list[Block], config: CleanConfig) -> list[Block]:
    kept: list[Block] = []
    seen_sets: list[set[str]] = []
    seen_texts: set[str] = set()
    for block in blocks:
        key = _norm(block.text)
        if key in seen_texts:
            _mark(block, rules.REPEATED)
            continue
        words = set(content_words(block.text))
        if not block.heading and len(words) >= config.near_duplicate_min_words and any(
                len(words & earlier) / len(words) >= config.near_duplicate_overlap for earlier in seen_sets):
            _mark(block, rules.REPEATED)
            continue
        seen_texts.add(key)
        if not block.heading:
            seen_sets.append(words)
        kept.append(block)
    # A heading left with no paragraph under it is not a heading of anything.
    result = []
    for i, block in enumerate(kept):
        if block.heading and (i + 1 == len(kept) or kept[i + 1].heading):
            _mark(block, rules.STRAY)
            continue
        result.append(block)
    return result


def _mark(block: Block, reason: str) -> None:
    for line in block.lines:
        line.reason = reason


def _norm(text: str) -> str:
    return " ".join(t.lower() for t in WORD.findall(text))
