"""People, organisations and places of a story, merged across outlets and mentions.

Mentions come from NER (``nlp.ner``).  Within a story:

* the label of a name is the majority over all its mentions, so one sentence where the model calls a
  person a place does not split them;
* titles and honorifics next to a name ("Kremlin spokesman Dmitry Peskov", "Pete Hegseth, the defense
  secretary,") go into ``roles``; the name itself is kept without them;
* "Dmitry Peskov" / "Dmitri Peskov" / "Peskov" and "Zelensky" / "Zelenskyy" are one person: full names
  join when surname and first name match up to spelling (accents folded, edit similarity), a lone surname
  joins the full name it belongs to; "NATO" joins "North Atlantic Treaty Organization".
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from ...model import Article, Citation, Span
from ...nlp.ner import Mention
from ...nlp.temporal import WEEKDAYS
from ...nlp.words import STOPWORDS, WORD

__all__ = ["Entity", "EntityIndex", "build_entities", "role_before", "role_after", "ROLE_HEADS", "family_name"]

_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}

# Head nouns of titles and roles (generic vocabulary, any outlet).
ROLE_HEADS = frozenset("""
president vice-president minister secretary spokesman spokeswoman spokesperson director adviser advisor envoy
general chancellor premier senator sen. rep. representative congressman congresswoman gov. governor mayor judge
justice ceo chairman chairwoman chair chief officer leader ambassador commander coach captain pope king queen
prince princess sheikh emir ayatollah official lawyer attorney prosecutor teacher professor dr. doctor analyst
economist researcher scientist author founder owner manager executive head superintendent sheriff inspector
detective sergeant lieutenant colonel major admiral marshal commissioner administrator diplomat negotiator
mediator activist organiser organizer candidate nominee lawmaker legislator speaker whip councillor councilman
councilwoman president-elect correspondent reporter editor columnist journalist actor actress singer rapper
player striker goalkeeper midfielder defender star champion nurse surgeon physician paramedic firefighter
pilot engineer farmer fisherman owner resident witness student pastor priest imam rabbi bishop
musician artist comedian producer designer photographer filmmaker writer novelist poet chef dancer athlete
entrepreneur investor businessman businesswoman billionaire mountaineer climber astronaut explorer historian
guitarist drummer bassist pianist keyboardist vocalist songwriter composer conductor violinist cellist saxophonist
""".split())
# The legal form a company's name ends with (folded): a "person" ending so is a misread firm.
_COMPANY_ENDINGS = frozenset("llp llc pllc lp inc ltd corp plc gmbh".split())
_CASE_NAME = re.compile(r"\s(?:v|vs)\.?\s")  # "Roe v. Wade", "Kimble vs. Marvel": parties of a court case
# What may follow "the" in a person's name as tagged: a title ("the Rev. Jane Roe", "the late John Roe").
_TITLED_AFTER_THE = ROLE_HEADS | {"late", "rev", "reverend"}
# The letters of a fraternity's or a sorority's name ("Kappa Sigma", "Alpha Phi Alpha"): an organisation.
_GREEK_LETTERS = frozenset("""alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho
sigma tau upsilon phi chi psi omega""".split())
# Words of a place's or an institution's name that no one's name holds (unlike "Park" or "Church", which are
# family names too): a "person" with one is a piece of a longer name ("Zoo Safari" of "San Diego Zoo Safari Park").
_INSTITUTION_WORDS = frozenset("""zoo safari museum university hospital airport stadium arena institute academy
foundation association committee council ministry department cathedral library gallery theater theatre casino
mall aquarium""".split())
# A stock ticker right after a name ("Michael Kors (KORS.N)", "Jimmy Choo CHOO.L", "(NYSE: KORS)"): a company
# named after its founder, never a person.
_TICKER_AFTER = re.compile(r"\s*(?:\(\s*)?(?:(?:NYSE|NASDAQ|Nasdaq|AMEX|LSE|TSX|ASX)(?:\s+American)?\s*:\s*[A-Z][A-Z.]{0,6}"
                           r"|[A-Z]{2,5}\.[A-Z]{1,2})\b")
_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|prof|rev|fr)\.?\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
# A tagged name that starts with someone's possessive: "Lightspeed’s " of "Lightspeed’s Jeremy Liew".
_OWNER = re.compile(r"[^\s'’]+(?:\s+[^\s'’]+){0,3}['’]s\s+(?=[A-Z])")
_WHEN_WORDS = frozenset(WEEKDAYS) | {"today", "yesterday", "tonight"}
_ROLE_STOP = frozenset("the a an and or but said says told by with to for from in on at as that which who "
                       "while when after before than also then".split())
# Capitalised sentence openers that are not first names ("Later Peskov left").
_OPENERS = frozenset("later meanwhile still yet however instead earlier afterwards then now today yesterday "
                     "since despite although though while after before during unlike like".split())
# A sentence's opening word the tagger may take into the name after it ("Whether Reid and McConnell ...", "Neither
# Bethenny nor ...", "Following Goodlatte's tweet"): no one's first name.
_LEADING_NOT_NAMES = _OPENERS | frozenset("whether neither either nor following called unless".split())
_LEADING_WORD = re.compile(r"(\w+)\s+(?=[A-Z])")
# Ranks and offices written before a name, also when the tagger took more words in front ("Green Beret Sgt ...").
_RANKS = frozenset("""sgt sergeant cpl corporal pvt private lt lieutenant capt captain col colonel maj gen general adm
admiral cmdr commander officer detective deputy trooper sheriff judge justice dr rev sen senator rep gov governor
mayor president secretary minister chairman chairwoman director spokesman spokeswoman prosecutor attorney""".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_SENIOR = re.compile(r" sr$")  # a folded name's "Sr." suffix
# a place's first word, never a person's: "Mount Adams", "Lake Tahoe", "Fort Wayne", "Cape Cod"
_PLACE_HEADS = frozenset("mount mt lake fort ft port cape glacier volcano".split())
_ROLE_MODIFIERS = frozenset("""former retired acting interim deputy assistant associate senior junior chief
special foreign defense defence national security press state police fire army military top regional local
federal county city district general attorney health finance interior justice economy trade education energy
prime vice first executive managing lead head""".split())

# What names a department after "of" in a title: "Secretary of State", "Minister of Home Affairs", "Secretary of
# the Navy" (with the words of _ROLE_MODIFIERS: state, defense, health, interior, justice, ...).
_DEPARTMENT_WORDS = _ROLE_MODIFIERS | frozenset("""the affairs home homeland internal treasury commerce agriculture
labor labour transportation transport veterans housing navy air force war culture environment tourism""".split())


@dataclass
class Entity:
    id: str
    name: str
    type: str  # person | organization | place
    variants: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "variants": list(self.variants),
                "roles": list(self.roles), "article_ids": list(self.article_ids), "mentions": len(self.citations),
                "citations": [c.to_dict() for c in self.citations]}


def fold(name: str) -> str:
    """Lower-case, accents and punctuation removed: the key spellings are compared on."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9]+", bare.lower()))


