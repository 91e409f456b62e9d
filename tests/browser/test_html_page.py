"""The HTML brief in a real headless Chromium (Debian's /usr/bin/chromium), served by a real HTTP server on
loopback: it renders, a citation click highlights its source sentence, it fits a phone, and a hostile
capture's script never runs.

Without Chromium the tests are skipped, unless NEWSFUSE_REQUIRE_BROWSER=1 (CI sets it), where a missing
browser is a failure.
"""
from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsfuse import Config, render, run

from ..conftest import SEEDS, need

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("NEWSFUSE_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required here (NEWSFUSE_REQUIRE_BROWSER=1) but none is installed")
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A loopback HTTP server over a folder; returns (folder, base URL)."""
    folder = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _open(browser, url, *, width=1000, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url)
    return page, errors


def test_seeds_brief_renders_and_citations_highlight_their_sentence(browser, served, seeds_corpus):
    folder, base = served
    (folder / "seeds.html").write_text(render(seeds_corpus, "html"), encoding="utf-8")
    page, errors = _open(browser, f"{base}/seeds.html")
    story = seeds_corpus.stories[0]
    assert page.locator("h1").first.inner_text() == story.headline
    for heading in ("Summary", "What is disputed", "Who reported what", "Who said what", "Timeline",
                    "People and organisations", "Reported by one outlet only", "Sources"):
        assert page.get_by_role("heading", name=heading, exact=True).count() >= 1, heading
    assert page.locator("svg.coverage circle").count() >= len(story.facts[:20]) * 2
    by_id = seeds_corpus.by_id()
    links = page.locator("ul.summary a.cite")
    assert links.count() >= len(story.summary)
    for k in range(min(4, links.count())):
        link = links.nth(k)
        target = link.get_attribute("href").lstrip("#")
        link.click()
        assert page.evaluate("location.hash") == f"#{target}"
        mark = page.locator(f"[id='{target}']")
        # the highlighted sentence is the source text the citation names, shown in its article
        background = mark.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(255, 229, 138)"
        assert mark.is_visible() and mark.evaluate(
            "e => { const r = e.getBoundingClientRect(); return r.top >= 20 && r.top < innerHeight; }")  # with context above
        hover = link.get_attribute("title")
        assert mark.inner_text().strip() and mark.inner_text().strip() in hover
        article_id = next(a.id for a in by_id.values() if hover.startswith(a.display_outlet + ":"))
        assert mark.inner_text().strip() in by_id[article_id].text
    assert errors == []


@pytest.mark.parametrize("width", [390, 320])
def test_brief_fits_a_phone(browser, served, seeds_corpus, tmp_path, width):
    """Nothing but the drawings and the sources table (each scrolls in its own box) is wider than a phone,
    not even an unbreakable path: captures kept deep in a crawler's folders have long ones."""
    folder, base = served
    deep = tmp_path / ("crawl_" + "0123456789abcdef" * 4) / "2025-02-12"
    deep.mkdir(parents=True)
    (deep / "harbour_wall_capture_0f3a9c.txt").write_text(CAPTURE, encoding="utf-8")
    for name, corpus in (("seeds", seeds_corpus), ("deep", run([str(deep)], Config.default()))):
        (folder / f"phone-{name}.html").write_text(render(corpus, "html"), encoding="utf-8")
        page, errors = _open(browser, f"{base}/phone-{name}.html", width=width, height=844)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        assert page.evaluate(_TEXT_PAST_EDGE, width) == [], name
        assert errors == []
    # the coverage matrix shows every outlet's dots on the phone's screen before any scrolling: its columns
    # come first, the facts' words run on to the right
    page, _errors = _open(browser, f"{base}/phone-seeds.html", width=width, height=844)
    dots = page.locator("svg.coverage circle")
    assert dots.count() >= len(seeds_corpus.stories[0].facts[:20]) * 2
    assert page.evaluate("w => Array.from(document.querySelectorAll('svg.coverage circle'))"
                         ".filter(c => c.getBoundingClientRect().right > w).length", width) == 0


