"""Docs that cannot rot: README commands exist and CI runs the test command; every command has help."""
from __future__ import annotations

import re

from newsfuse.cli.main import parser

from .conftest import ROOT


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_and_option_has_help():
    main = parser()
    commands = next(a for a in main._actions if a.dest == "command")
    assert commands.choices
    for name, sub in commands.choices.items():
        assert sub.description, name
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.dest}"