def family_name(words: list[str]) -> str:
    """The family name of a name's words: the last, or the one before a generational suffix ("William W. Taylor
    III", "Sammy Davis Jr." end on Taylor and Davis)."""
    end = len(words)
    while end > 1 and words[end - 1].lower().rstrip(".,") in _SUFFIXES:
        end -= 1
    return words[end - 1] if words else ""


def clean_name(surface: str) -> str:
    name = " ".join(surface.split())
    name = _POSSESSIVE.sub("", name) if re.search(r"['’]s?$", name) else name
    while True:
        stripped = _HONORIFICS.sub("", name)
        if stripped == name:
            break
        name = stripped
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return name.strip(" .,;:-—–\"“”'’")


def _without_titles(name: str) -> str:
    """"Paramedic Jonas Feld" -> "Jonas Feld" when the model took the title into the name ("Minister of Foreign
    Affairs Jonas Feld" too, with its department); and "Green Beret Sgt Joe Serna" -> "Joe Serna": a rank or an
    office inside the name, two names or more after it, ends what came before it ("Martin Luther King Jr." keeps
    its "King": a suffix is no name)."""
    words = name.split()
    while len(words) > 1 and (words[0].lower().rstrip(".") in ROLE_HEADS or words[0].lower() in _ROLE_MODIFIERS):
        words.pop(0)
        if len(words) > 1 and words[0] == "of":  # "Secretary of State Ann Lee": the department goes with its title
            words.pop(0)
            while len(words) > 1 and words[0].lower() in _DEPARTMENT_WORDS:
                words.pop(0)
    for k in range(len(words) - 2, 0, -1):
        after = words[k + 1:]
        if words[k].lower().rstrip(".") in _RANKS and len(after) >= 2 and \
                all(w[:1].isupper() and w.lower().rstrip(".,") not in _SUFFIXES for w in after):
            return " ".join(after)
    return " ".join(words)


def role_before(text: str, start: int) -> str | None:
    """A title written right before a name: "Kremlin spokesman", "Secretary of State", "U.S. Defense Secretary"."""
    left = text[max(0, start - 90):start]
    left = re.split(r"[,;:()\n—–\"“”]", left)[-1]
    tokens = left.split()
    if not tokens or tokens[-1].lower().rstrip(",") not in ROLE_HEADS and not _head_of_department(tokens):
        return None
    kept: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        low = token.lower()
        if low.endswith(("'s", "’s")) or low in _ROLE_STOP and low != "of" or low in _WHEN_WORDS:
            break  # ("said Sunday President Barack Obama": the day is when, not part of the title)
        if low == "of" and not (kept and kept[0][:1].isupper()):
            break
        if not (token[:1].isupper() or low in ROLE_HEADS or low in _ROLE_MODIFIERS or low == "of"):
            break
        kept.insert(0, token)
        if len(kept) >= 6:
            break
    while kept and kept[0].lower() == "of":
        kept.pop(0)
    return " ".join(kept) or None


