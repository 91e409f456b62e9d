"""The --llm rewrite against a real HTTP server on loopback that speaks the OpenAI chat-completions protocol.

The server answers from the statements it is sent: one sentence restates statement 1, one paraphrases a
statement faithfully, and the rest are the kinds of error a model makes (an invented number, an invented
name, a negation, a sentence with no citation, a citation of a statement that does not exist).  Only the
faithful sentences may reach the summary.
"""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsfuse.cli.main import main
from newsfuse.stages.synthesize.rewrite import RewriteSettings, chat_url, check_sentence, rewrite, split_answer

from ..conftest import EXAMPLE


def _answer(prompt: str) -> str:
    statements = dict(re.findall(r"^\[(\d+)\] (.+)$", prompt, flags=re.M))
    first = statements["1"]
    injured = next(n for n, text in statements.items() if "injured" in text and "Twelve" in text)
    built = next(n for n, text in statements.items() if "1911" in text)
    return "\n".join([
        f"{first} [1]",
        f"The sea wall, built in 1911, was last repaired in 2009. [{built}]",
        f"Twelve people were injured when the sea wall collapsed on Tuesday night. [{injured}]",
        f"A total of 47 people were injured when the wall collapsed, the county fire service said. [{injured}]",
        f"Governor Halvorsen ordered an inquiry into the collapse of the sea wall. [{built}]",
        f"No one was injured when the harbour sea wall collapsed on Tuesday night. [{injured}]",
        "The harbour will reopen to shipping next month.",
        "Engineers blamed decades of neglect for the collapse. [99]",
    ])


class _ChatServer(ThreadingHTTPServer):
    def __init__(self, reply):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.reply = reply
        self.requests: list[dict] = []


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "body": body})
        if self.path != "/v1/chat/completions":
            self.send_error(404)
            return
        content = self.server.reply(body["messages"][-1]["content"])
        payload = json.dumps({"id": "chatcmpl-1", "object": "chat.completion", "model": body["model"],
                              "choices": [{"index": 0, "finish_reason": "stop",
                                           "message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def chat_server():
    servers = []

    def start(reply=_answer):
        server = _ChatServer(reply)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.server_address[1]}/v1"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_only_supported_sentences_are_kept(example_corpus, chat_server):
    import copy

    corpus = copy.deepcopy(example_corpus)
    server, url = chat_server()
    rewrite(corpus, RewriteSettings(url, model="tiny-test"))
    story = corpus.stories[0]
    assert server.requests and server.requests[0]["body"]["model"] == "tiny-test"
    assert "[1] " in server.requests[0]["body"]["messages"][-1]["content"]
    texts = [s.text for s in story.summary]
    assert len(texts) == 3 and all(s.generated for s in story.summary)
    assert texts[1] == "The sea wall, built in 1911, was last repaired in 2009."
    # the injury count is one side of the story's 12-against-15 update: the kept sentence says so
    updated = next(x for x in story.contradictions if x["kind"] == "number")
    assert story.summary[2].disputed == [updated["id"]] and not story.summary[1].disputed
    reasons = {item["text"]: " ".join(item["reasons"]) for item in story.rewrite["dropped"]}
    assert "47" in reasons["A total of 47 people were injured when the wall collapsed, the county fire service said."]
    assert "Halvorsen" in reasons["Governor Halvorsen ordered an inquiry into the collapse of the sea wall."]
    assert "negates" in reasons["No one was injured when the harbour sea wall collapsed on Tuesday night."]
    assert "cites no statement" in reasons["The harbour will reopen to shipping next month."]
    assert "cites no statement" in reasons["Engineers blamed decades of neglect for the collapse."]
    assert not any("47" in t or "Halvorsen" in t for t in texts)
    texts_by_id = {a.id: a.text for a in corpus.articles}
    for sentence in story.summary:
        assert sentence.citations
        cited = " ".join(texts_by_id[c.article_id][c.start:c.end] for c in sentence.citations)
        assert "1911" in cited or "Twelve" in cited or sentence is story.summary[0]


def test_cli_rewrite_and_an_unreachable_model(tmp_path, chat_server):
    server, url = chat_server()
    out = tmp_path / "brief.json"
    assert main(["brief", str(EXAMPLE), "--llm", url, "--format", "json", "-o", str(out), "-q"]) == 0
    story = json.loads(out.read_text())["stories"][0]
    assert story["rewrite"]["kept"] == 3 and len(story["rewrite"]["dropped"]) == 5
    assert all(s.get("generated") for s in story["summary"])
    assert [bool(s.get("disputed")) for s in story["summary"]][1:] == [False, True]
    md = tmp_path / "brief.md"
    assert main(["brief", str(EXAMPLE), "--llm", url, "-o", str(md), "-q"]) == 0
    assert "Dropped from the model's rewrite" in md.read_text() and "~~A total of 47 people" in md.read_text()
    assert "Tuesday night. [1][2][4] *(disputed: see “What is disputed”)*" in md.read_text()

    closed = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    dead = f"http://127.0.0.1:{closed.server_address[1]}"
    closed.server_close()  # nothing listens there any more
    assert main(["brief", str(EXAMPLE), "--llm", dead, "--format", "json", "-o", str(out), "-q"]) == 1
    payload = json.loads(out.read_text())
    assert any(r["code"] == "E302" and r["stage"] == "rewrite" for r in payload["rejected"])
    assert payload["stories"][0]["summary"] and "rewrite" not in payload["stories"][0]


def test_a_malformed_answer_keeps_the_extractive_summary(example_corpus, chat_server):
    import copy

    corpus = copy.deepcopy(example_corpus)
    before = [s.text for s in corpus.stories[0].summary]
    _server, url = chat_server(reply=lambda prompt: None)  # "content": null
    rewrite(corpus, RewriteSettings(url))
    assert [s.text for s in corpus.stories[0].summary] == before
    assert corpus.rejected[-1].code == "E302"


@pytest.mark.parametrize("sentence, sources, problem", [
    ("Twelve people were hurt on Tuesday.", ["Twelve people were injured on Tuesday night."], None),
    ("12 people were hurt on Tuesday.", ["Twelve people were injured on Tuesday night."], None),
    ("Fifteen people were hurt on Tuesday.", ["Twelve people were injured on Tuesday night."], "figure"),
    ("Twelve people were hurt on Wednesday.", ["Twelve people were injured on Tuesday night."], "date"),
    ("The wall was built in 1912.", ["The wall was built in 1911."], "year"),
    ("Mayor Quill said twelve were hurt.", ["Harbour master Tomas Quill said twelve were hurt."], "Mayor"),
    ("Police did not close the road.", ["Police closed the road after the collapse."], "negates"),
    ("Stocks fell sharply on the news.", ["Twelve people were injured on Tuesday night."], "words"),
])
def test_check_sentence(sentence, sources, problem):
    reasons = check_sentence(sentence, sources)
    if problem is None:
        assert reasons == []
    else:
        assert any(problem in r for r in reasons), reasons


def test_answer_parsing_and_addresses():
    parts = split_answer("1. Twelve were hurt [1][3]. The wall fell [2].\n- Quill spoke. [4]")
    assert parts == [("Twelve were hurt.", [1, 3]), ("The wall fell.", [2]), ("Quill spoke.", [4])]
    assert chat_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/v1/chat/completions"
    assert chat_url("http://h/v1/") == "http://h/v1/chat/completions"
    assert chat_url("http://h/v1/chat/completions") == "http://h/v1/chat/completions"
