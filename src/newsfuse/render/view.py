"""What every renderer shows, computed once: numbered sources, outlets per fact, exclusives per outlet,
quotes by speaker, the dated timeline and the people and organisations worth listing."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..model import Article, Citation, Corpus, Story
from ..nlp.words import WORD

_SHOWN_WORDS = 60  # a contradiction's side shows a sentence up to this long whole


@dataclass
class StoryView:
    story: Story
    articles: list[Article]
    number: dict[str, int]                       # article id -> [n] used in citations
    exclusives_by_outlet: list[tuple[str, list, int]] = field(default_factory=list)  # outlet, shown, total
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    speakers: list[tuple[str, list[dict], int]] = field(default_factory=list)  # speaker, quotes shown, total
    timeline: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)   # people and organisations, most mentioned first

    @cached_property
    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @property
    def coverage_line(self) -> str:
        """"4 articles from 3 outlets · 2025-02-12 to 2025-02-13": what the story rests on, and when."""
        articles, outlets = len(self.articles), len(self.outlets)
        line = f"{articles} article{'s' * (articles != 1)} from {outlets} outlet{'s' * (outlets != 1)}"
        if self.first_published:
            line += f" · {self.first_published[:10]}"
            if self.last_published and self.last_published[:10] != self.first_published[:10]:
                line += f" to {self.last_published[:10]}"
        return line

    def marks(self, citations: list[Citation]) -> list[int]:
        return sorted({self.number[c.article_id] for c in citations})

    def also_carried_by(self, exclusive) -> list[str]:
        """The other outlets an exclusive's passage also runs in: copies of the one report, or a paragraph reused
        from it, so the fact is still one origin's (and listed as such) though more than one outlet prints it."""
        own = self.by_id[exclusive.article_id].display_outlet
        outlets = dict.fromkeys(self.by_id[c.article_id].display_outlet for c in exclusive.citations
                                if c.article_id in self.by_id)
        return [outlet for outlet in outlets if outlet != own]

    def one_per_source(self, citations: list[Citation]) -> list[Citation]:
        """The first citation of each source, in source-number order (one [n] mark per source)."""
        first: dict[str, Citation] = {}
        for citation in citations:
            if isinstance(citation, dict):  # contradictions keep their citations as JSON-ready dicts
                citation = Citation.from_dict(citation)
            first.setdefault(citation.article_id, citation)
        return sorted(first.values(), key=lambda c: self.number[c.article_id])

    def outlet_names(self, article_ids: list[str]) -> list[str]:
        return list(dict.fromkeys(self.by_id[i].display_outlet for i in article_ids))

    def side_lead(self, side: dict) -> str:
        """Who a contradiction's side is: its outlets, or, for an outlet disputing a figure it reports itself,
        "Outlet reports" then "and disputes it" (the sides' ``role``)."""
        outlets = ", ".join(self.outlet_names(side["sources"]))
        role = side.get("role")
        return {"claimed": f"{outlets} reports", "correction": "and disputes it"}.get(role, outlets)

    def side_words(self, side: dict) -> str:
        """The source words a contradiction's side shows: its first claim's whole sentence, so that the reader
        sees the figure in what the outlet wrote and not in a clause cut out of it (a claim split at "; "
        starts mid-sentence).  A sentence over ``_SHOWN_WORDS`` words shows the claim alone, with "…" where it
        was cut from its sentence."""
        if not side.get("claims"):
            return side["text"]
        claim = side["claims"][0]
        article = self.by_id.get(claim["article_id"])
        if article is None:
            return claim["text"]
        sentence = next((s for s in article.sentences if s.start <= claim["start"] and claim["end"] <= s.end), None)
        if sentence is None:
            return claim["text"]
        whole = article.span_text(sentence).strip()
        if len(whole.split()) <= _SHOWN_WORDS:
            return " ".join(whole.split())
        before = article.text[sentence.start:claim["start"]].strip()
        after = article.text[claim["end"]:sentence.end].strip()
        return ("… " if before else "") + " ".join(claim["text"].split()) + (" …" if after else "")

    def excerpt(self, text: str, citations: list[Citation]) -> str:
        """A fact's or an exclusive's claim as shown: one cut from the middle of its sentence ("had even done
        some reading ...", after "She was nervous, and") opens with "… ", and one its sentence goes on after
        ("“The language is a system", before ", and is not …”") ends with " …", so that it reads as the part of
        a sentence it is."""
        for citation in citations:
            article = self.by_id.get(citation.article_id)
            if article is None or article.text[citation.start:citation.end] != text:
                continue  # another claim of the fact
            sentence = next((s for s in article.sentences if s.start <= citation.start < s.end), None)
            if sentence is None:
                break
            opens = article.text[sentence.start:citation.start].strip()
            goes_on = WORD.search(article.text, citation.end, sentence.end)
            return f"{'… ' if opens else ''}{text}{' …' if goes_on else ''}"
        return text

    def facts_carried(self, article_id: str) -> int:
        return sum(article_id in fact.sources for fact in self.story.facts)

    def citations(self, entry: dict) -> list[Citation]:
        """The citations of an output entry (a quote, a timeline event, an entity) as objects."""
        return [Citation.from_dict(c) for c in entry.get("citations", ())]


