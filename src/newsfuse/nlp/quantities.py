"""Numbers and quantities in news prose, as comparable values.

"two and a half hours", "150 minutes" and "nearly 150 minutes" all become a duration of 9,000 seconds
(the last with the qualifier ``nearly``); "$1.2 billion" is 1.2e9 USD; "12 to 15 people" a count from 12
to 15; "a 14-year-old" an age of 14 years.  Each :class:`Quantity` keeps the span it was read from.
Years, days of the month and clock times belong to dates: pass their spans as ``exclude``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

__all__ = ["Quantity", "find_quantities", "parse_number_words", "NUMBER_WORD"]

_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_SCALE_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                        "tn": 1_000_000_000_000}

# A run of number words: "two", "twenty-five", "two hundred and fifty", "two and a half", "a dozen", "half a million".
NUMBER_WORD = (rf"(?:(?:{'|'.join(sorted([*_UNITS, *_TENS], key=len, reverse=True))})(?:-(?:{'|'.join(_UNITS)}))?"
               rf"|a\s+dozen|dozen|half\s+a\s+dozen|half|a\s+half|a\s+quarter"
               rf"|an?\s+(?=(?:hour|day|week|month|year|decade|century|minute|second)s?\b)"
               rf"|an?\s+(?=(?:hundred|thousand|million|billion)\b))")
_WORD_RUN = re.compile(
    rf"\b(?:an?\s+(?:hundred|thousand|million|billion)\b|{NUMBER_WORD})"  # "a hundred and twenty", "two hundred"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{'|'.join(sorted([*_UNITS, *_TENS, *_SCALES, 'dozen'], key=len, reverse=True))}"
    rf"|a\s+half|a\s+quarter)(?:-(?:{'|'.join(_UNITS)}))?)*\b", re.I)

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SCALE_WORD = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn|b|tn)\b)"
_CURRENCY_SIGN = {"$": "USD", "us$": "USD", "$us": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                  "c$": "CAD", "a$": "AUD", "$a": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD"}
_CURRENCY_WORD = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound sterling": "GBP",
                  "pounds sterling": "GBP", "yen": "JPY", "rupees": "INR", "rupee": "INR", "yuan": "CNY",
                  "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "francs": "CHF",
                  "pesos": "MXN", "won": "KRW"}

_DURATION = {"second": 1.0, "minute": 60.0, "hour": 3_600.0, "day": 86_400.0, "week": 604_800.0,
             "fortnight": 1_209_600.0, "month": 2_629_746.0, "year": 31_556_952.0, "decade": 315_569_520.0,
             "century": 3_155_695_200.0}
_MEASURE = {  # unit word -> (canonical unit, factor)
    "km": ("m", 1000.0), "kilometre": ("m", 1000.0), "kilometer": ("m", 1000.0), "metre": ("m", 1.0),
    "meter": ("m", 1.0), "mile": ("m", 1609.344), "nautical mile": ("m", 1852.0), "foot": ("m", 0.3048),
    "feet": ("m", 0.3048), "ft": ("m", 0.3048),
    "yard": ("m", 0.9144), "inch": ("m", 0.0254), "inches": ("m", 0.0254), "cm": ("m", 0.01), "centimetre": ("m", 0.01),
    "centimeter": ("m", 0.01), "kg": ("kg", 1.0), "kilogram": ("kg", 1.0), "kilo": ("kg", 1.0), "gram": ("kg", 0.001),
    "tonne": ("kg", 1000.0), "ton": ("kg", 907.18474), "lb": ("kg", 0.45359237), "acre": ("m2", 4046.8564224),
    "hectare": ("m2", 10_000.0), "mph": ("km/h", 1.609344), "km/h": ("km/h", 1.0), "kph": ("km/h", 1.0),
    "degree": ("degree", 1.0), "gallon": ("l", 3.785411784), "litre": ("l", 1.0), "liter": ("l", 1.0),
}

_QUALIFIERS = [  # longest first; each maps to one of a few comparable kinds
    ("no more than", "at most"), ("no fewer than", "at least"), ("in excess of", "more than"),
    ("as many as", "up to"), ("as much as", "up to"), ("upwards of", "more than"), ("more than", "more than"),
    ("fewer than", "less than"), ("less than", "less than"), ("at least", "at least"), ("at most", "at most"),
    ("just over", "more than"), ("just under", "nearly"), ("close to", "nearly"), ("an estimated", "about"),
    ("up to", "up to"), ("nearly", "nearly"), ("almost", "nearly"), ("about", "about"), ("around", "about"),
    ("roughly", "about"), ("approximately", "about"), ("approx.", "about"), ("some", "about"), ("over", "more than"),
    ("under", "less than"), ("above", "more than"), ("below", "less than"), ("exactly", "exactly"),
    ("estimated at", "about"), ("estimated", "about"), ("almost exactly", "exactly"),
]
_QUALIFIER_RE = re.compile(r"\b(" + "|".join(re.escape(q) for q, _ in sorted(_QUALIFIERS, key=lambda x: -len(x[0])))
                           + r")\s+$", re.I)
_QUALIFIER_KIND = dict(_QUALIFIERS)

_PERCENT = re.compile(r"^\s*(?:%|per\s?cent\b|percent\b|percentage points?\b|pct\b)", re.I)
_UNIT_WORD = re.compile(r"^(?:\s*-\s*|\s+)(?:(?:and\s+)?(a\s+half|a\s+quarter)\s+)?"
                        r"(nautical\s+miles?|[a-z][a-z/]*(?:\s+sterling)?)", re.I)
_AGE = re.compile(r"^-(?:year|month|week|day)s?-old\b", re.I)
_ADJ_DURATION = re.compile(r"^-(second|minute|hour|day|week|month|year|decade)\b(?!-old)", re.I)
_OF_ONE = re.compile(r"\s+(?:of\s+)?an?(?=\s+[a-z])", re.I)
_AND_HALF = re.compile(r"\s+and\s+a\s+(half|quarter)\b", re.I)
_RANGE = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.I)
_NOUN = re.compile(r"^\s+(?:(?:more|other|additional|new)\s+)?([a-z]+)", re.I)
_COUNT_STOP = frozenset("""a an the of to in on at for by and or but is are was were be been has have had will would
that this these those it its as from with than percent per cent times""".split())


@dataclass(frozen=True)
class Quantity:
    """One figure: its span, normalised value (or range), unit and qualifier."""

    span: Span
    text: str
    value: float                   # the figure in canonical units (seconds, metres, kg, currency units, percent)
    kind: str                      # count | duration | age | money | percent | measure | number
    unit: str | None = None        # "s", "m", "kg", "USD", "%", "year" (age), or the counted noun ("people")
    low: float | None = None       # a range: "12 to 15" -> low 12, high 15 (value is the low end)
    high: float | None = None
    qualifier: str | None = None   # about | nearly | more than | less than | at least | up to | at most | exactly

    def to_dict(self) -> dict:
        out = {"start": self.span.start, "end": self.span.end, "text": self.text, "value": self.value,
               "kind": self.kind, "unit": self.unit}
        if self.high is not None:
            out["low"], out["high"] = self.low, self.high
        if self.qualifier:
            out["qualifier"] = self.qualifier
        return out


def parse_number_words(words: str) -> float | None:
    """``"two hundred and fifty"`` -> 250, ``"two and a half"`` -> 2.5, ``"a dozen"`` -> 12; ``None`` if not a number."""
    tokens = re.findall(r"[a-z]+", words.lower())
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    fraction = 0.0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("a", "an"):
            if i + 1 < len(tokens) and tokens[i + 1] in ("half", "quarter") and (seen or i > 0 and tokens[i - 1] == "and"):
                fraction = 0.5 if tokens[i + 1] == "half" else 0.25
                i += 2
                continue
            current = max(current, 1.0) if not seen else current
            seen = True
        elif token == "and":
            pass
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif token == "half":
            if seen:
                current = (current or 1.0) * 0.5 if not tokens[i - 1] == "and" else current
                fraction = fraction or (0.5 if tokens[i - 1] == "and" else 0.0)
            else:
                current = 0.5
            seen = True
        elif token == "quarter":  # "a quarter" is 0.25 ("a" read as one), "two and a quarter" is above
            current = current * 0.25 if seen and tokens[i - 1] in ("a", "an") else current + 0.25 if seen else 0.25
            seen = True
        elif token in _SCALES:
            scale = _SCALES[token]
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += ((current or 1.0) + fraction) * scale
                current = 0.0
                fraction = 0.0
            seen = True
        else:
            return None
        i += 1
    return total + current + fraction if seen else None


def _number_at(text: str, start: int) -> tuple[float, int] | None:
    """A number (digits or words, with a scale word) starting at ``start``: its value and end offset."""
    match = re.compile(rf"(?:{_DIGITS})").match(text, start)
    if match and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ".,")
                  or text.endswith(("$US", "$A"), max(0, start - 3), start)):
        value = float(match.group(0).replace(",", ""))
        end = match.end()
        scale = re.compile(_SCALE_WORD, re.I).match(text, end)
        if scale:
            word = scale.group(0).strip().lower()
            value *= _SCALES.get(word) or _SCALE_ABBREVIATIONS[word]
            end = scale.end()
        return value, end
    if start > 0 and text[start - 1].isalnum():
        return None
    point = re.compile(r"half\s+a\s+(?=percentage\s+point)", re.I).match(text, start)
    if point:
        return 0.5, point.end() - 1
    half = _HALF_A.match(text, start)
    if half:  # "half an hour", "half a million"
        scale = half.group(1)
        if scale:
            return 0.5 * _SCALES[scale.lower()], half.end()
        return 0.5, half.end()
    match = _WORD_RUN.match(text, start)
    if match:
        phrase = match.group(0).rstrip()
        # "and" joins number words only after a scale ("two hundred and fifty") or before a fraction ("two and
        # a half"): "between six and eight years" is two numbers, a range, not fourteen
        joint = _LOOSE_AND.search(phrase)
        if joint:
            phrase = phrase[:joint.start()]
        # a trailing "and" or article belongs to the next phrase ("two and the rest")
        phrase = re.sub(r"(?:\s+(?:and|a|an))+$", "", phrase, flags=re.I)
        value = parse_number_words(phrase)
        if value is not None:
            return value, start + len(phrase)
    return None


_HALF_OF_GAME = re.compile(r"\b(?:first|second|1st|2nd)\s*-?\s*$", re.I)
_HALF_NEXT = re.compile(r"\s*-?\s*half\b", re.I)
_LOOSE_AND = re.compile(r"(?<!hundred)(?<!thousand)(?<!million)(?<!billion)(?<!trillion)(?<!dozen)\s+and\s+"
                        r"(?!an?\s+(?:half|quarter)\b)", re.I)
_HALF_A = re.compile(r"half\s+an?(?:\s+(million|billion|thousand)\b|(?=\s+(?:second|minute|hour|day|week|month|year|decade|century)\b))",
                     re.I)
# a currency sign before a figure: "$", "US$", "$US1 million" (Australian and wire style), "NZ$", "HK$"
_SIGN = re.compile(r"(US\$|AU\$|NZ\$|HK\$|\$US|\$A|[CAS]\$|[$€£¥₹])\s?$", re.I)
_START = re.compile(rf"(?:{_DIGITS})|\b(?:{NUMBER_WORD})", re.I)


# A magnitude named in words rather than given as a figure: "thousands of", "tens of thousands",
# "several hundred thousand", "a few million", "dozens of".  Read as an interval from twice its order of
# magnitude: "several hundred thousand" stays under a million (up to ten times its order), while a plural
# is looser ("thousands" of fans may be 12,000: up to twenty times), so that "thousands" and "tens of
# thousands" meet at their edge, and "several hundred thousand" and "millions" do not.
_VAGUE = re.compile(
    r"\b(?:(?P<times>tens|hundreds)\s+of\s+(?P<of>thousands|millions|billions)"
    r"|(?:several|a\s+few)\s+(?P<one>dozen|hundred|thousand|million|billion)"
    r"(?:\s+(?P<two>thousand|million|billion))?"
    r"|(?P<plural>dozens|hundreds|thousands|millions|billions))\b", re.I)
_VAGUE_TIMES = {"tens": 10, "hundreds": 100}
_VAGUE_LOW, _VAGUE_HIGH, _VAGUE_PLURAL_HIGH = 2, 10, 20
_VAGUE_OF = re.compile(r"[\"”’']?(?:\s+of\b)?", re.I)  # "millions of", "“millions” of"
_PRONOUNS = frozenset("them us you those these which whom who".split())  # "thousands of them": of whom, unsaid
_NUMBER_BEFORE = re.compile(rf"(?:\d|\b(?:{'|'.join([*_UNITS, *_TENS])}|a|an))\s*$", re.I)

# what stands between a measure or a sum and the same figure in other units: "56 nautical miles (103 kilometers)"
_CONVERSION_OPEN = re.compile(r"\s*\(\s*(?:or\s+|about\s+|roughly\s+|some\s+)?")
_CONVERSION_CLOSE = re.compile(r"\s*\)")


def find_quantities(text: str, exclude: list[Span] | tuple[Span, ...] = ()) -> list[Quantity]:
    """Every figure in ``text`` outside the ``exclude`` spans (dates, clock times), in order."""
    out: list[Quantity] = []
    blocked = sorted(exclude)
    cursor = 0
    for match in _START.finditer(text):
        start = match.start()
        if start < cursor or any(s.start <= start < s.end for s in blocked):
            continue
        found = _quantity_at(text, start)
        if found is None:
            continue
        if any(found.span.overlaps(s) for s in blocked):
            continue
        cursor = found.span.end
        if out and _CONVERSION_OPEN.fullmatch(text, out[-1].span.end, found.span.start) and \
                _CONVERSION_CLOSE.match(text, found.span.end) and found.kind == out[-1].kind and \
                found.kind in ("measure", "money"):
            continue  # "56 nautical miles (103 kilometers)", "$100 (£80)": the same figure in other units
        out.append(found)
    vague = [q for q in _vague_quantities(text) if not any(q.span.overlaps(s) for s in blocked)]
    if not vague:
        return out
    # a magnitude holds the figure words inside it ("several dozen" is not a dozen); a figure it only touches wins
    out = [f for f in out if not any(v.span.start <= f.span.start and f.span.end <= v.span.end for v in vague)]
    vague = [v for v in vague if not any(v.span.overlaps(f.span) for f in out)]
    return sorted(out + vague, key=lambda q: q.span.start)


def _vague_quantities(text: str) -> list[Quantity]:
    """Magnitudes named in words ("millions of voters", "several hundred thousand people") as intervals."""
    out = []
    for match in _VAGUE.finditer(text):
        if match.group("plural") and _NUMBER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "two hundreds", "a thousands": not a magnitude in words
        if match.group("times"):
            base = _VAGUE_TIMES[match.group("times").lower()] * _SCALES[match.group("of").lower()[:-1]]
        elif match.group("one"):
            one = match.group("one").lower()
            base = (12 if one == "dozen" else _SCALES[one]) * _SCALES.get((match.group("two") or "").lower(), 1)
        else:
            scale = match.group("plural").lower()[:-1]
            base = 12 if scale == "dozen" else _SCALES[scale]
        begin, end = match.span()
        tail = text[end:end + 40]
        joint = _VAGUE_OF.match(tail).end()
        unit_match = _UNIT_WORD.match(tail[joint:])
        unit_word, _ = _unit_name(unit_match)
        if unit_word in _CURRENCY_WORD:
            kind, unit = "money", _CURRENCY_WORD[unit_word]
            end += joint + unit_match.end()
        else:
            noun = _NOUN.match(tail[joint:])
            if not noun or noun.group(1).lower() in _COUNT_STOP or noun.group(1).lower() in _PRONOUNS:
                continue  # "rather than millions.": a magnitude of nothing named, nothing to compare
            kind, unit = "count", noun.group(1).lower()
        qualifier = None
        q = _QUALIFIER_RE.search(text, max(0, begin - 20), begin)
        if q:
            qualifier = _QUALIFIER_KIND[q.group(1).lower()]
            begin = q.start()
        low = float(_VAGUE_LOW * base)
        high = float((_VAGUE_HIGH if match.group("one") else _VAGUE_PLURAL_HIGH) * base)
        out.append(Quantity(span=Span(begin, end), text=text[begin:end], value=low, kind=kind, unit=unit,
                            low=low, high=high, qualifier=qualifier))
    return out


def _quantity_at(text: str, start: int) -> Quantity | None:
    number = _number_at(text, start)
    if number is None:
        return None
    value, end = number
    head = text[start:end].lower()
    is_word = not head[:1].isdigit() and not head.startswith(".")
    begin = start
    currency = None
    sign = _SIGN.search(text, max(0, start - 5), start)
    if sign:
        currency = _CURRENCY_SIGN[sign.group(1).lower()]
        begin = start - len(sign.group(0))
    low = high = None
    # "two and a half hours": the fraction after the number word
    half = _AND_HALF.match(text, end)
    if half:
        value += 0.5 if half.group(1).lower() == "half" else 0.25
        end = half.end()
    # "half a mile", "a quarter of an hour": a fraction of one unit
    one = _OF_ONE.match(text, end) if is_word and value < 1 else None
    if one and _unit_follows(text, one.end()):
        end = one.end()
    # ranges: "12 to 15", "12-15", "between 12 and 15"
    rng = _RANGE.match(text, end)
    if rng and (rng.group(0).strip() in ("-", "–", "—") or rng.group(0).strip().lower() == "to"
                or re.search(r"\bbetween\s+$", text[max(0, begin - 9):begin], re.I)):
        second = _number_at(text, rng.end())
        if second and second[0] > value and not re.match(r"-(?:year|month|week|day)s?-old", text[second[1]:], re.I):
            low, high = value, second[0]
            end = second[1]
    qualifier = None
    before = text[max(0, begin - 20):begin]
    q = _QUALIFIER_RE.search(before)
    if q:
        qualifier = _QUALIFIER_KIND[q.group(1).lower()]
        begin = begin - len(before) + q.start()
    kind, unit, factor = "number", None, 1.0
    tail = text[end:end + 40]
    if re.search(r"\bmagnitude[- ]$", text[max(0, begin - 10):begin], re.I):
        kind, unit = "measure", "magnitude"
    elif currency:
        kind, unit = "money", currency
    elif _PERCENT.match(tail):
        kind, unit = "percent", "%"
        end += _PERCENT.match(tail).end()
    elif _AGE.match(tail):
        kind, unit = "age", _AGE.match(tail).group(0).split("-")[1].rstrip("s")
        end += _AGE.match(tail).end()
    elif _ADJ_DURATION.match(tail):
        word = _ADJ_DURATION.match(tail).group(1).lower()
        kind, unit, factor = "duration", "s", _DURATION[word]
        end += _ADJ_DURATION.match(tail).end()
    else:
        unit_match = _UNIT_WORD.match(tail)
        word, singular = _unit_name(unit_match)
        if word == "second" and _HALF_NEXT.match(tail, unit_match.end()):
            unit_match = None  # "two second-half goals": the half of a game, not seconds
        if unit_match and (singular in _DURATION or word in _DURATION):
            kind, unit, factor = "duration", "s", _DURATION.get(singular, _DURATION.get(word, 1.0))
            if unit_match.group(1):  # "two and a half hours" written "two hours and a half" is handled below
                value += 0.5 if "half" in unit_match.group(1).lower() else 0.25
            end += unit_match.end()
            after_half = _AND_HALF.match(text, end)
            if after_half and low is None:  # "an hour and a half"
                value += 0.5 if after_half.group(1).lower() == "half" else 0.25
                end = after_half.end()
        elif unit_match and (word in _CURRENCY_WORD or re.match(r"pounds?\s+sterling", word)):
            kind, unit = "money", _CURRENCY_WORD.get(word, "GBP")
            end += unit_match.end()
        elif unit_match and (singular in _MEASURE or word in _MEASURE):
            unit, factor = _MEASURE.get(singular, _MEASURE.get(word))
            kind = "measure"
            end += unit_match.end()
        else:
            noun = _NOUN.match(tail)
            if noun and noun.group(1).lower() not in _COUNT_STOP and not _is_year_like(value, head, high):
                kind, unit = "count", noun.group(1).lower()
    if qualifier == "more than" and kind == "duration" and q is not None and q.group(1).lower() == "over" \
            and not re.search(r"\b(?:for|after|of|in|lasting|spanning)\s+$", text[max(0, begin - 12):begin], re.I):
        qualifier = None  # "over three days" is when, not how much; "for over three years" is more than
        begin += len(q.group(0))
    if head.strip() == "half" and _HALF_OF_GAME.search(text, max(0, begin - 12), begin):
        return None  # "a first-half free throw", "second half goals": a part of a game, not a figure
    if is_word and head.strip() in ("a", "an") and re.search(r"\d[\w%]*\s+\w+\s+$", text[max(0, begin - 25):begin]):
        return None  # a rate: "30 minutes a day", "$15 an hour"
    if is_word and value == 1 and head.strip() == "one" and kind not in ("duration", "measure", "money", "percent", "age") \
            and not qualifier:
        return None  # "one witness", "one of them": a determiner, not a figure
    if kind == "number":
        if _is_year_like(value, head, high):
            return None  # a bare year is a date, not a quantity
        if is_word and value == 1 and not qualifier:
            return None  # "one of them", "no one": not a figure
        if is_word and head.strip() in ("a", "an", "half", "a half", "a quarter"):
            return None
    if kind == "count" and is_word and value == 1 and head.strip() in ("a", "an"):
        return None
    if is_word and head.strip() in ("a", "an") and kind not in ("duration",) and value == 1:
        return None
    scaled = value * factor
    return Quantity(span=Span(begin, end), text=text[begin:end], value=round(scaled, 6), kind=kind, unit=unit,
                    low=None if low is None else round(low * factor, 6),
                    high=None if high is None else round(high * factor, 6), qualifier=qualifier)


def _unit_name(match: re.Match | None) -> tuple[str, str]:
    """The unit word a ``_UNIT_WORD`` match found, lower-cased with single spaces, and its singular."""
    word = " ".join(match.group(2).lower().split()) if match else ""
    return word, _singular(word)


def _unit_follows(text: str, end: int) -> bool:
    """Whether a duration or measure unit comes next ("... a mile", "... an hour")."""
    names = _unit_name(_UNIT_WORD.match(text[end:end + 40]))  # (anchored at its start: match the slice)
    return any(name in table for name in names if name for table in (_DURATION, _MEASURE))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ches") or word.endswith("shes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _is_year_like(value: float, head: str, high: float | None = None) -> bool:
    """Whether a figure written as ``head`` may be a year; a range whose end is no year is no span of years
    ("between 2000 and 3000 visitors")."""
    return head.isdigit() and len(head) == 4 and 1800 <= value <= 2100 and (high is None or high <= 2100)
