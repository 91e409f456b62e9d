"""Direct quotes, partial quotes and indirect speech, with the speaker resolved from the attribution.

Quotation marks are paired within a paragraph (curly and straight); a paragraph that ends inside a quote
and is followed by one opening with a quotation mark continues it.  The speaker is the subject of the
speech verb that governs the quote: the last one before it in its sentence ("Zelensky said he and Trump
were “charting ...”"; "A said B told him “...”" gives B), else the first after it ("“...,” Trump said",
"“...,” said U.N. spokesman Farhan Haq").  Participles ("..., telling reporters that “...”") take the
sentence's subject; "he said" is the speaker of the paragraph so far or the person the previous sentence
is about; "the ministry spokesman" is the one entity holding that role, if there is exactly one.  A quote
with no attribution in its sentence takes the speaker of the quote next to it in its paragraph.
Sentences of the form "X said (that) ..." without quotation marks are kept as paraphrases.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from ...model import Article, Citation, Span
from ...nlp.words import STOPWORDS
from .entities import ROLE_HEADS, Entity, EntityIndex, fold

__all__ = ["Quote", "find_quotes", "merge_quotes", "person_genders"]

_VERBS = ("say said says saying tell told tells telling add added adds adding state stated states stating write wrote "
          "writes writing post posted posts posting tweet tweeted tweets tweeting announce announced announces "
          "announcing explain explained explains explaining note noted notes noting insist insisted insists "
          "insisting claim claimed claims claiming argue argued argues arguing warn warned warns warning declare "
          "declared declares declaring ask asked asks asking reply replied replies replying respond responded "
          "responds responding recall recalled recalls recalling acknowledge acknowledged acknowledges "
          "acknowledging admit admitted admits admitting suggest suggested suggests suggesting emphasize "
          "emphasized emphasizes emphasizing emphasise emphasised emphasises emphasising stress stressed stresses "
          "stressing describe described describes describing call called calls calling reiterate reiterated "
          "reiterates reiterating confirm confirmed confirms confirming vow vowed vows vowing promise promised "
          "promises promising urge urged urges urging predict predicted predicts predicting pledge pledged pledges "
          "pledging concede conceded concedes conceding maintain maintained maintains maintaining complain "
          "complained complains complaining quip quipped quips boast boasted boasts remark remarked remarks "
          "observe observed observes comment commented comments commenting testify testified testifies exclaim "
          "exclaimed shout shouted joke joked jokes wonder wondered wonders deny denied denies denying "
          "thank thanked thanks thanking praise praised praises praising accuse accused accuses accusing "
          "insisted mention mentioned mentions mentioning reveal revealed reveals revealing contend contended "
          "contends assert asserted asserts asserting caution cautioned cautions quote quoted quoting "
          "whisper whispered recount recounted recounts")
_VERB_SET = frozenset(_VERBS.split())
_VERB_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(_VERB_SET, key=len, reverse=True)) + r")\b", re.I)  # not "so-called"
_APPOSITIVE_WORDS = 8  # a title set off by commas between a name and its verb, at most this long
_NAME_WORD_BEFORE = re.compile(r"\b[A-Z][\w'’&-]*\s+$")  # "Washington " before "Post"
_PARAPHRASE_VERBS = frozenset("said says say told tells announced stated claimed insisted warned argued noted added "
                              "confirmed acknowledged admitted suggested predicted maintained contended asserted "
                              "denied revealed explained emphasized emphasised stressed".split())
_PRONOUNS = frozenset({"he", "she"})
_SKIPPABLE = re.compile(
    r"(?:\s+(?:also|both|then|later|again|previously|repeatedly|once|further|earlier|recently|reportedly|has|had|have|"
    r"would|will|was|were|is|had\s+been|has\s+been|last|first|quickly|simply|only|just|even|still|often|"
    r"on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:late|early|earlier|later)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|on)|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)|"
    r"(?!(?:family|ally|assembly|supply|rally|monopoly|anomaly|italy|july)\b)[a-z]+ly))+$", re.I)
# The pronouns that tell a named person's gender; "him" and "her" are left out: after a name they are as often
# someone else ("Lind shot her")
_GENDER_OF = {"he": "m", "his": "m", "himself": "m", "she": "f", "herself": "f"}
_GENDERED = re.compile(r"\b(?:he|his|himself|she|herself)\b", re.I)
# role nouns that say a person's gender ("Kaylie Hanson, a DNC spokeswoman")
_MALE_ROLES = frozenset("spokesman congressman chairman councilman businessman king prince father husband son "
                        "brother uncle nephew grandfather boyfriend".split())
_FEMALE_ROLES = frozenset("spokeswoman congresswoman chairwoman councilwoman businesswoman actress queen princess "
                          "mother wife daughter sister aunt niece grandmother girlfriend".split())
_OTHER_NAME = re.compile(r"(?<=\s)(?!I\b)[A-Z][a-z]")
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
# ", a partner at Hale & Ross LLP" right before a speech verb: a description of the name before the comma
_UNCLOSED_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){1,4}(?:of|at|for|with)\s+(?:the\s+)?"
                                  r"(?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*$")
_CONJUNCTIONS = frozenset("but and so yet or".split())
_CONJUNCTION = re.compile(rf"^\s*(?:{'|'.join(sorted(_CONJUNCTIONS))})\b\s*", re.I)
# A short bracketed aside closing the words before a speech verb: a party and state, an age, a handle.
_PARENTHETICAL_END = re.compile(r"\s*\([^()]{1,30}\)\s*$")
# A short quotation in title case, perhaps with the sentence's stop inside its marks: the name of a show, a book or a
# campaign ("Wheel of Fortune": short function words may stay in lower case between its capitalised words).
_TITLE_CASED = re.compile(r"\s*[A-Z0-9][\w'’&:,-]*(?:\s+(?:(?:of|the|a|an|and|in|on|for|to|at|with|from|or)\s+)*"
                          r"[A-Z0-9][\w'’&:,-]*)*[.!?]?\s*$")
# the attribution right after a quotation's closing mark: '(," )he said', '(," )said Ann Lee', '(," )Lee added';
# a speech verb's "-ing" form opens a phrase about the words instead ('or "Pope," saying the exchange was ...')
_ANSWERED = re.compile(r"\s*(?:(?:he|she|they|I|we|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+)?(?:"
                       + "|".join(sorted((v for v in _VERB_SET if not v.endswith("ing")), key=len, reverse=True))
                       + r")\b")
_TITLE_AT_MOST = 8  # a title-cased quotation of at most this many words is a title, whoever is near it
# A form of "be" before a speech verb: the passive ("was said to live", "was told that"), whose subject is talked
# about or to, not the speaker.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
# "asking $9.65 million", "asks 40 percent": a price or a share asked for, not a question.
_ASKING_FIGURE = re.compile(r"\s+(?:price\b|[$€£¥]|\d)", re.I)
# A speech verb's word used as a noun ("his promise to bring", "a call for"), or in "time will tell if": no cue.
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|my|our|your|whose)\s+$", re.I)
# A speech verb's word that is also a noun, after a determiner and one more word: "a guest post", "his latest
# tweet", "the same claim".  The word between must not be a plural ("the officials note" is a verb).
_NOUN_FORMS = frozenset("post tweet note claim comment remark call promise pledge vow quote warning".split())
_NOUN_BEFORE_WORD = re.compile(r"\b(?:the|a|an|his|her|their|its|my|our|your|whose)\s+[a-z][\w-]*(?<!s)\s+$", re.I)
# Words opening a clause, not a noun phrase: "As one pastor told me", "While Iran insists".  A speaker's phrase
# starting with one is read from the word after it.
_CLAUSE_OPENERS = frozenset("as while when where whereas because since though although if after before until once "
                            "now".split())
# Endings of adjectives ("impassioned", "urgent", "emotional"): a word a description cannot end on.
_ADJECTIVE_ENDINGS = ("ed", "ive", "ous", "ful", "ic", "al", "ent", "ant", "less", "able", "ible")
_NO_SPEECH_AFTER = re.compile(r"\s+(?:if|whether)\b", re.I)
# A transcript's turn: a speaker's name in capitals (a bracketed note may follow) and a colon opening a paragraph
_TURN = re.compile(r"(?P<label>[A-Z][A-Z.'’ -]{0,40}[A-Z])\.?(?:\s*\([^()\n]{1,30}\))?:\s+(?=\S)")
_NOT_SPEAKERS = frozenset({"PHOTO", "PHOTOS", "VIDEO", "AUDIO", "UPDATE", "UPDATED", "RELATED", "READ MORE", "MORE",
                           "READ", "WATCH", "LISTEN", "EDITOR'S NOTE", "EDITOR’S NOTE", "NOTE", "CORRECTION",
                           "CLARIFICATION", "STORY", "ORIGINAL STORY", "EXCLUSIVE", "BREAKING", "SOURCE", "SOURCES",
                           "CREDIT", "DISCLAIMER", "WARNING", "ADVERTISEMENT", "SPONSORED", "BLOG", "NEWS", "Q", "A"})
_GROUP_NOUNS = frozenset("officials sources source witnesses witness residents authorities police statement "
                         "ministry spokesperson government office department agency company military army "
                         "prosecutors investigators experts analysts critics supporters protesters lawyers "
                         "family relatives neighbours neighbors doctors".split())


@dataclass
class Quote:
    """One quote in one article."""

    article: Article
    span: Span                   # the quoted words, without the marks (for paraphrases: the reported clause)
    kind: str                    # direct | partial | paraphrase
    speaker: Entity | None = None
    speaker_text: str | None = None   # the attribution as written: "he", "the ministry spokesman", "Peskov"
    cue: Span | None = None      # the speech verb

    @property
    def text(self) -> str:
        raw = self.article.text[self.span.start:self.span.end]
        raw = re.sub(r"\s*\n+\s*[“\"]?", " ", raw)  # a quote continued in the next paragraph
        return raw.strip()


@dataclass
class _Region:
    open: int     # offset of the opening mark
    close: int    # offset of the closing mark (or the paragraph end when never closed)
    content: Span


def _regions(text: str) -> list[_Region]:
    """Quotations of ``text``: double quotes (curly or straight), or single curly quotes used as the outer
    marks; a paragraph that ends inside a quote continues into a next paragraph that opens with a mark."""
    regions: list[_Region] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carry: int | None = None  # opening offset of a quote continued from the previous paragraph
    previous_end = 0
    for p_start, p_end in paragraphs:
        open_at: int | None = None
        i = p_start
        if carry is not None:
            if text[p_start] in "“\"‘":
                open_at = carry
                i = p_start + 1
            else:  # never closed: end it where its paragraph ended
                regions.append(_Region(carry, previous_end, Span(carry + 1, previous_end)))
            carry = None
        while i < p_end:
            ch = text[i]
            before = text[i - 1] if i > p_start else " "
            after = text[i + 1] if i + 1 < p_end else " "
            if open_at is None:
                if ch == "“" or ch == '"' and not before.isalnum() or ch == "‘" and not before.isalnum():
                    open_at = i
            elif _closes(text[open_at], ch, after):
                if i > open_at + 1:
                    regions.append(_Region(open_at, i, Span(open_at + 1, i)))
                open_at = None
            i += 1
        if open_at is not None:
            carry = open_at
        previous_end = p_end
    if carry is not None:
        regions.append(_Region(carry, previous_end, Span(carry + 1, previous_end)))
    return [_trim(text, r) for r in regions if r.content.end > r.content.start]


def _closes(opener: str, ch: str, after: str) -> bool:
    if opener == "‘":  # an apostrophe inside a word ("don’t") does not close a single quote
        return ch == "’" and not after.isalnum()
    if ch == "”":
        return True
    return ch == '"' and (opener == '"' or not after.isalnum())


def _trim(text: str, region: _Region) -> _Region:
    start, end = region.content.start, region.content.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return _Region(region.open, region.close, Span(start, end))


def _masked(text: str, regions: list[_Region]) -> str:
    chars = list(text)
    for region in regions:
        for k in range(region.open + 1, min(region.close, len(chars))):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def person_genders(articles: list[Article], index: EntityIndex) -> dict[str, str]:
    """"m" or "f" for each person the story's articles show the gender of, by entity id.

    Evidence, counted over all the articles: a gendered role ("a DNC spokeswoman"), an honorific before a
    mention ("Mr. Lind", "Ms. Lerner"), and the pronouns after a name that opens a sentence naming no other
    person, up to a speech verb or another capitalised word ("Mara Lind lost her keys"; after "said" or another
    name, "he" and "she" are as often someone else: "Lind said she ...", "Ada Quist saw Tom Hale drop his
    hat").  A name further into the sentence or a possessive gives no pronoun evidence ("... when her talks
    with Lind began, she was 22", "Lind's son said he ...").  A side wins with more than twice the other's
    votes.
    """
    votes: dict[str, list[int]] = {}
    for entity in index.entities:
        if entity.type == "person":
            for role in entity.roles:
                words = set(fold(role).split())
                for side, nouns in enumerate((_MALE_ROLES, _FEMALE_ROLES)):
                    if words & nouns:
                        votes.setdefault(entity.id, [0, 0])[side] += 1
    for article in articles:
        text = article.text
        for sentence in article.sentences or [Span(0, len(text))]:
            mentions = [(s, e, entity) for s, e, entity in index.mentions_in(article.id, sentence.start, sentence.end)
                        if entity.type == "person"]
            for s, _e, entity in mentions:
                honorific = _HONORIFIC_BEFORE.search(text[max(sentence.start, s - 6):s])
                if honorific:
                    votes.setdefault(entity.id, [0, 0])[honorific.group(1).lower() != "mr"] += 1
            if len({entity.id for _s, _e, entity in mentions}) != 1:
                continue
            s, e, entity = mentions[0]
            if re.search(r"['’]s?$", text[s:e]) or re.match(r"['’]s\b", text[e:e + 2]) \
                    or not _heads_sentence(text[sentence.start:s]):
                continue
            rest = text[e:sentence.end]
            stop = min((m.start() for m in (_VERB_RE.search(rest), _OTHER_NAME.search(rest)) if m), default=len(rest))
            said = {_GENDER_OF[w.lower()] for w in _GENDERED.findall(rest[:stop])}
            if len(said) == 1:
                votes.setdefault(entity.id, [0, 0])[said.pop() == "f"] += 1
    out = {}
    for entity_id, (male, female) in votes.items():
        if male > 2 * female:
            out[entity_id] = "m"
        elif female > 2 * male:
            out[entity_id] = "f"
    return out


def _heads_sentence(before: str) -> bool:
    """Whether a name after ``before`` (its sentence so far) is the sentence's subject: nothing but a
    title or capitalised words come first ("Rep. Michael Grimm", "Kremlin spokesman Dmitry Peskov")."""
    words = before.replace("“", " ").replace('"', " ").split()
    return len(words) <= 4 and all(w[:1].isupper() or w.lower().rstrip(".,") in ROLE_HEADS for w in words)


def find_quotes(article: Article, index: EntityIndex, genders: dict[str, str] | None = None) -> list[Quote]:
    """Quotes and paraphrases of one article, speakers resolved against the story's entities.

    ``genders``: :func:`person_genders` of the story (by default, of this article alone), so that "she"
    is never resolved to a man the story calls "he"."""
    text = article.text
    regions = _regions(text)
    masked = _masked(text, regions)
    sentences = article.sentences or [Span(0, len(text))]
    paragraphs = article.paragraphs or [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    resolver = _Resolver(article, index, masked, sentences, paragraphs)
    resolver.genders = person_genders([article], index) if genders is None else genders
    quotes: list[Quote] = resolver.paraphrases(regions)
    direct: list[Quote] = []
    for region in regions:
        words = re.findall(r"\w+", text[region.content.start:region.content.end])
        if not words:
            continue
        cue = resolver.attribute(region)
        title = _TITLE_CASED.match(text, region.content.start, region.content.end) if len(words) <= _TITLE_AT_MOST \
            else None
        # a show's name may take the sentence's stop inside the marks ('on CNN's "State of the Union."'); one word
        # and a stop ("Absolutely.") is an answer, and so is one word and a comma when its attribution follows
        # ('"Absolutely," she said'; but a name also takes the comma: 'a game called "Words," and ...')
        ending = text[region.content.start:region.close].rstrip()[-1:]
        answer = len(words) == 1 and (ending in (".", "!", "?") or ending == "," and
                                      _ANSWERED.match(text, min(len(text), region.close + 1)) is not None)
        titled = title is not None and not answer
        if len(words) < 4 and cue is None or titled:
            continue  # scare quotes, nicknames; titles of shows, songs, campaigns ("Sex and the City", "It's On Us")
        quote = Quote(article, region.content, _kind(text, region, _containing(sentences, region.open)))
        if cue is not None:
            quote.speaker, quote.speaker_text, quote.cue = cue
        direct.append(quote)
    # quotes without their own attribution take the speaker of the nearest attributed quote in the paragraph
    for k, quote in enumerate(direct):
        if quote.cue is not None:
            continue
        paragraph = _containing(paragraphs, quote.span.start)
        neighbours = [q for q in direct if q.cue is not None and paragraph and paragraph.start <= q.span.start < paragraph.end]
        if not neighbours and paragraph and text[paragraph.start:paragraph.start + 1] in "“\"‘":
            previous = [q for q in direct[:k] if q.cue is not None and q.span.start < paragraph.start]
            if previous and paragraph.start - previous[-1].span.end < 400:
                neighbours = [previous[-1]]
        if neighbours:
            nearest = min(neighbours, key=lambda q: abs(q.span.start - quote.span.start))
            quote.speaker, quote.speaker_text = nearest.speaker, nearest.speaker_text
            resolver.speakers.append((quote.span.start, quote.speaker, quote.speaker_text or ""))
    turns = _turns(article, index, paragraphs)
    # a quotation inside a transcript turn is part of that turn unless the turn itself credits someone else with it
    quotes.extend(q for q in direct if not any(
        t.span.start <= q.span.start and q.span.end <= t.span.end and (q.cue is None or q.speaker is t.speaker)
        for t in turns))
    quotes.extend(turns)
    quotes.sort(key=lambda q: q.span.start)
    return quotes


def _turns(article: Article, index: EntityIndex, paragraphs: list[Span]) -> list[Quote]:
    """The turns of a transcript ("MARTIN: It started out as a simple walk ..."): each paragraph opened by a
    speaker's name in capitals and a colon is that speaker's words.  Only a conversation counts: two or more
    speakers, each named as a person or opening two turns or more; a label such as "PHOTOS:" or "UPDATE:"
    is never a speaker."""
    text = article.text
    found = []
    for paragraph in paragraphs:
        match = _TURN.match(text, paragraph.start, paragraph.end)
        if match and match.group("label").strip() not in _NOT_SPEAKERS:
            found.append((match, paragraph))
    labels = Counter(match.group("label").strip() for match, _paragraph in found)
    written = {label: _as_written(text, label) for label in labels}
    people = {label: index.named(written[label]) for label in labels}
    people = {label: e if e is not None and e.type == "person" else None for label, e in people.items()}
    speakers = {label for label, count in labels.items() if count >= 2 or people[label] is not None}
    if len(speakers) < 2:
        return []
    out = []
    for match, paragraph in found:
        label = match.group("label").strip()
        end = paragraph.start + len(text[paragraph.start:paragraph.end].rstrip())
        if label in speakers and end > match.end():
            out.append(Quote(article, Span(match.end(), end), "direct", people[label], written[label],
                             Span(match.start("label"), match.end("label"))))
    return out


def _as_written(text: str, label: str) -> str:
    """A transcript label ("MCCAIN") as the article writes the name elsewhere ("McCain"): the commonest form that
    starts with a capital and is not all capitals; title-cased when there is none ("our host": "Host")."""
    forms = Counter(m.group() for m in re.finditer(rf"\b{re.escape(label)}\b", text, re.I)
                    if m.group()[0].isupper() and not m.group().isupper())
    return forms.most_common(1)[0][0] if forms else label.title()


# Function words a noun phrase naming who speaks may open with ("some analysts", "both lawyers"), besides
# _DETERMINER's.
_PHRASE_OPENERS = frozenset("some many several most other few both all each these those our my your two three "
                            "four five".split())
# Words that make a clause, not a noun phrase, of the words before a speech verb: an auxiliary, a modal, a
# negation or a pronoun ("Police have not yet (confirmed)", "ghanabusinessnews.com can (confirm)").
_NOT_IN_PHRASE = frozenset("have has had having is are was were be been being do does did not no nor never will "
                           "would can could should may might must shall he she they it we i you me him them us".split())
# Adverbs that may stand between who speaks and the speech verb: "Researchers now say".
_TRAILING_ADVERBS = frozenset("now too again still already also then".split())


def _noun_phrase(phrase: str) -> str | None:
    """A short phrase before a speech verb as who speaks ("the airport", "Police", "one pastor" of "As one
    pastor told me"), or None when it is no noun phrase: it opens with a function word no such phrase opens
    with ("to", "in subsequent", "what they'll"), or ends on one or on a figure ("Some 18 states have ...")."""
    tokens = phrase.split()
    while tokens and tokens[0].lower() in _CLAUSE_OPENERS:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in _TRAILING_ADVERBS:  # "Researchers now (say)"
        tokens = tokens[:-1]
    if not tokens:
        return None
    first, last = tokens[0].lower().strip(",.;:"), tokens[-1].lower().strip(",.;:")
    named = len(tokens) > 1 and tokens[0][:1].isupper() and tokens[1][:1].isupper()  # "New Orleans police"
    if first in STOPWORDS and not (_DETERMINER.fullmatch(first) or first in _PHRASE_OPENERS or named):
        return None
    if last in STOPWORDS or re.fullmatch(r"[\d.,%]+", last) or re.search(r"['’](?:ll|re|ve|d|m)$", last):
        return None
    lowered = [t for t in tokens[1:] if t.islower()]  # "US", "New" are parts of names
    if any(t in _NOT_IN_PHRASE for t in lowered) or \
            any(t == "that" and _DETERMINER.fullmatch(n) for t, n in zip(lowered, lowered[1:])):
        return None  # "Police would not (say)"; "the fact that the sheriff (stated)": who speaks comes later
    return " ".join(tokens)


_DESCRIPTION_WORDS = 7  # the longest description searched for before a speech verb


def _phrase_start(words: list[str], first: int) -> int:
    """Where a description found at ``first`` begins, when at most two modifiers and a determiner before it
    belong to it: "the former House (speaker and Republican presidential contender)", cut off by the length of
    the search.  Not across a function word or a comma ("... bridge but said (family members)")."""
    if _DETERMINER.fullmatch(words[first].lower()):
        return first
    for start in range(first - 1, max(-1, first - 4), -1):
        word = words[start]
        if _DETERMINER.fullmatch(word.lower()):
            return start
        if word.lower() in STOPWORDS or word.lower() in _CLAUSE_OPENERS or not word.isalpha():
            break
    return first


def _speaker_word(word: str) -> bool:
    """Whether a word can open who speaks: a determiner, a group ("authorities") or a role ("spokesman")."""
    return bool(_DETERMINER.fullmatch(word)) or word in _GROUP_NOUNS or word.rstrip("s") in ROLE_HEADS


def _role_head(role: str) -> str:
    """The word a role is a kind of: its last before any "of", "for", "at" ... ("attorney general" is a
    general, not an attorney; "spokesman for the ministry" a spokesman)."""
    words = re.split(r"\s+(?:of|for|at|with|from|in|to|on)\s+", fold(role), maxsplit=1)[0].split()
    return words[-1] if words else ""


def _containing(spans: list[Span], offset: int) -> Span | None:
    for span in spans:
        if span.start <= offset < span.end:
            return span
    return None


def _kind(text: str, region: _Region, sentence: Span | None) -> str:
    content = text[region.content.start:region.content.end]
    starts_sentence = sentence is None or not text[sentence.start:region.open].strip() \
        or re.search(r"[:,]\s*$", text[sentence.start:region.open]) is not None
    if content[:1].isupper() or content[:1].isdigit():
        return "direct" if starts_sentence else "partial"
    return "partial"


# A preposition before a name, with at most a title or two between them ("to Mayor Tim Flaherty", "with Ann Lee")
_GOVERNED = re.compile(r"\b(?:to|with|from|for|by|of|at|toward|towards|against|about|on)\s+(?:[A-Z][\w.'’-]*\s+){0,2}$")
_QUOTED_AS = re.compile(r"\bquot(?:e|es|ed|ing)\s+(\S.{0,60}?)\s+as\s+$", re.I)  # "quotes the letter as (saying)"
_AND_BEFORE = re.compile(r"\w\s+and\s+$")  # a second verb of one subject: "Cosby shook his head and (said)"
_NEW_CLAUSE = re.compile(r"[;:]|,\s*(?:and|but|so|yet|or|then|while|when|as)\b")
_Found = tuple  # (speaker entity or None, attribution as written, speech-verb span)
_WORDS = r"[\w.'’-]+"
_DETERMINER = re.compile(r"\b(?:the|a|an|one|another|its|his|her|their)\b", re.I)


class _Resolver:
    def __init__(self, article: Article, index: EntityIndex, masked: str, sentences: list[Span],
                 paragraphs: list[Span]):
        self.article = article
        self.index = index
        self.masked = masked
        self.sentences = sentences
        self.paragraphs = paragraphs
        # (offset, speaker entity or None, attribution as written), every attribution made so far
        self.speakers: list[tuple[int, Entity | None, str]] = []
        self.genders: dict[str, str] = {}  # person entity id -> "m" or "f" (see person_genders)

    def _fits_pronoun(self, entity: Entity | None, pronoun: str | None) -> bool:
        if pronoun is None or entity is None:
            return True
        known = self.genders.get(entity.id)
        return known is None or known == _GENDER_OF[pronoun]

    # -- attribution of a quotation -------------------------------------------------------------------
    def attribute(self, region: _Region) -> _Found | None:
        masked = self.masked
        opening = _containing(self.sentences, region.open)
        closing = _containing(self.sentences, max(region.open, region.close - 1)) or opening
        if opening is None:
            return None
        before = masked[opening.start:region.open]
        after_start = region.close + 1
        after = masked[after_start:closing.end] if closing is not None else ""
        found = None
        for verb in reversed(list(_VERB_RE.finditer(before))):
            if not self._speech(opening.start + verb.start(), opening.start + verb.end()):
                continue
            found = self._speaker_of(opening.start + verb.start(), opening.start + verb.end(), opening, region)
            if found:
                break
        if not found:
            for verb in _VERB_RE.finditer(after[:_clause_end(after)]):
                if not self._speech(after_start + verb.start(), after_start + verb.end()):
                    continue
                found = self._speaker_of(after_start + verb.start(), after_start + verb.end(), closing, region)
                if found:
                    break
        if not found:
            according = re.search(r"\baccording\s+to\s+", after, re.I)
            if according and according.start() < 40:
                start = after_start + according.end()
                found = self._noun_phrase_right(start, Span(after_start + according.start(), start))
        if found:
            self.speakers.append((region.open, found[0], found[1]))
        return found

    def _speech(self, v_start: int, v_end: int) -> bool:
        """Whether a speech verb's word reports speech here: not a noun right after a determiner ("his
        promise", "a call"), not the "tell" of "time will tell whether", and not a capitalised word after
        another, which is part of a name ("The Washington Post", "the United States")."""
        masked = self.masked
        if masked[v_start:v_start + 1].isupper() and _NAME_WORD_BEFORE.search(masked[max(0, v_start - 40):v_start]):
            return False
        word = masked[v_start:v_end].lower()
        if self._passive(v_start, v_end) or word.startswith("ask") and _ASKING_FIGURE.match(masked, v_end):
            return False
        return not (_NOUN_BEFORE.search(masked[max(0, v_start - 40):v_start])
                    or word in _NOUN_FORMS and _NOUN_BEFORE_WORD.search(masked[max(0, v_start - 60):v_start])
                    or word in ("tell", "tells") and _NO_SPEECH_AFTER.match(masked, v_end))

    def _passive(self, v_start: int, v_end: int) -> bool:
        """Whether the speech verb at v_start is a passive participle after a form of "be" ("was said to",
        "was told that", "has been asked"): its subject is who is talked about or to, not who speaks."""
        word = self.masked[v_start:v_end].lower()
        return word not in ("quoted", "quote") and not word.endswith(("ing", "s")) and \
            bool(_PASSIVE_BEFORE.search(self.masked[max(0, v_start - 40):v_start]))

    def _speaker_of(self, v_start: int, v_end: int, sentence: Span, region: _Region) -> _Found | None:
        verb = self.masked[v_start:v_end].lower()
        cue = Span(v_start, v_end)
        if verb in ("quoting", "quoted", "quote"):
            return self._noun_phrase_right(v_end, cue)
        if verb.endswith("ing"):
            quoted = _QUOTED_AS.search(self.masked, max(sentence.start, v_start - 80), v_start)
            if quoted:  # "Rivlin's office quotes the letter as saying": who is quoted speaks, not who quotes
                return self._noun_phrase_right(quoted.start(1), cue) or \
                    (None, self.article.text[quoted.start(1):quoted.end(1)], cue)
            # "..., telling reporters that", "He followed with a post saying ...": the sentence's subject
            return self._subject_of_sentence(sentence, v_start, cue)
        floor = region.close + 1 if v_start > region.close else sentence.start
        left = self._noun_phrase_left(floor, v_start, cue)
        if left:
            return left
        if _AND_BEFORE.search(self.masked, floor, v_start):
            subject = self._clause_subject(floor, v_start, cue)
            if subject:
                return subject
        if v_start > region.close and not self.masked[region.close + 1:v_start].strip(" ,—–-\"”’'"):
            # inverted, the verb right after the quote: "“...,” said Trump" (not "“...,” who said the FBI")
            return self._noun_phrase_right(v_end, cue)
        return None

    def _noun_phrase_left(self, floor: int, end: int, cue: Span, *, loose: bool = False) -> _Found | None:
        """The subject written right before a speech verb (``loose``: any short noun phrase will do)."""
        masked = self.masked
        text = self.article.text
        chunk = masked[floor:end].rstrip()
        trimmed = _SKIPPABLE.sub("", chunk).rstrip()
        trimmed = _PARENTHETICAL_END.sub("", trimmed)  # "John Mica (R-Fla.) told": the name before the brackets
        stop = floor + len(trimmed)
        if trimmed.endswith(","):
            # an appositive between subject and verb: "Pete Hegseth, the defense secretary, said",
            # "her brother, Daniel Ortiz, told", "Residents, some of whom lost everything, said"
            inner = trimmed[:-1]
            comma = inner.rfind(",")
            if comma < 0:
                return None
            segment_start = floor + comma + 1
            for s, e, entity in self.index.mentions_in(self.article.id, segment_start, floor + len(inner)):
                if entity.type == "person" and not masked[e:floor + len(inner)].strip():
                    return entity, text[s:e], cue
            stop = floor + len(inner[:comma].rstrip())
            if not re.match(r",\s+(?:the|a|an|who|which|whose|some\s+of\s+whom|one\s+of|its|his|her|their)\b", inner[comma:], re.I):
                # a title with no article: "Ted Deutch, Democrat of Florida, wrote" (a person right before it)
                if len(inner[comma + 1:].split()) > _APPOSITIVE_WORDS:
                    return None
                for s, e, entity in reversed(self.index.mentions_in(self.article.id, floor, stop)):
                    if entity.type == "person" and e == stop:
                        return entity, text[s:e], cue
                    break
                return None
        unclosed = _UNCLOSED_APPOSITIVE.search(trimmed)
        if unclosed:
            # the appositive's closing comma left out: "Bill Taylor, a partner at Hale & Ross LLP said"
            name_end = floor + unclosed.start()
            for s, e, entity in reversed(self.index.mentions_in(self.article.id, floor, name_end)):
                if entity.type == "person" and not masked[e:name_end].strip():
                    return entity, text[s:e], cue
                break
        for s, e, entity in reversed(self.index.mentions_in(self.article.id, floor, stop)):
            tail = text[e:stop]
            if not tail.strip() and fold(text[s:e]) in self.index.shared_family_names:
                return None, text[s:e], cue  # "Smith said", with two Smiths in the story: no one in particular
            if not tail.strip() and not re.search(r"['’]s$", text[s:e]):
                inside_description = entity.type == "organization" and re.search(
                    r"\b(?:for|of|at|from|with|in)\s+(?:the\s+)?$", text[max(floor, s - 12):s], re.I)
                if entity.type in ("person", "organization") and not inside_description:
                    return entity, text[s:e], cue
            break
        window = masked[max(floor, stop - 90):stop]
        words = re.findall(_WORDS, window)
        if not words:
            return None
        last = words[-1].lower()
        if last in _PRONOUNS:
            return self._pronoun_found(stop - len(words[-1]), words[-1], cue)
        if last in ("i", "we", "they", "it", "you", "who", "which", "that"):
            return None
        # a capitalised name the model missed: "Hegseth said"
        name_run = re.search(r"((?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w'’-]+)\s*$", window)
        run = name_run.group(1).split() if name_run else []
        while run and (run[0].lower() in _CLAUSE_OPENERS or run[0].lower() in _CONJUNCTIONS):
            run = run[1:]  # a sentence's opening word, not part of the name: "While Iran (insists)", "But Obi (said)"
        if run:
            written = " ".join(run)
            entity = self.index.named(written)
            if entity is not None:
                return entity, written, cue
            name = _without_title(written)
            if len(name.split()) >= 2 and not masked[floor:stop - len(written)].strip().endswith(("the", "The")):
                return None, name, cue  # a person's name the model did not tag: "Mayor Helen Obi said"
        # a description: "the ministry spokesman", "a spokesman for the foreign ministry", "officials"
        segment = re.split(r"[,;:()—–]", window)[-1]
        segment_offset = stop - len(segment)
        phrase = self._description(_CONJUNCTION.sub("", segment))  # "But the agency told him"
        if phrase is None and (loose or not masked[floor:segment_offset].strip()):
            # sentence-initial or clearly marked ("..., the airport said."): a short noun phrase
            candidate = _CONJUNCTION.sub("", segment.strip().strip("“”\"‘’ "))
            if 0 < len(candidate.split()) <= (5 if loose else 3) and not candidate[:1].isdigit() \
                    and not re.search(r"[“”\"]", candidate):
                phrase = _noun_phrase(candidate)
        if phrase:
            entity = self._by_role(phrase)
            return entity, (phrase if entity is not None else self._same_description(phrase, floor)), cue
        return None

    def _description(self, segment: str) -> str | None:
        """The longest phrase ending the segment, of at most seven words, that names a role or group:
        "a spokesman for the foreign ministry", "analysts at Fenwick Research", "his family"."""
        words = segment.split()
        for first in range(max(0, len(words) - _DESCRIPTION_WORDS), len(words)):
            tokens = [w.lower().strip(".,") for w in words[first:]]
            if any(t in _CLAUSE_OPENERS or t in ("which", "whom", "whose") for t in tokens) or any(
                    t == "that" and _speaker_word(n) for t, n in zip(tokens[1:], tokens[2:])):
                continue  # "As one pastor (told me)", "the title which Vatican officials (suggested)", "the
                          # security forces as protesters (said)", "a toddler whose family (said)", "photos that
                          # authorities (said)": who speaks is after the clause's first word
            if not (_DETERMINER.fullmatch(tokens[0]) or tokens[0] in _GROUP_NOUNS or tokens[0].rstrip("s") in ROLE_HEADS
                    or first == 0 and len(tokens) <= 3 and words[0][:1].isupper()):
                continue
            if tokens[-1] in STOPWORDS:
                return None  # "the pope's message of economic justice and": a phrase broken off, no one's title
            head = tokens[-1] in ROLE_HEADS or tokens[-1] in _GROUP_NOUNS or tokens[-1].rstrip("s") in ROLE_HEADS
            if not head and tokens[-1].endswith(_ADJECTIVE_ENDINGS) and any(re.search(r"['’]s?$", t) for t in tokens[:-1]):
                continue  # "Pope Francis' impassioned (call)": an adjective of someone's, not who they are
            if any(t in ROLE_HEADS or t in _GROUP_NOUNS or t.rstrip("s") in ROLE_HEADS for t in tokens):
                # not "Police have not yet (confirmed)", nor "the fact that the sheriff (stated)": read on
                start = _phrase_start(words, first)  # earlier than the search reaches: cut off by its length
                phrase = _noun_phrase(" ".join(words[start if start < len(words) - _DESCRIPTION_WORDS else first:]))
                if phrase:
                    return phrase
        return None

    def _same_description(self, phrase: str, before: int) -> str:
        """"the envoy" after "a United Nations envoy said ...": the fuller description written earlier."""
        head = fold(phrase).split()[-1] if fold(phrase) else ""
        for _offset, entity, written in sorted(self.speakers, key=lambda item: item[0], reverse=True):
            if entity is None and written and head and head in fold(written).split() and _offset < before + 1:
                if len(written) > len(phrase):
                    return written
        return phrase

    def _noun_phrase_right(self, start: int, cue: Span) -> _Found | None:
        # who speaks is named in the verb's own sentence: '..., predicted one aide.' does not reach the name that
        # opens the next paragraph
        window_end = min([len(self.masked), start + 90] +
                         [span.end for span in (_containing(self.sentences, start),
                                                _containing(self.paragraphs, start)) if span is not None])
        for s, e, entity in self.index.mentions_in(self.article.id, start, window_end):
            between = self.masked[start:s]
            if entity.type in ("person", "organization") and re.fullmatch(
                    rf"\s*(?:(?:the|a|an|another|its|his|her|their)\s+(?:{_WORDS}\s+){{0,4}}{_WORDS},\s+)?(?:{_WORDS}\s+){{0,5}}",
                    between, re.I):
                return entity, self.article.text[s:e], cue
            break
        right = self.masked[start:window_end]
        name_run = re.match(r"\s*((?:[A-Z][\w.'’-]+\s+){0,2}[A-Z][\w'’-]+)", right)
        if name_run:
            entity = self.index.named(name_run.group(1))
            if entity is not None:
                return entity, name_run.group(1), cue
        description = re.match(rf"\s*((?:the|a|an)\s+(?:{_WORDS}\s+){{0,4}}?{_WORDS})(?=[,.;]|\s+(?:who|of|for|at)\b|$)",
                               right, re.I)
        if description and self._description(description.group(1)):
            phrase = description.group(1)
            if description.end() == len(right) and phrase.endswith("."):
                phrase = phrase[:-1]  # the sentence's stop, where the window ends with it
            entity = self._by_role(phrase)
            return entity, (phrase if entity else self._same_description(phrase, start)), cue
        pronoun = re.match(r"\s*(he|she)\b", right, re.I)
        if pronoun:
            return self._pronoun_found(start, pronoun.group(1), cue)
        return None

    def _subject_of_sentence(self, sentence: Span, limit: int, cue: Span) -> _Found | None:
        """The first person (or pronoun) the sentence is about, before ``limit``; an organisation if no person."""
        text = self.article.text
        people: list[tuple[int, Entity | None, str]] = []
        fallback = None
        for s, e, entity in self.index.mentions_in(self.article.id, sentence.start, limit):
            if re.match(r"['’]s\b", text[e:e + 2]) or re.search(r"['’]s$", text[s:e]):
                continue
            if entity.type == "person":
                people.append((s, entity, text[s:e]))
            elif entity.type == "organization" and fallback is None:
                fallback = (entity, text[s:e], cue)
        for match in re.finditer(r"\b((?i:he|she))\b|\b([A-Z][\w'’-]+)\b(?!['’]s)", self.masked[sentence.start:limit]):
            offset = sentence.start + match.start()
            if match.group(1):
                people.append((offset, None, match.group(1)))
            else:
                entity = self.index.named(match.group(2))
                if entity is not None and entity.type == "person":
                    people.append((offset, entity, match.group(2)))
        if people:
            offset, entity, written = min(people, key=lambda p: p[0])
            if entity is None:
                entity, antecedent = self._pronoun(offset)
                written = antecedent if entity is None and antecedent else written
            return entity, written, cue
        return fallback

    def _pronoun_found(self, offset: int, written: str, cue: Span) -> _Found:
        """The speaker a pronoun at ``offset`` stands for: its person, or the words it was resolved to when
        they name no entity ("the spokesman"), or the pronoun as written."""
        entity, antecedent = self._pronoun(offset)
        return entity, (antecedent if entity is None and antecedent else written), cue

    def _pronoun(self, offset: int) -> tuple[Entity | None, str | None]:
        """What "he" / "she" at ``offset`` refers to: the paragraph's last speaker, else the person the
        nearest earlier sentence is about (no one, when that is a family name two of the story's people
        share).  Passed over: people the article shows to be of the other gender, and a person named right
        after the pronoun in its clause ("he told Diaz": not Diaz)."""
        said = re.match(r"\s*(he|she)\b", self.masked[offset:offset + 8], re.I)
        pronoun = said.group(1).lower() if said else None
        # a person named right after the pronoun, in its clause, is someone else: "he told Garcia he ..."
        after = offset + (said.end() if said else 0)
        clause = re.match(r"[^,;:.!?\n]{0,40}", self.masked[after:])
        others = {entity.id for _s, _e, entity in self.index.mentions_in(self.article.id, after, after + clause.end())
                  if entity.type == "person"} if said else set()

        def can_be(entity: Entity | None) -> bool:
            return self._fits_pronoun(entity, pronoun) and (entity is None or entity.id not in others)

        paragraph = _containing(self.paragraphs, offset)
        if paragraph:
            earlier = sorted((pos, e, w) for pos, e, w in self.speakers if paragraph.start <= pos < offset)
            if earlier and can_be(earlier[-1][1]):
                return earlier[-1][1], earlier[-1][2]
        position = next((k for k, s in enumerate(self.sentences) if s.start <= offset < s.end), None)
        if position is None:
            return None, None
        for k in range(position, max(-1, position - 4), -1):
            sentence = self.sentences[k]
            end = offset if k == position else sentence.end
            people = [(entity, self.article.text[s:e])
                      for s, e, entity in self.index.mentions_in(self.article.id, sentence.start, end)
                      if entity.type == "person" and not re.match(r"['’]s\b", self.article.text[e:e + 2])
                      # in the pronoun's own sentence: not someone its quotation names, nor a preposition's object
                      and not (k == position and (not self.masked[s:e].strip()
                                                  or self._governed(sentence.start, s, e, offset)))]
            # the sentence's own speaker first: in "“…,” she said, thanking Craig Fugate" she is not Fugate
            speakers = sorted((pos, e, w) for pos, e, w in self.speakers if sentence.start <= pos < end)
            last = speakers[-1][1] if speakers else None
            if last is not None and last.type == "person" and can_be(last):
                return last, speakers[-1][2]
            fitting = [(entity, written) for entity, written in people if can_be(entity)]
            if fitting:
                entity, written = fitting[0]
                if fold(written) in self.index.shared_family_names:
                    return None, written  # "Mr. Smith approached …", with two Smiths in the story: either
                return entity, None
            if speakers and can_be(speakers[-1][1]):
                return speakers[-1][1], speakers[-1][2]
        return None, None

    def _clause_subject(self, floor: int, verb: int, cue: Span) -> _Found | None:
        """The subject of a clause whose speech verb is its second ("Cosby shook his head and said"): a person
        or "he"/"she" opening the clause, after at most a title ("Police arrested Ann Lee and said": no one)."""
        clause = floor
        for mark in re.finditer(r"[,;:]", self.masked[floor:verb]):
            clause = floor + mark.end()
        for s, e, entity in self.index.mentions_in(self.article.id, clause, verb):
            if entity.type == "person" and _heads_sentence(self.masked[clause:s]) and \
                    not re.match(r"['’]s\b", self.article.text[e:e + 2]):
                return entity, self.article.text[s:e], cue
            break
        pronoun = re.match(r"\s*(he|she)\b", self.masked[clause:verb], re.I)
        if pronoun:
            return self._pronoun_found(clause + pronoun.start(1), pronoun.group(1), cue)
        return None

    def _governed(self, floor: int, start: int, end: int, pronoun: int) -> bool:
        """Whether a name at ``start:end`` in the pronoun's own clause is a preposition's object, and so not
        who the pronoun is: "In an e-mail to Mayor Tim Flaherty, she wrote", "After meeting with Ann Lee, he
        said"; but "It's from Gale Glover, and he asks" opens a clause of its own."""
        return bool(_GOVERNED.search(self.article.text, max(floor, start - 40), start)) \
            and not _NEW_CLAUSE.search(self.masked, end, pronoun)

    def _by_role(self, description: str) -> Entity | None:
        words = {w for w in fold(description).split() if w not in ("the", "a", "an", "one", "another")}
        if not words:
            return None
        head = fold(description).split()[-1]
        holders = [e for e in self.index.entities if e.type == "person"
                   and any(head == _role_head(role) and words <= set(fold(role).split()) | {head} for role in e.roles)]
        if len(holders) == 1:
            return holders[0]
        return None

    # -- indirect speech ------------------------------------------------------------------------------
    def paraphrases(self, regions: list[_Region]) -> list[Quote]:
        """Sentences without quotation marks that report speech: "X said (that) ...", "..., X said."."""
        out: list[Quote] = []
        text = self.article.text
        for sentence in self.sentences:
            if any(sentence.start <= r.open < sentence.end or r.open <= sentence.start < r.close for r in regions):
                continue
            for form in (self._reported_after, self._reported_before):
                found = form(sentence)
                if found is None:
                    continue
                start, end, speaker = found
                while end > start and text[end - 1] in ".!? ,":
                    end -= 1
                if len(re.findall(r"\w+", text[start:end])) >= 3:
                    break
            else:
                continue
            quote = Quote(self.article, Span(start, end), "paraphrase")
            quote.speaker, quote.speaker_text, quote.cue = speaker
            self.speakers.append((sentence.start, speaker[0], speaker[1]))
            out.append(quote)
        return out

    def _reported_after(self, sentence: Span):
        """"X said (that) clause", "X told reporters (that) clause"."""
        chunk = self.masked[sentence.start:sentence.end]
        for verb in _VERB_RE.finditer(chunk):
            word = verb.group(1).lower()
            if word not in _PARAPHRASE_VERBS:
                continue
            if self._passive(sentence.start + verb.start(), sentence.start + verb.end()):
                continue
            rest = chunk[verb.end():]
            that = re.match(r"(?:\s+(?!(?:he|she|they|it|we|i|and|but|or)\b)[^\s,.;:]+){0,6}?\s+that\s+", rest, re.I)
            v_start = sentence.start + verb.start()
            cue = Span(v_start, sentence.start + verb.end())
            told = None if that or word not in ("told", "tells") else _TOLD_WHOM.match(rest)
            if that or told:
                found = self._noun_phrase_left(sentence.start, v_start, cue, loose=True)
                clause_start = verb.end() + (that or told).end()
            elif word in ("said", "says", "say", "added", "adds"):
                found = self._noun_phrase_left(sentence.start, v_start, cue)
                lead = re.match(r"\s+(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                                r"yesterday)\s+)?", rest)
                clause_start = verb.end() + (lead.end() if lead else 0)
                if not re.match(r"[A-Za-z0-9$€£]", chunk[clause_start:clause_start + 1] or " ") \
                        or re.match(r"(?:in|on|at|after|before|during|from|to|by|with|of|for)\b", chunk[clause_start:], re.I):
                    continue
            else:
                continue
            if not found:
                continue
            return sentence.start + clause_start, sentence.end, found
        return None

    def _reported_before(self, sentence: Span):
        """"Clause, X said." / "Clause, X said, more." / "Clause, said X." at the end of a sentence."""
        chunk = self.masked[sentence.start:sentence.end]
        commas = [m.start() for m in re.finditer(",", chunk)]
        for comma in reversed(commas):
            tail = chunk[comma + 1:]
            match = _ATTRIBUTION_TAIL.match(tail)
            if match:
                v_start = sentence.start + comma + 1 + match.start(2)
                cue = Span(v_start, sentence.start + comma + 1 + match.end(2))
                if self._passive(v_start, v_start + len(match.group(2).split()[0])):
                    continue
                found = self._noun_phrase_left(sentence.start + comma + 1, v_start, cue, loose=True)
                if found:
                    return sentence.start, sentence.start + comma, found
                continue
            inverted = re.match(r"\s+(said)\s+[^,]{2,60}?(?:,[^,]{2,60})?[.!]?\s*$", tail)
            if inverted:
                cue = Span(sentence.start + comma + 1 + inverted.start(1), sentence.start + comma + 1 + inverted.end(1))
                found = self._noun_phrase_right(cue.end, cue)
                if found:
                    return sentence.start, sentence.start + comma, found
        return None


# "told reporters at the scene " before a clause without "that": "... told WANE she killed ..."
_TOLD_WHOM = re.compile(r"(?:\s+(?!(?:he|she|they|it|we|i|and|but|or|about|of|how|what|why|when|where|if|whether|to)\b)"
                        r"[^\s,.;:]+){1,5}?\s+(?=(?:he|she|they|it|we|i)\s+[a-z])", re.I)
_ATTRIBUTION_TAIL = re.compile(r"\s+([^,]{2,80}?(?:,[^,]{2,60},)?)\s+(said|says|say|added|announced|warned|told\s+[\w\s]{1,30}?|"
                               r"reported|confirmed|noted|stated|estimated)(?:\s+[^,.;]{1,40})?(?:,\s+[^,]{1,80})?[.!]?\s*$")


def _without_title(name: str) -> str:
    """"Mayor Helen Obi" -> "Helen Obi": leading title words are a role, not part of the name."""
    words = name.split()
    while len(words) > 2 and (words[0].lower().rstrip(".") in ROLE_HEADS or words[0].lower() in _TITLE_WORDS):
        words.pop(0)
    if len(words) == 2 and (words[0].lower().rstrip(".") in ROLE_HEADS or words[0].lower() in _TITLE_WORDS):
        words.pop(0)
    return " ".join(words)


_TITLE_WORDS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady prof prof. rev rev. gen. sen. rep. gov. "
                         "former acting deputy interim".split())