_SAID_WORDS = 3  # a quotation shorter than this is a term an outlet borrowed ("prankster"), not something said
_PRONOUNS = frozenset("he she they it we i you him her them".split())


def _speakers(story: Story, per_speaker: int) -> list[tuple[str, list[dict], int]]:
    """Direct and partial quotes grouped by who said them, the most quoted speaker first.  A quotation of one
    or two words ("prankster", "stepped down", "Several suspects") is left out here (the JSON keeps it): it
    tells a reader what someone called a thing, not what they said.  Nor is a quotation whose speaker is only
    a pronoun no one in the story could be found for ("he said"): a heading "he" tells the reader nothing."""
    grouped: dict[str, list[dict]] = {}
    for quote in story.quotes:
        if quote.get("kind") == "paraphrase" or not (quote.get("speaker") or quote.get("attribution")):
            continue
        if not quote.get("speaker") and quote["attribution"].strip().lower() in _PRONOUNS:
            continue
        if len(WORD.findall(quote.get("text") or "")) < _SAID_WORDS:
            continue
        grouped.setdefault(quote.get("speaker") or quote["attribution"], []).append(quote)
    ranked = sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(speaker, sorted(quotes, key=lambda q: -len(q.get("sources", ())))[:per_speaker], len(quotes))
            for speaker, quotes in ranked]


def _timeline(story: Story) -> list[dict]:
    """Dated events in date order, one per event sentence (the same sentence is listed once)."""
    seen: set[tuple[str, str]] = set()
    events = []
    for event in sorted(story.timeline, key=lambda e: (e.get("date") or "")):
        key = (event.get("date") or "", event.get("text") or "")
        if key not in seen:
            seen.add(key)
            events.append(event)
    return events


def _actors(story: Story, limit: int) -> list[dict]:
    """People and organisations named in two articles or twice, most mentioned first."""
    chosen = [e for e in story.entities if e.get("type") in ("person", "organization")
              and (len(e.get("article_ids", ())) >= 2 or e.get("mentions", 0) >= 2)]
    return sorted(chosen, key=lambda e: (-len(e.get("article_ids", ())), -e.get("mentions", 0)))[:limit]


def story_views(corpus: Corpus, *, exclusives_per_outlet: int = 5, quotes_per_speaker: int = 3,
                actors: int = 15) -> list[StoryView]:
    by_id = corpus.by_id()
    views = []
    for story in corpus.stories:
        articles = [by_id[i] for i in story.article_ids]
        number = {a.id: n for n, a in enumerate(articles, 1)}
        view = StoryView(story, articles, number)
        grouped: dict[str, list] = {}
        for exclusive in story.exclusives:
            outlet = by_id[exclusive.article_id].display_outlet
            grouped.setdefault(outlet, []).append(exclusive)
        view.exclusives_by_outlet = [(outlet, items[:exclusives_per_outlet], len(items))
                                     for outlet, items in grouped.items()]
        view.outlets = list(dict.fromkeys(a.display_outlet for a in articles))
        dates = sorted(a.published for a in articles if a.published)
        view.first_published = dates[0] if dates else None
        view.last_published = dates[-1] if dates else None
        view.speakers = _speakers(story, quotes_per_speaker)
        view.timeline = _timeline(story)
        view.actors = _actors(story, actors)
        views.append(view)
    return views
