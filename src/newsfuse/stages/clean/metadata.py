"""Article metadata from what a capture offers: front matter, header and footer lines, copyright and links."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable
from urllib.parse import urlparse

from ...nlp.dates import find_datetime, normalise
from ...nlp.words import WORD, content_words
from . import lines as rules
from .lines import Line, is_heading_shaped

_DATELINE = re.compile(
    r"^\(?(?P<place>[A-Z][A-Z.'’\- ]{2,30}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?)\)?\s*"
    r"(?:\((?P<agency>[A-Za-z. ]{1,20})\)\s*)?(?:(?:--|—|–)\s*|-\s+)")  # "WASHINGTON—The": no space after a long dash
_POSSESSIVE_OUTLET = re.compile(r"^(?P<outlet>[A-Z][\w&.]*(?:\s+[A-Z][\w&.]*){0,3})['’]s?\s+(?=[A-Z])")
_COPYRIGHT_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\ball rights reserved\b\.?|\b(?:19|20)\d\d\b|[-–]\s*(?:19|20)\d\d|\|.*$", re.I)
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|di|la|le|bin|al|el))*")
_BYLINE_PREFIX = re.compile(r"^(?:by|written by|words by|reporting by|story by)\s+", re.I)
# A post on a social network or a video site: an embed in the article (a tweet's address on a line of its own),
# never the address of the capture itself.
_SOCIAL_POST = re.compile(r"^<?https?://(?:www\.|mobile\.|m\.)?(?:twitter\.com|x\.com|t\.co|pic\.twitter\.com|"
                          r"instagram\.com|facebook\.com|fb\.me|youtube\.com|youtu\.be|tiktok\.com|vimeo\.com)/", re.I)


@dataclass
class Metadata:
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    url: str | None = None
    dateline: str | None = None


def extract(lines: list[Line], body_first_line: int | None, first_paragraph: str, known: dict[str, Any]) -> Metadata:
    """Fill metadata from ``known`` (structured fields) first, then from the capture's own lines.

    ``body_first_line`` is the line number where the kept body starts: lines above it are the header.
    Marks the title line (reason ``title``) when it finds it among the header lines.
    """
    meta = Metadata()
    meta.url = known.get("url") or _url(lines, body_first_line)
    meta.outlet = known.get("outlet") or outlet_from_url(meta.url) or _outlet_from_lines(lines)
    meta.title = _title(lines, body_first_line, first_paragraph, known.get("title"))
    published, updated = _dates(lines, body_first_line, meta.title)
    meta.published = _normal_date(known.get("published")) or published
    meta.updated = _normal_date(known.get("updated")) or updated
    if meta.published is None and meta.updated is not None:
        meta.published = meta.updated  # the capture states only when it was last updated
    meta.authors = list(known.get("authors") or _authors(lines))
    meta.contributors = list(known.get("contributors") or _contributors(lines))
    match = dateline(first_paragraph)
    if match:
        meta.dateline = match.group("place").strip()
    return meta


def dateline(paragraph: str, start: int = 0) -> re.Match | None:
    """The dateline opening a story's first paragraph at ``start`` ("KATHMANDU, Nepal (AP) — "), or None.
    What follows must open a sentence: "NASA — the agency said" is a sentence, not a dateline."""
    match = _DATELINE.match(paragraph, start)
    if not match or len(WORD.findall(match.group("place"))) > 5:
        return None
    return match if re.match(r"[\"“‘'(]*[A-Z0-9]", paragraph[match.end():match.end() + 4]) else None


def _normal_date(value: Any) -> str | None:
    return normalise(str(value)) if value not in (None, "") else None


@lru_cache(maxsize=1)
def _directory() -> dict[str, str]:
    text = resources.files("newsfuse").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {domain.strip(): name.strip() for domain, name in rows}


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its name for well-known outlets, else its domain."""
    if not url:
        return None
    host = (urlparse(url if "://" in url else f"http://{url}").hostname or "").lower()
    host = re.sub(r"^(?:www\d?|m|amp|mobile|edition)\.", "", host)
    if not host or "." not in host:
        return None
    directory = _directory()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in directory:
            return directory[candidate]
    return host


def _url(lines: list[Line], body_first_line: int | None) -> str | None:
    for line in lines:
        if line.reason == rules.SOURCE_LINK:
            url = line.links[0] if line.links else line.text.strip("<>")
            if not _SOCIAL_POST.match(url):
                return url
    for line in lines:
        if line.reason is not None and (body_first_line is None or line.number < body_first_line):
            match = re.search(r"https?://\S+", line.raw)
            if match and line.word_count <= 12 and not _SOCIAL_POST.match(match.group(0)):
                return match.group(0).rstrip(").,>")  # a page header's address (a share link to a post is not)
    return None