# Text outside the scrolling boxes whose line boxes reach past the viewport's right edge.
_TEXT_PAST_EDGE = """(width) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('figure, .table-wrap')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (Array.from(range.getClientRects()).some(r => r.right > width + 0.5)) found.push(node.textContent.slice(0, 80));
  }
  return found;
}"""


HOSTILE = """<html><head><title>Harbour <script>window.pwned = 'title'</script> update</title></head>
<body><nav>Home | World | Sport</nav><article>
<h1>Harbour wall <img src=x onerror="window.pwned='img'"> collapses</h1>
<p>Twelve people were injured when the harbour wall collapsed on Tuesday night, the fire service said
&lt;script&gt;window.pwned = 'escaped'&lt;/script&gt; in a statement released on Wednesday morning.</p>
<p>The wall, built in 1911, gave way during a spring tide, harbour master Tomas Quill said on Wednesday.</p>
<script>window.pwned = 'inline'</script>
<p>Engineers will inspect the rest of the wall over the next three days before the harbour reopens.</p>
</article></body></html>"""

CAPTURE = """Harbour wall collapses
Home | World | Sport
Twelve people were injured when the harbour wall collapsed on Tuesday night, the fire service said <script>window.pwned = 'capture'</script> in a statement on Wednesday.

The wall, built in 1911, gave way during a spring tide, harbour master Tomas Quill said <img src=x onerror="window.pwned='capture-img'"> on Wednesday.

Engineers will inspect the rest of the wall over the next three days before the harbour reopens, officials said.
"""


def test_hostile_capture_script_never_runs(browser, served, tmp_path):
    folder, base = served
    inputs = tmp_path / "hostile"
    inputs.mkdir()
    (inputs / "page.html").write_text(HOSTILE, encoding="utf-8")
    (inputs / "capture.txt").write_text(CAPTURE, encoding="utf-8")
    corpus = run([str(inputs)], Config.default())
    assert corpus.articles
    (folder / "hostile.html").write_text(render(corpus, "html"), encoding="utf-8")
    page, _errors = _open(browser, f"{base}/hostile.html")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("script").count() == 0
    assert page.locator("main img").count() == 0
    assert "<script>window.pwned = 'capture'</script>" in page.locator("main").inner_text()


def test_seeds_available():
    need(SEEDS)


def test_a_disputed_summary_sentence_links_to_the_disagreement(browser, served, tmp_path):
    """Two outlets count the injured differently; the summary sentence with one count links to the entry
    under "What is disputed", which the click brings into view."""
    folder, base = served
    inputs = tmp_path / "counts"
    inputs.mkdir()
    body = ("{n} people were injured when the harbour wall collapsed on Tuesday night, the fire service said.\n\n"
            "Engineers will inspect the rest of the wall over the next three days before the harbour reopens.\n")
    (inputs / "a.txt").write_text("Harbour wall collapses\n\n" + body.format(n="Twelve"), encoding="utf-8")
    (inputs / "b.txt").write_text("Sea wall falls\n\n" + body.format(n="Twenty"), encoding="utf-8")
    corpus = run([str(inputs)], Config.default())
    (story,) = corpus.stories
    disputed = [s for s in story.summary if s.disputed]
    assert disputed
    (folder / "counts.html").write_text(render(corpus, "html"), encoding="utf-8")
    page, errors = _open(browser, f"{base}/counts.html", height=400)
    links = page.locator("ul.summary a.disputed")
    assert links.count() == len(disputed)
    links.first.click()
    assert page.evaluate("location.hash") == f"#{links.first.get_attribute('href').lstrip('#')}"
    entry = page.locator(f"[id='{page.evaluate('location.hash').lstrip('#')}']")
    assert entry.evaluate("e => e.closest('ul').className") == "contradictions"
    assert entry.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    assert errors == []
