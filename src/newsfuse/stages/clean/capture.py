"""Decide, line by line, what of a capture is article body; rebuild the body as paragraphs.

Every line that is not kept gets a reason, so the cleaning can be audited.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...config import CleanConfig
from ...nlp.words import STOPWORDS, WORD, content_words
from . import lines as rules
from .furniture import line_key
from .lines import Line, furniture_reason, is_comments_marker, is_end_marker, is_heading_shaped, page_function_words
from .markdown import plain

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_PAREN_CREDIT = re.compile(r"\((?:(?:image|photo|picture|pic|credit|source)s?\s*:|(?:photo|image|picture)s?\s+(?:by|credit|courtesy)\b)"
                           r"[^)]*\)\s*$|\s\[\+\]\s*$|\bcredit\s*(?:\.\.\.|…|:)", re.I)
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
    function_words = page_function_words(raw_text)
    blank = True
    for number, raw in enumerate(raw_text.split("\n"), 1):
        cells = len([c for c in raw.split("\t") if c.strip()])
        stripped = _INVISIBLE.sub("", raw).replace("\u00a0", " ").replace("\t", " ").strip()
        if not stripped:
            blank = True
            continue
        text, heading, links = plain(stripped)
        text = re.sub(r"\s{2,}", " ", text).strip()
        out.append(Line(number, text, stripped, blank_before=blank, heading_markup=heading, links=links,
                        function_words=function_words, cells=cells))
        blank = False
    return out


def classify(lines: list[Line], *, structured: bool = False, furniture: frozenset[str] = frozenset()) -> None:
    """Set ``reason`` on furniture lines and ``heading`` on section headings, in place.

    ``structured``: the text was already extracted from page structure (HTML, feeds), so the body region
    is known and only line-level furniture is removed; a plain capture also has its header and footer cut.
    """
    for line in lines:
        line.reason = furniture_reason(line)
        if line.reason is None and furniture and line_key(line.raw) in furniture:
            line.reason = rules.SITE
        if line.reason is None and _PAREN_CREDIT.search(line.text):
            line.reason = rules.CAPTION
        if line.reason is None and _LINK_ONLY.match(line.raw):
            line.reason = rules.SOURCE_LINK
    _mark_credit_blocks(lines)
    _mark_end_matter(lines)
    if structured:
        for line in lines:
            if line.reason is None and _teaser(line):
                line.reason = rules.TEASER
            elif line.reason is None and line.heading_markup:
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
    """Everything after a closing section ("References", a talk page, readers' comments) is not the article.

    A comments heading only closes the article once a good deal of prose came before it, so that a
    "Comments" link in the header or the share bar does not cut the body short.
    """
    prose_words = 0
    for i, line in enumerate(lines):
        if line.reason is None and line.prose:
            prose_words += line.word_count
        ends = prose_words and line.reason in (None, rules.WIKI) and is_end_marker(line)
        if ends or prose_words >= _COMMENTS_AFTER and is_comments_marker(line):
            for rest in lines[i:]:
                if rest.reason is None or rest is line:
                    rest.reason = rules.END_MATTER
            return


_COMMENTS_AFTER = 80  # prose words before a comments heading closes the article


def _sentence_like(line: Line, min_words: int = 4) -> bool:
    return line.word_count >= min_words and line.terminal and line.stop_ratio >= 0.12


_SENTENCE_LINES = 12  # a sentence is judged on at most this many following lines (bounds hostile captures)


def _logical(lines: list[Line], candidates: list[int]) -> dict[int, Line]:
    """Each candidate line joined with the lines that carry on its sentence, for judging it as a whole."""
    joined: dict[int, Line] = {}
    for position, i in enumerate(candidates):
        text = lines[i].text
        for j in candidates[position + 1:position + 1 + _SENTENCE_LINES]:
            if not _continues(text, lines[j].text):
                break
            text = f"{text} {lines[j].text}"
        joined[i] = lines[i] if text == lines[i].text else Line(
            lines[i].number, text, lines[i].raw, function_words=lines[i].function_words)
    return joined


# What a line adds to or takes from the body region, in words: prose counts in full, a sentence-shaped short
# line half, and every other line costs a little, furniture more.  The body is the run of lines with the
# largest total, so a block of prose separated from the article by menus or a list of links is left out.
_SHORT_COST = 3.0
_FURNITURE_COST = 4.0
_SENTENCE_SHARE = 0.5
_ALONE_COST_SHARE = 0.5   # a short line set off as a paragraph of its own costs half
_ISOLATED_SHARE = 0.3     # what a paragraph between two costly lines still counts
_RUN_STEP = 4.0           # every this many lines of an unbroken costly run, the cost per line grows by one
_RUN_GROWTH = 3.0         # ... up to this many times the cost of a single line


def _weight(line: Line, whole: Line | None, alone: bool, teaser: bool) -> float:
    """``alone``: blank lines above and below, as innerText sets off a paragraph element; menu and list
    entries follow each other with no blank line between them.  ``teaser``: the line is a teaser card."""
    if line.reason is not None or whole is None:
        return -_FURNITURE_COST if line.reason not in (rules.EMPTY_MARKUP, rules.RULE) else 0.0
    if teaser:
        return -max(_SHORT_COST, line.word_count / 2)
    if whole.prose:
        return float(line.word_count)
    if _table_row(line):
        return _SENTENCE_SHARE * line.word_count
    if _sentence_like(whole):
        return _SENTENCE_SHARE * line.word_count
    if alone and line.word_count >= 3:
        return -_ALONE_COST_SHARE * _SHORT_COST
    return -_SHORT_COST


def _discount_isolated(weights: list[float]) -> list[float]:
    """A paragraph between two costly lines counts for less: an article's paragraphs come in runs, while a
    list of teasers puts each blurb between its headline and its author."""
    out = list(weights)
    for i, w in enumerate(weights):
        if w > 0 and (i == 0 or weights[i - 1] <= 0) and (i + 1 == len(weights) or weights[i + 1] <= 0):
            out[i] = w * _ISOLATED_SHARE
    return out


def _best_run(weights: list[float]) -> tuple[int, int]:
    """Indices (first, last) of the contiguous run with the largest sum (Kadane).

    A long unbroken run of costly lines (a menu, a list of links) costs more per line than a few lines between
    paragraphs (a sub-heading, a caption): the n-th line of a run costs up to ``_RUN_GROWTH`` times more.
    """
    best, best_span = float("-inf"), (0, -1)
    total, start, run = 0.0, 0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        run = run + 1 if w < 0 else 0
        total += w * min(1.0 + run / _RUN_STEP, _RUN_GROWTH) if w < 0 else w
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _table_row(line: Line) -> bool:
    """A row of a data table (results, figures): several cells holding numbers, as innerText lays tables out."""
    return line.cells >= 3 and sum(ch.isdigit() for ch in line.text) >= 2


# A card: a headline glued to its teaser text by inline markup ("Crash Closes RoadA lorry overturned..."),
# a teaser cut short ("... he said the…"), or a headline carrying its comment count ("... (49)").
_GLUED = re.compile(r"(?:[a-z]{4}|[0-9’'”!?)])[A-Z](?=[a-z ]|$)")
_CUT = re.compile(r"(?:…|\.\.\.)\s*$")
# A card in Markdown (a list item holding a headline), or a headline tagged like "... [VIDEO]".
_CARD_ITEM = re.compile(r"^[-*+]\s+#{1,6}\s")
_TAG_TAIL = re.compile(r"\[(?:[A-Z]{3,}|Video|Photos?|Gallery|Pictures|Watch|Poll|Quiz)\]\s*$")
_COUNT_TAIL = re.compile(r"(?:\(\d+\)|\d+\s+comments?)\s*$", re.I)


def _teaser(line: Line) -> bool:
    text = line.text
    if _CARD_ITEM.match(line.raw) or _TAG_TAIL.search(text):
        return True
    if _COUNT_TAIL.search(text) and not line.terminal:
        return True
    if _CUT.search(text) and line.word_count >= 5 and not re.search(r"[.!?]\s*(?:…|\.\.\.)\s*$", text):
        return True
    for match in _GLUED.finditer(text):
        glue = match.end() - 1
        long_words = [w for w in WORD.findall(text[:glue]) if len(w) >= 4]
        if len(long_words) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in long_words) \
                and len(WORD.findall(text[glue:])) >= 5:
            return True
    return False


_RELATED = re.compile(r"^(?:related|read more|more on this|see also|you may also like|recommended|more from|"
                      r"most (?:read|popular|viewed)|top stories|latest|trending|also read|don'?t miss)\b", re.I)


def _mark_regions(lines: list[Line]) -> None:
    candidates = [i for i, line in enumerate(lines) if line.reason is None]
    whole = _logical(lines, candidates)
    if not any(whole[i].prose for i in candidates):
        for i in candidates:
            lines[i].reason = rules.HEADER
        return
    alone = [line.blank_before and (i + 1 == len(lines) or lines[i + 1].blank_before) for i, line in enumerate(lines)]
    teasers = {i for i in candidates if _teaser(lines[i])}
    weights = [_weight(line, whole.get(i), alone[i], i in teasers) for i, line in enumerate(lines)]
    first, last = _best_run(_discount_isolated(weights))
    for position, i in enumerate(candidates):
        line = lines[i]
        if i < first:
            line.reason = rules.HEADLINE if is_heading_shaped(line) or line.word_count >= 6 else rules.HEADER
        elif i > last:
            line.reason = rules.FOOTER
        elif i in teasers:
            line.reason = rules.TEASER
        elif not whole[i].prose and is_heading_shaped(line) and _body_follows(whole, candidates[position + 1:]):
            line.heading = True
    for i in range(first, last + 1):  # a "Related" marker inside the body: the links under it go too
        if lines[i].reason == rules.NAVIGATION and _RELATED.match(lines[i].text):
            for j in range(i + 1, last + 1):
                if lines[j].reason is not None:
                    continue
                if whole[j].prose or _sentence_like(whole[j], 8):
                    break
                lines[j].reason = rules.RELATED
                lines[j].heading = False


def _body_follows(whole: dict[int, Line], after: list[int]) -> bool:
    return bool(after) and (whole[after[0]].prose or _sentence_like(whole[after[0]]))


def assemble(lines: list[Line], vocabulary: Counter[str], config: CleanConfig) -> list[Block]:
    """Kept lines as paragraphs and headings: broken words re-joined, repeated paragraphs dropped."""
    blocks: list[Block] = []
    parts: list[list[str]] = []  # each block's pieces, joined once at the end (linear in the text's length)
    for line in lines:
        if line.reason is not None:
            continue
        previous = blocks[-1] if blocks else None
        if previous and not previous.heading and not line.heading and _continues(parts[-1][-1], line.text):
            drop, separator = _join(parts[-1][-1], line.text, vocabulary)
            if drop:
                parts[-1][-1] = parts[-1][-1][:-drop]
            parts[-1] += [separator, line.text]
            previous.lines.append(line)
        else:
            blocks.append(Block(line.text, line.heading, [line]))
            parts.append([line.text])
    for block, pieces in zip(blocks, parts):
        block.text = "".join(pieces)
    return _drop_repeats(blocks, config)


_CLOSING = frozenset(".!?…:;\"”’)]")


def _continues(before: str, after: str) -> bool:
    """The next line carries on the sentence: no closing punctuation before, a lower-case start after."""
    if before[-1:] in _CLOSING:
        return False
    return bool(re.match(r"[a-z]", after))


def _join(before: str, after: str, vocabulary: Counter[str]) -> tuple[int, str]:
    """How the line ``after`` attaches to the text ending in ``before``: ``(characters to drop from the end of
    before, separator)`` — a space between words, nothing inside a word broken across lines."""
    head = re.search(r"(\w+)(-?)$", before[-120:])
    tail = re.match(r"(\w+)", after)
    if not head or not tail:
        return 0, " "
    left, hyphen, right = head.group(1).lower(), head.group(2), tail.group(1).lower()
    joined_known = vocabulary[left + right] >= 1
    if hyphen:
        return (1, "") if joined_known else (0, "")
    if joined_known:
        return 0, ""
    left_known = left in STOPWORDS or vocabulary[left] >= 2
    right_known = right in STOPWORDS or vocabulary[right] >= 2
    if left_known and right_known:
        return 0, " "
    # An unknown short piece is a fragment of a word broken in two ("el" + "iminate").
    if not left_known and not right_known or (not left_known and len(left) <= 3) or (not right_known and len(right) <= 3):
        return 0, ""
    return 0, " "


def _drop_repeats(blocks: list[Block], config: CleanConfig) -> list[Block]:
    kept: list[Block] = []
    seen_sets: list[set[str]] = []
    seen_texts: set[str] = set()
    # A paragraph printed three times or more is a standing part of the text (an interview's recurring
    # question), not a section the capture happened to repeat.
    standing = {key for key, n in Counter(_norm(b.text) for b in blocks).items() if n >= 3}
    for block in blocks:
        # Only paragraphs of prose count as repeats: a short line or list entry that recurs ("Meal 2",
        # "Portion: 1 cup", an interview's standing question) is part of the text's own structure.
        words = set(content_words(block.text))
        if block.heading or len(words) < config.near_duplicate_min_words or not _paragraph(block):
            kept.append(block)
            continue
        key = _norm(block.text)
        if key in standing:
            kept.append(block)
            continue
        if key in seen_texts:
            _mark(block, rules.REPEATED)
            continue
        if any(
                len(words & earlier) / len(words) >= config.near_duplicate_overlap for earlier in seen_sets):
            _mark(block, rules.REPEATED)
            continue
        seen_texts.add(key)
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


def _paragraph(block: Block) -> bool:
    return Line(0, block.text, block.text, function_words=block.lines[0].function_words).prose


def _mark(block: Block, reason: str) -> None:
    for line in block.lines:
        line.reason = reason


def _norm(text: str) -> str:
    return " ".join(t.lower() for t in WORD.findall(text))
