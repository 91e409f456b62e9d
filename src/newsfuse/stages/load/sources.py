"""Where inputs come from: files, folders (recursive), globs, or ``-`` for stdin."""
from __future__ import annotations

import glob
import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ...errors import Code, DocumentError

STDIN = "-"


@dataclass
class Source:
    """One input file's bytes, or the error that kept us from reading them."""

    path: str
    data: bytes | None = None
    error: DocumentError | None = None


def expand(paths: Iterable[str]) -> Iterator[str | DocumentError]:
    """Yield file paths in a stable order; a path that matches nothing yields an error in its place."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield str(path)
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            for match in matches:
                if os.path.isdir(match):
                    files.extend(str(p) for p in _walk(Path(match)))
            if not files:
                yield _located(raw, DocumentError(Code.E101, detail=f"no file matches the pattern {raw!r}"))
            yield from files
        else:
            yield _located(raw, DocumentError(Code.E101, detail=raw))


def _walk(folder: Path) -> Iterator[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _located(path: str, error: DocumentError) -> DocumentError:
    error.path = path  # type: ignore[attr-defined]
    return error


def read(path: str, *, max_bytes: int, stdin: io.BufferedIOBase | None = None) -> Source:
    """Read one input's bytes with the size limit applied; gzip is opened transparently."""
    try:
        if path == STDIN:
            handle = stdin if stdin is not None else sys.stdin.buffer
            data = handle.read(max_bytes + 1)
        else:
            size = os.path.getsize(path)
            if size > max_bytes:
                return Source(path, error=DocumentError(Code.E105, detail=f"{size:,} bytes, limit {max_bytes:,}"))
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except OSError as exc:
        return Source(path, error=DocumentError(Code.E106, detail=exc.strerror or str(exc)))
    if len(data) > max_bytes:
        return Source(path, error=DocumentError(Code.E105, detail=f"more than {max_bytes:,} bytes"))
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
                data = archive.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            return Source(path, error=DocumentError(Code.E107, detail=f"gzip stream ({exc})"))
        if len(data) > max_bytes:
            return Source(path, error=DocumentError(Code.E105, detail=f"more than {max_bytes:,} bytes uncompressed"))
    return Source(path, data=data)
