"""Read one file into Documents, or into Problems that name it: never an exception that stops a batch.

`Document.content` is the text exactly as decoded (byte-order mark removed, newlines and Unicode form as in
the file); `lines` are normalised (\\n newlines, NFC) and lines longer than ReadOptions.max_line_chars are
split, with a warning on the document.
"""

from __future__ import annotations

import codecs
import gzip
import io
import itertools
import json
import os
import stat
import zlib
from pathlib import Path
from typing import Any, Iterator

from winnow.core.model import Document, Problem
from winnow.readers import html as html_reader
from winnow.readers.decode import (
    Decoded,
    NotText,
    decode_html,
    decode_text,
    is_blank,
    looks_like_html_document,
    nfc,
    normalise,
    scrub_surrogates,
    split_long_lines,
    text_lines,
)
from winnow.readers.formats import Kind, extension, kind_of, split_gzip
from winnow.readers.options import ReadOptions
from winnow.readers.records import (
    RecordError,
    csv_rows,
    find_text,
    json_lines,
    record_metadata,
    records_from_json,
)

CHUNK = 1 << 20


class Unreadable(Exception):
    """The file cannot be read or is not importable; the message says why, without the file name."""


def read_file(path: Path, source: str, options: ReadOptions = ReadOptions()) -> Iterator[Document | Problem]:
    path = Path(path)
    kind = kind_of(path.name)
    if kind is Kind.SKIP:
        ext = extension(split_gzip(path.name)[0]) or "this kind of"
        yield Problem(source, f"is a {ext} file, not text, HTML or scraper output; not imported")
        return
    try:
        data = load_bytes(path, options.max_file_bytes)
        if not data or data.isspace():
            raise Unreadable("is empty" + (" (0 bytes)" if not data else " (only whitespace)"))
        if kind is Kind.SNIFF:
            head = data[:2048].removeprefix(codecs.BOM_UTF8).decode("latin-1")  # enough to see a doctype or <html>
            kind = Kind.HTML if looks_like_html_document(head) else Kind.TEXT
        if kind is Kind.TEXT:
            yield text_document(path, source, decode(data, decode_text), options)
        elif kind is Kind.HTML:
            yield html_document(path, source, decode(data, decode_html), options)
        else:
            yield from record_documents(path, source, kind, decode(data, decode_text), options)
    except Unreadable as exc:
        yield Problem(source, str(exc))


def load_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes (decompressed for .gz), opened read-only and without blocking on pipes."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Unreadable("is a broken symbolic link (its target does not exist)") from None
        raise Unreadable("no longer exists (moved or deleted after it was found?)") from None
    except IsADirectoryError:
        raise Unreadable("is a folder, not a file") from None
    except PermissionError:
        if os.path.isdir(path):  # what Windows says when asked to open a folder
            raise Unreadable("is a folder, not a file") from None
        raise Unreadable("cannot be read: permission denied") from None
    except OSError as exc:
        raise Unreadable(f"cannot be opened: {exc.strerror or exc}") from None
    info = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = "is a folder, not a file"
    elif not stat.S_ISREG(info.st_mode):
        problem = "is not a regular file (a pipe, socket or device); not read"
    elif info.st_size > limit:
        problem = f"is too large ({_size(info.st_size)}; the limit is {_size(limit)})"
    if problem:
        os.close(fd)
        raise Unreadable(problem)
    with os.fdopen(fd, "rb") as file:
        try:
            data = read_at_most(file, info.st_size, limit)
        except OSError as exc:
            raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise Unreadable(f"is too large (over {_size(limit)})")
    if split_gzip(path.name)[1]:
        data = gunzip(data, limit)
    return data