def _head_of_department(tokens: list[str]) -> bool:
    """Whether the words end in a title naming its department after "of": "Secretary of State", "Minister of
    Home Affairs" (at most three capitalised words after "of")."""
    for k in range(len(tokens) - 2, max(0, len(tokens) - 5), -1):
        if tokens[k] == "of":
            return tokens[k - 1].lower() in ROLE_HEADS and all(t[:1].isupper() for t in tokens[k + 1:])
    return False


# (within the paragraph: "Jane Roe, The Jane Roe Collection" as a heading, then "The singer started ..." below it)
_APPOSITIVE = re.compile(r",[ \t]+(?:the|a|an|its|their|his|her)[ \t]+([^,.;()\"“”\n]{3,70}?)[ \t]*(?:,|\.|;|\n|$)",
                         re.I)


def role_after(text: str, end: int) -> str | None:
    """A role in an appositive: "Pete Hegseth, the defense secretary," -> "defense secretary"."""
    match = _APPOSITIVE.match(text, end)
    if not match:
        return None
    words = match.group(1).split()
    head_index = next((i for i, w in enumerate(words) if w.lower().strip(",") in ROLE_HEADS), None)
    if head_index is None or head_index > 4:
        return None
    role = " ".join(words[:head_index + 1])
    rest = words[head_index + 1:]
    if rest and rest[0].lower() in ("of", "for", "at", "to"):
        kept = words[:min(len(words), head_index + 5)]
        while kept[-1].lower() in _ROLE_TAIL:  # cut mid-phrase: "scientist at Wheaton College in"
            kept.pop()
        role = " ".join(kept)
    return role


def _people_run_together(name: str, surnames: set[str]) -> bool:
    parts = [fold(part) for part in name.split(",")]
    return len(parts) >= 2 and all(part and family_name(part.split()) in surnames for part in parts)


_TWO_NAMES = re.compile(r",\s+(?!(?:Jr|Sr|II|III|IV)\b\.?)[A-Z]")  # "Sammy Davis, Jr." is one name
# a digit inside a word, or a number after the first word: no one's name is written so
_NUMBERED_THING = re.compile(r"[^\W\d_]-?\d|\d-?[^\W\d_]|\s\S*\d")
_ROLE_TAIL = frozenset("of for at to in on and or the a an with from by near".split())


@dataclass
class _Mention:
    article: Article
    span: Span
    label: str
    name: str
    key: str


class EntityIndex:
    """The merged entities of one story and a lookup from mention spans and bare names to them."""

    def __init__(self, entities: list[Entity], by_span: dict[tuple[str, int, int], Entity],
                 shared_family_names: frozenset[str] = frozenset()):
        self.entities = entities
        self._by_span = by_span
        # family names (folded) that two of the story's people have, each also called by given name alone
        # ("Smith" of Shimron and Shawn Smith): the entity holds such a mention, but who said it is unknown
        self.shared_family_names = shared_family_names
        # per article, mentions sorted by start: range lookups are a bisection, not a scan of the story
        self._sorted: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
        for (aid, start, end), entity in by_span.items():
            self._sorted[aid].append((start, end, entity))
        for mentions in self._sorted.values():
            mentions.sort(key=lambda m: (m[0], m[1]))
        self._starts = {aid: [m[0] for m in mentions] for aid, mentions in self._sorted.items()}
        self._by_key: dict[str, Entity] = {}
        self._by_surname: dict[str, list[Entity]] = defaultdict(list)
        for entity in entities:
            for variant in entity.variants:
                self._by_key.setdefault(fold(clean_name(variant)), entity)
            if entity.type == "person":
                self._by_surname[family_name(fold(entity.name).split())].append(entity)

    def at(self, article_id: str, start: int, end: int) -> Entity | None:
        """The entity whose mention covers ``[start, end)`` exactly or contains it."""
        found = self._by_span.get((article_id, start, end))
        if found:
            return found
        for s, e, entity in self._sorted.get(article_id, []):
            if s > start:
                break
            if end <= e:
                return entity
        return None

    def mentions_in(self, article_id: str, start: int, end: int) -> list[tuple[int, int, Entity]]:
        mentions = self._sorted.get(article_id, [])
        first = bisect_left(self._starts.get(article_id, []), start)
        out = []
        for s, e, entity in mentions[first:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, entity))
        return out

    def named(self, name: str) -> Entity | None:
        """The entity a bare name refers to ("Hegseth", "Dmitri Peskov"), if any."""
        key = fold(clean_name(name))
        if not key or key in self.shared_family_names:
            return None
        if key in self._by_key:
            return self._by_key[key]
        tokens = key.split()
        people = self._by_surname.get(tokens[-1], [])
        if len(people) == 1:
            return people[0]
        if len(tokens) == 1:  # a family name written first ("Chen Wei" ... "Chen said")
            first = [e for e in self.entities if e.type == "person" and len(fold(e.name).split()) >= 2
                     and fold(e.name).split()[0] == tokens[0]]
            if len(first) == 1:
                return first[0]
        for surname, entities in self._by_surname.items():
            if Indel.normalized_similarity(surname, tokens[-1]) >= 0.85 and len(entities) == 1:
                return entities[0]
        return None


