"""Bytes to text: BOMs, UTF-8, legacy encodings; binary and corrupt input refused with a reason."""
from __future__ import annotations

import codecs
import re

from ...errors import Code, DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A valid multi-byte UTF-8 sequence: its presence next to invalid bytes means corrupt UTF-8, not a legacy encoding.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 65536


def decode(data: bytes, *, encoding: str = "auto") -> tuple[str, str]:
    """Return ``(text, encoding)`` with line ends normalised to ``\\n``.

    Raises :class:`DocumentError` (E102 empty, E103 binary, E104 undecodable).
    """
    if not data.strip():
        raise DocumentError(Code.E102)
    if encoding != "auto":
        try:
            return _normalise(data.decode(encoding)), encoding
        except UnicodeDecodeError as exc:
            raise DocumentError(Code.E104, detail=f"not valid {encoding} at byte {exc.start}") from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(name)), name
            except UnicodeDecodeError as exc:
                raise DocumentError(Code.E104, detail=f"invalid {name} after its byte-order mark at byte {exc.start}") from exc
    sample = data[:_SAMPLE]
    if _looks_like_utf16(sample):
        name = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        try:
            text = data.decode(name)
            _check_textual(text)
            return _normalise(text), name
        except (UnicodeDecodeError, DocumentError):
            pass  # not text in UTF-16 either: judged as bytes below
    if b"\x00" in sample:
        raise DocumentError(Code.E103, detail="NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise DocumentError(
                Code.E104, detail=f"invalid UTF-8 at byte {exc.start} in a file that is otherwise UTF-8"
            ) from exc
        text, name = _legacy(data)
        _check_textual(text)
        return _normalise(text), name
    _check_textual(text)
    return _normalise(text), "utf-8"


def _looks_like_utf16(sample: bytes) -> bool:
    """UTF-16 without a BOM: about every second byte is NUL."""
    if len(sample) < 8:
        return False
    evens, odds = sample[0::2], sample[1::2]
    little_endian = odds.count(0) > 0.4 * len(odds) and evens.count(0) < 0.05 * len(evens)
    big_endian = evens.count(0) > 0.4 * len(evens) and odds.count(0) < 0.05 * len(odds)
    return little_endian or big_endian


def _legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: the detector's best guess, else Windows-1252/Latin-1."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE * 4]).best()
    if best is not None and best.encoding and not best.encoding.startswith("utf"):
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _check_textual(text: str) -> None:
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise DocumentError(Code.E103, detail=f"{controls} control characters in the first {len(sample)} characters")
    letters = sum(ch.isalpha() for ch in sample)
    if letters < max(1, len(sample.strip()) // 10):
        raise DocumentError(Code.E103, detail="hardly any letters: not a text capture")


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.lstrip("\ufeff")
