"""Containers read record by record: WARC archives and JSON-lines exports, plain or gzipped.

A crawl is many gigabytes, so these are never read whole: each record is read on its own, with
``load.max_bytes`` as the limit for one record rather than for the file.  A bad record is reported (file,
record, why) and the rest go on; a truncated archive keeps every record before the damage.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from typing import IO

from ...errors import Code, DocumentError
from ...model import Document
from .decode import decode
from .formats import at, parse, record_documents

_WARC_NAMES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_JSONL_NAMES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
# Payloads worth reading as articles; images, scripts and the like in a crawl are skipped.
_TEXT_TYPES = ("text/html", "application/xhtml", "text/plain", "application/rss", "application/atom",
               "application/xml", "text/xml", "text/markdown", "application/json")


def kind(path: str) -> str | None:
    """``"warc"`` or ``"jsonl"`` when the file is a container to stream, else ``None``."""
    name = path.lower()
    if name.endswith(_WARC_NAMES):
        return "warc"
    if name.endswith(_JSONL_NAMES):
        return "jsonl"
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
            if head == b"\x1f\x8b":
                handle.seek(0)
                with gzip.GzipFile(fileobj=handle) as archive:
                    head = archive.read(8)
            else:
                head += handle.read(6)
    except (OSError, EOFError):
        return None
    return "warc" if head.startswith(b"WARC/") else None


def documents(path: str, container: str, *, max_bytes: int, encoding: str,
              text_fields: tuple[str, ...]) -> Iterator[Document | DocumentError]:
    """Every document in one container file, and an error for each record that could not be used."""
    try:
        if container == "warc":
            yield from _warc(path, max_bytes, encoding, text_fields)
        else:
            yield from _jsonl(path, max_bytes, encoding, text_fields)
    except OSError as exc:
        yield DocumentError(Code.E106, detail=exc.strerror or str(exc))


def _warc(path: str, max_bytes: int, encoding: str, text_fields: tuple[str, ...]) -> Iterator[Document | DocumentError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = os.path.getsize(path)
    index = -1
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                if record.rec_type not in ("response", "resource", "conversion"):
                    continue
                index += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                headers = record.http_headers
                content_type = ((headers.get_header("Content-Type") if headers is not None else None)
                                or record.rec_headers.get_header("Content-Type") or "").lower()
                wanted = (headers is None or (headers.get_statuscode() or "").startswith("2")) and (
                    not content_type or content_type.startswith(_TEXT_TYPES))  # no redirects, errors or images
                data = record.content_stream().read(max_bytes + 1) if wanted else b""
                if len(data) > max_bytes:
                    yield at(DocumentError(Code.E105, detail=f"WARC record {uri or index}: more than {max_bytes:,} bytes"),
                             path, index)
                    continue
                if not _complete(record):  # the block ends before its Content-Length
                    yield at(DocumentError(Code.E107, detail=f"WARC record {index} ({uri}): truncated, "
                                                             f"{len(data):,} bytes of its payload present"), path, index)
                    return
                if not wanted:
                    continue
                yield from _payload(path, index, uri, data, encoding, text_fields)
        except (ArchiveLoadFailed, EOFError, ValueError) as exc:
            yield at(DocumentError(Code.E107, detail=f"WARC file after record {index} ({type(exc).__name__}: {exc})"),
                     path, index + 1)
            return
        if records.offset < size:  # a compressed archive whose last member is cut off ends early, silently
            yield at(DocumentError(Code.E107, detail=f"WARC file after record {index}: truncated, "
                                                     f"{size - records.offset:,} bytes left unread"), path, index + 1)


def _complete(record) -> bool:
    """Read what is left of the record's block; whether all of it was there."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    return getattr(stream, "limit", 0) <= 0


def _payload(path: str, index: int, uri: str, data: bytes, encoding: str,
             text_fields: tuple[str, ...]) -> Iterator[Document | DocumentError]:
    try:
        text, used = decode(data, encoding=encoding)
        for item in parse(path, text, used, text_fields=text_fields):
            if isinstance(item, DocumentError):
                yield at(item, path, index)
                continue
            item.record = index
            if uri:
                item.meta.setdefault("url", uri)
            yield item
    except DocumentError as exc:
        yield at(exc, path, index)
    except RecursionError:
        yield at(DocumentError(Code.E107, detail="record nested too deeply to parse"), path, index)


def _jsonl(path: str, max_bytes: int, encoding: str, text_fields: tuple[str, ...]) -> Iterator[Document | DocumentError]:
    with _open(path) as handle:
        number = 0
        while True:
            line = handle.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized line without holding it
                yield at(DocumentError(Code.E105, detail=f"JSON line {number}: more than {max_bytes:,} bytes"), path, number)
                continue
            if not line.strip():
                continue
            try:
                text, used = decode(line, encoding=encoding)
                record = json.loads(text)
            except DocumentError as exc:
                yield at(exc, path, number)
                continue
            except (json.JSONDecodeError, RecursionError) as exc:
                yield at(DocumentError(Code.E107, detail=f"JSON on line {number} ({getattr(exc, 'msg', exc)})"),
                         path, number)
                continue
            yield from record_documents(path, number, record, used, text_fields)


def _open(path: str) -> IO[bytes]:
    with open(path, "rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if compressed else open(path, "rb")
