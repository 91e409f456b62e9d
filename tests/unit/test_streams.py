"""WARC and JSON-lines containers read record by record, and hostile inputs: each one a result or a clear
rejection, never a crash or a hang."""
from __future__ import annotations

import gzip
import io
import json
import random

import pytest

from newsfuse import Config
from newsfuse.stages.clean import clean
from newsfuse.stages.load import load, load_text

from ..test_cli import newsfuse

PARAGRAPHS = [
    "The harbour bridge was closed on Tuesday after inspectors found cracks in two of its supports, officials said.",
    "Ferries will carry commuters across the bay while engineers decide whether the supports can be repaired.",
    "The port authority said the closure could last several weeks and asked drivers to use the northern road.",
]


def _page(n: int) -> bytes:
    body = "".join(f"<p>{p.replace('bridge', f'bridge number {n}')}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>Bridge {n} closed</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Bridge {n} closed</h1>{body}</article></body></html>").encode()


def _warc(path, *, gz: bool, status: str = "200 OK", extra=()) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        records = [(f"https://example.org/bridge-{n}", _page(n), "text/html; charset=utf-8", status) for n in range(3)]
        for uri, payload, ctype, code in [*records, *extra]:
            headers = StatusAndHeaders(code, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers))


@pytest.mark.parametrize("gz", [False, True])
def test_warc_responses_become_documents_with_their_urls(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, gz=gz, extra=[("https://example.org/logo.png", b"\x89PNG\r\n", "image/png", "200 OK"),
                              ("https://example.org/gone", b"<html>gone</html>", "text/html", "404 Not Found")])
    corpus = load([str(path)], Config.default())
    assert not corpus.rejected
    assert [d.meta["url"] for d in corpus.documents] == [f"https://example.org/bridge-{n}" for n in range(3)]
    assert all(d.format == "html" and "cracks in two of its supports" in d.raw_text for d in corpus.documents)


def test_warc_is_recognised_by_content_without_its_extension(tmp_path):
    path = tmp_path / "crawl.bin"
    _warc(path, gz=True)
    assert len(load([str(path)], Config.default()).documents) == 3


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path, gz):
    whole = tmp_path / "whole.warc"
    _warc(whole, gz=gz)
    data = whole.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: int(len(data) * 0.8)])
    corpus = load([str(cut)], Config.default())
    assert len(corpus.documents) == 2
    assert len(corpus.rejected) == 1 and corpus.rejected[0].code == "E107"
    assert "truncated" in corpus.rejected[0].reason and corpus.rejected[0].source_path.startswith(str(cut))
    result = newsfuse("stories", str(cut))
    assert result.returncode == 1 and b"E107" in result.stderr


def test_json_lines_stream_past_the_file_size_limit_and_reject_only_the_oversized_line(tmp_path):
    path = tmp_path / "export.jsonl.gz"
    lines = [json.dumps({"url": f"https://example.org/{n}", "title": f"Story {n}", "text": " ".join(PARAGRAPHS)})
             for n in range(40)]
    lines.insert(5, json.dumps({"text": "x " * 5000}))
    lines.insert(9, "{not json")
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    config = Config.from_dict({"load": {"max_bytes": 2_000}})  # far below the file, above each good line
    corpus = load([str(path)], config)
    assert len(corpus.documents) == 40
    assert sorted((r.code, r.source_path) for r in corpus.rejected) == [("E105", f"{path}#6"), ("E107", f"{path}#10")]
    assert corpus.documents[0].meta["url"] == "https://example.org/0" and corpus.documents[0].record == 1


def test_a_hundred_thousand_one_character_lines_end_in_a_clear_rejection():
    random.seed(3)
    text = "\n".join(random.choice("abcdefgh.") for _ in range(100_000))
    config = Config.default()
    corpus = clean(load_text(text, config), config)  # linear: about 3 s on the 2-core machine
    assert not corpus.articles and [r.code for r in corpus.rejected] == ["E201"]


def test_a_20_mb_single_line_is_rejected_at_load(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_bytes(b"word " * 4_000_000)
    corpus = load([str(path)], Config.default())
    assert not corpus.documents and [r.code for r in corpus.rejected] == ["E105"]


def test_deeply_nested_html_is_rejected_and_the_rest_go_on(tmp_path):
    (tmp_path / "nested.html").write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>")
    (tmp_path / "good.html").write_bytes(_page(1))
    corpus = load([str(tmp_path)], Config.default())
    assert [d.source_path.endswith("good.html") for d in corpus.documents] == [True]
    assert [(r.code, r.source_path.endswith("nested.html")) for r in corpus.rejected] == [("E107", True)]
