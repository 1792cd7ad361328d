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
from functools import partial
from pathlib import Path
from typing import Any, Iterator, TextIO

from winnow.core.model import Document, Problem
from winnow.core.settings import DEFAULT_EXTRACTOR
from winnow.core.wording import plural, were
from winnow.readers import html as html_reader
from winnow.readers.decode import (
    DETECTION_SAMPLE,
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
    strip_controls,
    text_lines,
)
from winnow.readers.formats import Kind, extension, is_zstd, kind_of, split_gzip
from winnow.readers.options import ReadOptions
from winnow.readers.records import (
    RecordError,
    csv_rows,
    find_text,
    json_lines,
    record_metadata,
    records_from_json,
)
from winnow.readers.shards import ShardError, parquet_rows, unzstd, zstd_stream
from winnow.readers.splits import LineSlice
from winnow.readers.warc import WHOLE, WarcPage, WarcSlice, warc_pages

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
    if kind in (Kind.WARC, Kind.PARQUET):  # streamed record by record, never loaded whole
        yield from (read_warc if kind is Kind.WARC else read_parquet)(path, source, options)
        return
    if kind in (Kind.JSONL, Kind.CSV, Kind.TSV):
        yield from stream_record_file(path, source, kind, options)
        return
    try:
        data = load_bytes(path, options.max_file_bytes)
        if not data or data.isspace():
            raise Unreadable("is empty" + (" (0 bytes)" if not data else " (only whitespace)"))
        if kind is Kind.SNIFF:
            head = data[:2048].removeprefix(codecs.BOM_UTF8).decode("latin-1")  # enough to see a doctype or <html>
            kind = Kind.HTML if looks_like_html_document(head) else Kind.TEXT
        if kind is Kind.TEXT:
            decoded = decode(data, decode_text)
            del data  # the bytes are not needed any more: a big file's memory is its text, not both
            yield from text_documents(path, source, decoded, options)
        elif kind is Kind.HTML:
            yield html_document(path, source, decode(data, decode_html), options)
        else:
            yield from record_documents(path, source, kind, decode(data, decode_text), options)
    except Unreadable as exc:
        yield Problem(source, str(exc))


