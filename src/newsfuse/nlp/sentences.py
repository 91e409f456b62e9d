"""Sentence boundaries as spans, tuned for news prose (abbreviations, initials, quotes)."""
from __future__ import annotations

import re

from ..model import Span

# Words that end with a period without ending a sentence (compared lower-cased, without the period).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm maj st jr sr rev hon pres supt det insp
inc corp co ltd llc plc bros dept univ assn est approx vs etc al ed eds
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
u.s u.k u.n e.u d.c a.m p.m i.e e.g ph.d b.c a.d n.y l.a u.s.a
ft mt ave blvd rd hwy
""".split())

# Abbreviations that can also be a sentence's last word ("… in the U.S.", "… at 8 a.m.", "… Acme Inc."): they end
# one when a word that opens sentences, not names, comes next ("in the U.S. Also, he …", "the U.S. The company
# …"), unlike a title ("Dr. The"), which never ends one.  Capitals with periods ("N.Y.", "U.S.A.") count too.
CAN_END = frozenset("u.s u.k u.n e.u d.c a.m p.m u.s.a etc inc corp co ltd llc plc bros jr sr".split())
OPENERS = frozenset("""
the a an he she it they we i you his her its their our this that these those there then also but and so yet
still however meanwhile in on at after before when while if as for since though although now today
""".split())

# Abbreviations only when a number follows: "No. 5", "Fig. 2".
NUMERIC_ABBREVIATIONS = frozenset({"no", "nos", "fig", "vol", "op", "art", "p", "pp"})

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)")
# Two sentences a capture glued together without a space ("will be preserved.Then the archive"): a word of two or
# more small letters, its stop, and a capitalised word.  An abbreviation ("St.Louis", "a.m.The") or a web address
# ("site.org", "www.Example.com": the capitalised word goes on with a dot and more letters) does not match that shape.
_GLUED = re.compile(r"(?:(?<=[a-z]{2})|(?<=\b\d{4}))[.!?][”\"]?(?=[A-Z][a-z]+\b(?![.@][A-Za-z0-9]))")  # "in 2014.City"
# ... or the next one opening with a quotation ('locked up with him."I had never been to jail'): the stop ends the
# sentence and the mark opens the next, unless the mark closes a quotation (then the match above splits after it).
_GLUED_QUOTE = re.compile(r"(?<=[a-z]{2})[.!?](?=[\"“][A-Z])")
# ... or one quotation closing right where the next opens ('anyone.""It's been long awaited'): split between the marks
_GLUED_QUOTES = re.compile(r"(?<=[a-z]{2})[.!?][\"”](?=[\"“][A-Z])")
_NEXT_START = re.compile(r"\s+[\"'“‘«(\[]*[A-Z0-9À-Ý]")
_LAST_TOKEN = re.compile(r"(\S+)$")
_FOLLOWING = re.compile(r"\s+[\"“‘(]*([A-Z][a-z]*)\b")
_CAPITALS_WITH_PERIODS = re.compile(r"(?:[A-Z]\.){2,4}")


def split_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans of ``text``, whitespace trimmed; newlines always split."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for block in re.finditer(r"[^\n]+", text[start:end]):
        _split_block(text, start + block.start(), start + block.end(), spans)
    return spans


def _split_block(text: str, start: int, end: int, out: list[Span]) -> None:
    chunk = text[start:end]
    cursor = 0
    matches = sorted([*_CANDIDATE.finditer(chunk), *_GLUED.finditer(chunk), *_GLUED_QUOTE.finditer(chunk),
                      *_GLUED_QUOTES.finditer(chunk)],
                     key=lambda m: m.start())
    for match in matches:
        boundary = match.end()
        if boundary <= cursor or match.re is _CANDIDATE and not _NEXT_START.match(chunk, boundary):
            continue
        before = chunk[cursor:match.start() + 1]
        if _inside_quote(chunk[cursor:boundary]):
            continue
        token = _LAST_TOKEN.search(before)
        if match.group(0) == "." and token and _is_abbreviation(token.group(1), chunk[boundary:boundary + 16]):
            continue
        _emit(text, start + cursor, start + boundary, out)
        cursor = boundary
    _emit(text, start + cursor, end, out)


_MAX_QUOTE = 600  # a quotation left open this long was probably never closed in the capture


def _inside_quote(text: str) -> bool:
    """A quotation opened in ``text`` is still open at its end (curly quotes, or an odd number of straight ones)."""
    if len(text) > _MAX_QUOTE:
        return False
    curly = text.count("“") - text.count("”")
    straight = len(re.findall(r'(?<!\w)"|"(?!\w)', text)) % 2
    return curly > 0 or straight == 1


def _is_abbreviation(token: str, after: str) -> bool:
    """Whether ``token`` (ending in a period) is an abbreviation that does not end the sentence; ``after`` is the
    text right after the period (the next word, or as much of it as the caller gives)."""
    bare = token.lstrip("\"'“‘(")
    word = bare.rstrip(".").lower()
    following = _FOLLOWING.match(after)
    if following and following.group(1).lower() in OPENERS and \
            (word in CAN_END or _CAPITALS_WITH_PERIODS.fullmatch(bare)):
        return False
    if word in ABBREVIATIONS or word in NUMERIC_ABBREVIATIONS and after.strip()[:1].isdigit():
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "John F. Kennedy"
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word))  # U.S., a.m.


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))