def build_entities(articles: list[Article], mentions: dict[str, list[Mention]]) -> EntityIndex:
    """Merge the mentions of a story's articles into entities."""
    items: list[_Mention] = []
    titled_people: Counter = Counter()  # names the model took with a person's title ("Musician Jane Roe")
    listed: set[str] = set()  # names the model took for a person's, followed by a stock ticker
    for article in articles:
        cased = any(c.isupper() for c in article.text)
        for mention in mentions.get(article.id, []):
            span = mention.span
            label = mention.label
            owner = _OWNER.match(article.text, span.start, span.end) if label == "PERSON" else None
            if owner:  # "Lightspeed’s Jeremy Liew": the person is who comes after the owner
                if len(article.text[owner.end():span.end].split()) < 2:
                    continue  # "Fernandez’s David", "Adele’s Grammy": a role or a thing of someone's, no name
                span = Span(owner.end(), span.end)
            leading = _LEADING_WORD.match(article.text, span.start, span.end) if label == "PERSON" else None
            if leading and leading.group(1).lower() in _LEADING_NOT_NAMES:
                span = Span(leading.end(), span.end)  # "Whether Reid": Reid
            name = clean_name(article.text[span.start:span.end])
            if label == "PERSON":  # "the Rev. Jane Roe", "the late John Roe": the title after "the" goes too
                name = clean_name(re.sub(r"^late\s+", "", name, flags=re.I))
            the = re.match(r"the\s+(\S+)", article.text[span.start:span.end], re.I) if label == "PERSON" else None
            if the and not _HONORIFICS.match(the.group(1) + " ") and \
                    the.group(1).lower().rstrip(".") not in _TITLED_AFTER_THE:
                continue  # "the Buffett Rule", "the Amber Alert": this mention names no one ("the Rev. Martin
                          # Luther King Jr." does; and other mentions may, as in "the Martin Luther King Jr. case")
            if cased and not any(c.isupper() for c in name):
                continue  # "marijuana", "the mayor", "turkey": in cased text a name has a capital
            if name.endswith("/") or label == "PERSON" and "/" in name:
                continue  # a photo credit ("Jane Roe/ESPN", "Jane Roe/"): no one's name has a slash
            if label == "PERSON" and _NUMBERED_THING.search(name):
                continue  # "Hummer H2", "ABC7 News", "Furious 8": a product, a station, a film ("50 Cent" is a name)
            if label == "PERSON" and _TWO_NAMES.search(name):
                continue  # "McCabe, Chaffetz said": two people run together by the tagger
            if label == "PERSON" and (_INSTITUTION_WORDS & set(fold(name).split()) or _CASE_NAME.search(name)):
                continue  # "Zoo Safari": part of an institution's name; "Brulotte v. Thys": a court case's
            titled = False
            if label == "PERSON":
                untitled = _without_titles(name)
                titled, name = untitled != name, untitled
            key = fold(name)
            if not key or len(key) < 2 or key.isdigit() or key in _SUFFIXES:
                continue  # (a suffix alone: "Jr." of "Martin Luther King, Jr.")
            if label == "PERSON":
                if key.rpartition(" ")[2] in _COMPANY_ENDINGS or set(key.split()) <= _GREEK_LETTERS:
                    label = "ORG"  # "Spaeder LLP", "Kappa Sigma": a firm, a fraternity, whatever the model says
                elif " " in key and key.split()[0] in _PLACE_HEADS:
                    label = "LOC"  # "Mount Adams", "Lake Tahoe", "Fort Wayne": a place, whatever the model says
                elif _TICKER_AFTER.match(article.text, span.end):
                    listed.add(key)  # "Michael Kors (KORS.N)": a listed company, in every mention
            if titled:
                titled_people[key] += 1
            if label != "PERSON" and _in_title(article.text, span, key):
                continue  # "State" of "Secretary of State", "Defense" of "Defense Secretary": a title, no body
            items.append(_Mention(article, span, label, name, key))
    common = _common_words(articles, {item.key for item in items if " " not in item.key})
    items = [item for item in items
             if item.key not in common or item.label != "PERSON" and common[item.key] == "tie"]
    items.extend(_missed_full_names(items))
    items.extend(_family_name_mentions(items))
    # a name the story only ever writes inside quotation marks of its own ("Evil Dead", "Good Morning America")
    # is the title of a film, a show or a book, not a person or an organisation
    quoted_only = {item.key for item in items}
    for item in items:  # one pass: a key stays while every mention of it is quoted whole
        if item.key in quoted_only and not _quoted_whole(item):
            quoted_only.discard(item.key)
    items = [item for item in items if item.key not in quoted_only]
    # a one-word "person" the story only ever writes as an abbreviation before a number ("Fig. 1", "Eq. 3") is a
    # reference to a numbered figure or equation, not a name
    numbered_only = {item.key for item in items if item.label == "PERSON" and " " not in item.key}
    for item in items:
        if item.key in numbered_only and not _NUMBERED.match(item.article.text, item.span.end):
            numbered_only.discard(item.key)
    items = [item for item in items if item.key not in numbered_only]
    # 1. one label per name: the majority over every mention in the story
    votes: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        votes[item.key]["ORG" if item.label == "PERSON" and _a_medium(item) else item.label] += 1
    for key, count in titled_people.items():
        votes[key]["PERSON"] += 2 * count  # a name under a person's title is a person's, whatever its other labels
    short_names = {key.split()[-1] for key in listed}  # "Kors said on a call": the company, short
    for key, counter in votes.items():
        if (key in listed or len(key.split()) == 1 and key in short_names) and key not in titled_people:
            counter["ORG"] += sum(counter.values()) + 1  # (a name under a person's title stays a person's)
    person_surnames = {family_name(k.split()) for k, v in votes.items() if len(k.split()) >= 2 and v.most_common(1)[0][0] == "PERSON"}
    for key, counter in votes.items():
        if len(key.split()) == 1 and key in person_surnames and counter.most_common(1)[0][0] in ("ORG", "GPE", "NORP"):
            counter["PERSON"] += sum(counter.values()) + 1  # "Fogel" tagged ORG, but "Marc Fogel" is a person
    label_of = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    # "In a letter to McCabe, Chaffetz said": two of the story's people run together, whatever the label
    items = [item for item in items if not _people_run_together(item.name, person_surnames)]
    items = [item for item in items if label_of[item.key] in _TYPES]
    # 2. cluster names of the same type
    capitals = {item.key for item in items if item.name.isupper() and item.name.isalpha()}  # "JFK", "MLK"
    keys_by_type: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        keys_by_type[_TYPES[label_of[item.key]]][item.key] += 1
    cluster_of: dict[tuple[str, str], int] = {}
    clusters: list[list[str]] = []
    for kind, counts in keys_by_type.items():
        groups = _person_groups(counts, keys_by_type.get("organization", Counter()), capitals) if kind == "person" \
            else _other_groups(counts, organisations=kind == "organization")
        for group in groups:
            for key in group:
                cluster_of[(kind, key)] = len(clusters)
            clusters.append(group)
    # 3. entities, with roles from the text around each mention
    members: dict[int, list[_Mention]] = defaultdict(list)
    for item in items:
        members[cluster_of[(_TYPES[label_of[item.key]], item.key)]].append(item)
    entities: list[Entity] = []
    by_span: dict[tuple[str, int, int], Entity] = {}
    ordered = sorted(members.items(), key=lambda kv: (-len(kv[1]), min((m.article.id, m.span.start) for m in kv[1])))
    for number, (_cluster, group) in enumerate(ordered, 1):
        kind = _TYPES[label_of[group[0].key]]
        entity = Entity(id=f"e{number}", name=_canonical(group, kind), type=kind)
        entity.variants = sorted({m.name for m in group}, key=lambda v: (-len(v), v))
        roles: Counter = Counter()
        for m in group:
            if kind == "person":
                for role in (role_before(m.article.text, m.span.start), role_after(m.article.text, m.span.end)):
                    if role:
                        roles[role] += 1
            by_span[(m.article.id, m.span.start, m.span.end)] = entity
        entity.roles = _unique_roles(roles)
        entity.article_ids = list(dict.fromkeys(m.article.id for m in group))
        entity.citations = [Citation(m.article.id, m.span.start, m.span.end)
                            for m in sorted(group, key=lambda m: (m.article.id, m.span.start))]
        entities.append(entity)
    return EntityIndex(entities, by_span, _shared_family_names(keys_by_type.get("person", Counter())))


