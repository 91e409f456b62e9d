"""The command line as a user runs it: real processes, real files, exit codes, no tracebacks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from newsfuse.render.json import schema

from .conftest import EXAMPLE, SEEDS, need

GOOD = (EXAMPLE / "01-coastal-courier.txt").read_text(encoding="utf-8")


def newsfuse(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "newsfuse", *args], input=stdin, capture_output=True, env=env,
                          timeout=300)


def test_seeds_json_is_one_story_and_valid(tmp_path):
    out = tmp_path / "brief.json"
    result = newsfuse("brief", str(need(SEEDS)), "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    payload = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(payload, schema())
    assert len(payload["stories"]) == 1 and len(payload["stories"][0]["article_ids"]) == 5
    assert payload["rejected"] == []


@pytest.mark.parametrize("fmt, marker", [("md", "## Summary"), ("html", "<!DOCTYPE html>")])
def test_formats(fmt, marker):
    result = newsfuse("brief", str(EXAMPLE), "--format", fmt, "-q")
    assert result.returncode == 0
    assert marker in result.stdout.decode("utf-8")


def test_stdin():
    result = newsfuse("brief", "-", "--format", "json", stdin=GOOD.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["articles"][0]["source_path"] == "-"


def test_bad_inputs_are_rejected_and_the_rest_go_on(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "broken.txt").write_bytes(GOOD.encode("utf-8")[:400] + b"\xff\xfe\xc3(" + GOOD.encode("utf-8")[400:])
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = newsfuse("brief", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "json")
    assert result.returncode == 1
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    payload = json.loads(result.stdout)
    assert len(payload["articles"]) == 1
    codes = {Path(r["source_path"]).name: r["code"] for r in payload["rejected"]}
    assert codes == {"empty.txt": "E102", "binary.txt": "E103", "broken.txt": "E104", "huge.txt": "E105",
                     "missing.txt": "E101"}
    for name in codes:
        assert name in stderr


def test_nothing_usable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    result = newsfuse("brief", str(tmp_path))
    assert result.returncode == 2
    assert "E902" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    assert newsfuse("brief", str(empty_dir)).returncode == 2


def test_usage_errors_exit_2():
    assert newsfuse().returncode == 2
    assert newsfuse("brief").returncode == 2
    bad = newsfuse("brief", str(EXAMPLE), "--set", "group.threshold=7")
    assert bad.returncode == 2 and "must be in [0, 1]" in bad.stderr.decode()
    assert newsfuse("brief", str(EXAMPLE), "--format", "pdf").returncode == 2


def test_clean_command_shows_removed_lines():
    result = newsfuse("clean", str(EXAMPLE / "01-coastal-courier.txt"))
    assert result.returncode == 0
    assert "[media player] 0:00" in result.stdout.decode("utf-8")


def test_stories_lists_each_event_once_and_split_writes_one_brief_per_story(tmp_path):
    result = newsfuse("stories", str(need(SEEDS)), str(EXAMPLE), "--format", "json", "-q")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["stories"]
    assert sorted(row["articles"] for row in rows) == [4, 5]
    assert all(row["title"] and row["origins"] <= row["articles"] for row in rows)
    text = newsfuse("stories", str(EXAMPLE), "-q")
    assert text.returncode == 0 and b"1 stories in 4 articles" in text.stdout
    out = tmp_path / "briefs"
    split = newsfuse("brief", str(SEEDS), str(EXAMPLE), "--split", str(out), "--format", "json", "-q")
    assert split.returncode == 0, split.stderr
    files = sorted(out.iterdir())
    assert [f.name[:9] for f in files] == ["story-01-", "story-02-"]
    sizes = [len(json.loads(f.read_text())["articles"]) for f in files]
    assert sizes == [5, 4]


def test_length_in_words_or_sentences_and_png_drawings(tmp_path):
    out = tmp_path / "brief.json"
    assert newsfuse("brief", str(EXAMPLE), "--length", "2", "--format", "json", "-o", str(out), "-q").returncode == 0
    assert len(json.loads(out.read_text())["stories"][0]["summary"]) == 2
    result = newsfuse("brief", str(EXAMPLE), "--length", "60w", "--format", "json", "-o", str(out), "-q",
                      "--png", str(tmp_path / "png"))
    assert result.returncode == 0, result.stderr.decode()
    summary = json.loads(out.read_text())["stories"][0]["summary"]
    words = [len(s["text"].split()) for s in summary]
    assert len(words) >= 2 and sum(words) <= 60  # whole sentences, as many as fit in 60 words
    drawings = sorted(p.name for p in (tmp_path / "png").iterdir())
    assert len(drawings) == 2 and drawings[0].endswith("-coverage.png") and drawings[1].endswith("-timeline.png")
    for name in drawings:
        assert (tmp_path / "png" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = newsfuse("brief", str(EXAMPLE), "--length", "0w")
    assert bad.returncode == 2 and b"positive number" in bad.stderr
