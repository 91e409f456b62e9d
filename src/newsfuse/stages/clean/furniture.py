"""Site furniture learned from the batch: lines that recur across different captures of one outlet.

A menu, a newsletter box or a footer prints the same lines on every page of a site, while two articles share
their text only when one is a copy of the other.  So within each outlet's captures, a short line found in
several *different* articles is furniture.  Captures that are copies of each other (the same article saved
twice, a light edit) are counted once, so their shared body is never mistaken for furniture.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlparse

from ...model import Document
from ...nlp.words import WORD
from .metadata import site_holder

MAX_WORDS = 25       # longer lines are paragraphs: never learned as furniture
MIN_SHARE = 0.2      # a line must recur in at least this share of the outlet's distinct articles (and in 2)
VERSION_OVERLAP = 0.3  # documents sharing this share of their sentence-length lines are versions of one article
PAIRWISE_LIMIT = 400
_COPYRIGHT = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b", re.I)


def line_key(text: str) -> str:
    """The form two printings of one line share: its words, lower-cased."""
    return " ".join(t.lower() for t in WORD.findall(text))


def site_of(doc: Document) -> str | None:
    """Which outlet a document comes from: its URL's host, its stated outlet, else its copyright holder."""
    url = doc.meta.get("url")
    if isinstance(url, str) and url:
        host = (urlparse(url if "://" in url else f"http://{url}").hostname or "").lower()
        host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
        if "." in host:
            return host
    outlet = doc.meta.get("outlet")
    if isinstance(outlet, str) and outlet.strip():
        return line_key(outlet)
    holder = site_holder(raw for raw in doc.raw_text.splitlines() if _COPYRIGHT.search(raw) and len(raw) <= 200)
    return line_key(holder) if holder else None


def learn(docs: Sequence[Document]) -> dict[int, frozenset[str]]:
    """For each document (by its index in ``docs``) that shares an outlet with others: the keys of the lines
    that are that outlet's furniture.  Documents with no known outlet, or alone from theirs, get nothing."""
    if len(docs) < 2:  # nothing to compare: skip reading a lone capture for its outlet
        return {}
    by_site: dict[str, list[int]] = defaultdict(list)
    for k, doc in enumerate(docs):
        site = site_of(doc)
        if site:
            by_site[site].append(k)
    learned: dict[int, frozenset[str]] = {}
    for members in by_site.values():
        if len(members) < 2:
            continue
        keys = [{line_key(raw) for raw in docs[k].raw_text.splitlines()} - {""} for k in members]
        family = _families(keys)
        seen_in: dict[str, set[int]] = defaultdict(set)
        for member_keys, member_family in zip(keys, family):
            for key in member_keys:
                if key.count(" ") < MAX_WORDS:
                    seen_in[key].add(member_family)
        families = set(family)
        if len(families) < 2:
            continue
        needed = max(2, math.ceil(MIN_SHARE * len(families)))
        furniture = frozenset(key for key, found in seen_in.items() if len(found) >= needed)
        for k in members:
            learned[k] = furniture
    return learned


def _families(keys: list[set[str]]) -> list[int]:
    """Group one outlet's documents into versions of the same article: two documents sharing
    ``VERSION_OVERLAP`` of their sentence-length lines (a copy, a light edit, an update of a story) are one
    family, so what they share counts once.  Beyond ``PAIRWISE_LIMIT`` documents only identical longest lines
    join a family (the pairwise comparison would grow with the square of the count)."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    long_lines = [{k for k in member if k.count(" ") >= 7} for member in keys]
    by_signature: dict[str, int] = {}
    for i, member in enumerate(long_lines):
        signature = hashlib.sha1("\n".join(sorted(member, key=lambda k: (-len(k), k))[:3]).encode()).hexdigest()
        parent[root(i)] = root(by_signature.setdefault(signature, i))
    if len(keys) <= PAIRWISE_LIMIT:
        for i in range(len(keys)):
            for j in range(i):
                a, b = long_lines[i], long_lines[j]
                if a and b and len(a & b) >= VERSION_OVERLAP * min(len(a), len(b)):
                    parent[root(i)] = root(j)
    return [root(i) for i in range(len(keys))]
