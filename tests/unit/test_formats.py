import json

from newsfuse import Config
from newsfuse.stages.load import load_text
from newsfuse.stages.load.formats import detect


def test_detection_uses_content_not_extension():
    assert detect("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect('{"text": "hello"}') == "json"
    assert detect('{"text": "a"}\n{"text": "b"}\n') == "json"
    assert detect("---\ntitle: x\n---\nBody text.") == "markdown"
    assert detect('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>') == "feed"
    assert detect("Just a capture.\nWith lines.") == "text"


def test_json_lines_bad_line_is_rejected_rest_go_on():
    body = "The council met on Friday to approve the budget for the coming year, officials said. " * 3
    lines = [json.dumps({"title": "One", "text": body}), "{not json", json.dumps({"headline": "Two", "body": body}),
             json.dumps({"title": "No text here"})]
    corpus = load_text("\n".join(lines), Config.default(), source_path="feed.jsonl")
    assert [d.meta.get("title") for d in corpus.documents] == ["One", "Two"]
    codes = sorted(r.code for r in corpus.rejected)
    assert codes == ["E107", "E108"]
    assert all(r.source_path.startswith("feed.jsonl#") for r in corpus.rejected)


def test_front_matter_metadata_and_line_numbers_kept():
    text = "---\ntitle: \"A title\"\ndate: 2025-02-13 01:16:03\nauthor: Jane Roe\nurl: https://thehill.com/x\n---\n\nBody line."
    corpus = load_text(text, Config.default())
    doc = corpus.documents[0]
    assert doc.format == "markdown"
    assert doc.meta["title"] == "A title"
    assert doc.meta["authors"] == ["Jane Roe"]
    assert doc.raw_text.split("\n")[7] == "Body line."  # same line number as in the file


def test_rss_feed_items_become_documents():
    para = "Officials confirmed that the bridge would reopen on Monday after repairs were completed this week."
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
    <item><title>Bridge reopens</title><link>https://example.org/a</link><pubDate>Mon, 02 Sep 2024 14:00:00 GMT</pubDate>
    <description>&lt;p&gt;{para}&lt;/p&gt;&lt;p&gt;{para}&lt;/p&gt;</description></item>
    <item><title>Empty</title></item></channel></rss>"""
    corpus = load_text(feed, Config.default(), source_path="f.xml")
    assert len(corpus.documents) == 1
    assert corpus.documents[0].meta["title"] == "Bridge reopens"
    assert para in corpus.documents[0].raw_text
    assert [r.code for r in corpus.rejected] == ["E108"]


def test_broken_feed_is_one_clear_rejection():
    corpus = load_text('<?xml version="1.0"?><rss><channel><item><title>x</title>', Config.default(), source_path="bad.xml")
    assert not corpus.documents
    assert corpus.rejected[0].code == "E107"
