"""Every citation link of the HTML page has its target, including those of quotes in sentences too short
to hold a claim (which no fact or exclusive cites)."""
from __future__ import annotations

import json
import re

from newsfuse import Config, render, run

A = """Harbour wall collapses

Twelve people were injured when the harbour wall collapsed on Tuesday night, the fire service said.

"All are safe," Quill said.

Engineers will inspect the rest of the wall over the next three days before the harbour reopens.
"""
B = """Sea wall falls

Twelve people were injured when the harbour wall in the town collapsed on Tuesday night, officials said.

"All are safe," Quill said.

The wall was built in 1911 and last repaired in 2009, the council said on Wednesday.
"""


def test_every_citation_link_has_a_target(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    # the quote's sentence (five words) is too short to hold a claim when claims need six
    corpus = run([str(tmp_path)], Config.from_dict({"synthesize": {"min_sentence_words": 6}}))
    (story,) = corpus.stories
    assert any(q["text"] == "All are safe" for q in story.quotes)
    assert not any("All are safe" in c.text for c in story.alignment.claims)
    html = render(corpus, "html")
    assert "All are safe" in html
    links = set(re.findall(r'href="#(s\d+-a\d+-\d+)"', html))
    targets = set(re.findall(r'id="(s\d+-a\d+-\d+)"', html))
    assert links and links <= targets


def test_who_said_what_leaves_out_a_word_or_two_in_quotation_marks(tmp_path):
    """A quotation of one or two words is what an outlet called something ("reckless"), not what was said:
    the section lists statements, and the JSON keeps every quotation."""
    (tmp_path / "a.txt").write_text(A + '\nThe mayor called the old design "reckless."\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    (story,) = corpus.stories
    assert {"All are safe", "reckless."} <= {q["text"] for q in story.quotes}
    for fmt in ("md", "html"):
        said = render(corpus, fmt).split("Who said what", 1)[1].split("Timeline", 1)[0]
        assert "All are safe" in said and "reckless" not in said
    assert "reckless" in render(corpus, "json")


def test_a_claim_cut_from_its_sentence_is_shown_as_an_excerpt(tmp_path):
    """An exclusive split off a sentence at ", and" opens in lower case, and the claim before the split stops
    short of its sentence's end; the brief marks each as part of a sentence, in Markdown and in HTML."""
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B.replace(
        "The wall was built",
        "The harbour master said he had walked the whole length of the wall on Monday evening without "
        "seeing a single crack, and divers will search the seabed below the quay for damaged stones "
        "tomorrow.\n\nThe wall was built"), encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    texts = [e.text for s in corpus.stories for e in s.exclusives]
    assert any(t.startswith("divers will search") for t in texts), texts
    for fmt in ("md", "html"):
        shown = render(corpus, fmt)
        assert "… divers will search the seabed" in shown and "tomorrow. …" not in shown
        assert "the whole length of the wall on Monday evening without seeing a single crack …" in shown
        assert "Twelve people were injured" in shown and "… Twelve" not in shown  # a whole sentence: as it is


def test_untitled_captures_take_a_summary_sentence_as_headline(tmp_path):
    """Where no capture states a title, the headline is the summary's first sentence that does not lean on the
    one before it, not the sentence the first file happens to open with."""
    body = ("Twelve people were injured when the harbour wall collapsed on Tuesday night, the fire service said. "
            "Engineers will inspect the rest of the wall over the next three days before the harbour reopens.")
    # a.json is the earlier report, so its opening sentence comes first in reading order whichever outlet's
    # copy of the injuries sentence the summary takes
    (tmp_path / "a.json").write_text(json.dumps({"published": "2024-03-05T08:00:00Z", "text": "Then, a little later, "
                                                 "the crowd moved back from the quay as the tide came in over the "
                                                 "stones. " + body}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"published": "2024-03-05T09:00:00Z",
                                                 "text": body.replace("the fire service", "officials")}),
                                     encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    (story,) = corpus.stories
    assert not any(a.title for a in corpus.articles)
    assert story.summary[0].text.startswith("Then")  # first in reading order, but leaning on what came before
    assert story.headline.startswith("Twelve people were injured") and story.headline in [s.text for s in story.summary]


def test_the_coverage_line_counts_in_words_a_reader_would_write(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    for fmt in ("md", "html"):
        assert "1 article from 1 outlet" in render(corpus, fmt)
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    for fmt in ("md", "html"):
        shown = render(corpus, fmt)
        assert "2 articles from 2 outlets" in shown and "1 article" not in shown


def test_a_summary_sentence_stating_one_side_of_a_contradiction_says_so(tmp_path):
    """The summary quotes one outlet's count; another outlet gives a different count for the same injuries.
    The sentence is marked disputed (in the JSON, with the contradiction's id; in Markdown; in HTML as a link
    to the contradiction), and a sentence citing nothing disputed is not."""
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B.replace("Twelve people", "Twenty people"), encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    (story,) = corpus.stories
    (conflict,) = [x for x in story.contradictions if x["kind"] == "number"]
    marked = {s.text: s.disputed for s in story.summary}
    counts = [text for text in marked if text.startswith(("Twelve", "Twenty"))]
    assert counts and all(marked[text] == [conflict["id"]] for text in counts)
    assert any(not ids for text, ids in marked.items() if text not in counts)
    assert "*(disputed: see “What is disputed”)*" in render(corpus, "md")
    html = render(corpus, "html")
    (target,) = re.findall(r'<a class="disputed" href="#([^"]+)"', html)[:1]
    assert f'id="{target}"' in html and target.endswith(conflict["id"])


def test_a_summary_sentence_quoting_someone_it_does_not_name_credits_them(tmp_path):
    from newsfuse.model import Citation, SummarySentence
    from newsfuse.stages.synthesize.summary import credit_speakers

    text = ("Harbour wall collapses\n\n\"Nobody listened to us,\" harbour master Ruth Lane said on Wednesday. "
            "\"It should have been rebuilt long ago, and everyone here knew it.\"\n\n"
            "\"We warned the council twice,\" she said.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    (story,) = corpus.stories
    (article,) = corpus.articles

    def sentence(opening: str) -> SummarySentence:
        span = next(s for s in article.sentences if article.span_text(s).startswith(opening))
        return SummarySentence(article.span_text(span), [Citation(article.id, span.start, span.end)])

    chosen = [sentence("\"It should"), sentence("\"We warned"), sentence("\"Nobody listened")]
    credit_speakers(chosen, story.quote_objects)
    assert [s.speaker for s in chosen] == ["Ruth Lane", "Ruth Lane", None]  # the last names her itself
    story.summary = chosen
    assert "knew it.\" *— Ruth Lane* [1]" in render(corpus, "md").replace("\\", "")
    assert '<span class="said-by">— Ruth Lane</span>' in render(corpus, "html")


def test_an_exclusive_another_outlet_reprints_says_where_else_it_runs(tmp_path):
    """A paragraph one outlet reuses from another is still one report: its claim is listed under one outlet
    only, cited in both, and the brief says the passage also runs in the other outlet."""
    reused = ("The harbour master said divers had found three cracked stones below the quay on Wednesday "
              "morning and that the council would pay for a full survey of the old wall before the summer.")
    (tmp_path / "a.txt").write_text(A + "\n" + reused + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(B + "\n" + reused + "\n", encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    (story,) = corpus.stories
    (exclusive,) = [e for e in story.exclusives if "cracked stones" in e.text]
    assert len({c.article_id for c in exclusive.citations}) == 2
    other = next(a.display_outlet for a in corpus.articles if a.id != exclusive.article_id)
    for fmt in ("md", "html"):
        line = next(x for x in render(corpus, fmt).splitlines() if "cracked stones" in x and "also runs in" in x)
        assert other in line.split("also runs in", 1)[1]
    assert render(corpus, "md").count("also runs in") == 1


def test_who_said_what_has_no_heading_for_a_pronoun_no_one_is_found_for(tmp_path):
    """"she said" with no woman named: the quotation stays in the JSON, but "she" is no speaker's heading."""
    (tmp_path / "a.txt").write_text(A.replace("\n\n", '\n\n"The harbour will reopen before the summer," she said.\n\n',
                                              1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    corpus = run([str(tmp_path)], Config.default())
    (story,) = corpus.stories
    (reopen,) = [q for q in story.quotes if q["text"].startswith("The harbour will reopen")]
    assert not reopen.get("speaker") and reopen.get("attribution") == "she"
    for fmt in ("md", "html"):
        said = render(corpus, fmt).split("Who said what", 1)[1].split("Timeline", 1)[0]
        assert "The harbour will reopen" not in said and "All are safe" in said
    assert "The harbour will reopen" in render(corpus, "json")
