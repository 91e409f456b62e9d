"""Drawings of a story: who reported what (a fact × outlet matrix) and when (a timeline), as SVG or PNG.

The SVG is plain markup, inlined in the HTML page (no script, no external reference) and written as a file
on request; every piece of source text in it is escaped.  PNG is rendered from the same SVG with CairoSVG
(``pip install 'newsfuse[png]'``, which needs the system's cairo library).
"""
from __future__ import annotations

from datetime import date
from html import escape

from .view import StoryView

__all__ = ["coverage_svg", "timeline_svg", "to_png"]

_FONT = "font-family:system-ui,sans-serif"
_ROW, _COL, _LABEL, _HEADER, _LEFT = 20, 26, 480, 120, 6  # _LABEL: room for a fact's words
_LABEL_CHARS = 78  # of a fact's words, at about 6 pixels a character


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def coverage_svg(view: StoryView, *, max_facts: int = 20) -> str:
    """Rows: the most corroborated facts, then one row counting each outlet's exclusives; columns: outlets.

    A filled dot: the outlet reports the fact in an article of its own; a ring: only in a copy of another
    article (it carries the fact but is not an independent report).  The outlets' columns come first and each
    fact's words after them, so that a narrow screen (a phone) shows every outlet's dots at once and the
    facts' words run on to the right.
    """
    story = view.story
    facts = story.facts[:max_facts]
    outlets = view.outlets
    by_id = {a.id: a for a in view.articles}
    label = _LEFT + _COL * max(1, len(outlets)) + 8  # where each row's words begin
    width = max(label + _LABEL, _LEFT + _COL * len(outlets) + 130)  # room for the last slanted outlet name
    height = _HEADER + _ROW * (len(facts) + 1) + 24

    def column(c: int) -> float:
        return _LEFT + _COL * c + _COL / 2

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="Which outlet reported which fact">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>']
    for c, outlet in enumerate(outlets):
        x = column(c)
        out.append(f'<text x="{x:.0f}" y="{_HEADER - 6}" transform="rotate(-50 {x:.0f} {_HEADER - 6})" '
                   f'style="{_FONT};font-size:11px" fill="#333">{escape(_clip(outlet, 22))}</text>')
    for r, fact in enumerate(facts):
        y = _HEADER + _ROW * r
        if r % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{width}" height="{_ROW}" fill="#f4f6f9"/>')
        out.append(f'<text x="{label}" y="{y + 14}" style="{_FONT};font-size:11px" fill="#1b1b1b">'
                   f'<title>{escape(fact.text)}</title>{fact.independent_sources}× {escape(_clip(fact.text, _LABEL_CHARS))}</text>')
        carried: dict[str, bool] = {}
        for article_id in fact.sources:
            article = by_id.get(article_id)
            if article is not None:
                outlet = article.display_outlet
                carried[outlet] = carried.get(outlet, False) or not article.duplicate_of
        for c, outlet in enumerate(outlets):
            if outlet in carried:
                fill = "#1a56b0" if carried[outlet] else "#fff"
                out.append(f'<circle cx="{column(c):.0f}" cy="{y + _ROW / 2:.0f}" r="6" fill="{fill}" stroke="#1a56b0" '
                           f'stroke-width="2"><title>{escape(outlet)}</title></circle>')
    y = _HEADER + _ROW * len(facts)
    out.append(f'<text x="{label}" y="{y + 14}" style="{_FONT};font-size:11px;font-style:italic" fill="#5f6368">'
               f'reported by this outlet only</text>')
    counts = {outlet: total for outlet, _items, total in view.exclusives_by_outlet}
    for c, outlet in enumerate(outlets):
        out.append(f'<text x="{column(c):.0f}" y="{y + 14}" text-anchor="middle" style="{_FONT};font-size:11px" '
                   f'fill="#5f6368">{counts.get(outlet, 0)}</text>')
    out.append(f'<text x="4" y="{height - 6}" style="{_FONT};font-size:10px" fill="#5f6368">'
               f'● reported · ○ carried only in a copy of another article · N× independent sources</text>')
    out.append("</svg>")
    return "\n".join(out)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def timeline_svg(view: StoryView, *, max_events: int = 14) -> str:
    """Dated events on a time axis (one row each, in date order), with the articles' publication days."""
    events = [(d, e) for e in view.timeline if (d := _day(e.get("date"))) is not None][-max_events:]
    published = [d for a in view.articles if (d := _day(a.published)) is not None]
    days = [d for d, _e in events] + published
    width, left, right, top = 720, 90, 20, 16
    height = top + 22 * max(1, len(events)) + 50
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="Timeline of dated events">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>']
    if not days:
        out.append(f'<text x="10" y="24" style="{_FONT};font-size:12px" fill="#5f6368">No dated events.</text></svg>')
        return "\n".join(out)
    first, last = min(days), max(days)
    span = max(1, (last - first).days)

    def x_of(day: date) -> float:
        return left + (width - left - right) * (day - first).days / span

    axis = height - 34
    out.append(f'<line x1="{left}" y1="{axis}" x2="{width - right}" y2="{axis}" stroke="#999"/>')
    for label_day, anchor in ((first, "start"), (last, "end")):
        out.append(f'<text x="{x_of(label_day):.0f}" y="{axis + 16}" text-anchor="{anchor}" '
                   f'style="{_FONT};font-size:11px" fill="#333">{label_day.isoformat()}</text>')
    for day in published:
        out.append(f'<rect x="{x_of(day) - 1:.0f}" y="{axis - 6}" width="3" height="12" fill="#e0b400">'
                   f'<title>article published {day.isoformat()}</title></rect>')
    for n, (day, event) in enumerate(events):
        y = top + 22 * n
        x = x_of(day)
        out.append(f'<line x1="{x:.0f}" y1="{y + 4}" x2="{x:.0f}" y2="{axis}" stroke="#dadce0"/>')
        out.append(f'<circle cx="{x:.0f}" cy="{y + 4}" r="5" fill="#1a56b0"><title>{escape(event.get("text", ""))}'
                   f'</title></circle>')
        label = f'{event.get("date", "")} · {_clip(event.get("text", ""), 70)}'
        anchor, dx = ("end", -9) if x > width / 2 else ("start", 9)
        out.append(f'<text x="{x + dx:.0f}" y="{y + 8}" text-anchor="{anchor}" style="{_FONT};font-size:11px" '
                   f'fill="#1b1b1b">{escape(label)}</text>')
    out.append(f'<text x="{left}" y="{height - 4}" style="{_FONT};font-size:10px" fill="#5f6368">'
               f'● dated event · ▮ an article published</text>')
    out.append("</svg>")
    return "\n".join(out)


def to_png(svg: str, *, scale: float = 2.0) -> bytes:
    """The SVG drawn as PNG (CairoSVG; install ``newsfuse[png]``)."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: the cairo library itself is missing
        raise RuntimeError("PNG output needs CairoSVG and the cairo library: pip install 'newsfuse[png]' "
                           f"({exc})") from exc
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