def _outlet_from_lines(lines: list[Line]) -> str | None:
    for line in lines:
        if line.reason == rules.CONTRIBUTORS:
            match = _POSSESSIVE_OUTLET.match(line.text)
            if match:
                return match.group("outlet")
    return site_holder(line.text for line in lines if line.reason == rules.COPYRIGHT)


def site_holder(notices: Iterable[str]) -> str | None:
    """Who the site's own copyright notice names, among a page's copyright lines in page order.

    The site's notice has a year or "all rights reserved" ("© 2019 Sputnik. All rights reserved"); a photo
    credit ("© REUTERS / POOL") or a link label ("Copyright Policy") has neither.  A notice reserving rights
    comes before one that does not, and the last of equals before the others (the page's footer comes after
    the article's credits).
    """
    ranked = [text for text in notices if _NOTICE.search(text)]
    for text in sorted(reversed(ranked), key=lambda text: not _RESERVED.search(text)):
        holder = copyright_holder(text)
        if holder:
            return holder
    return None


_NOTICE = re.compile(r"\b(?:19|20)\d\d\b|\brights\s+reserved\b", re.I)
_RESERVED = re.compile(r"\brights\s+reserved\b", re.I)
_COPYRIGHT_MARK = re.compile(r"©|\((?:c|с)\)(?!\()|\bcopyright\b", re.I)  # "(с)" may be Cyrillic
# where a holder's name ends: a sentence, a dash or bar, a web address in brackets, "powered by ..."
_HOLDER_END = re.compile(r"\.\s|(?-i:\.(?=[A-Z]))|\s[-–—|]\s|\s\((?:www\.|https?:)|[:;\"“”]"
                         r"|,\s*(?!(?:Inc|LLC|Ltd)\b)|\s(?:powered|designed|developed|built)\s+by\b"
                         r"|\s(?:theme|a division)\b", re.I)
_CREDIT = re.compile(r"(?:powered|designed|developed|built|theme)\s+by\b", re.I)
# a company's legal form, and all after it: "CNBC LLC. A Division of NBCUniversal", "Quiller Media, Inc., Contact Us"
_LEGAL_FORM = re.compile(r"(?:,|\s&)?\s+(?:Inc|Ltd|LLC|L\.L\.C|Limited|plc|Corp|Corporation|Pty|GmbH|Company|Co|"
                         r"Private\s+(?:Ltd|Limited))\b\.?.*$")


def copyright_holder(notice: str) -> str | None:
    """Who a copyright notice names: "Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved." gives
    "Dow Jones"; the name follows the last copyright mark, its years taken out, up to where it ends."""
    marks = list(_COPYRIGHT_MARK.finditer(notice))
    after = notice[marks[-1].end():] if marks else notice
    if not re.search(r"[^\W\d_]", _COPYRIGHT_NOISE.sub(" ", after)):
        after = notice  # "Poynter Institute ©2019": the name came before the mark
    holder = re.sub(r"\s+", " ", _COPYRIGHT_NOISE.sub(" ", after)).strip(" ,.;:-–@")
    if _CREDIT.match(holder):
        return None  # "© 2019 Designed by Gray Digital Media": the site's designer, not who holds it
    holder = _HOLDER_END.split(holder, maxsplit=1)[0]
    holder = _LEGAL_FORM.sub("", holder).strip(" ,.;:-–@&")
    if not re.search(r"[^\W\d_]", holder) or len(WORD.findall(holder)) > 6:
        return None
    return holder


def _title(lines: list[Line], body_first_line: int | None, first_paragraph: str, known: str | None) -> str | None:
    header = [line for line in lines if body_first_line is None or line.number < body_first_line]
    if known:
        key = _key(known)
        for line in header:
            if _key(line.text) == key:
                line.reason = rules.TITLE
        return known.strip()
    candidates = [line for line in header if line.reason in (rules.HEADLINE, rules.HEADER, None)
                  and (is_heading_shaped(line) or 3 <= line.word_count <= 30 and not line.terminal)
                  and not _MASTHEAD.match(line.text) and not _ADDRESS_IN_LINE.search(line.text)]
    if not candidates:
        return None
    body_words = set(content_words(first_paragraph)) | _body_words(lines)

    def overlap(line: Line) -> float:
        words = set(content_words(line.text))
        return len(words & body_words) / len(words) if words else 0.0

    # The headline shares words with the body, is a few words long (a menu entry is one or two) and sits
    # close above the body; the later of two equal candidates is the nearer one.
    def score(position: int, line: Line) -> tuple[float, int]:
        return overlap(line) * min(line.word_count, 8) / 8 * (1.0 if len(candidates) - position <= 25 else 0.5), position

    chosen = max(enumerate(candidates), key=lambda pair: score(*pair))[1]
    # No word of it in the text: a form's or a widget's line ("You must enter the characters …", "Updated 6.15pm").
    # Chinese, Japanese and Thai put no spaces between words, so their lines share no "word": no test there.
    if not overlap(chosen) and not rules.UNSPACED.search(chosen.text):
        return None
    chosen.reason = rules.TITLE
    return chosen.text.strip()