# Where a one-word name is a medium, not a person: "posted on Twitter", "via Instagram", "her Facebook account"
# ("called on Smith to resign" is a person).
_ON_BEFORE = re.compile(r"\b(?:on|via)\s+$")
_NOT_AFTER_ON = re.compile(r"\s+to\b")
_MEDIUM_AFTER = re.compile(r"\s+(?:account|accounts|feed|page|post|posts|handle|profile|followers|livestream)\b")


def _a_medium(item: "_Mention") -> bool:
    """Whether a one-word mention the tagger took for a person's is written as a medium someone posts on."""
    if " " in item.key:
        return False
    text, span = item.article.text, item.span
    return bool(_MEDIUM_AFTER.match(text, span.end) or _ON_BEFORE.search(text[max(0, span.start - 6):span.start])
                and not _NOT_AFTER_ON.match(text, span.end))


_ADDRESS_BEFORE = frozenset("@/.#")
_ADDRESS_AFTER = re.compile(r"\.\w")
_INITIAL_BEFORE = re.compile(r"\b[A-Z]\.\s+$")


def _common_words(articles: list[Article], keys: set[str]) -> dict[str, str]:
    """The one-word names of ``keys`` the story writes in small letters at least as often as with a capital
    inside a sentence, and at least once: "Carcinogens", "Caucus", "Tick", "Grandfather" are words the tagger
    took for names where a sentence or a heading opens with them.  Each maps to "more" (in small letters more
    often) or "tie".  A capital after a sentence's or a heading's start does not count, nor does a word in a
    web address ("twitter.com", "@politico").  A name is capitalised wherever it stands ("Obama", "Twitter")."""
    if not keys:
        return {}
    small: Counter = Counter()
    capital: Counter = Counter()
    for article in articles:
        text = article.text
        for match in WORD.finditer(text):
            word = match.group(0)
            key = word.lower()
            if key not in keys:
                continue
            start, end = match.start(), match.end()
            if start and text[start - 1] in _ADDRESS_BEFORE or _ADDRESS_AFTER.match(text, end):
                continue
            if word == key:
                small[key] += 1
            elif word[0].isupper() and (not _SENTENCE_START.search(text, max(0, start - 3), start)
                                        or _INITIAL_BEFORE.search(text, max(0, start - 5), start)):
                capital[key] += 1  # inside a sentence, or after an initial's period ("U.S. Army")
    return {key: "more" if small[key] > capital[key] else "tie" for key in small if small[key] >= capital[key]}


