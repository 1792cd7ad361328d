"""Scraper outputs (JSON, JSONL, CSV, TSV): one record per scraped page, its text or HTML in some field.

The text field is chosen per record: the first non-empty field in TEXT_FIELDS order, else the longest
string field that reads like prose (metadata fields excluded); ReadOptions.text_field overrides it (a
dotted name reaches into nested objects). A field named like HTML, or a value that looks like HTML, is
read as HTML. Common url/title/date/author/language fields are carried into the document's metadata.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, TextIO

# Lower index = preferred. A scraper's own text extraction comes before raw HTML.
TEXT_FIELDS = (
    "text",
    "main_text",
    "article_text",
    "text_content",
    "content_text",
    "plain_text",
    "full_text",
    "clean_text",
    "body_text",
    "article_body",
    "article",
    "body",
    "content",
    "markdown",
    "paragraphs",
    "raw_text",
    "html",
    "raw_html",
    "html_content",
    "content_html",
    "body_html",
    "article_html",
    "page_html",
    "page_content",
    "source_html",
)

METADATA_ALIASES = {  # the names scrapers give each of SOURCE_METADATA_FIELDS (a test checks they match)
    "url": ("url", "link", "canonical_url", "canonical", "source_url", "page_url", "final_url", "uri", "href"),
    "title": ("title", "headline", "page_title", "og_title", "article_title"),
    "date": (
        "date",
        "published",
        "date_published",
        "published_date",
        "publish_date",
        "published_at",
        "pubdate",
        "publication_date",
        "datetime",
        "date_created",
        "created_at",
        "timestamp",
    ),
    "author": ("author", "byline", "authors", "author_name", "creator", "by"),
    "language": ("language", "lang", "locale", "inlanguage"),
    "sitename": ("sitename", "site_name", "site", "publisher", "source_name"),
    "description": ("description", "summary", "og_description", "excerpt", "lead"),
}
# Collections of records inside a JSON object, by likelihood.
COLLECTION_FIELDS = ("items", "records", "results", "data", "documents", "docs", "articles", "pages", "entries", "rows")

HTML_TAGS = re.compile(r"</(?:p|div|span|a|li|ul|ol|h[1-6]|article|section|td|tr|table|strong|em|b|i|header|footer|nav)>", re.I)
HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.I)

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # scraped pages in one cell exceed the 128 KiB default


class RecordError(ValueError):
    """A record (or a whole file of records) that cannot be read; the message says why."""


@dataclass(frozen=True)
class RecordText:
    field: str
    value: str
    is_html: bool


def field_key(name: str) -> str:
    """Field names compared without case or punctuation: main_text, mainText and "Main Text" are one."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


TEXT_RANK = {field_key(name): rank for rank, name in enumerate(TEXT_FIELDS)}
METADATA_KEYS = {target: tuple(field_key(n) for n in names) for target, names in METADATA_ALIASES.items()}
METADATA_NAMES = {key for keys in METADATA_KEYS.values() for key in keys}


def find_text(record: dict[str, Any], text_field: str | None) -> RecordText:
    """The record's text or HTML; RecordError naming what was looked for when there is none."""
    if text_field:
        value = _lookup(record, text_field)
        if value is _MISSING:
            raise RecordError(f"has no field “{text_field}” (its fields: {_field_list(record)})")
        text = _as_text(value)
        if text is None or not text.strip():
            raise RecordError(f"field “{text_field}” holds no text")
        return RecordText(text_field, text, _is_html(text_field, text))
    candidates = []
    for name, value in record.items():
        text = _as_text(value)
        if text is None or not text.strip():
            continue
        key = field_key(str(name))
        if key in TEXT_RANK:
            candidates.append((0, TEXT_RANK[key], 0, name, text))
        elif key not in METADATA_NAMES and (_is_prose(text) or _is_html(key, text)):
            candidates.append((1, 0, -len(text), name, text))
    if not candidates:
        raise RecordError(
            f"has no text field (looked for {', '.join(TEXT_FIELDS[:7])} … or a long text; "
            f"its fields: {_field_list(record)}); name one with the text-field option"
        )
    *_, name, text = min(candidates, key=lambda c: c[:3])
    return RecordText(str(name), text, _is_html(field_key(str(name)), text))


def record_metadata(record: dict[str, Any]) -> dict[str, str]:
    """url/title/date/author/language/sitename/description found under their common names."""
    by_key = {field_key(str(name)): value for name, value in record.items()}
    found = {}
    for target, names in METADATA_KEYS.items():
        for name in names:
            text = _metadata_text(by_key.get(name))
            if text:
                found[target] = text
                break
    return found


def records_from_json(text: str, text_field: str | None = None) -> list[Any]:
    """The records of a JSON file: an array, the array of objects an object holds, or a lone object.

    An object with a text field of its own (by name, or the one asked for) is one record, so an article
    with a list of comments or author objects stays one article. Otherwise the object's array of objects
    that have text is the records (by name among COLLECTION_FIELDS, else the longest array).
    """
    data = json.loads(text)
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise RecordError(f"holds a single {type(data).__name__}, not records")
    if _has_named_text(data, text_field):
        return [data]
    arrays = {k: v for k, v in data.items() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)}
    with_text = {k: v for k, v in arrays.items() if _has_text(v[0], text_field)}
    if with_text or arrays:
        return _pick_collection(with_text or arrays)
    return [data]


