"""Inline Markdown to plain text: links become their text, emphasis markers go, headings are flagged."""
from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_QUOTE_PREFIX = re.compile(r"^(?:>\s?)+")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_PRIVATE = 0xE000  # escaped characters wait in the private-use area while the markup is read
_HTML_TAG = re.compile(r"</?(?:span|em|strong|b|i|u|a|br|sup|sub|small|mark)\b[^>]*>", re.I)


def plain(line: str) -> tuple[str, bool, list[str]]:
    """``(text, is_heading, link_urls)`` for one line of Markdown or plain text."""
    links: list[str] = []
    heading = False
    # "\_" and "\[" are literal characters, not markup: hide them until the markup is gone.
    line = _ESCAPED.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), line)
    match = _HEADING.match(line)
    if match:
        heading, line = True, match.group(2)
    line = _QUOTE_PREFIX.sub("", line)
    line = _IMAGE.sub("", line)

    def keep_text(found: re.Match[str]) -> str:
        links.append(found.group(2))
        return found.group(1)

    line = _LINK.sub(keep_text, line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(lambda m: (links.append(m.group(1)), m.group(1))[1], line)
    line = _CODE.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    for _ in range(2):  # nested emphasis: ***x***
        line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", line)
    line = re.sub(r"[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - _PRIVATE), line)
    return line, heading, links