def read_at_most(file, expected: int, limit: int) -> bytes:
    """Up to limit + 1 bytes (one more tells it is too large); read(n) would reserve n bytes up front."""
    data = file.read(min(expected, limit) + 1)
    if len(data) <= expected:
        return data
    chunks = [data]  # the file grew since it was measured (or is a .gz stream): read on in pieces
    size = len(data)
    while size <= limit:
        chunk = file.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def gunzip(data: bytes, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = read_at_most(stream, 4 * len(data), limit)
    except (OSError, EOFError, zlib.error) as exc:
        raise Unreadable(f"is not a valid gzip file ({exc})") from None
    if len(out) > limit:
        raise Unreadable(f"decompresses to more than the limit of {_size(limit)}")
    return out


def decode(data: bytes, decoder) -> Decoded:
    try:
        decoded = decoder(data)
    except NotText as exc:
        raise Unreadable(f"is not a text file: {exc}") from None
    if is_blank(decoded.text):
        raise Unreadable("is empty (only whitespace)")
    return decoded


# ---------------------------------------------------------------- documents


def text_document(path: Path, source: str, decoded: Decoded, options: ReadOptions, **record: Any) -> Document:
    lines, _, warning = split_long_lines(text_lines(normalise(decoded.text)), options.max_line_chars)
    return Document(
        source=source, format="text", content=decoded.text, lines=lines, path=os.path.abspath(path),
        encoding=decoded.encoding, warnings=decoded.warnings + ((warning,) if warning else ()), **record,
    )


def html_document(path: Path, source: str, decoded: Decoded, options: ReadOptions, **record: Any) -> Document:
    try:
        lines, outside, page_metadata, warning = html_lines(decoded.text, options)
    except Exception as exc:  # a bug or an unparsable page must not stop the batch
        raise Unreadable(f"HTML could not be read: {_describe(exc)}") from None
    if all(is_blank(line) for line in lines):
        raise Unreadable("HTML page contains no text")
    metadata = {**page_metadata, **record.pop("metadata", {})}
    return Document(
        source=source, format="html", content=decoded.text, lines=lines, metadata=metadata, path=os.path.abspath(path),
        encoding=decoded.encoding, outside_main=outside, warnings=decoded.warnings + ((warning,) if warning else ()),
        extractor=options.extractor, **record,
    )


def html_lines(text: str, options: ReadOptions) -> tuple[list[str], frozenset[int], dict[str, str], str | None]:
    """A page's lines as a document holds them (extracted with `options.extractor`, NFC, long lines split),
    the indices outside its main content, its metadata, and a warning when lines were split."""
    page = html_reader.extract_page(text, extractor=options.extractor)
    lines, origin, warning = split_long_lines([nfc(line) for line in page.lines], options.max_line_chars)
    outside = page.outside_main
    if warning and outside:
        outside = frozenset(i for i, old in enumerate(origin) if old in page.outside_main)
    return lines, outside, page.metadata, warning


def record_documents(path: Path, source: str, kind: Kind, decoded: Decoded, options: ReadOptions) -> Iterator[Document | Problem]:
    for warning in decoded.warnings:  # said once for the file, not on each of its records
        yield Problem(source, warning, fatal=False)
    count = 0
    for number, value in _records(kind, decoded.text, options.text_field):
        count += 1
        if isinstance(value, RecordError):
            yield Problem(source, str(value), number)
            continue
        try:
            yield record_document(path, source, number, value, decoded, options)
        except Unreadable as exc:
            yield Problem(source, str(exc), number)
    if count == 0:
        raise Unreadable("contains no records")


def record_document(path: Path, source: str, number: int, value: Any, decoded: Decoded, options: ReadOptions) -> Document:
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, dict):
        raise Unreadable(f"is a JSON {_json_type(value)}, not an object with a text field")
    try:
        found = find_text(value, options.text_field)
    except RecordError as exc:
        raise Unreadable(str(exc)) from None
    text, bad = scrub_surrogates(found.value)
    warnings = (f"{bad} invalid \\u escape(s) (lone surrogates) were replaced with \ufffd",) if bad else ()
    field_text = Decoded(text, decoded.encoding, warnings)
    metadata = {key: scrub_surrogates(meta)[0] for key, meta in record_metadata(value).items()}
    record = {"record": number, "metadata": metadata}
    if found.is_html:
        return html_document(path, source, field_text, options, **record)
    return text_document(path, source, field_text, options, **record)


def _records(kind: Kind, text: str, text_field: str | None) -> Iterator[tuple[int, Any]]:
    """(record number, record or the RecordError saying why it is unusable) in file order.

    Raises Unreadable when the whole file is broken."""
    if kind is Kind.JSON:
        try:
            records = records_from_json(text, text_field)
        except json.JSONDecodeError as exc:
            if exc.msg != "Extra data":
                raise Unreadable(f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
            yield from _jsonl_records(text, text_field)  # JSON Lines under a .json name
            return
        except RecordError as exc:
            raise Unreadable(str(exc)) from None
        except RecursionError:
            raise Unreadable("is not usable JSON: it is nested too deeply") from None
        yield from enumerate(records)
    elif kind is Kind.JSONL:
        yield from _jsonl_records(text, text_field)
    else:
        try:
            for number, row in csv_rows(text, "\t" if kind is Kind.TSV else None):
                yield number, row
        except RecordError as exc:
            raise Unreadable(str(exc)) from None


def _jsonl_records(text: str, text_field: str | None) -> Iterator[tuple[int, Any]]:
    lines = json_lines(text)
    first = next(lines, None)
    if first is None:
        return
    if isinstance(first[2], json.JSONDecodeError):  # perhaps one JSON document under a .jsonl name
        try:
            yield from enumerate(records_from_json(text, text_field))
            return
        except (json.JSONDecodeError, RecordError, RecursionError):
            pass
    for number, line, value in itertools.chain([first], lines):
        if isinstance(value, json.JSONDecodeError):
            yield number, RecordError(f"line {line} is not valid JSON: {value.msg} (column {value.colno})")
        else:
            yield number, value


def _json_type(value: Any) -> str:
    return {list: "array", int: "number", float: "number", bool: "true/false", type(None): "null"}.get(type(value), "value")


def _describe(exc: Exception) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)
