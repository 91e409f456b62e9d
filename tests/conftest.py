"""Shared fixtures: the seeds and dev data live in ../shared beside the repository (read-only)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse import Config, run

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
MULTINEWS = SHARED / "dev" / "multinews-val" / "validation.jsonl"
EXAMPLE = ROOT / "examples" / "harbour-collapse"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared must sit beside the repository)")
    return path


@pytest.fixture(scope="session")
def config() -> Config:
    return Config.default()


@pytest.fixture(scope="session")
def seeds_corpus(config):
    return run([str(need(SEEDS))], config)


@pytest.fixture(scope="session")
def example_corpus(config):
    return run([str(EXAMPLE)], config)


@pytest.fixture(scope="session")
def multinews_clusters():
    rows = [json.loads(line) for line in need(MULTINEWS).open(encoding="utf-8")]
    # A fixed, spread-out handful: captures from many sites with their own boilerplate.
    return [rows[i] for i in (3, 17, 42, 88, 131, 199, 240) if len(rows[i]["documents"]) >= 2]
