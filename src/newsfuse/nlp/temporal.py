"""Date expressions in news prose, resolved against the article's publication date.

Absolute dates ("Feb. 12, 2025", "12 February 2025", "2025-02-12", "February 2022", "in 2019") and
relative ones ("Wednesday", "late Monday night", "next Friday", "yesterday", "earlier this week",
"five years ago", "later this month", "last year") become a :class:`TimeExpression` whose ``value`` is
ISO 8601 at the precision the text supports: ``2025-02-12`` (day), ``2025-W07`` (week), ``2025-02``
(month), ``2025`` (year).  A bare weekday is the most recent one on or before the publication date,
unless the sentence speaks of the future ("will", "is scheduled to", ...), then the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Span
from .quantities import NUMBER_WORD, parse_number_words

__all__ = ["TimeExpression", "find_times", "anchor_date", "WEEKDAYS"]

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = r"(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_NUM = rf"(?P<count>\d+|{NUMBER_WORD}(?:[\s-]+(?:and\s+)?(?:a\s+half|[a-z]+))?)"


# Order matters: earlier patterns win over later ones on overlapping text.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("slash", re.compile(r"\b(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")),
    ("md", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?![:.]\d)", re.I)),
    ("dm", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I)),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("ago", re.compile(rf"\b(?:(?P<qual>nearly|almost|about|around|roughly|some|more\s+than|over|less\s+than|just\s+over|just\s+under)\s+)?"
                       rf"{_NUM}\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", re.I)),
    ("a_ago", re.compile(r"\b(?:(?P<qual>nearly|almost|about|around|roughly|more\s+than|over|just\s+over|just\s+under)\s+)?"
                         r"(?:a|one)\s+(?P<unit>day|week|month|year|decade)\s+ago\b", re.I)),
    ("rel_period", re.compile(r"\b(?P<mod>earlier|later|late|early)?\s*(?P<which>this|last|next|past)\s+"
                              r"(?P<unit>week|month|year|weekend)\b(?!\s*'s)", re.I)),
    ("rel_period2", re.compile(r"\b(?P<mod>earlier|later)\s+(?P<which>in\s+the)\s+(?P<unit>week|month|year)\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<mod>late|early|last|next|this|on|past)?\s*{_WEEKDAY}\b{_PART}", re.I)),
    ("day_word", re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|"
                            r"overnight|the\s+day\s+before\s+yesterday)\b", re.I)),
    ("month", re.compile(rf"\b(?P<mod>in|last|next|this|since|until|by|early|late|mid-?)\s*{_MONTH}\b(?!\s+\d)", re.I)),
    # the second year of a span: "from 1974 to 1978", "between 1995 and 1999" (only the year is the span)
    ("year_to", re.compile(r"\b(?:from|between)\s+(?:19|20)\d\d\s*(?:to|and|through|thru|until|till|[-–—])\s*"
                           r"(?P<year>(?:19|20)\d\d)\b(?![,.]\d|\s*%|-year)", re.I)),
    ("year", re.compile(r"(?:\b(?P<mod>in|since|by|until|from|of|for|during|before|after|through|pre|post|early|late|mid)[\s-]+|"
                        r"(?<=\bthe\s)|(?<=\bbetween\s)(?=(?:19|20)\d\d\s+and\s+(?:19|20)\d\d\b)|"
                        r"(?<=\s)(?=(?:19|20)\d\d\s+(?:campaign|election|elections|season|games|olympics|"
                        r"world\s+cup|invasion|war|attack|census|budget|report|survey|study|law|act|agreement|deal|"
                        r"summit|protests|crisis|earthquake|storm|fire|floods)\b))"
                        r"(?P<year>(?:19|20)\d\d)\b(?![,.]\d|\s*%|-year)", re.I)),
]
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


@dataclass(frozen=True)
class TimeExpression:
    """A date expression, its resolved value at a precision, and whether it was relative."""

    span: Span
    text: str
    value: str | None         # ISO 8601: YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY; None when it cannot be resolved
    precision: str            # day | week | month | year | decade
    relative: bool
    approximate: bool = False

    @property
    def sort_key(self) -> str:
        """A key that orders values of mixed precision by when they start."""
        if not self.value:
            return "9999"
        if "-W" in self.value:
            year, week = self.value.split("-W")
            return date.fromisocalendar(int(year), int(week), 1).isoformat()
        return self.value

    def to_dict(self) -> dict:
        out = {"start": self.span.start, "end": self.span.end, "text": self.text, "value": self.value,
               "precision": self.precision, "relative": self.relative}
        if self.approximate:
            out["approximate"] = True
        return out


def anchor_date(published: str | None) -> date | None:
    """The calendar date an article was published, as the capture states it (its own zone)."""
    if not published:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def find_times(text: str, anchor: date | None, *, sentences: list[Span] | None = None) -> list[TimeExpression]:
    """Every date expression in ``text``, resolved against ``anchor`` (relative ones stay unresolved without it)."""
    taken: list[Span] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span("year") if kind == "year_to" else _trim(text, match)
            if end <= start:
                continue
            span = Span(start, end)
            if any(span.overlaps(t) for t in taken):
                continue
            expression = _resolve(kind, match, text, span, anchor, sentences)
            if expression is None:
                continue
            taken.append(span)
            found.append(expression)
    found.sort(key=lambda e: e.span.start)
    return found


def _trim(text: str, match: re.Match[str]) -> tuple[int, int]:
    start, end = match.start(), match.end()
    while start < end and text[start].isspace():
        start += 1
    # leading prepositions are context, not part of the date
    lead = re.match(r"(?:on|in|since|by|until|from|of|during|before|after|through)\s+", text[start:end], re.I)
    if lead:
        start += lead.end()
    return start, end


def _resolve(kind: str, match: re.Match[str], text: str, span: Span, anchor: date | None,
             sentences: list[Span] | None) -> TimeExpression | None:
    groups = match.groupdict()
    surface = text[span.start:span.end]

    def make(value: str | None, precision: str, relative: bool, approximate: bool = False) -> TimeExpression:
        return TimeExpression(span, surface, value, precision, relative, approximate)

    if kind in ("iso", "slash"):
        return _day(int(groups["year"]), int(groups["mon"]), int(groups["day"]), make)
    if kind in ("mdy", "dmy"):
        return _day(int(groups["year"]), _month_number(groups["month"]), int(groups["day"]), make)
    if kind in ("md", "dm"):
        month = _month_number(groups["month"])
        if groups["month"].lower() == "may" and not groups.get("weekday") and kind == "dm":
            return None  # "5 may" is far more often the verb
        day = int(groups["day"])
        if not 1 <= day <= 31 or anchor is None:
            return make(None, "day", True) if 1 <= day <= 31 else None
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(date(year, month, day))
            except ValueError:
                continue
        year = _year_in_context(text, span, anchor)
        if year is not None:  # "next year's edition will run from July 4": the clause names the year
            candidates = [c for c in candidates if c.year == year] or candidates
        elif _tense(text, span, sentences) == "future":  # otherwise the nearest: "was pushed back to Oct. 26"
            candidates = [c for c in candidates if c >= anchor] or candidates
        best = min(candidates, key=lambda c: abs((c - anchor).days), default=None)
        return make(best.isoformat(), "day", True) if best else None
    if kind == "my":
        return make(f"{int(groups['year']):04d}-{_month_number(groups['month']):02d}", "month", False)
    if kind in ("ago", "a_ago"):
        count = _count(groups.get("count") or "one")
        if count is None or anchor is None:
            return make(None, groups["unit"].lower(), True) if count is not None else None
        unit = groups["unit"].lower()
        approximate = bool(groups.get("qual")) or count != int(count)
        if unit == "day":
            return make((anchor - timedelta(days=round(count))).isoformat(), "day", True, approximate)
        if unit == "week":
            return make(_week(anchor - timedelta(weeks=count)), "week", True, approximate)
        if unit == "month":
            year, month = _add_months(anchor.year, anchor.month, -round(count))
            return make(f"{year:04d}-{month:02d}", "month", True, approximate)
        years = round(count * (10 if unit == "decade" else 1))
        return make(f"{anchor.year - years:04d}", "year", True, approximate)
    if kind in ("rel_period", "rel_period2"):
        unit = groups["unit"].lower()
        which = groups["which"].lower()
        if which == "past" and unit != "weekend":
            return None  # "the past week" is a duration, not a date
        shift = {"this": 0, "in the": 0, "last": -1, "past": -1, "next": 1}[which]
        if anchor is None:
            return make(None, "week" if unit in ("week", "weekend") else unit, True)
        if unit in ("week", "weekend"):
            base = anchor + timedelta(weeks=shift)
            if unit == "weekend":
                saturday = base - timedelta(days=base.weekday()) + timedelta(days=5)
                if which == "last" or which == "past":
                    saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7 or 7)
                return make(saturday.isoformat(), "day", True)
            return make(_week(base), "week", True)
        if unit == "month":
            year, month = _add_months(anchor.year, anchor.month, shift)
            return make(f"{year:04d}-{month:02d}", "month", True)
        return make(f"{anchor.year + shift:04d}", "year", True)
    if kind == "weekday":
        word = match.group("weekday")
        if not word[0].isupper():
            return None  # lower-case "sat", "wed", "sun" are ordinary words
        if word.lower() not in WEEKDAYS and text[match.end("weekday"):match.end("weekday") + 1] != ".":
            return None  # abbreviations only as "Wed."
        target = _WEEKDAY_ABBREVIATIONS[word[:3].lower()]
        mod = (groups.get("mod") or "").lower()
        if anchor is None:
            return make(None, "day", True)
        tense = "future" if mod == "next" else "past" if mod in ("last", "past") else _tense(text, span, sentences)
        ahead = (target - anchor.weekday()) % 7 or 7
        back = (anchor.weekday() - target) % 7
        if mod in ("last", "past") and back == 0:
            back = 7
        if tense == "future" or tense == "either" and ahead < back:
            return make((anchor + timedelta(days=ahead)).isoformat(), "day", True)
        return make((anchor - timedelta(days=back)).isoformat(), "day", True)
    if kind == "day_word":
        word = " ".join(groups["word"].lower().split())
        if anchor is None:
            return make(None, "day", True)
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(word, 0)
        return make((anchor + timedelta(days=offset)).isoformat(), "day", True)
    if kind == "month":
        raw = groups["month"]
        if not raw[0].isupper():
            return None
        if raw.lower().rstrip(".") in ("may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr") \
                and raw.lower() != "may" and len(raw.rstrip(".")) == 3 and not raw.endswith("."):
            return None
        if raw.lower() == "may" and (groups.get("mod") or "").lower() not in ("in", "last", "next", "since", "until", "by",
                                                                              "early", "late"):
            return None
        month = _month_number(raw)
        mod = (groups.get("mod") or "").lower().rstrip("-")
        if anchor is None:
            return make(None, "month", True)
        if mod == "next" or (mod not in ("last", "since") and _tense(text, span, sentences) == "future"):
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif mod == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        else:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        return make(f"{year:04d}-{month:02d}", "month", True)
    if kind in ("year", "year_to"):
        return make(groups["year"], "year", False)
    return None


def _year_in_context(text: str, span: Span, anchor: date) -> int | None:
    """A year the clause before a day-and-month date names: "in 2019, on March 3", "next year's ... July 4"."""
    before = text[max(0, span.start - 80):span.start]
    before = re.split(r"[.;!?]\s", before)[-1]
    found = None
    for match in re.finditer(r"\b(next|last|this)\s+year\b|\b((?:19|20)\d\d)\b", before, re.I):
        if match.group(2):
            found = int(match.group(2))
        else:
            found = anchor.year + {"next": 1, "last": -1, "this": 0}[match.group(1).lower()]
    return found


def _day(year: int, month: int, day: int, make) -> TimeExpression | None:
    try:
        return make(date(year, month, day).isoformat(), "day", False)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in _MONTH_NAMES].index(key) + 1


def _count(words: str) -> float | None:
    words = words.strip()
    if words.isdigit():
        return float(words)
    return parse_number_words(words)


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


_REPORTED = re.compile(r"\b(?:said|announced|told\s+\w+(?:\s+\w+)?|added|confirmed|wrote|posted|reported)\s+(?:on\s+|late\s+|early\s+)?$",
                       re.I)
_STRONG_FUTURE = re.compile(r"\b(?:will|'ll|shall|(?:is|are)\s+(?:set|scheduled|due|expected|slated|planned|to)\b|"
                            r"plans?\s+to|planning\s+to|expects?\s+to|intends?\s+to|aims?\s+to|upcoming|scheduled\s+for|going\s+to|"
                            r"(?:has|have)\s+scheduled)\b", re.I)
_WEAK_FUTURE = re.compile(r"\b(?:would|was\s+(?:set|scheduled|due|expected|to)|were\s+(?:set|scheduled|due|expected|to)|"
                          r"to\s+be\s+held)\b", re.I)


# a subordinate clause that states its own event: "after a section collapsed on Tuesday", "since he left on May 2"
_SUBORDINATE = re.compile(r"\b(?:after|before|when|since|because|once|until|although|though)\b", re.I)
# a past verb: "-ed" but not "speed", "need", "red" or "hundred", and not after a present auxiliary ("are finished")
_PAST_VERB = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bget )(?<!\bgets )"
                        r"\b(?:(?!hundred\b)[a-z]{2,}(?<!e)ed|was|were|had|did|went|came|fell|broke|began|struck|"
                        r"hit|left|took|made|gave|ran|sank|shot|died|won|lost|met|said|told)\b(?!\s+(?:to|by)\b)", re.I)


def _tense(text: str, span: Span, sentences: list[Span] | None) -> str:
    """Whether the clause around ``span`` speaks of the future ("will meet on Friday"), of a future seen from
    the past ("said he would meet on Friday": either side of the publication date), or of the past."""
    start = max(0, span.start - 160)
    if sentences:
        for sentence in sentences:
            if sentence.start <= span.start < sentence.end:
                start = max(start, sentence.start)
                break
    else:
        left = max(text.rfind(". ", start, span.start), text.rfind("\n", start, span.start))
        if left >= 0:
            start = left + 1
    before = text[start:span.start]
    first_close, first_open = before.find("”"), before.find("“")
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        before = before[first_close + 1:]  # the window opened inside a quotation (a long one): its words go too
    before = re.sub(r"[“\"‘][^”\"’]*[”\"’]", " ", before)  # a quotation's tense is not the clause's
    if _REPORTED.search(before):
        return "past"  # "..., the chief executive announced on Sunday": the date of the reporting
    # only the clause the date belongs to: cut at the last clause boundary before it
    clause = re.split(r"[;:]|,\s+(?:and|but|while|as|which|who)\s+|\band\s+(?=\w+\s+(?:said|says))", before)[-1]
    subordinate = _SUBORDINATE.split(clause)
    if len(subordinate) > 1 and not _STRONG_FUTURE.search(subordinate[-1]) and _PAST_VERB.search(subordinate[-1]):
        return "past"  # "engineers will inspect it after the wall collapsed on Tuesday": the date is the collapse's
    if _STRONG_FUTURE.search(clause):
        return "future"
    if _WEAK_FUTURE.search(clause):
        return "either"
    return "past"