def _pick_collection(arrays: dict[str, list[Any]]) -> list[Any]:
    for name in COLLECTION_FIELDS:
        for key, value in arrays.items():
            if field_key(key) == name:
                return value
    return max(arrays.values(), key=len)


def _has_named_text(record: dict[str, Any], text_field: str | None) -> bool:
    if text_field:
        return _has_text(record, text_field)
    return any(field_key(str(k)) in TEXT_RANK and (_as_text(v) or "").strip() for k, v in record.items())


def _has_text(record: dict[str, Any], text_field: str | None) -> bool:
    try:
        find_text(record, text_field)
    except RecordError:
        return False
    return True


def json_lines(text: str | Iterable[str], first_record: int = 0, first_line: int = 1) -> Iterator[tuple[int, int, Any | json.JSONDecodeError]]:
    """(record number, line number, parsed value or the parse error) for each non-blank line of a text, or of
    a stream of lines (read one at a time, so a file of any size takes the memory of one record). A slice of
    a file (readers/splits.py) starts numbering at its first record and line."""
    record = first_record
    lines = text.split("\n") if isinstance(text, str) else text
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            value: Any = json.loads(line.lstrip("\ufeff"))  # files joined with `cat` keep each one's mark
        except json.JSONDecodeError as exc:
            value = exc
        except RecursionError:
            value = json.JSONDecodeError("nested too deeply", line, 0)
        except ValueError as exc:  # valid JSON Python will not convert, e.g. an integer of over 4,300 digits
            value = json.JSONDecodeError(str(exc).split(":")[0], line, 0)
        yield record, number, value
        record += 1


def csv_rows(
    text: str | TextIO, delimiter: str | None, sample: str | None = None, part: tuple[int, int] | None = None
) -> Iterator[tuple[int, dict[str, str] | RecordError]]:
    """(record number, row as a dict by header) for each data row; a broken row ends the file with an error.

    `text` is the whole file or a text stream (then `sample`, its start, decides the delimiter). With `part`
    (first record, first line), `text` is a slice of the file past its header (readers/splits.py): the header
    is read from `sample`, and records and lines are numbered from there."""
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    delimiter = delimiter or sniff_delimiter(text if isinstance(text, str) else sample or "")
    reader = csv.reader(stream, delimiter=delimiter)
    first_record, lines_before = (part[0], part[1] - 1) if part else (0, 0)
    try:
        header = next(csv.reader(io.StringIO(sample or "", newline=""), delimiter=delimiter) if part else reader, None)
    except csv.Error as exc:
        raise RecordError(f"header cannot be read: {exc}") from exc
    if not header:
        raise RecordError("has no header row")
    names = [name.strip() or f"column {i + 1}" for i, name in enumerate(header)]
    record = first_record
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield record, RecordError(f"line {reader.line_num + lines_before} cannot be read: {exc}; the rest of the file is skipped")
            return
        if not any(cell.strip() for cell in row):
            continue
        yield record, dict(zip(names, row))
        record += 1


def sniff_delimiter(text: str) -> str:
    """The delimiter of a .csv file, judged on its header line (headers rarely hold punctuation; texts do)."""
    header = text[: text.find("\n")] if "\n" in text[:65536] else text[:65536]
    header = re.sub(r'"[^"]*"', "", header)  # quoted names may contain anything
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


# ---------------------------------------------------------------- helpers

_MISSING = object()


def _lookup(record: dict[str, Any], name: str) -> Any:
    """A field by exact name, else case/space-insensitively, else a dotted path into nested objects."""
    if name in record:
        return record[name]
    wanted = field_key(name)
    for key, value in record.items():
        if field_key(str(key)) == wanted:
            return value
    if "." in name:
        head, rest = name.split(".", 1)
        inner = _lookup(record, head)
        if isinstance(inner, dict):
            return _lookup(inner, rest)
    return _MISSING


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(value)  # e.g. a list of paragraphs
    return None


def _metadata_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return _metadata_text(value.get("name") or value.get("@value") or value.get("value"))
    if isinstance(value, list):
        return ", ".join(t for t in (_metadata_text(v) for v in value) if t)
    return ""


def _is_prose(text: str) -> bool:
    return len(text) >= 20 and " " in text.strip()


def _is_html(key: str, text: str) -> bool:
    if "html" in key:
        return True
    head = text[:65536]
    return bool(HTML_DOCUMENT.search(head[:4096])) or len(HTML_TAGS.findall(head, 0, 20000)) >= 2


def _field_list(record: dict[str, Any]) -> str:
    names = [str(k) for k in record]
    return ", ".join(names[:12]) + (" …" if len(names) > 12 else "") if names else "none"