# what a one-word department name may stand beside in a title: "Defense Secretary", "Interior Ministry"
_TITLE_NOUNS = ROLE_HEADS | frozenset("department ministry office committee".split())
_OF_TITLE = re.compile(r"\b([A-Za-z]+)\s+of\s+(?:the\s+)?$")


_OPENING_MARK = re.compile(r"[“\"‘'](?:the\s+|a\s+|an\s+)?$", re.I)
_NUMBERED = re.compile(r"s?\.\s*\(?\d")  # "Fig. 1", "Figs. 2", "Eq. (3)": an abbreviation before a number
_CLOSING_MARK = re.compile(r"[,.!?]?(?:[”\"]|’’|''|[’'](?!s\b))")  # not a possessive: ‘Obama’s legacy’


def _quoted_whole(item: "_Mention") -> bool:
    """Whether a mention is all a quotation holds: “Evil Dead,” or "The Daily Show"."""
    text = item.article.text
    return bool(_OPENING_MARK.search(text, max(0, item.span.start - 5), item.span.start)) and \
        bool(_CLOSING_MARK.match(text, item.span.end))


def _in_title(text: str, span: Span, key: str) -> bool:
    """Whether a one-word name that is also a department word ("State", "Defense", "Health") is only part
    of a title or a department's name: "Secretary of State", "Defense Secretary", "the Health Ministry"."""
    if key not in _ROLE_MODIFIERS:
        return False
    after = text[span.end:span.end + 30].split()
    if after and after[0].lower().strip(".,;:") in _TITLE_NOUNS:
        return True
    before = _OF_TITLE.search(text, max(0, span.start - 40), span.start)
    return bool(before) and before.group(1).lower() in _TITLE_NOUNS


