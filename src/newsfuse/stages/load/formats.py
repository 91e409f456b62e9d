"""Format detection from content (not only the extension) and parsing into documents."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import yaml

from ...errors import Code, DocumentError
from ...model import Document
from .html import parse_feed, parse_html

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(r"</?(p|div|span|a|article|section|br|h[1-6]|ul|li|table|script|meta)\b[^>]*>", re.I)
_FEED_ROOT = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(---|\.\.\.)[ \t]*(\n|\Z)", re.S)

# Field names people's exports use, by what they hold.
_TITLE_FIELDS = ("title", "headline", "name")
_PUBLISHED_FIELDS = ("published", "date", "date_publish", "published_at", "publish_date", "pubDate",
                     "datePublished", "pubdate", "created_at", "seendate")
_UPDATED_FIELDS = ("updated", "date_modify", "dateModified", "modified", "updated_at", "lastmod")
_URL_FIELDS = ("url", "link", "canonical_url", "canonical", "permalink", "source_url")
_OUTLET_FIELDS = ("outlet", "source", "site_name", "sitename", "publisher", "source_name", "domain", "site")
_AUTHOR_FIELDS = ("authors", "author", "byline", "creator")
_CONTRIBUTOR_FIELDS = ("contributors",)
_NESTED_LISTS = ("documents", "articles", "items", "records", "data")


def detect(text: str) -> str:
    """One of ``html``, ``feed``, ``json``, ``markdown``, ``text``, from the text itself."""
    head = text[:4096]
    if _FEED_ROOT.match(head):
        return "feed"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 5 and head.lstrip().startswith("<"):
        return "html"
    stripped = head.lstrip()
    if stripped[:1] in ("{", "["):
        return "json"
    if _FRONT_MATTER.match(text[:20000]):
        return "markdown"
    return "text"


def parse(path: str, text: str, encoding: str, *, text_fields: tuple[str, ...]) -> Iterator[Document | DocumentError]:
    """Yield the documents a decoded input holds; a bad record yields an error and the rest go on."""
    kind = detect(text)
    if kind == "html":
        body, meta = parse_html(text, path)
        yield Document(path, body, "html", encoding, meta=meta)
    elif kind == "feed":
        for index, item in enumerate(parse_feed(text, path)):
            html = item.pop("html", "")
            body = fragment_text(html)
            if not body.strip():
                yield at(DocumentError(Code.E108, detail="feed item without content", fields="content, description"),
                          path, index)
                continue
            yield Document(path, body, "feed", encoding, record=index, meta=item)
    elif kind == "json":
        yield from _json_documents(path, text, encoding, text_fields)
    elif kind == "markdown":
        match = _FRONT_MATTER.match(text)
        assert match is not None
        try:
            front = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            yield DocumentError(Code.E107, detail=f"YAML front matter ({str(exc).splitlines()[0]})")
            return
        meta = _record_meta(front) if isinstance(front, dict) else {}
        # Keep the front matter's lines (blanked) so line numbers still match the file.
        blanked = "\n" * match.group(0).count("\n") + text[match.end():]
        yield Document(path, blanked, "markdown", encoding, meta=meta)
    else:
        yield Document(path, text, "text", encoding)


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (feed item), one block element a paragraph."""
    if not html or "<" not in html:
        return html or ""
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fromstring(f"<div>{html}</div>")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = []
    for node in root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote"):
        line = " ".join(node.text_content().split())
        if line:
            blocks.append(("# " + line) if node.tag in ("h1", "h2", "h3", "h4") else line)
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _json_documents(path: str, text: str, encoding: str, text_fields: tuple[str, ...]) -> Iterator[Document | DocumentError]:
    try:
        data = json.loads(text)
        records: list[tuple[int | None, Any]] = list(_records(data))
    except json.JSONDecodeError:
        records = []
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                for record in _records(json.loads(line)):
                    records.append((number, record[1]))
            except json.JSONDecodeError as exc:
                yield at(DocumentError(Code.E107, detail=f"JSON on line {number} ({exc.msg})"), path, number)
    multi = len(records) > 1
    for index, (number, record) in enumerate(records):
        ref = (number if number is not None else index) if multi or number is not None else None
        yield from record_documents(path, ref, record, encoding, text_fields)


def record_documents(path: str, ref: int | None, record: Any, encoding: str,
                     text_fields: tuple[str, ...]) -> Iterator[Document | DocumentError]:
    """The document one JSON record holds (its text field and metadata), or why it holds none."""
    if isinstance(record, str):
        yield Document(path, record, "json", encoding, record=ref)
        return
    if not isinstance(record, dict):
        yield at(DocumentError(Code.E108, detail="record is not an object", fields=", ".join(text_fields)), path, ref)
        return
    body = next((record[f] for f in text_fields if isinstance(record.get(f), str) and record[f].strip()), None)
    if body is None:
        yield at(DocumentError(Code.E108, detail=f"keys: {', '.join(list(record)[:8])}", fields=", ".join(text_fields)),
                  path, ref)
        return
    yield Document(path, body, "json", encoding, record=ref, meta=_record_meta(record))


def _records(data: Any) -> Iterator[tuple[int | None, Any]]:
    """Records in parsed JSON: a list of them, one object, or an object holding a list of texts."""
    if isinstance(data, list):
        for item in data:
            yield None, item
    elif isinstance(data, dict):
        nested = next((data[k] for k in _NESTED_LISTS if isinstance(data.get(k), list) and data[k]), None)
        if nested is not None and not any(isinstance(data.get(f), str) for f in ("text", "body", "content")):
            for item in nested:
                yield None, item
        else:
            yield None, data
    else:
        yield None, data


def at(error: DocumentError, path: str, record: int | None) -> DocumentError:
    error.record = record  # type: ignore[attr-defined]
    return error


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"\s*(?:,|;|\band\b)\s*", value) if part.strip()]
    if isinstance(value, list):
        out = []
        for item in value:
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, str) and name.strip():
                out.append(name.strip())
        return out
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"].strip()]
    return []


def _record_meta(record: dict[str, Any]) -> dict[str, Any]:
    """Metadata fields from a JSON record or YAML front matter, under newsfuse's names."""
    meta: dict[str, Any] = {}
    title = _first(record, _TITLE_FIELDS)
    if isinstance(title, str):
        meta["title"] = title.strip()
    for key, names in (("published", _PUBLISHED_FIELDS), ("updated", _UPDATED_FIELDS)):
        value = _first(record, names)
        if value is not None and not isinstance(value, (dict, list)):
            meta[key] = str(value)
    url = _first(record, _URL_FIELDS)
    if isinstance(url, str):
        meta["url"] = url.strip()
    outlet = _first(record, _OUTLET_FIELDS)
    if isinstance(outlet, dict):
        outlet = outlet.get("name") or outlet.get("title")
    if isinstance(outlet, str):
        meta["outlet"] = outlet.strip()
    authors = _names(_first(record, _AUTHOR_FIELDS))
    if authors:
        meta["authors"] = authors
    contributors = _names(_first(record, _CONTRIBUTOR_FIELDS))
    if contributors:
        meta["contributors"] = contributors
    return meta
