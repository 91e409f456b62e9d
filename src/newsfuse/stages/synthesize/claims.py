"""Claims: the checkable units facts are aligned on, each with the figures, dates and people it states.

A sentence often carries several claims ("Twelve people were hurt, and the harbour was closed; officials
said repairs would take weeks").  Sentences are split at semicolons and at a comma before a conjunction
that opens a new clause (", but", ", while", ", and he ..."), when both sides are long enough to stand
alone.  Each claim keeps the sentence it came from, so a summary can quote whole sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from ...model import Article, Citation, Span
from ...nlp.quantities import NUMBER_WORD, Quantity
from ...nlp.words import STOPWORDS, WORD

__all__ = ["Claim", "Value", "split_claims", "only_asks", "stem", "claim_words", "share_enough", "quantity_value",
           "time_value", "comparable", "compatible", "is_frame", "is_label", "is_period", "per_average", "per_period",
           "scores", "through", "apposed_age", "RUNNING"]

# A comma and a conjunction that start a new clause: ", but", ", while", ", and he …", ", and said …".  Not ", and"
# before a subject's second part set off by commas ("Victims of bullying, and bullies themselves, are …") or
# before a list's last item with its relative clause ("bullies, victims, and children who were …").
_AUXILIARY = r"(?:are|is|were|was|have|has|had|will|would|can|could|may|might|must|should|do|does|did)"
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:but|while|whereas|although|though)\s)|,\s+and\s+(?=[a-z]+\s)"
    rf"(?!\w+(?:\s+\w+){{0,5}},\s+{_AUXILIARY}\b)(?!\w+\s+(?:who|that|which|whose)\b)", re.I)


@dataclass(frozen=True)
class Value:
    """A figure, a date or a person stated in a claim, comparable with values of other claims."""

    kind: str            # number | date | person
    bucket: str          # what it can be compared with: "duration", "count", "money:USD", "date", "person", ...
    unit: str | None     # for counts, the counted noun; a count with a noun only meets counts of that noun
    span: Span
    text: str            # the words as written
    low: float           # the interval the statement allows (numbers: canonical units; dates: day ordinals)
    high: float
    display: str         # the normalised value, for a reader: "90 minutes", "2022-02", "Marc Fogel"
    changeable: bool = False   # a count or an amount that a later report may revise (a toll, a sum)
    entity: Any = None   # for people: the merged entity
    bound: str = ""      # "lower" ("at least 2 years", "more than 40"), "upper" ("up to 14 years"), or ""


@dataclass
class Claim:
    article: Article
    span: Span            # the claim's words
    sentence: Span        # the sentence it belongs to
    index: int            # position of its sentence among the article's sentences
    total: int            # the article's number of sentences
    values: list[Value] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text[self.span.start:self.span.end]

    @property
    def citation(self) -> Citation:
        return Citation(self.article.id, self.span.start, self.span.end)


def split_claims(article: Article, sentence: Span, min_words: int) -> list[Span]:
    """The claims of one sentence: pieces of at least ``min_words`` words each, else the whole sentence."""
    text = article.text[sentence.start:sentence.end]
    pieces: list[Span] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        if len(WORD.findall(text[start:match.start()])) >= min_words and \
                len(WORD.findall(text[match.end():])) >= min_words:
            pieces.append(Span(sentence.start + start, sentence.start + match.start()))
            start = match.end()
    pieces.append(Span(sentence.start + start, sentence.end))
    return [p for p in pieces if p.end > p.start]


_ASKED = re.compile(r"\?[\s)\]]*$")
_QUOTE_MARK = re.compile(r"[\"“”«»‘]")
_LEAD_IN_WORDS = 6  # a lead-in this long before a colon says who asks: "Officials raised questions: was it …?"


def only_asks(text: str) -> bool:
    """Whether a sentence only asks ("Could they have issued visas to human traffickers?", "Remember the couple
    who found gold coins?"): it states nothing an outlet can be counted for, nothing to summarise and no figure
    to dispute.  A question in quotation marks is someone's words, and the sentence says they asked it; so is
    one after a lead-in of six words or more that says who asks ("The commissioner and team physicians raised
    questions: was this a new problem?"), unlike a label ("More important: is it …?", "STEPHANOPOULOS: How
    much …?")."""
    if not _ASKED.search(text) or _QUOTE_MARK.search(text):
        return False
    lead, colon, _question = text.partition(":")
    return not (colon and len(WORD.findall(lead)) >= _LEAD_IN_WORDS)


def stem(word: str) -> str:
    """A light suffix stripper so that "agreed" / "agrees" / "agreement" meet."""
    word = word.lower().replace("’", "'")
    for suffix in ("'s", "ments", "ment", "ings", "ing", "edly", "ed", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


_NUMBER_WORD = re.compile(NUMBER_WORD + r"|hundred|thousand|million|billion|trillion|dozen", re.I)


def claim_words(text: str) -> set[str]:
    """A text's stemmed content words, without figures or number words: what two claims must share beyond
    their figures to say the same thing (``nlp.words.content_words`` is the unstemmed, figure-keeping kind)."""
    return {stem(t) for t in WORD.findall(text)
            if t.lower() not in STOPWORDS and not t[0].isdigit() and not _NUMBER_WORD.fullmatch(t)}


def share_enough(a: set[str], b: set[str]) -> bool:
    """Whether two sets of :func:`claim_words` share four words, or most of the smaller set's and two:
    enough for one text to be cited for the other."""
    return len(a & b) >= max(2, min(4, 0.6 * min(len(a), len(b))))


# --- values --------------------------------------------------------------------------------------------

_CHANGEABLE = frozenset({"count", "money", "percent", "number"})
_ATTRIBUTIVE = re.compile(r"-(?:second|minute|hour|day|week|month|year|decade|century)$", re.I)
# a duration that frames another figure rather than stating one: "in the first four days", "over the past decade"
# ("over three days" and "in just two days" say how long something took, and stay values)
_FRAME = re.compile(r"\b(?:the|its|their|his|her)\s+(?:first|past|last|next|previous|coming)\s+$", re.I)


def is_frame(text: str, value: Value) -> bool:
    """Whether ``value``, a figure of ``text``, is a duration that only frames another figure: "sales of $3
    million in the first four days" states the sales; "the first two days" elsewhere is another window, not
    another account of one.  Such durations are no values to compare."""
    return value.bucket == "duration" and bool(_FRAME.search(text[max(0, value.span.start - 40):value.span.start]))


# a figure stated per period or per head: "$20 million per season", "$15 an hour", "$3 a share", "5,000 daily"
_RATE = re.compile(
    r"\s*(?:(?:per|a|an|each|every)\s+(?:(?:calendar|fiscal|school|regular)\s+)?"
    r"(year|month|week|day|night|hour|minute|season|game|match|quarter|share|person|head|capita|household)s?\b"
    r"(?!\s+(?:after|before|earlier|later|ago|or|and|from|since|into|of|in\s+which)\b)|"
    r"(annually|yearly|monthly|weekly|daily|nightly|hourly|apiece)\b|"
    r"(?:per|each|every)\s+(woman|man|child|adult|student|resident|employee|worker|patient|customer|user|citizen|"
    r"inhabitant)\b)", re.I)
_PER_ADVERB = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day",
               "nightly": "night", "hourly": "hour", "apiece": "head", "capita": "head", "person": "head",
               **dict.fromkeys(("woman", "man", "child", "adult", "student", "resident", "employee", "worker",
                                "patient", "customer", "user", "citizen", "inhabitant"), "head")}


_COUNTED = re.compile(r"\s+([^\W\d_][\w'’-]*)")  # a word naming what a figure counts ("eight rebounds")
_COUNTED_WORDS = 2  # at most this many between a figure and its period ("$2 billion in sales" has a stop word)


def per_period(text: str, value: Value) -> Value:
    """``value``, a figure of ``text``, as a rate when one is stated right after it ("$23 million per season",
    "$15 an hour", "three times a week", "$3 a share"), or after the words naming what it counts ("eight
    rebounds a game", "5,000 visitors a day"): a rate meets only rates of the same period, so "$20 million a
    year" is no other account of "a $184 million deal"."""
    rate = _rate(text, value)
    if rate is None:
        return value
    period = (rate.group(1) or rate.group(2) or rate.group(3)).lower()
    period = _PER_ADVERB.get(period, period)
    return replace(value, bucket=f"{value.bucket}/{period}", display=f"{value.display} per {period}")


# a figure stated as an average: "has averaged 30 home runs and 100 RBIs", "an average of 5,000 visitors".  Only
# the verb, "an/the average (of)" and "on average" say so ("the Dow Jones industrial average fell 1,100 points"
# states no average), and only up to the next verb or clause ("averaged 5.2 yards a carry and finished with 716")
_AVERAGE = re.compile(r"\b(?:averag(?:es|ed|ing)|(?:an|on|the)\s+average(?:\s+of)?|mean\s+of)\b"
                      r"(?:(?![.;:!?]|\b(?:but|while|whereas|versus|vs|against|had|has|have|was|were|is|are|got|gets|"
                      r"made|hit|won|lost|\w{3,}ed)\b).){0,50}$", re.I)


def per_average(text: str, value: Value) -> Value:
    """``value``, a figure of ``text``, as an average when an average governs it ("averaged more than 30 home
    runs and 100 RBIs in his six seasons"): an average meets only averages, so it is no other account of "121
    RBIs last season".  A rate ("a game", "per season") is already told apart, and is left as it is."""
    if "/" in value.bucket or not _AVERAGE.search(text, max(0, value.span.start - 70), value.span.start):
        return value
    return replace(value, bucket=f"{value.bucket}/average", display=f"average {value.display}")


def is_period(text: str, value: Value, figures: list[Value]) -> bool:
    """Whether ``value`` is the period of a rate one of ``figures`` states ("an hour" of "$15 an hour"): how
    often, not how long, so no duration to compare."""
    if value.bucket != "duration":
        return False
    for figure in figures:
        if figure.span.end <= value.span.start <= figure.span.end + 40:
            rate = _rate(text, figure)
            if rate is not None and rate.start() <= value.span.start and value.span.end <= rate.end():
                return True
    return False


def _rate(text: str, value: Value):
    """The match of the rate words after ``value`` (its period in group 1, 2 or 3), or None."""
    at, rate = value.span.end, _RATE.match(text, value.span.end)
    for _ in range(_COUNTED_WORDS):
        if rate is not None:
            break
        word = _COUNTED.match(text, at)
        if word is None or word.group(1).lower() in STOPWORDS:
            break
        at = word.end()
        rate = _RATE.match(text, at)
    return rate


def quantity_value(quantity) -> Value | None:
    """The interval a stated figure allows: qualifiers widen it, a round figure tolerates rounding."""
    kind = quantity.kind
    if kind == "number":
        return None  # a bare number with no noun or unit: nothing to compare it with
    low = quantity.low if quantity.low is not None else quantity.value
    high = quantity.high if quantity.high is not None else quantity.value
    qualifier = quantity.qualifier
    if qualifier == "about":
        low, high = low * 0.9, high * 1.1
    elif qualifier == "nearly":
        low = low * 0.85
    elif qualifier in ("more than", "at least"):
        high = high * 2
    elif qualifier in ("less than", "up to", "at most"):
        low = low * 0.5
    elif _is_round(quantity):
        low, high = low * 0.95, high * 1.05
    bucket = kind if kind not in ("money", "measure") else f"{kind}:{quantity.unit}"
    if kind == "duration" and _ATTRIBUTIVE.search(quantity.text):
        # "a 14-year prison sentence" says how long a thing is, not how long something went on ("imprisoned
        # for over three years"): such durations meet only each other
        bucket = "duration:attribute"
    unit = count_noun(quantity.unit) if kind == "count" else None
    bound = "lower" if qualifier in ("more than", "at least") else "upper" if qualifier in (
        "less than", "up to", "at most") else ""
    return Value("number", bucket, unit, quantity.span, quantity.text, low, high,
                 _display(quantity), changeable=kind in _CHANGEABLE, bound=bound)


_APPOSED_AGE = re.compile(r",\s*(\d{1,3}),")  # "Ann Lee, 27, said": an age set off right after a name


def apposed_age(text: str, person: Value) -> Value | None:
    """The age news writes set off by commas right after a person's name ("Ann Lee, 27, of Leeds"), as an
    age of that person, or None.  (A bare number is no figure anywhere else: nothing says what it counts.)"""
    found = _APPOSED_AGE.match(text, person.span.end)
    if found is None or not 1 <= int(found.group(1)) <= 120:
        return None
    years = found.group(1)
    return quantity_value(Quantity(Span(found.start(1), found.end(1)), years, float(years), "age", "year"))


# nouns that count the same thing under another name ("12 deaths", "15 fatalities")
_SAME_COUNT = {"fatalities": "deaths", "fatality": "death"}


def count_noun(noun: str | None) -> str | None:
    """The counted noun as counts are compared: one name for one thing."""
    return None if noun is None else _SAME_COUNT.get(noun, noun)


def _is_round(quantity) -> bool:
    """A figure written as a round one ("1,000", "1.5 million", "a dozen years") may be rounded."""
    value = quantity.value
    if re.search(r"\b(?:thousand|million|billion|trillion|dozens?|hundreds?)\b|\d\s*(?:m|bn|k)\b", quantity.text, re.I):
        return True
    if value >= 100 and float(value).is_integer():
        return int(value) % 100 == 0
    return False


# the units a duration is shown in, largest first (a duration is held in seconds)
_TIME_UNITS = (("year", 31_556_952.0), ("month", 2_629_746.0), ("week", 604_800.0), ("day", 86_400.0),
               ("hour", 3_600.0), ("minute", 60.0))


def _display(quantity) -> str:
    """The figure for a reader: "12 people", "about 1.5 million USD", "6 months" (not 15,778,476 s), "43 years
    old"."""
    def number(x: float) -> str:
        x = round(x, 2)
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")

    figures = [quantity.value] if quantity.high is None or quantity.high == quantity.value \
        else [quantity.low, quantity.high]
    unit, factor = quantity.unit or "", 1.0
    if quantity.kind == "duration":
        # the largest unit that each figure is a whole number of ("6 months", "36 hours", "150 minutes"), else a
        # whole or half number of ("1.5 seconds" is no whole number of anything)
        unit, factor = next(((name, size) for step in (1, 2) for name, size in _TIME_UNITS
                             if all(x >= size and abs(x / size * step - round(x / size * step)) < 1e-6
                                    for x in figures)), ("second", 1.0))
        unit += "s" * (figures[-1] != factor)
    elif quantity.kind == "age":
        unit = "years old"  # "43 years old", not "43 year"
    value = "–".join(number(x / factor) for x in figures)
    prefix = f"{quantity.qualifier} " if quantity.qualifier else ""
    return f"{prefix}{value} {unit}".strip()


# a score, a vote or a win-loss record: "a 27-24 loss", "beat Evansville 91-73", "voted 7-2", "(52-3, 46 KOs)"
_PAIR = re.compile(r"(?<![\w.,/-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?:\s?[-–]\s?(\d{1,3}))?"
                   r"(?![\w%/-]|[.,]\d|\s?[-–]\s?\d)")
_SCORE_NOUN = re.compile(r"\s*(?:(?:overtime|OT|home|road|away|upset|opening|season-opening)\s+)?"
                         r"(win|victory|loss|defeat|lead|run|vote|decision|rout|deficit|drubbing|triumph|shootout|"
                         r"record|mark|start|edge|advantage|majority|verdict|ruling)s?\b", re.I)
_RESULT = r"won|wins?|lost|loses|beat|beats|defeated|defeats|edged|downed|routed|topped"  # verbs that end a game
_SCORE_VERB = re.compile(rf"\b(?:{_RESULT}|"
                         r"trail(?:ed|s)?|led|leads?|voted|votes?|ruled|improv(?:ed|es)\s+to|f[ea]ll?s?\s+to|"
                         r"record\s+(?:of|to|at)|went|goes|finished|tied)\b[^.;:!?]{0,40}$", re.I)
# what may follow a score found by its verb or bracket: punctuation or a function word, not a counted noun
# ("beat Evansville 91-73 on Thursday", "voted 7-2 to uphold"; not "won praise as 10-15 people joined")
_SCORE_END = re.compile(r"\s*(?:[^\w\s]|$|(?:on|in|at|to|for|with|over|against|and|but|after|before|as|when|"
                        r"while|from|by|that|which|the|a|an|this|last|into|behind|under)\b)", re.I)
# a number that names a thing rather than counting one: "the Week 15 loss", "Flight 370", "Route 66"
_LABEL = re.compile(r"\b(?:week|game|round|flight|route|highway|interstate|room|gate|channel|stage|chapter|"
                    r"section|article|amendment|no\.|number|apollo|ward|district|precinct|pier|platform)\s+$", re.I)


RUNNING = "score:running"  # the bucket of a score a game passed through: no value of its own
_RUNNING_NOUN = frozenset({"lead", "run", "deficit"})
_RUNNING_VERBS = frozenset({"trail", "trails", "trailed", "trailing", "led", "lead", "leads", "leading", "tied",
                            "knotted", "stretched", "extended", "cut", "pulled", "closed", "within"})
_GAME_VERB = re.compile(rf"\b(?:{_RESULT}|finished|final|" + "|".join(sorted(_RUNNING_VERBS)) + r")\b", re.I)


def scores(text: str, span: Span) -> list[Value]:
    """The scores, vote tallies and records stated in ``span`` of ``text``, each one value compared whole:
    "lost 27-24" and "lost 27-21" disagree, and the 24 of "a 27-24 loss" is no count of losses.  A pair counts
    as a score when a score word follows it ("loss", "vote", "record") or a result verb comes shortly before it
    ("beat Evansville 91-73", "voted 7-2"), or when it opens a bracket ("Klitschko (52-3, 46 KOs)"), and then
    no counted noun follows it: "10-15 people" is a range and stays one, even after "won".  The two numbers of
    a score are ordered high to low, since outlets write the winner's or the loser's first.

    A score the game only passed through ("stretched its lead to 50-44", "tied at 12-12", "a 15-2 run", "led
    33-26 at the half") comes back with the bucket :data:`RUNNING`: two outlets quoting different moments of
    one game do not disagree, so it is no value, but its numbers are no counts either."""
    out = []
    for match in _PAIR.finditer(text, span.start, span.end):
        noun = _SCORE_NOUN.match(text, match.end())
        bracket = text[max(span.start, match.start() - 1):match.start()] == "("
        verb = _SCORE_VERB.search(text, max(span.start, match.start() - 60), match.start())
        if not (noun or (bracket or verb) and _SCORE_END.match(text, match.end())):
            continue
        if noun:
            running = noun.group(1).lower() in _RUNNING_NOUN
        else:  # the last verb of the clause before it says whether the game ended there or passed through
            clause = re.split(r"[.;:!?]", text[max(span.start, match.start() - 60):match.start()])[-1]
            verbs = _GAME_VERB.findall(clause)
            running = bool(verbs) and verbs[-1].lower() in _RUNNING_VERBS
        numbers = [int(g) for g in match.groups() if g is not None]
        if len(numbers) == 2:
            numbers.sort(reverse=True)
        code = float(sum(n * 1000 ** (len(numbers) - 1 - k) for k, n in enumerate(numbers)))
        end = noun.end() if noun else match.end()
        unit = noun.group(1).lower() if noun else None
        shown = "-".join(map(str, numbers)) + (f" {unit}" if unit else "")
        out.append(Value("number", RUNNING if running else "score", unit, Span(match.start(), end),
                         text[match.start():end], code, code, shown))
    return out


def is_label(text: str, value: Value) -> bool:
    """Whether a figure only names a thing ("the Week 15 loss", "Flight 370 passengers"): no amount to compare."""
    return value.bucket == "count" and bool(_LABEL.search(text[max(0, value.span.start - 20):value.span.start]))


def time_value(time) -> Value | None:
    """A resolved date as the interval of days it covers (a year covers its 365 days)."""
    if not time.value:
        return None
    first, last = _days(time.value)
    if first is None:
        return None
    if re.match(r"(?:pre|before)\b", time.text, re.I):
        first = float("-inf")  # "pre-2014": any time before
    elif re.match(r"(?:post|after)\b", time.text, re.I):
        last = float("inf")
    return Value("date", "date", None, time.span, time.text, first, last, time.value)


# the end of a span of years: "from 1974 to 1978", "in 2001-04", "1995–99", "from 1963 through 1968"
# ("in 2004 and 2008" names two years, not the span between them)
_THROUGH = re.compile(r"(?:\s*(?:to|through|thru|until|till)\s+((?:19|20)\d\d)|\s*[-–—]\s*((?:19|20)\d\d)|"
                      r"[-–—](\d\d))\b(?![,.]?\d|\s*%)", re.I)

_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_AND_YEAR = re.compile(r"\s+and\s+((?:19|20)\d\d)\b(?![,.]?\d|\s*%)", re.I)


def through(text: str, value: Value) -> Value:
    """``value``, a year of ``text``, widened to the span of years it opens ("set from 1974 to 1978" agrees
    with "set in 1978", and so does "between 1974 and 1978"): the first year alone would otherwise stand for
    the whole span."""
    if value.kind != "date" or not re.fullmatch(r"\d{4}", value.display or ""):
        return value
    match = _THROUGH.match(text, value.span.end)
    if match is None and _BETWEEN.search(text, max(0, value.span.start - 9), value.span.start):
        match = _AND_YEAR.match(text, value.span.end)  # "between 1995 and 1999"
    if match is None:
        return value
    year, last = int(value.display), next(group for group in match.groups() if group)
    end = int(last) if len(last) == 4 else year // 100 * 100 + int(last)
    if not year < end <= year + 100:
        return value
    return replace(value, span=Span(value.span.start, match.end()), text=text[value.span.start:match.end()],
                   high=date(end, 12, 31).toordinal(), display=f"{year}–{end}")


def _days(value: str) -> tuple[float | None, float | None]:
    try:
        if "-W" in value:
            year, week = value.split("-W")
            monday = date.fromisocalendar(int(year), int(week), 1)
            return monday.toordinal(), monday.toordinal() + 6
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = date(*parts).toordinal()
            return day, day
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first.toordinal(), (following - timedelta(days=1)).toordinal()
        if len(parts) == 1:
            return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
    except ValueError:
        pass
    return None, None


def comparable(a: Value, b: Value) -> bool:
    """Whether two values measure the same kind of thing (a duration with a duration, people with people)."""
    if a.bucket != b.bucket:
        return False
    return a.unit is None or b.unit is None or a.unit == b.unit


def compatible(a: Value, b: Value) -> bool:
    """Whether two comparable values can both be true: same entity, or overlapping intervals, or a lower
    bound under an upper one ("at least two years" and "up to 14 years" in prison: both hold at 5)."""
    if a.kind == "person":
        return a.entity is b.entity
    if {a.bound, b.bound} == {"lower", "upper"}:
        lower, upper = (a, b) if a.bound == "lower" else (b, a)
        return lower.low <= upper.high
    tolerance = 1e-6 * max(abs(a.high), abs(b.high), 1.0)
    return a.low <= b.high + tolerance and b.low <= a.high + tolerance