# A publication's name on a line of its own ("Harvard Law Record", "The Denver Post"): the page's masthead, not
# the article's headline.
_MASTHEAD = re.compile(r"^\s*(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){0,3}(?:Times|Post|Journal|Herald|Tribune|Gazette|News|"
                       r"Daily|Chronicle|Observer|Review|Telegraph|Record|Register|Courier|Dispatch|Bulletin|"
                       r"Examiner|Inquirer|Star|Sun|Monitor|Express|Standard|Mirror|Guardian|Independent|Magazine|"
                       r"Weekly|Today|Report|Reporter|Wire|Online)\s*$")


# A web address in a line ("Message: A friend wanted you to see this item from WRAL.com: http://wr.al/13gnP"): a
# share form's or a link's, never a headline's.
_ADDRESS_IN_LINE = re.compile(r"https?://|\bwww\.\w", re.I)


def _body_words(lines: list[Line]) -> set[str]:
    words: set[str] = set()
    for line in lines:
        if line.reason is None:
            words.update(content_words(line.text))
    return words


def _key(text: str) -> str:
    return " ".join(w.lower() for w in WORD.findall(text))


_NOT_THE_ARTICLES_DATE = frozenset({rules.CAPTION, rules.CREDIT, rules.PLAYER})
_DATE_LINE_WORDS = 20  # a header line longer than this is prose, not a dateline or a stamp


def _dates(lines: list[Line], body_first_line: int | None, title: str | None) -> tuple[str | None, str | None]:
    published = updated = None
    stamps = [line for line in lines if line.reason == rules.TIMESTAMP]
    if body_first_line is not None:
        # the stamp nearest the body first: a site's header often shows today's date above the article's own
        stamps.sort(key=lambda line: (line.number > body_first_line, abs(body_first_line - line.number)))
    for line in stamps:
        found = find_datetime(line.text)
        if not found:
            continue
        lowered = line.text.lower()
        if re.search(r"\b(?:updated|modified)\b", lowered) and not re.search(r"\b(?:posted|published)\b", lowered):
            updated = updated or found[0]
        else:
            published = published or found[0]
    if published or updated:
        return published, updated
    title_key = _key(title) if title else None
    # No timestamp line: a date in the header, or a footer line that names this article.  A caption, a
    # credit or a player says when its picture or clip was made ("In this March 3, 2014 photo"), not when
    # the article was published; and a date inside a long line (a cookie notice's "effective May 23rd,
    # 2018") is what that text is about.
    for line in lines:
        if line.reason is None or line.reason in _NOT_THE_ARTICLES_DATE or len(line.text.split()) > _DATE_LINE_WORDS:
            continue
        in_header = body_first_line is not None and line.number < body_first_line
        names_article = title_key is not None and title_key in _key(line.text)
        if in_header or names_article:
            found = find_datetime(line.text)
            if found:
                return found[0], None
    return None, None


def _authors(lines: list[Line]) -> list[str]:
    names: list[str] = []
    for line in lines:
        if line.reason != rules.BYLINE:
            continue
        text = _BYLINE_PREFIX.sub("", line.text).strip()
        if re.search(r"\bstaff\b|\bdesk\b|\bnewsroom\b|\bwire services?\b", text, re.I) and not _BYLINE_PREFIX.match(line.text):
            names.append(text)
            continue
        for part in re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", text):
            match = _NAME.match(part.strip())
            if match and len(WORD.findall(match.group(0))) >= 2:
                names.append(match.group(0).strip())
    return _unique(names)


def _contributors(lines: list[Line]) -> list[str]:
    names: list[str] = []
    for line in lines:
        if line.reason != rules.CONTRIBUTORS:
            continue
        text = _POSSESSIVE_OUTLET.sub("", line.text)
        text = re.sub(r"^(?:additional\s+)?(?:reporting|editing|writing|compiled)\s+by\s+", "", text, flags=re.I)
        text = re.sub(r"\b(?:editing|writing)\s+by\s+", ", ", text, flags=re.I)
        for part in re.split(r"\s*(?:,|;|\band\b)\s*", text):
            match = _NAME.match(part.strip())
            if match:
                name = match.group(0).strip().rstrip(".")
                tokens = WORD.findall(name)
                if 2 <= len(tokens) <= 4 and not re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", name):
                    names.append(name)
    return _unique(names)


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out
