"""What every renderer shows, computed once: numbered sources, outlets per fact, exclusives per outlet."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Citation, Corpus, Story


@dataclass
class StoryView:
    story: Story
    articles: list[Article]
    number: dict[str, int]                       # article id -> [n] used in citations
    exclusives_by_outlet: list[tuple[str, list, int]] = field(default_factory=list)  # outlet, shown, total
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None

    def marks(self, citations: list[Citation]) -> list[int]:
        return sorted({self.number[c.article_id] for c in citations})

    def outlet_names(self, article_ids: list[str]) -> list[str]:
        by_id = {a.id: a for a in self.articles}
        return list(dict.fromkeys(by_id[i].display_outlet for i in article_ids))

    def facts_carried(self, article_id: str) -> int:
        return sum(article_id in fact.sources for fact in self.story.facts)


def story_views(corpus: Corpus, *, exclusives_per_outlet: int = 5) -> list[StoryView]:
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
        views.append(view)
    return views