def _clause_end(after: str) -> int:
    """How far after a quote its attribution may be: up to the next quotation or sentence end."""
    stops = [m.start() for m in re.finditer(r"[“\"]", after)]
    return min(stops) if stops else len(after)


# --- one entry per quote across outlets ------------------------------------------------------------------

def _norm_words(text: str) -> list[str]:
    return fold(text.replace("’", "'")).split()


def merge_quotes(quotes: list[Quote]) -> list[dict]:
    """One entry per quote however many outlets carry it (and however often one article repeats it word for
    word); ``verbatim`` and word differences when they differ."""
    direct = [q for q in quotes if q.kind != "paraphrase"]
    normalised = [" ".join(_norm_words(q.text)) for q in direct]
    parent = list(range(len(direct)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    postings: dict[str, list[int]] = {}
    for i, norm in enumerate(normalised):
        for word in set(norm.split()):
            if len(word) > 3:
                postings.setdefault(word, []).append(i)
    candidates: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > 200:
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                candidates.add((members[a], members[b]))
    for i, j in sorted(candidates):
        if direct[i].article.id == direct[j].article.id and normalised[i] != normalised[j]:
            continue  # two quotes of one article are two utterances, unless one repeats the other word for word
        if not _same_speaker(direct[i], direct[j]):
            continue
        a, b = normalised[i], normalised[j]
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        if len(short.split()) < 2:
            continue
        if short in long or len(short.split()) >= 4 and (fuzz.partial_ratio(short, long) >= 88
                                                          or _shared_words(short, long) >= 0.75):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(direct)):
        groups.setdefault(find(i), []).append(i)
    out: list[dict] = []
    for members in groups.values():
        members.sort(key=lambda i: (direct[i].article.published or "9999", -len(normalised[i])))
        out.append(_entry([direct[i] for i in members], [normalised[i] for i in members]))
    for quote in quotes:
        if quote.kind == "paraphrase":
            out.append(_entry([quote], [" ".join(_norm_words(quote.text))]))
    out.sort(key=lambda q: (-len(q["sources"]), q["citations"][0]["article_id"], q["citations"][0]["start"]))
    for number, entry in enumerate(out, 1):
        entry["id"] = f"q{number}"
    return out


def _shared_words(short: str, long: str) -> float:
    """Share of the shorter quote's words found, in order, in the longer one, within a stretch of it at most
    twice the shorter's length: "it's five, actually" is not three quarters of a long quotation that holds
    "it", "s" and "actually" paragraphs apart."""
    words = short.split()
    matcher = difflib.SequenceMatcher(a=words, b=long.split(), autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks or blocks[-1].b + blocks[-1].size - blocks[0].b > 2 * len(words):
        return 0.0
    return sum(block.size for block in blocks) / len(words)


def _same_speaker(a: Quote, b: Quote) -> bool:
    return a.speaker is None or b.speaker is None or a.speaker is b.speaker


def _entry(members: list[Quote], normalised: list[str]) -> dict:
    longest = max(range(len(members)), key=lambda k: len(normalised[k]))
    reference = normalised[longest]
    verbatim = all(n in reference for n in normalised)
    speaker = next((m.speaker for m in members if m.speaker is not None), None)
    described = next((m.speaker_text for m in members if m.speaker_text), None)
    kinds = {m.kind for m in members}
    entry = {
        "text": members[longest].text,
        "kind": "direct" if "direct" in kinds else next(iter(kinds)),
        "speaker": speaker.name if speaker else None,
        "speaker_id": speaker.id if speaker else None,
        "attribution": described,
        "verbatim": verbatim,
        "sources": list(dict.fromkeys(m.article.id for m in members)),
        "citations": [Citation(m.article.id, m.span.start, m.span.end).to_dict() for m in members],
    }
    if not verbatim:
        entry["variants"] = [{"article_id": m.article.id, "text": m.text,
                              "differences": _differences(reference, normalised[k])}
                             for k, m in enumerate(members) if normalised[k] not in reference]
    return entry


def _differences(reference: str, other: str) -> list[dict]:
    ref, oth = reference.split(), other.split()
    matcher = difflib.SequenceMatcher(a=ref, b=oth, autojunk=False)
    blocks = matcher.get_matching_blocks()
    # compare only over the part of the reference the other quote covers
    first = next((b.a for b in blocks if b.size), 0)
    last = max((b.a + b.size for b in blocks if b.size), default=len(ref))
    matcher = difflib.SequenceMatcher(a=ref[first:last], b=oth, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changes.append({"op": op, "from": " ".join(ref[first + i1:first + i2]), "to": " ".join(oth[j1:j2])})
    return changes