def load_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes (decompressed for .gz), opened read-only and without blocking on pipes."""
    file, size = open_input(path, limit)
    with file:
        try:
            data = read_at_most(file, size, limit)
        except OSError as exc:
            raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise Unreadable(f"is too large (over {_size(limit)})")
    if split_gzip(path.name)[1]:
        data = gunzip(data, limit)
    elif is_zstd(path.name):
        try:
            data = unzstd(data, limit)
        except ShardError as exc:
            raise Unreadable(str(exc)) from None
    return data


def open_input(path: Path, limit: int) -> tuple[io.BufferedReader, int]:
    """The file opened for binary reading, and its size; Unreadable when it is not a regular file or too large."""
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
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), info.st_size


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


def text_documents(path: Path, source: str, decoded: Decoded, options: ReadOptions) -> Iterator[Document]:
    """A text file as one document, or, above the per-document caps, as parts (record 0, 1, …) cut at
    paragraph breaks, so no single document makes the rules slow or the memory large."""
    text = decoded.text
    if len(text) <= options.max_document_chars and text.count("\n") < options.max_document_lines:
        yield text_document(path, source, decoded, options)
        return
    text = normalise(text)
    spans = list(part_spans(text, options.max_document_lines, options.max_document_chars))
    note = f"longer than one document may be ({options.max_document_lines:,} lines or {options.max_document_chars:,} characters): read as {len(spans)} parts"
    for number, (begin, finish) in enumerate(spans):
        part = Decoded(text[begin:finish], decoded.encoding, decoded.warnings + (note,))
        yield text_document(path, source, part, options, record=number)


def part_spans(text: str, max_lines: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive parts of `text` with at most `max_lines` lines and `max_chars` characters,
    each ending at a blank line in its last fifth when there is one, else at a line end."""
    start, size = 0, len(text)
    while start < size:
        end = start
        for _ in range(max_lines):  # the end of the max_lines-th line
            found = text.find("\n", end, start + max_chars)
            if found < 0:
                end = min(size, start + max_chars)
                break
            end = found + 1
        if end < size:
            low = start + (end - start) * 4 // 5
            cut = text.rfind("\n\n", low, end)
            if cut >= 0:
                end = cut + 2
            elif end == start + max_chars and (line_end := text.rfind("\n", start, end)) > start:
                end = line_end + 1
            elif end == start + max_chars and (space := text.rfind(" ", start + max_chars // 2, end)) > start:
                end = space + 1  # one endless line: cut between words
        yield start, end
        start = end


def text_document(path: Path, source: str, decoded: Decoded, options: ReadOptions, **record: Any) -> Document:
    lines, _, warning = split_long_lines(text_lines(normalise(decoded.text)), options.max_line_chars)
    return Document(
        source=source,
        format="text",
        content=decoded.text,
        lines=lines,
        path=os.path.abspath(path),
        encoding=decoded.encoding,
        warnings=decoded.warnings + ((warning,) if warning else ()),
        **record,
    )


def html_document(path: Path, source: str, decoded: Decoded, options: ReadOptions, **record: Any) -> Document:
    if len(decoded.text) > options.max_document_chars:
        raise Unreadable(f"is too large to read as one page ({len(decoded.text):,} characters; the limit is {options.max_document_chars:,})")
    try:
        lines, outside, page_metadata, warning = html_lines(decoded.text, options, decoded.utf8)
    except Exception as exc:  # a bug or an unparsable page must not stop the batch
        raise Unreadable(f"HTML could not be read: {_describe(exc)}") from None
    if all(is_blank(line) for line in lines):
        raise Unreadable("HTML page contains no text")
    metadata = {key: strip_controls(value) for key, value in {**page_metadata, **record.pop("metadata", {})}.items()}
    return Document(
        source=source,
        format="html",
        content=decoded.text,
        lines=lines,
        metadata=metadata,
        path=os.path.abspath(path),
        encoding=decoded.encoding,
        outside_main=outside,
        warnings=decoded.warnings + ((warning,) if warning else ()),
        extractor=options.extractor,
        **record,
    )


def html_lines(text: str, options: ReadOptions, utf8: bytes | None = None) -> tuple[list[str], frozenset[int], dict[str, str], str | None]:
    """A page's lines as a document holds them (extracted with `options.extractor`, NFC, control characters
    gone, long lines split), the indices outside its main content, its metadata, and a warning when lines
    were split. `utf8`: the text in UTF-8, when the reader has those bytes (`Decoded.utf8`)."""
    cache = options.extraction_cache  # the window's, between sessions; its key is the page alone
    if options.extractor != DEFAULT_EXTRACTOR:
        page = html_reader.extract_page(text, extractor=options.extractor, utf8=utf8)
    elif cache is not None:
        page = cache.extract(text, partial(html_reader.extract_page, utf8=utf8))
    else:
        page = html_reader.extract_page(text, utf8=utf8)
    lines = [nfc(strip_controls(line)) for line in page.lines]
    lines, origin, warning = split_long_lines(lines, options.max_line_chars)
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
    escapes = plural(bad, "invalid \\u escape")
    warnings = (f"{escapes} (lone surrogates) {were(bad)} replaced with \ufffd",) if bad else ()
    field_text = Decoded(text, decoded.encoding, warnings)
    metadata = {key: strip_controls(scrub_surrogates(meta)[0]) for key, meta in record_metadata(value).items()}
    record = {"record": number, "metadata": metadata}
    if found.is_html:
        return html_document(path, source, field_text, options, **record)
    if len(text) > options.max_document_chars or text.count("\n") >= options.max_document_lines:
        raise Unreadable(
            f"is too long for one document ({len(text):,} characters, {text.count(chr(10)) + 1:,} lines; "
            f"the limits are {options.max_document_chars:,} and {options.max_document_lines:,})"
        )
    return text_document(path, source, field_text, options, **record)


def read_warc(path: Path, source: str, options: ReadOptions = ReadOptions(), part: WarcSlice = WHOLE) -> Iterator[Document | Problem]:
    """The pages of a web archive (or a slice of it) as Documents; the archive's problems are passed on."""
    for page in warc_pages(path, source, options.max_file_bytes, part):
        if isinstance(page, Problem):
            yield page
            continue
        try:
            yield warc_document(path, page, options)
        except Unreadable as exc:
            yield Problem(page.name, str(exc), page.index)


def warc_document(path: Path, page: WarcPage, options: ReadOptions) -> Document:
    metadata = {"url": page.url} if page.url else {}
    if not page.is_html:
        if page.date:
            metadata["date"] = page.date
        return text_document(path, page.name, page.decoded, options, record=page.index, metadata=metadata)
    doc = html_document(path, page.name, page.decoded, options, record=page.index, metadata=metadata)
    if page.date and not doc.metadata.get("date"):
        doc.metadata["date"] = page.date  # the crawl date only when the page gives none of its own
    return doc


def read_parquet(path: Path, source: str, options: ReadOptions = ReadOptions()) -> Iterator[Document | Problem]:
    """A Parquet shard's rows as records, like the lines of a JSONL file."""
    count = 0
    file_text = Decoded("", "utf-8")
    try:
        for number, row in enumerate(parquet_rows(path)):
            count += 1
            try:
                yield record_document(path, source, number, row, file_text, options)
            except Unreadable as exc:
                yield Problem(source, str(exc), number)
    except ShardError as exc:
        yield Problem(source, str(exc) if count == 0 else f"could not be read past record {count}: {exc}")
        return
    if count == 0:
        yield Problem(source, "contains no records")


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
        except ValueError as exc:  # e.g. a number of more than 4,300 digits
            raise Unreadable(f"is not usable JSON: {exc}") from None
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
        except (ValueError, RecursionError):
            pass
    yield from _parsed_lines(itertools.chain([first], lines))


class WholeFileNeeded(Exception):
    """A streamed file that turns out to need reading whole (one JSON document under a .jsonl name, UTF-16)."""


def read_record_slice(path: Path, source: str, options: ReadOptions, part: LineSlice) -> Iterator[Document | Problem]:
    """The documents of one slice of a JSON Lines, CSV or TSV file (readers/splits.py): the slices, one after
    the other, give exactly what `read_file` gives for the whole file."""
    path = Path(path)
    yield from stream_record_file(path, source, kind_of(path.name), options, part)


def stream_record_file(path: Path, source: str, kind: Kind, options: ReadOptions, part: LineSlice | None = None) -> Iterator[Document | Problem]:
    """JSONL, CSV and TSV read record by record: memory holds one record, whatever the file's size."""
    try:
        yield from _stream_records(path, source, kind, options, part)
    except Unreadable as exc:
        yield Problem(source, str(exc))
    except WholeFileNeeded:
        try:
            data = load_bytes(path, options.max_file_bytes)
            yield from record_documents(path, source, kind, decode(data, decode_text), options)
        except Unreadable as exc:
            yield Problem(source, str(exc))


def _stream_records(path: Path, source: str, kind: Kind, options: ReadOptions, part: LineSlice | None = None) -> Iterator[Document | Problem]:
    file, _ = open_input(path, options.max_file_bytes)
    whole = part is None or part.offset == 0  # what is said of the file (its warnings, "no records") is said once
    with file:
        raw: Any = gzip.GzipFile(fileobj=file) if split_gzip(path.name)[1] else zstd_stream(file) if is_zstd(path.name) else file
        stream = _LimitedReader(raw, options.max_file_bytes)
        sample = stream.read(DETECTION_SAMPLE)
        if not sample or sample.isspace():
            raise Unreadable("is empty" + (" (0 bytes)" if not sample else " (only whitespace)"))
        if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in sample:
            raise WholeFileNeeded()
        cut = sample.rfind(b"\n") + 1 if len(sample) == DETECTION_SAMPLE and b"\n" in sample else len(sample)
        decoded = decode(sample[:cut], decode_text)
        for warning in decoded.warnings if whole else ():  # said once for the file, not on each of its records
            yield Problem(source, warning, fatal=False)
        encoding = "utf-8-sig" if decoded.encoding == "utf-8" and (part is None or part.offset == 0) else decoded.encoding
        head = decoded.text[:65536]  # enough to see a CSV header
        record_shell = Decoded("", decoded.encoding)
        del decoded
        binary: io.BufferedReader
        if part is None:
            binary = io.BufferedReader(_Rewound(sample, stream), CHUNK)
        else:
            file.seek(part.offset)
            binary = io.BufferedReader(_Window(file, part.end - part.offset), CHUNK)
        del sample
        text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
        count = 0
        for number, value in _streamed_records(kind, text, head, options.text_field, part):
            count += 1
            if isinstance(value, RecordError):
                yield Problem(source, str(value), number)
                continue
            try:
                yield record_document(path, source, number, value, record_shell, options)
            except Unreadable as exc:
                yield Problem(source, str(exc), number)
        if count == 0 and whole:
            raise Unreadable("contains no records")


def _streamed_records(kind: Kind, text: TextIO, sample: str, text_field: str | None, part: LineSlice | None = None) -> Iterator[tuple[int, Any]]:
    if kind is Kind.JSONL:
        lines = json_lines(text, part.first_record, part.first_line) if part else json_lines(text)
        first = next(lines, None)
        if first is None:
            return
        if isinstance(first[2], json.JSONDecodeError) and (part is None or part.offset == 0):  # one JSON document under a .jsonl name?
            raise WholeFileNeeded()
        yield from _parsed_lines(itertools.chain([first], lines))
        return
    past_header = (part.first_record, part.first_line) if part is not None and part.offset > 0 else None  # a slice's header is in `sample`
    try:
        yield from csv_rows(text, "\t" if kind is Kind.TSV else None, sample=sample, part=past_header)
    except RecordError as exc:
        raise Unreadable(str(exc)) from None


def _parsed_lines(lines: Iterator[tuple[int, int, Any]]) -> Iterator[tuple[int, Any]]:
    for number, line, value in lines:
        if isinstance(value, json.JSONDecodeError):
            yield number, RecordError(f"line {line} is not valid JSON: {value.msg} (column {value.colno})")
        else:
            yield number, value


class _LimitedReader(io.RawIOBase):
    """A binary stream that stops with Unreadable once more than `limit` bytes came out (a .gz bomb)."""

    def __init__(self, inner: Any, limit: int):
        self.inner, self.limit, self.done = inner, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.inner.read(len(buffer))
        except (OSError, EOFError, zlib.error) as exc:
            raise Unreadable(f"cannot be read to the end ({exc})") from None
        self.done += len(data)
        if self.done > self.limit:
            raise Unreadable(f"is too large (over {_size(self.limit)})")
        buffer[: len(data)] = data
        return len(data)


class _Window(io.RawIOBase):
    """The next `size` bytes of a file, then its end (a slice of a JSON Lines, CSV or TSV file)."""

    def __init__(self, file: Any, size: int):
        self.file, self.left = file, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.file.read(min(len(buffer), self.left))
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


class _Rewound(io.RawIOBase):
    """The bytes already read for detection, then the rest of the stream."""

    def __init__(self, head: bytes, rest: io.RawIOBase):
        self.head: bytes | None = head
        self.offset = 0
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head is not None:
            n = min(len(buffer), len(self.head) - self.offset)
            buffer[:n] = memoryview(self.head)[self.offset : self.offset + n]
            self.offset += n
            if self.offset >= len(self.head):
                self.head = None  # read: let it go
            if n:
                return n
        return self.rest.readinto(buffer)


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
