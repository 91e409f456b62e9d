"""Tokens, stop words and content words."""
from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)

# Function words of English: they carry no topic, so they are left out of content-word comparisons.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each even ever every few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up upon very was we were what
when where which while who whom why will with would you your yours yourself yourselves said says say told according
may might must shall 's s t don didn doesn isn wasn weren won wouldn couldn shouldn let us one two new mr mrs ms
""".split())


def words(text: str) -> list[str]:
    return WORD.findall(text)


def lowered_tokens(pattern: re.Pattern, text: str) -> list[str]:
    """``pattern``'s matches in ``text``, lower-cased.  An ASCII text is lower-cased first, which is faster
    and gives the same tokens; elsewhere lower-casing can change a token's length ("İ" becomes two)."""
    return pattern.findall(text.lower()) if text.isascii() else [t.lower() for t in pattern.findall(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased words that are not stop words and not single characters."""
    return [w for w in (t.lower() for t in WORD.findall(text)) if len(w) > 1 and w not in STOPWORDS]


def stopword_ratio(text: str) -> float:
    tokens = [t.lower() for t in WORD.findall(text)]
    if not tokens:
        return 0.0
    return sum(t in STOPWORDS for t in tokens) / len(tokens)
