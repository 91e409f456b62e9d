import codecs

import pytest

from newsfuse.errors import Code, DocumentError
from newsfuse.stages.load.decode import decode

TEXT = "Café owners in Zürich said the façade would reopen.\nIt was 18°C."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1", "utf-16"])
def test_legacy_and_unicode_encodings_decode(encoding):
    text, used = decode(TEXT.encode(encoding))
    assert text == TEXT
    assert used


def test_bom_and_windows_line_ends():
    text, used = decode(codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert text == TEXT
    assert used == "utf-8-sig"


def test_cyrillic_legacy_encoding():
    sample = "Президент заявил, что переговоры начнутся немедленно. " * 5
    text, _ = decode(sample.encode("cp1251"))
    assert "переговоры" in text


@pytest.mark.parametrize("data, code", [
    (b"", Code.E102),
    (b"   \n\n  ", Code.E102),
    (bytes(range(256)) * 8, Code.E103),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x10" * 200, Code.E103),
    ("Zürich is fine here ".encode("utf-8") + b"\xff\xfe broken \xc3 middle", Code.E104),
], ids=["empty", "blank", "all-bytes", "png-like", "broken-utf8"])
def test_bad_bytes_are_rejected_with_a_code(data, code):
    with pytest.raises(DocumentError) as error:
        decode(data)
    assert error.value.code == code
    assert str(error.value).startswith(code.value)
