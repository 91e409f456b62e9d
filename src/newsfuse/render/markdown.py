"""The brief as Markdown: for the terminal and for newsletters."""
from __future__ import annotations

import re

from ..model import Citation, Corpus
from .view import StoryView, story_views

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape(text: str) -> str:
    """Source text shown literally: no Markdown or HTML in it takes effect."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def render_markdown(corpus: Corpus, *, exclusives_per_outlet: int = 5) -> str:
    out: list[str] = []
    views = story_views(corpus, exclusives_per_outlet=exclusives_per_outlet)
    for view in views:
        _story(view, out, several=len(views) > 1)
    if not views:
        out.append("# No stories\n\nNo usable article was found in the input.\n")
    if corpus.rejected:
        out.append("## Inputs not used\n")
        for rejection in corpus.rejected:
            out.append(f"- `{rejection.source_path}` ({rejection.stage}): {escape(rejection.reason)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _cite(marks: list[int]) -> str:
    return "".join(f"[{n}]" for n in marks)


def _story(view: StoryView, out: list[str], *, several: bool) -> None:
    story = view.story
    out.append(f"# {escape(story.headline or 'Untitled story')}\n")
    out.append(f"*{view.coverage_line}*\n")
    if story.summary:
        out.append("## Summary\n")
        if any(s.generated for s in story.summary):
            out.append(f"*Rewritten by the model {escape(story.rewrite['model'])}; every sentence was checked "
                       f"against the sources it cites.*\n")
        for sentence in story.summary:
            disputed = " *(disputed: see “What is disputed”)*" if sentence.disputed else ""
            speaker = f" *— {escape(sentence.speaker)}*" if sentence.speaker else ""
            out.append(f"- {escape(sentence.text)}{speaker} {_cite(view.marks(sentence.citations))}{disputed}")
        out.append("")
    if story.rewrite and story.rewrite["dropped"]:
        out.append("### Dropped from the model's rewrite\n")
        for item in story.rewrite["dropped"]:
            out.append(f"- ~~{escape(item['text'])}~~ ({escape('; '.join(item['reasons']))})")
        out.append("")
    if story.contradictions:
        out.append("## What is disputed\n")
        for item in story.contradictions:
            sides = []
            for side in item["sides"]:
                said = view.side_words(side)
                value = f" ({escape(side['value'])})" if side["value"] != said else ""
                marks = view.marks([Citation.from_dict(c) for c in side["citations"]])
                joint = "" if not sides else " — " if side.get("role") == "correction" else " — vs — "
                sides.append(f"{joint}{escape(view.side_lead(side))}: “{escape(said)}”{value} {_cite(marks)}")
            out.append(f"- **{item['status']} · {item['kind']}**: " + "".join(sides))
        out.append("")
    if story.facts:
        out.append("## Reported by several outlets\n")
        for fact in story.facts:
            outlets = ", ".join(view.outlet_names(fact.sources))
            shown = escape(view.excerpt(fact.text, fact.citations))
            out.append(f"- **{fact.independent_sources} independent** ({escape(outlets)}): {shown} "
                       f"{_cite(view.marks(fact.citations))}")
        out.append("")
    if view.speakers:
        out.append("## Who said what\n")
        for speaker, quotes, total in view.speakers:
            more = f" (top {len(quotes)} of {total})" if total > len(quotes) else ""
            out.append(f"### {escape(speaker)}{more}\n")
            for quote in quotes:
                outlets = ", ".join(view.outlet_names(quote.get("sources", [])))
                out.append(f"- “{escape(quote['text'])}” ({escape(outlets)}) {_cite(view.marks(view.citations(quote)))}")
            out.append("")
    if view.timeline:
        out.append("## Timeline\n")
        for event in view.timeline:
            out.append(f"- **{escape(event.get('date') or '')}**: {escape(event.get('text') or '')} "
                       f"{_cite(view.marks(view.citations(event)))}")
        out.append("")
    if view.actors:
        out.append("## People and organisations\n")
        for actor in view.actors:
            roles = f", {escape('; '.join(actor['roles']))}" if actor.get("roles") else ""
            kind = "person" if actor.get("type") == "person" else "organisation"
            out.append(f"- **{escape(actor['name'])}** ({kind}{roles}): named in "
                       f"{len(actor.get('article_ids', []))} of {len(view.articles)} articles")
        out.append("")
    if view.exclusives_by_outlet:
        out.append("## Reported by one outlet only\n")
        for outlet, items, total in view.exclusives_by_outlet:
            more = f" (top {len(items)} of {total}; all in the JSON output)" if total > len(items) else ""
            out.append(f"### {escape(outlet)}{more}\n")
            for exclusive in items:
                shown = escape(view.excerpt(exclusive.text, exclusive.citations))
                also = view.also_carried_by(exclusive)
                copied = f" (the same passage also runs in {escape(', '.join(also))})" if also else ""
                out.append(f"- {shown} {_cite(view.marks(exclusive.citations))}{copied}")
            out.append("")
    out.append("## Sources\n")
    out.append("| # | Outlet | Title | Published | Facts carried | File |")
    out.append("|---|---|---|---|---|---|")
    for article in view.articles:
        copy = f" (copy of [{view.number[article.duplicate_of]}])" if article.duplicate_of in view.number else ""
        out.append(f"| {view.number[article.id]} | {escape(article.display_outlet)} | {escape(article.title or '')}{copy} | "
                   f"{article.published or ''} | {view.facts_carried(article.id)} | `{article.source_path}` |")
    out.append("")
    if several:
        out.append("---\n")
