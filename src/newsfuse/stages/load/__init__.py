"""Stage 1, load: paths to decoded documents; anything unreadable becomes a coded rejection."""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from ...config import Config
from ...errors import Code, DocumentError
from ...model import Corpus, Document, Rejection
from .decode import decode
from .formats import detect, parse
from . import streams
from .sources import STDIN, expand, read

__all__ = ["load", "load_text", "detect", "decode"]

STAGE = "load"


def load(paths: Iterable[str], config: Config, *, stdin: BinaryIO | None = None) -> Corpus:
    """Read every input under ``paths`` into a corpus of documents (and rejections)."""
    corpus = Corpus()
    for item in expand(paths):
        if isinstance(item, DocumentError):
            corpus.rejected.append(Rejection(getattr(item, "path", "?"), STAGE, item.code.value, str(item)))
            continue
        container = streams.kind(item) if item != STDIN else None
        if container is not None:
            _add_stream(corpus, item, container, config)
            continue
        source = read(item, max_bytes=config.load.max_bytes, stdin=stdin)
        if source.error is not None:
            corpus.rejected.append(Rejection(item, STAGE, source.error.code.value, str(source.error)))
            continue
        assert source.data is not None
        _add_documents(corpus, item, source.data, config)
    return corpus


def load_text(text: str, config: Config, *, source_path: str = "<text>") -> Corpus:
    """Load one in-memory capture (library use)."""
    corpus = Corpus()
    _add_documents(corpus, source_path, text.encode("utf-8"), config)
    return corpus


def _add_stream(corpus: Corpus, path: str, container: str, config: Config) -> None:
    """A WARC or JSON-lines file, one record at a time: memory holds one record, not the file."""
    for item in streams.documents(path, container, max_bytes=config.load.max_bytes, encoding=config.load.encoding,
                                  text_fields=config.load.text_fields):
        if isinstance(item, DocumentError):
            record = getattr(item, "record", None)
            label = path if record is None else f"{path}#{record}"
            corpus.rejected.append(Rejection(label, STAGE, item.code.value, str(item)))
        else:
            corpus.documents.append(item)


def _add_documents(corpus: Corpus, path: str, data: bytes, config: Config) -> None:
    try:
        text, encoding = decode(data, encoding=config.load.encoding)
        produced: list[Document] = []
        for doc in parse(path, text, encoding, text_fields=config.load.text_fields):
            if isinstance(doc, DocumentError):
                record = getattr(doc, "record", None)
                label = path if record is None else f"{path}#{record}"
                corpus.rejected.append(Rejection(label, STAGE, doc.code.value, str(doc)))
            else:
                produced.append(doc)
    except DocumentError as exc:
        corpus.rejected.append(Rejection(path, STAGE, exc.code.value, str(exc)))
        return
    except RecursionError:
        error = DocumentError(Code.E107, detail="input nested too deeply to parse")
        corpus.rejected.append(Rejection(path, STAGE, error.code.value, str(error)))
        return
    corpus.documents.extend(produced)

