"""Coded errors.  Every message names the input and says what to do.

The library never prints: problems with one document become a
:class:`~newsfuse.model.Rejection` carrying one of these codes, and problems
with the call itself raise :class:`NewsfuseError`.
"""
from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """The catalogue.  E1xx: loading, E2xx: cleaning, E3xx: later stages, E9xx: usage."""

    E101 = "E101"  # path does not exist
    E102 = "E102"  # empty file
    E103 = "E103"  # binary content
    E104 = "E104"  # undecodable / invalid UTF-8
    E105 = "E105"  # too large
    E106 = "E106"  # unreadable (permission, I/O)
    E107 = "E107"  # unparseable structured input (JSON, HTML, feed)
    E108 = "E108"  # structured record without a text field
    E201 = "E201"  # no article body left after cleaning
    E301 = "E301"  # a stage failed on this document (a bug: please report)
    E302 = "E302"  # the language model endpoint failed (the extractive summary is kept)
    E901 = "E901"  # bad configuration value
    E902 = "E902"  # nothing usable in the input


MESSAGES: dict[Code, str] = {
    Code.E101: "path not found: {detail}. Check the spelling, or quote globs so the shell does not expand them.",
    Code.E102: "empty file: there is no text to read. Re-capture the page or remove the file.",
    Code.E103: "binary content ({detail}); newsfuse reads text, Markdown, HTML and JSON captures.",
    Code.E104: "cannot decode the text ({detail}). Save the capture as UTF-8, or pass --set load.encoding=NAME.",
    Code.E105: "file too large ({detail}); raise load.max_bytes if this really is one article.",
    Code.E106: "cannot read the file: {detail}.",
    Code.E107: "cannot parse the {detail}.",
    Code.E108: "record has no text field ({detail}); expected one of: {fields}.",
    Code.E201: "no article body left after cleaning ({detail}); the capture may hold only page furniture.",
    Code.E301: "stage failed on this document: {detail}. This is a bug; please report it with the file.",
    Code.E302: "the language model rewrite failed ({detail}); the extractive summary is kept. Check the --llm "
                "address and that the server speaks the OpenAI chat-completions protocol.",
    Code.E901: "bad configuration: {detail}",
    Code.E902: "nothing usable in the input: {detail}",
}


def message(code: Code, **details: object) -> str:
    """The catalogue message for ``code`` with its details filled in."""
    template = MESSAGES[code]
    details.setdefault("detail", "")
    details.setdefault("fields", "")
    return f"{code.value}: " + template.format(**details)


class NewsfuseError(Exception):
    """An error in how newsfuse was called (bad config, no usable input)."""

    def __init__(self, code: Code, **details: object) -> None:
        self.code = code
        super().__init__(message(code, **details))


class DocumentError(Exception):
    """One document cannot go on; the pipeline turns this into a rejection."""

    def __init__(self, code: Code, **details: object) -> None:
        self.code = code
        super().__init__(message(code, **details))