def _missed_full_names(items: list[_Mention]) -> list[_Mention]:
    """Full names the model tagged only in part: "Police spokeswoman Anna Kowal" with just "Kowal" tagged
    (or nothing), when "Kowal" is tagged as a person elsewhere in the story."""
    surnames = {item.name for item in items if item.label == "PERSON" and len(item.key.split()) == 1
                and item.name[:1].isupper()}
    if not surnames:
        return []
    covered: dict[str, list[Span]] = defaultdict(list)
    articles: dict[str, Article] = {}
    for item in items:
        covered[item.article.id].append(item.span)
        articles[item.article.id] = item.article
    pattern = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(" + "|".join(re.escape(s) for s in sorted(surnames)) + r")\b")
    extra: list[_Mention] = []
    for article_id, article in articles.items():
        for match in pattern.finditer(article.text):
            first = match.group(1)
            if first.lower() in STOPWORDS or first.lower() in _LEADING_NOT_NAMES or first.lower().endswith("ly") \
                    or first.lower() in ROLE_HEADS or first.lower() in _ROLE_MODIFIERS or first.lower() in _ROLE_STOP \
                    or first.lower() in ("police", "fire", "state", "city", "county", "mayor", "minister"):
                continue
            span = Span(match.start(), match.end())
            spans = covered[article_id]
            if any(s.start <= span.start and span.end <= s.end for s in spans):
                continue  # already tagged in full
            name = f"{first} {match.group(2)}"
            # replace a surname-only mention inside this span
            extra.append(_Mention(article, span, "PERSON", name, fold(name)))
    if extra:
        inside = {(m.article.id, m.span.start, m.span.end) for m in items
                  if any(e.article.id == m.article.id and e.span.start <= m.span.start and m.span.end <= e.span.end
                         for e in extra)}
        items[:] = [m for m in items if (m.article.id, m.span.start, m.span.end) not in inside]
    return extra


_CAPITALISED_BEFORE = re.compile(r"\b([A-Z][\w'’.-]*)\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z0-9]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\n]\s*)$")


def _family_name_mentions(items: list[_Mention]) -> list[_Mention]:
    """The later mentions of a person by family name alone ("Lind said crews ...") that the model left
    untagged, in an article that names the person in full before them.

    A family name two people of the article share ("George Bush", "Laura Bush") is left alone, as is an
    occurrence inside a longer capitalised name ("Lind Street", "Anna Lind") other than after an honorific
    ("Ms Lind"), and, for a family name the story also uses as a common word ("young"), an occurrence that
    opens a sentence ("Young people ...").
    """
    by_article: dict[str, list[_Mention]] = defaultdict(list)
    for item in items:
        by_article[item.article.id].append(item)
    lower_words = {w for m in by_article.values() for w in re.findall(r"\b[a-z][a-z'’-]+\b", m[0].article.text)}
    extra: list[_Mention] = []
    for mentions in by_article.values():
        article, text = mentions[0].article, mentions[0].article.text
        people: dict[str, set[str]] = defaultdict(set)  # family name -> the full names it ends
        first_full: dict[str, int] = {}
        for m in mentions:
            words = m.name.split()
            family = family_name(words)
            if m.label == "PERSON" and len(words) >= 2 and family[:1].isupper() and len(family) >= 3 \
                    and family.lower() not in STOPWORDS:
                people[family].add(m.key)
                first_full[family] = min(first_full.get(family, m.span.start), m.span.start)
        covered = [(m.span.start, m.span.end) for m in mentions]
        for family, keys in people.items():
            if len(keys) > 1:
                continue
            common = family.lower() in lower_words
            for match in re.finditer(rf"\b{re.escape(family)}\b", text):
                start, end = match.span()
                if start < first_full[family] or any(s <= start < e for s, e in covered):
                    continue
                before, after = text[max(0, start - 40):start], text[end:end + 2]
                word_before = _CAPITALISED_BEFORE.search(before)  # "Anna Lind"; not "Ms Lind", "in Rome. Lind"
                if word_before and not word_before.group(1).endswith(".") \
                        and not _HONORIFICS.match(word_before.group(1) + " "):
                    continue
                if _CAPITALISED_AFTER.match(after) or (common and _SENTENCE_START.search(before)):
                    continue
                extra.append(_Mention(article, Span(start, end), "PERSON", family, fold(family)))
    return extra


def _similar(a: str, b: str, floor: float) -> bool:
    return a == b or Indel.normalized_similarity(a, b) >= floor


def _shared_family_names(counts: Counter) -> frozenset[str]:
    """The family names alone that could be either of two people: both have it and each is also called by
    given name alone, as writers do to tell them apart ("Shimron" and "Shawn" Smith)."""
    full = [k.split() for k in counts if len(k.split()) >= 2]
    shared = set()
    for key in (k for k in counts if len(k.split()) == 1):
        called = {" ".join(words) for words in full if family_name(words) == key and words[0] in counts}
        if len({name.split()[0] for name in called}) > 1:
            shared.add(key)
    return frozenset(shared)


def _initials(name: str) -> str:
    """The first letters of a folded full name's words, a suffix left out: "john f kennedy" -> "jfk"."""
    words = [w for w in name.split() if w not in _SUFFIXES]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _person_groups(counts: Counter, organisations: Counter | None = None, capitals: set[str] = frozenset()
                   ) -> list[list[str]]:
    """The story's person names grouped by who they name.  A family name alone joins the person whose full
    name ends with it, unless a two-word name the tagger took for an organisation ends with it too and is
    written more often than that person's names: then it may as well be that one ("Pasztor said", with the
    mother "Amber Pasztor" read as an organisation and her son "Rene Pasztor" as the one person), and it
    stays a name of its own rather than be given to the wrong one.  A name of three letters or more written
    in capitals (``capitals``) that spells the initials of one person's full name is that person: "JFK" is
    John F. Kennedy."""
    rivals: Counter = Counter()  # family name -> the most written two-word "organisation" ending with it
    for name, n in (organisations or Counter()).items():
        words = name.split()
        if len(words) == 2 and words[0].isalpha():
            rivals[words[1]] = max(rivals[words[1]], n)
    full = sorted((k for k in counts if len(k.split()) >= 2), key=lambda k: (-counts[k], k))
    groups: list[list[str]] = []
    for key in full:
        first, last = key.split()[0], key.split()[-1]  # "Donald Trump Jr." is not "Donald Trump"
        for group in groups:
            g_first, g_last = group[0].split()[0], group[0].split()[-1]
            # a name of two words or more that ends another ("Vogt-Roberts" of "Jordan Vogt-Roberts", folded
            # to two words; "Garcia Marquez" of "Gabriel Garcia Marquez") is that person's family name
            # (a senior's suffix left out: "W. Mark Felt Sr." is "Mark Felt"; a junior is another person)
            bare, members = _SENIOR.sub("", key), [_SENIOR.sub("", m) for m in group]
            tail = any(len(m.split()) >= 2 and (b.endswith(" " + bare) or bare.endswith(" " + b))
                       for m, b in zip(group, members))
            if tail or _similar(last, g_last, 0.85) and (_similar(first, g_first, 0.8) or first[0] == g_first[0] and
                                                         (len(first) == 1 or len(g_first) == 1)):
                group.append(key)
                break
        else:
            groups.append([key])
    singles = sorted((k for k in counts if len(k.split()) == 1), key=lambda k: (-counts[k], k))
    for key in singles:
        matches = [g for g in groups if any(_similar(key, family_name(member.split()), 0.85) for member in g if len(member.split()) >= 2)]
        if not matches:  # a family name written first: "Chen Wei" ... "Chen"
            matches = [g for g in groups if any(key == member.split()[0] for member in g if len(member.split()) >= 2)]
        if matches and rivals[key] > max(sum(counts[m] for m in g) for g in matches):
            groups.append([key])  # maybe another family member, misread: "Pasztor" stays a name of its own
            continue
        if matches:
            best = max(matches, key=lambda g: sum(counts[m] for m in g))
            best.append(key)
        else:
            spelled = [g for g in groups if key in capitals and len(key) >= 3 and any(_initials(m) == key for m in g)]
            existing = spelled if len(spelled) == 1 else \
                [g for g in groups if len(g[0].split()) == 1 and _similar(key, g[0], 0.88)]
            if existing:
                existing[0].append(key)
            else:
                groups.append([key])
    return groups


def _other_groups(counts: Counter, *, organisations: bool = False) -> list[list[str]]:
    """Names of one place or organisation: the same key, an acronym of the longest ("NTSB"), a spelling
    variant, and for organisations the name without its kind ("Stanford" of "Stanford University", "Acme"
    of "Acme Corp.")."""
    keys = sorted(counts, key=lambda k: (-len(k), k))
    groups: list[list[str]] = []
    for key in keys:
        acronym = key.replace(" ", "")
        for group in groups:
            head = group[0]
            initials = "".join(w[0] for w in head.split() if w not in ("of", "the", "and", "for"))
            if key == head or (len(key.split()) == 1 and len(acronym) >= 2 and acronym == initials) \
                    or (len(key) >= 8 and Indel.normalized_similarity(key, head) >= 0.92) \
                    or organisations and _without_kind(head) == key:
                group.append(key)
                break
        else:
            groups.append([key])
    return groups


_ORGANISATION_KINDS = _COMPANY_ENDINGS | frozenset("university college corporation co company group holdings".split())


def _without_kind(key: str) -> str | None:
    """An organisation's folded name without the words at its end that say what kind it is ("stanford
    university" -> "stanford"), or None when it has none or is nothing else."""
    words = key.split()
    end = len(words)
    while end > 1 and words[end - 1] in _ORGANISATION_KINDS:
        end -= 1
    return " ".join(words[:end]) if end < len(words) else None


def _canonical(group: list[_Mention], kind: str) -> str:
    counts = Counter(m.name for m in group)
    if kind == "person":
        full = [n for n in counts if len(n.split()) >= 2]
        if full:
            return max(full, key=lambda n: (counts[n], len(n)))
    return max(counts, key=lambda n: (counts[n], len(n)))


def _unique_roles(roles: Counter) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for role, _count in roles.most_common():
        key = fold(role)
        if key in seen or any(key != fold(o) and key in fold(o) for o in roles):
            continue  # "President" is left out when "Russian President" is there
        seen.add(key)
        out.append(role)
    return out
